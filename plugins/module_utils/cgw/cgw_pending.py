# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which lines of the intended config the device does not have yet, worked out from one config read.

Why: loading every intended line into a candidate to ask the device for a diff costs one round trip
per line, on every run. With the config read once, the lines already in place are left out; the
device still works out (and shows) the exact diff of what is left, and when nothing is left the run
sends nothing. This only ever leaves out lines the device already has, so it cannot hide a change.

Junos stores a clear pre-shared key as ``$9$...`` (junos_secret): a stored key is compared decoded.
"""

from __future__ import annotations

import shlex

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import junos_secret
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

_SET_PLATFORMS = ("junos", "vyos", "vyos13")
_JUNOS_SECRET_WORDS = ("ascii-text",)


def _paths(node, prefix=()):
    if not node:
        yield prefix
    for word, child in node.items():
        yield from _paths(child, prefix + (word,))


def _has(tree, path, platform):
    node = tree
    for i, word in enumerate(path):
        if word in node:
            node = node[word]
            continue
        if platform == "junos" and i and path[i - 1] in _JUNOS_SECRET_WORDS and len(node) == 1:
            stored = next(iter(node))
            try:
                return junos_secret.is_encoded(stored) and junos_secret.decode(stored) == word and not node[stored]
            except junos_secret.SecretError:
                return False
        return False
    return True


def _junos_unbracketed(line: str) -> str:
    """A Junos list without its brackets (``proposals [ A B ]`` -> ``proposals A B``), on both sides of the
    comparison: it matches only the same values in the same order, so it can hide no change."""
    words = shlex.split(line)
    if "[" not in words:
        return line
    return shlex.join([word for word in words if word not in ("[", "]")])


def set_lines(lines, running_text: str, platform: str) -> list:
    """The ``set`` lines of ``lines`` the running config (``display set`` / ``show configuration commands``
    text) lacks, in order; any other line (``delete ...``) is kept."""
    if platform not in _SET_PLATFORMS:
        raise S2SError("platform %r has no set-line config; valid: %s" % (platform, ", ".join(_SET_PLATFORMS)))
    leaves = _junos_unbracketed if platform == "junos" else str
    running = load.set_tree("\n".join(leaves(line) for line in (running_text or "").splitlines() if line.startswith("set ")), platform).root
    out = []
    for line in lines:
        if not line.strip().startswith("set "):
            out.append(line)
            continue
        wanted = load.set_tree(leaves(line), platform).root
        if not all(_has(running, path, platform) for path in _paths(wanted)):
            out.append(line)
    return out


def ios_lines(candidate: str, running_text: str) -> list:
    """The IOS candidate lines (with their parents) the running config lacks - what ``cli_config``
    with ``diff_match: line`` would send."""
    from ansible_collections.ansible.netcommon.plugins.module_utils.network.common.config import (  # pylint: disable=import-outside-toplevel
        NetworkConfig, dumps)
    want = NetworkConfig(indent=1, contents=candidate or "")
    have = NetworkConfig(indent=1, contents=running_text or "")
    return [line for line in dumps(want.difference(have, match="line"), "commands").splitlines() if line.strip()]
