# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Set-style configuration (Junos, VyOS): a tree of words with the value words marked.

``set a b c`` adds a path; a grammar match says how many leading words form the key, so a
single-valued leaf replaces its old value while tags and leaf-lists accumulate. The tree
renders as ``set`` lines, as curly-brace hierarchy, and diffs itself against another tree.
"""

from __future__ import annotations

import copy


class SetTree:
    def __init__(self, root=None, values=()):
        self.root = root if root is not None else {}
        self.values = set(tuple(v) for v in values)   # paths whose last word is a value, not a keyword

    # -- persistence -------------------------------------------------------------------
    def to_json(self):
        return {"root": self.root, "values": sorted(list(v) for v in self.values)}

    @classmethod
    def from_json(cls, data):
        data = data or {}
        return cls(copy.deepcopy(data.get("root", {})), data.get("values", ()))

    def copy(self):
        return SetTree(copy.deepcopy(self.root), self.values)

    def sorted(self):
        """A copy with children in VyOS order: alphabetical, numeric tags by value."""
        def order(word):
            return (0, int(word), "") if word.isdigit() else (1, 0, word)

        def walk(node):
            return {word: walk(node[word]) for word in sorted(node, key=order)}
        return SetTree(walk(self.root), self.values)

    def __eq__(self, other):
        return isinstance(other, SetTree) and self.root == other.root

    # -- edits -------------------------------------------------------------------------
    def node(self, path):
        node = self.root
        for word in path:
            node = node.get(word)
            if node is None:
                return None
        return node

    def set(self, words, key_words, value_positions):
        """Add ``words``; words after ``key_words`` replace whatever value the key had."""
        node = self.root
        for i, word in enumerate(words):
            if i == key_words and key_words < len(words):
                for old in list(node):
                    # only an old value is replaced: keyword siblings (then accept / then metric) stay
                    if old != word and self.is_value(tuple(words[:i]) + (old,)):
                        self._drop(tuple(words[:i]) + (old,))
                        del node[old]
            node = node.setdefault(word, {})
        for pos in value_positions:
            self.values.add(tuple(words[:pos + 1]))

    def delete(self, words):
        """Remove a path and everything below it; prune parents left empty. False if absent."""
        parent = self.node(words[:-1]) if words else None
        if parent is None or words[-1] not in parent:
            return False
        del parent[words[-1]]
        self._drop(tuple(words))
        for depth in range(len(words) - 1, 0, -1):
            node = self.node(words[:depth])
            if node:
                break
            del self.node(words[:depth - 1])[words[depth - 1]]
            self._drop(tuple(words[:depth]))
        return True

    def _drop(self, prefix):
        self.values = {v for v in self.values if v[:len(prefix)] != prefix}

    # -- views -------------------------------------------------------------------------
    def paths(self, node=None, prefix=()):
        node = self.root if node is None else node
        for word, child in node.items():
            path = prefix + (word,)
            if child:
                yield from self.paths(child, path)
            else:
                yield path

    def is_value(self, path):
        return tuple(path) in self.values

    def set_lines(self, quote):
        """``set`` lines; ``quote(path, is_leaf_value)`` spells each word."""
        out = []
        for path in self.paths():
            words = [quote(word, self.is_value(path[:i + 1]) and i == len(path) - 1) for i, word in enumerate(path)]
            out.append("set " + " ".join(words))
        return out

    def curly(self, leaf_end=";", quote=None, block_tags=frozenset(), node=None, prefix=(), depth=0):
        """Hierarchical text: ``keyword value {`` blocks, ``keyword value;`` leaves.

        Keywords in ``block_tags`` print their values as blocks of their own (Junos ``interfaces {``).
        """
        quote = quote or (lambda word: word)
        node = self.root if node is None else node
        pad = "    " * depth
        out = []
        for word, child in node.items():
            path = prefix + (word,)
            head, node_path, below = [word], path, child
            # a keyword followed by one tag value prints on one line: "proposal P1 {"
            while below and word not in block_tags and len(below) == 1 and all(self.is_value(node_path + (k,)) for k in below):
                value = next(iter(below))
                head.append(quote(value))
                node_path, below = node_path + (value,), below[value]
            if below and all(self.is_value(node_path + (k,)) and not below[k] for k in below) and len(below) > 1:
                out.append("%s%s [ %s ]%s" % (pad, " ".join(head), " ".join(quote(k) for k in below), leaf_end))
            elif below and word not in block_tags and all(self.is_value(node_path + (k,)) for k in below):
                for value, sub in below.items():
                    if not sub and leaf_end:    # Junos: "server 10.0.0.2;" beside "server 10.0.0.1 { prefer; }"
                        out.append("%s%s %s%s" % (pad, " ".join(head), quote(value), leaf_end))
                        continue
                    out.append("%s%s %s {" % (pad, " ".join(head), quote(value)))
                    out.extend(self.curly(leaf_end, quote, block_tags, sub, node_path + (value,), depth + 1))
                    out.append(pad + "}")
            elif below:
                out.append("%s%s {" % (pad, " ".join(head)))
                out.extend(self.curly(leaf_end, quote, block_tags, below, node_path, depth + 1))
                out.append(pad + "}")
            else:
                out.append("%s%s%s" % (pad, " ".join(head), leaf_end))
        return out

    def diff(self, old):
        """(parent path, sign, leaf words) for every leaf path removed (-) or added (+)."""
        mine, theirs = set(self.paths()), set(old.paths())
        values = self.values | old.values
        out = []
        for sign, paths, other in (("-", old.paths(), mine), ("+", self.paths(), theirs)):
            for path in paths:
                if path in other:
                    continue
                # the statement is "keyword value" when the last word is a value
                cut = len(path) - 2 if len(path) > 1 and path in values else len(path) - 1
                out.append((path[:cut], sign, path[cut:]))
        return out
