# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device config text -> the structured model (shape.py), one entry point for every platform.

Input is what the device prints: IOS-XE ``show running-config``, Junos ``show configuration |
display set``, VyOS ``show configuration commands``. The texts are read into the same trees
the device twins keep (IOS: ordered [line, children] nodes; Junos/VyOS: nested word dicts), and
the per-vendor builders (ios.py, junos.py, vyos.py) turn a tree into the model.

Why not hier_config here: its tree would have to be converted node by node into the shape the
builders (and the twins) already walk, and the two rules needed - IOS indentation, set-line
words - are a few lines; the quoting of set lines is shlex's job.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import ios, junos, vyos
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

PLATFORMS = ("ios", "junos", "vyos", "vyos13")
_JUNOS_MULTI_LEAF = "dead-peer-detection"
_IOS_NOISE = ("!", "end", "exit-address-family", "Building configuration", "Current configuration")


class DeviceConfigError(S2SError):
    """A config text that cannot be read (names the platform and the line)."""


@dataclass(frozen=True)
class Source:
    """What the builders need to know about the config besides its text."""
    name: str
    platform: str
    version: str = None
    hostname: str = None
    psk_salt: str = "hybridvpn.s2s"


class _IosTree:
    def __init__(self, nodes):
        self.nodes = nodes


class _SetTree:
    def __init__(self, root):
        self.root = root


def ios_tree(text: str) -> _IosTree:
    """Indentation -> [line, children] nodes (a deeper line is a child of the last shallower one)."""
    root = []
    stack = [(-1, root)]
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith(_IOS_NOISE):
            continue
        depth = len(line) - len(line.lstrip(" "))
        while stack[-1][0] >= depth:
            stack.pop()
        node = [stripped, []]
        stack[-1][1].append(node)
        stack.append((depth, node[1]))
    return _IosTree(root)


def _junos_leaf_lines(words):
    """Junos takes several leaves of one statement on a line (``dead-peer-detection interval 10 threshold 3``,
    as in AWS's samples); ``display set`` prints one per line. Split into the printed form."""
    if _JUNOS_MULTI_LEAF not in words[:-1]:
        return [words]
    at = words.index(_JUNOS_MULTI_LEAF) + 1
    lines, rest = [], words[at:]
    while rest:
        take = 2 if len(rest) > 1 and rest[1].isdigit() else 1
        lines.append(words[:at] + rest[:take])
        rest = rest[take:]
    return lines


def set_tree(text: str, platform: str) -> _SetTree:
    """``set a b "c d"`` lines -> nested dicts of words (values are leaf keys, as in the twins)."""
    root = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", "/*")):
            continue
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise DeviceConfigError("%s config line %d: %s" % (platform, number, exc))
        if words[0] != "set":
            raise DeviceConfigError("%s config line %d: expected a 'set' command (display set format), got %r"
                                    % (platform, number, words[0]))
        if platform == "junos" and len(words) > 2 and words[1] == "interfaces" and "." in words[2]:
            # Junos takes ``interfaces st0.1`` for ``interfaces st0 unit 1`` (AWS's samples use it)
            device, unit = words[2].split(".", 1)
            words[2:3] = [device, "unit", unit]
        for line_words in _junos_leaf_lines(words) if platform == "junos" else [words]:
            node = root
            for word in line_words[1:]:
                node = node.setdefault(word, {})
    return _SetTree(root)


def parse(text: str, source: Source) -> dict:
    """The structured model of one device config text."""
    if source.platform not in PLATFORMS:
        raise DeviceConfigError("platform %r is not supported; valid: %s" % (source.platform, ", ".join(PLATFORMS)))
    if source.platform == "ios":
        return ios.build(ios_tree(text), source)
    builder = junos if source.platform == "junos" else vyos
    return builder.build(set_tree(text, source.platform), source)
