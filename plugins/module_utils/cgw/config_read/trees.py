# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Config text -> the trees the builders walk (the same trees the device twins keep): indented text as ordered
[line, children] nodes, set lines as nested word dicts. What a platform adds (noise lines, how it abbreviates a set
line) comes from its dialect.

Why not hier_config here: its tree would have to be converted node by node into the shape the builders (and the
twins) already walk, and the two rules needed - indentation, set-line words - are a few lines; the quoting of set
lines is shlex's job.
"""

from __future__ import annotations

import shlex

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class DeviceConfigError(S2SError):
    """A config text that cannot be read (names the platform and the line; ``line`` is its number when known)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message, rule="config.syntax")
        self.line = line


class IndentedTree:
    def __init__(self, nodes):
        self.nodes = nodes


class SetTree:
    def __init__(self, root):
        self.root = root


def indented_tree(text: str, noise=()) -> IndentedTree:
    """Indentation -> [line, children] nodes (a deeper line is a child of the last shallower one); lines starting
    with one of ``noise`` are left out."""
    root = []
    stack = [(-1, root)]
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith(tuple(noise)):
            continue
        depth = len(line) - len(line.lstrip(" "))
        while stack[-1][0] >= depth:
            stack.pop()
        node = [stripped, []]
        stack[-1][1].append(node)
        stack.append((depth, node[1]))
    return IndentedTree(root)


def _as_printed(words):
    return [words]


def set_tree(text: str, platform: str, as_printed=_as_printed, inactive_command=None) -> SetTree:
    """``set a b "c d"`` lines -> nested dicts of words (values are leaf keys, as in the twins). ``as_printed``: a
    line's words as the lines the platform prints them (its dialect's ``set_words``). ``inactive_command``: the
    command that marks a statement inactive (Junos ``deactivate``): its subtree is left out, because the device does
    not apply inactive config."""
    root = {}
    inactive = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", "/*")):
            continue
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise DeviceConfigError("%s config line %d: %s" % (platform, number, exc), number)
        if words[0] == inactive_command:
            inactive.extend(as_printed(words))
            continue
        if words[0] != "set":
            raise DeviceConfigError("%s config line %d: expected a 'set' command (display set format), got %r"
                                    % (platform, number, words[0]), number)
        for line_words in as_printed(words):
            node = root
            for word in line_words[1:]:
                node = node.setdefault(word, {})
    for words in inactive:
        _prune(root, words[1:])
    return SetTree(root)


def _prune(root, path):
    """Remove the statement at ``path`` (a container, or a leaf with its value)."""
    node = root
    for word in path[:-1]:
        node = node.get(word)
        if node is None:
            return
    node.pop(path[-1], None)
