# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Building blocks the dialects compose, free of any platform's spelling.

- removal: the names and interface numbers of the connections being removed, and set-line rules applied in order;
- undo record syntax: a shared setting (``Shared``) and how a config text reads as paths (``RecordSyntax``: indented
  text, ``SetLineRecord``: set lines); each dialect says where its record lives and which settings are shared.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections import namedtuple


# -- removal ----------------------------------------------------------------------------------------------------------
def owned_name(names):
    """Matches an object name that is one of ``names`` or starts with ``<name>-`` (S2S-0a1b, not S2S-0a1bc)."""
    return re.compile(r"^(?:%s)(?:-\S*)?$" % "|".join(re.escape(n) for n in names)) if names else re.compile(r"(?!)")


def connection_names(remove):
    return ["S2S-%s" % entry["vpn_connection_id"].replace("vpn-", "") for entry in remove]


def removed(remove, discovered):
    """Connection names, tunnel ids and owned interface numbers of the connections in ``remove``."""
    tunnel_ids = {tid for entry in remove for tid in entry["tunnel_ids"]}
    numbers = sorted(n for tid, n in (discovered or {}).get("owned", {}).items() if tid in tunnel_ids)
    return connection_names(remove), tunnel_ids, numbers


def unquote(word):
    return word.strip("'\"")


def collect(lines, rules):
    """Apply ``rules`` (functions from a line's words to a delete command or None) to set lines, keeping order."""
    out = []
    for line in lines:
        words = line.split()
        if not words or words[0] != "set":
            continue
        for rule in rules:
            command = rule(words[1:])
            if command and command not in out:
                out.append(command)
    return out


def named_rule(paths, owned, unquoted=False):
    """A rule deleting ``<path> <tag>`` when the tag after one of ``paths`` is an owned name."""
    def named(words):
        for path in paths:
            if tuple(words[:len(path)]) == path and len(words) > len(path):
                tag = unquote(words[len(path)]) if unquoted else words[len(path)]
                if owned.match(tag):
                    return "delete " + " ".join(words[:len(path) + 1])
        return None
    return named


# -- undo record syntax -----------------------------------------------------------------------------------------------
# A shared setting: ``pattern`` matches a config path (a line or word prefix per level, ``*`` any); its key is the
# first ``key`` levels (None: the whole line, one entry per value); ``value``: one value, recorded and put back
# (otherwise the setting is deleted on undo).
Shared = namedtuple("Shared", "pattern key value")


def matches(part, element):
    return element == "*" or part == element or part.startswith(element + " ")


def under(path, key):
    """Whether ``path`` is ``key`` or lies below it."""
    return len(path) >= len(key) and all(matches(p, k) for p, k in zip(path, key))


class RecordSyntax:
    """What differs per platform in the undo record: config text as paths, the shared settings, the record's syntax."""

    SHARED = ()
    SEP = " "              # joins a key's levels in a record entry
    BLOCKS = False         # record a block a push creates (set-line platforms drop a node left empty themselves)

    def setting(self, path):
        return next((s for s in self.SHARED if under(path, s.pattern)), None)

    def is_block(self, key):
        return self.BLOCKS and self.setting(key) is None

    def key(self, path):
        setting = self.setting(path)
        if setting.key is None:
            return tuple(path)
        last = setting.pattern[setting.key - 1]     # IOS: the keyword, not the whole line
        return tuple(path[:setting.key - 1]) + (path[setting.key - 1] if last == "*" else last,)

    def entry_id(self, key):
        return hashlib.sha1(self.SEP.join(key).encode("utf-8")).hexdigest()[:8]


class SetLineRecord(RecordSyntax):
    """Set-line configs (Junos ``display set``, VyOS ``show configuration commands``): a path of words per line."""

    def paths(self, text):
        """A path per value: Junos prints a list as ``export [ A B ]``."""
        out = []
        for line in (text or "").splitlines():
            words = shlex.split(line)[1:] if line.startswith("set ") else []
            if "[" in words:
                head = words[:words.index("[")]
                out.extend(tuple(head + [word]) for word in words[len(head) + 1:] if word != "]")
            elif words:
                out.append(tuple(words))
        return out

    def value(self, key, held):
        return " ".join(held[len(key):])

    def undo(self, key, prior, _current):
        if prior is not None:
            return (), "set " + shlex.join(key + tuple(prior.split()))
        return (), "delete " + shlex.join(key)
