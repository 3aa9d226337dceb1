# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-style configuration: an ordered tree of lines, rendered one space per level.

Node = [line, children]. Replacing a line is keyed by the caller (the grammar knows that
``ip address 10.0.0.1 255.255.255.0`` replaces any other ``ip address``); this module only
stores, finds, removes and renders.
"""

from __future__ import annotations

import copy
import re


class IosConfig:
    def __init__(self, nodes=None):
        self.nodes = nodes if nodes is not None else []

    def to_json(self):
        return self.nodes

    @classmethod
    def from_json(cls, data):
        return cls(copy.deepcopy(data or []))

    def copy(self):
        return IosConfig(copy.deepcopy(self.nodes))

    def __eq__(self, other):
        return isinstance(other, IosConfig) and self.nodes == other.nodes

    def children(self, path):
        """Child list under the block lines ``path`` (created when missing)."""
        nodes = self.nodes
        for line in path:
            for node in nodes:
                if node[0] == line:
                    nodes = node[1]
                    break
            else:
                node = [line, []]
                nodes.append(node)
                nodes = node[1]
        return nodes

    def lookup(self, path):
        """Children under ``path`` or None, without creating anything."""
        nodes = self.nodes
        for line in path:
            nodes = next((node[1] for node in nodes if node[0] == line), None)
            if nodes is None:
                return None
        return nodes

    def put(self, path, line, same_key):
        """Set ``line`` under ``path``; an existing line for which ``same_key`` is true is replaced in place."""
        nodes = self.children(path)
        for node in nodes:
            if node[0] == line:
                return node
        for node in nodes:
            if same_key(node[0]):
                node[0] = line
                return node
        node = [line, []]
        nodes.append(node)
        return node

    def remove(self, path, text):
        """Remove lines under ``path`` equal to ``text`` or starting with ``text + ' '``; count removed."""
        nodes = self.lookup(path)
        if nodes is None:
            return 0
        keep = [n for n in nodes if not (n[0] == text or n[0].startswith(text + " "))]
        removed = len(nodes) - len(keep)
        nodes[:] = keep
        return removed

    def lines(self, nodes=None, depth=0):
        """Rendered lines; BGP address families close with exit-address-family like IOS prints them."""
        out = []
        for line, children in (self.nodes if nodes is None else nodes):
            out.append(" " * depth + line)
            out.extend(self.lines(children, depth + 1))
            if line.startswith("address-family "):
                out.append(" " * depth + "exit-address-family")
        return out

    def blocks(self):
        """Top-level blocks as lists of rendered lines (what ``| section`` selects from)."""
        return [self.lines([node]) for node in self.nodes]

    def section(self, pattern):
        regex = re.compile(pattern)
        out = []
        for block in self.blocks():
            if any(regex.search(line) for line in block):
                out.extend(block)
        return out
