# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The settings a push adds to or changes in config the device shares, recorded on the device, and their undo.

Per-connection objects are removed by name (cgw_removal). A push also touches settings that are no connection's
own: IOS-XE archive settings, ``bgp log-neighbor-changes``, BGP networks and maximum-paths; the Junos AS, TCP MSS and
ECMP policy and export; the VyOS IPsec interface, route autoinstall, BGP system-as, networks and maximum-paths. The
first time a push touches one, what the device had there (a value, or nothing) is written to the device itself, one
record entry per setting, so a removal from any controller (an AWX container, another laptop) can put it back:

- IOS-XE: ``event manager environment s2s_undo_<id> <block> | <setting> [= <prior line>]`` (an EEM environment variable)
- Junos:  ``set apply-macro s2s-undo k<id> "<path> [= <prior value>]"``
- VyOS:   ``set policy prefix-list S2S-UNDO-<id> description '<path> [= <prior value>]'`` (a list without rules)

A removal puts back every recorded setting that no line of the config rendered for the connections the run keeps
lies under, and drops its entry: the record is gone once nothing of the role is left. Only these shared settings are
ever recorded, so an entry never holds a key.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections import namedtuple

# A shared setting: ``pattern`` matches a config path (a line or word prefix per level, ``*`` any); its key is the
# first ``key`` levels (None: the whole line, one entry per value); ``value``: one value, recorded and put back
# (otherwise the setting is deleted on undo).
Shared = namedtuple("Shared", "pattern key value")


def _matches(part, element):
    return element == "*" or part == element or part.startswith(element + " ")


def _under(path, key):
    """Whether ``path`` is ``key`` or lies below it."""
    return len(path) >= len(key) and all(_matches(p, k) for p, k in zip(path, key))


class _Dialect:
    """What differs per platform: config text as paths, the shared settings, the record's syntax."""

    SHARED = ()
    SEP = " "              # joins a key's levels in a record entry
    BLOCKS = False         # record a block a push creates (set-line platforms drop a node left empty themselves)

    def setting(self, path):
        return next((s for s in self.SHARED if _under(path, s.pattern)), None)

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


class _Ios(_Dialect):
    SHARED = (Shared(("archive", "path"), 2, True), Shared(("archive", "maximum"), 2, True),
              Shared(("router bgp", "bgp log-neighbor-changes"), None, False),
              Shared(("router bgp", "address-family ipv4", "network"), None, False),
              Shared(("router bgp", "address-family ipv4", "maximum-paths"), 3, True))
    SEP = " | "
    BLOCKS = True
    _ENTRY = re.compile(r"^event manager environment s2s_undo_(\w+) (.*)$")
    _NOISE = ("end", "exit-address-family")
    _HEADERS = ("!", "Building configuration", "Current configuration")

    def paths(self, text):
        """Every line of an indented IOS text, as the tuple of its block lines and itself."""
        out, stack = [], []
        for line in (text or "").splitlines():
            body = line.strip()
            if body and body not in self._NOISE and not body.startswith(self._HEADERS):
                stack = stack[:len(line) - len(line.lstrip(" "))] + [body]
                out.append(tuple(stack))
        return out

    def value(self, key, held):
        return held[len(key) - 1]

    def record_line(self, entry_id, text):
        return "event manager environment s2s_undo_%s %s" % (entry_id, text)

    def record(self, text):
        found = (self._ENTRY.match(line) for line in (text or "").splitlines())
        return {m.group(1): m.group(2).strip() for m in found if m}

    def drop(self, entry_ids, _everything):
        return [((), "no event manager environment s2s_undo_%s" % i) for i in entry_ids]

    def undo(self, key, prior, current):
        """(block lines to enter, line): the prior line, or the ``no`` form of what the device holds."""
        return key[:-1], prior if prior is not None else "no " + current[len(key) - 1]


class _SetLines(_Dialect):
    """Junos ``display set`` and VyOS ``show configuration commands``: a path of words per ``set`` line."""

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


class _Junos(_SetLines):
    SHARED = (Shared(("routing-options", "autonomous-system"), 2, True),
              Shared(("security", "flow", "tcp-mss", "ipsec-vpn", "mss"), 5, True),
              Shared(("routing-options", "forwarding-table", "export"), None, False),
              # the ECMP policy (cgw_junos_ecmp_policy): the whole policy-statement goes
              Shared(("policy-options", "policy-statement", "*", "then", "load-balance"), 3, False))

    def record_line(self, entry_id, text):
        return 'set apply-macro s2s-undo k%s "%s"' % (entry_id, text)

    def record(self, text):
        return {path[2][1:]: path[3] for path in self.paths(text)
                if path[:2] == ("apply-macro", "s2s-undo") and len(path) == 4 and path[2].startswith("k")}

    def drop(self, entry_ids, everything):
        if everything:
            return [((), "delete apply-macro s2s-undo")]
        return [((), "delete apply-macro s2s-undo k%s" % i) for i in entry_ids]


class _Vyos(_SetLines):
    # 1.4+ and 1.3 spellings (1.3: ipsec-interfaces, BGP under ``protocols bgp <ASN>``)
    SHARED = (Shared(("vpn", "ipsec", "interface"), None, False),
              Shared(("vpn", "ipsec", "ipsec-interfaces", "interface"), None, False),
              Shared(("vpn", "ipsec", "options", "disable-route-autoinstall"), None, False),
              Shared(("protocols", "bgp", "system-as"), 3, True),
              Shared(("protocols", "bgp", "address-family", "ipv4-unicast", "network"), None, False),
              Shared(("protocols", "bgp", "address-family", "ipv4-unicast", "maximum-paths", "ebgp"), 6, True),
              Shared(("protocols", "bgp", "*", "address-family", "ipv4-unicast", "network"), None, False),
              Shared(("protocols", "bgp", "*", "address-family", "ipv4-unicast", "maximum-paths", "ebgp"), 7, True))
    _LIST = "S2S-UNDO-"

    def record_line(self, entry_id, text):
        return "set policy prefix-list %s%s description '%s'" % (self._LIST, entry_id, text)

    def record(self, text):
        return {path[2][len(self._LIST):]: path[4] for path in self.paths(text)
                if path[:2] == ("policy", "prefix-list") and len(path) == 5 and path[2].startswith(self._LIST)
                and path[3] == "description"}

    def drop(self, entry_ids, _everything):
        return [((), "delete policy prefix-list %s%s" % (self._LIST, i)) for i in entry_ids]


DIALECTS = {"ios": _Ios(), "junos": _Junos(), "vyos": _Vyos()}


def _find(have, key):
    return next((path for path in have if _under(path, key)), None)


def _text(dialect, key, prior):
    return dialect.SEP.join(key) + ("" if prior is None else " = " + prior)


def _parse(dialect, text):
    key, sep, prior = text.partition(" = ")
    return tuple(key.split(dialect.SEP)), (prior if sep else None)


def _entries(dialect, have, path):
    """(key, prior) for a line a push adds: its setting with what ``have`` holds there (None: nothing), and on IOS
    first the outermost block the line creates."""
    key = dialect.key(path)
    out = []
    if dialect.BLOCKS:
        block = next((key[:i] for i in range(1, len(key)) if _find(have, key[:i]) is None), None)
        if block:
            out.append((block, None))
    held = _find(have, key) if dialect.setting(path).value else None
    out.append((key, dialect.value(key, held) if held else None))
    return out


def record(platform, before_text, wanted_text):
    """Record lines for the shared settings ``wanted_text`` (the config a push renders) adds to or changes in
    ``before_text`` (the device's config before the push) that the record does not hold yet."""
    dialect = DIALECTS[platform]
    have = dialect.paths(before_text)
    held = set(have)
    known = {_parse(dialect, text)[0] for text in dialect.record(before_text).values()}
    out = []
    for path in dialect.paths(wanted_text):
        if path in held or dialect.setting(path) is None:
            continue
        for key, prior in _entries(dialect, have, path):
            if key not in known:
                known.add(key)
                out.append(dialect.record_line(dialect.entry_id(key), _text(dialect, key, prior)))
    return out


def _only_ours(dialect, have, block, gone):
    """Whether an IOS block a push created holds nothing but shared settings and lines of the connections being
    removed (lines starting with one of ``gone``): then it goes whole."""
    for path in have:
        if len(path) > len(block) and _under(path, block) and not any(len(p) > len(path) and _under(p, path) for p in have):
            if dialect.setting(path) is None and not path[-1].startswith(tuple(gone)):
                return False
    return True


def _emit(steps):
    """Lines from (block lines, line) steps: a block is entered again unless the previous step was inside it."""
    out, inside = [], ()
    for blocks, line in steps:
        start = len(inside) if tuple(blocks[:len(inside)]) == inside else 0
        out.extend(" " * depth + blocks[depth] for depth in range(start, len(blocks)))
        out.append(" " * len(blocks) + line)
        inside = tuple(blocks)
    return out


def restore(platform, config_text, wanted_text, gone=()):
    """Lines that put back every recorded setting no line of ``wanted_text`` (the config rendered for the connections
    the run keeps) lies under, then drop their entries. ``gone``: IOS line starts (``neighbor <address> ``) of the
    connections being removed, so that a block left with nothing else goes whole."""
    dialect = DIALECTS[platform]
    have = dialect.paths(config_text)
    wanted = dialect.paths(wanted_text)
    entries = dialect.record(config_text)
    unneeded = {}
    for entry_id, text in entries.items():
        key, prior = _parse(dialect, text)
        if not any(_under(path, key) for path in wanted):
            unneeded[entry_id] = (key, prior)
    blocks = [key for key, _prior in unneeded.values() if dialect.is_block(key) and _only_ours(dialect, have, key, gone)]
    steps = []
    for key, prior in sorted(unneeded.values()):
        current = _find(have, key)
        if any(len(key) > len(block) and _under(key, block) for block in blocks) or current is None and prior is None:
            continue     # goes with its block, or already gone
        if dialect.is_block(key) and key not in blocks:
            continue     # a block that holds other config now: its settings are put back one by one
        if prior is None or current is None or dialect.value(key, current) != prior:
            steps.append(dialect.undo(key, prior, current))
    return _emit(steps + dialect.drop(sorted(unneeded), len(unneeded) == len(entries)))
