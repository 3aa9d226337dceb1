# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VyOS's own command tree, judged as the device judges a ``set`` (issue 16).

The tree is the fixture lab/docgen/vyos_cli_tree.py reduced from vyos-1x (1.4) and the Vyatta templates (1.3):
tests/fixtures/vendor/vyos/cli-tree-<release>.json. ``CommandTree.check(words)`` walks a path as vyatta-cfg's
cstore does (``Cstore::get_parsed_tmpl``/``validateSetPath``, vyos/vyatta-cfg src/cstore/cstore.cpp at
0a5b58a0f9a2c907092c6420312bda030beccb73): an exact child name first, else a tag value, a value after a leaf, and
the value rules of the node; the refusal carries VyOS's wording. No product code is used to judge.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from lab.device_twins import vyosvalues

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "vendor", "vyos")
RELEASES = {"vyos": "1.4", "vyos13": "1.3"}


@dataclass
class Step:
    word: str
    node: dict
    role: str        # "node" (a keyword), "tag" (a tag value), "value" (a leaf value)


@dataclass
class Verdict:
    steps: list = field(default_factory=list)
    error: str = ""          # VyOS's message lines, empty when the set is accepted
    bad: int = -1            # index of the offending word

    @property
    def ok(self):
        return not self.error


class CommandTree:
    def __init__(self, fixture):
        self.fixture = fixture
        self.root = {"kind": "node", "children": fixture["tree"]}
        self.subtrees = [tuple(s.split()) for s in fixture["subtrees"]]

    @classmethod
    def load(cls, platform):
        with open(os.path.join(FIXTURES, "cli-tree-%s.json" % RELEASES[platform]), encoding="utf-8") as handle:
            return cls(json.load(handle))

    def owns(self, words):
        """True when the path lies in a subtree the fixture holds (the twin judges it from the tree)."""
        return any(tuple(words[:len(s)]) == s for s in self.subtrees)

    def check(self, words):
        """The set of ``words`` as VyOS judges it (path first, then each value met on the way)."""
        out, node = Verdict(), self.root
        path = " ".join(words)
        i = 0
        while i < len(words):
            word = words[i]
            kind = node.get("kind")
            if kind == "leaf" and not node.get("valueless") and i == len(words) - 1 and out.steps[-1].role == "node":
                role = "value"
            elif kind == "tag" and out.steps and out.steps[-1].role == "node":
                role = "tag"
            elif word in node.get("children", {}) and kind in ("node", "tag"):
                role = "node"
            else:
                out.error, out.bad = "Configuration path: [%s] is not valid" % path, i
                return out
            if role in ("tag", "value"):
                message = vyosvalues.refusal(node, word)
                if message is not None:
                    out.error, out.bad = message + "\nValue validation failed", i
                    return out
                if role == "tag" and (" " in word or not word):
                    out.error, out.bad = "Tag node value name must not contain whitespace", i
                    return out
                out.steps.append(Step(word, node, role))
            else:
                node = node["children"][word]
                out.steps.append(Step(word, node, role))
            i += 1
        last = out.steps[-1] if out.steps else None
        if last and last.role == "node" and (node.get("kind") == "tag" or (node.get("kind") == "leaf" and not node.get("valueless"))):
            out.error, out.bad = "Configuration path: [%s] requires a value" % path, len(words)
        return out

    # -- what the tree holds, for the tests -------------------------------------------------------------------
    def leaves(self):
        """Every (path of (word, node) steps) that ends at a leaf, below the fixture's subtrees."""
        def walk(node, trail):
            for name, child in sorted(node.get("children", {}).items()):
                here = trail + [(name, child)]
                if child.get("kind") == "leaf":
                    yield here
                else:
                    yield from walk(child, here)
        return list(walk(self.root, []))
