# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Walking a set-tree (Junos and VyOS configs as load.set_tree reads them: nested word dicts)."""

from __future__ import annotations


def kids(node, *path):
    """The children below ``path`` (a dict of word -> subtree; empty when the path is absent)."""
    for word in path:
        node = (node or {}).get(word)
    return node or {}


def one(node, *path):
    """The first word below ``path`` (a leaf's value), or None."""
    values = list(kids(node, *path))
    return values[0] if values else None


def number(node, *path):
    """The value below ``path`` as an int, or None."""
    value = one(node, *path)
    return int(value) if value is not None else None
