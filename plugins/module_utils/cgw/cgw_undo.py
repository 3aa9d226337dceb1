# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The settings a push adds to or changes in config the device shares, recorded on the device, and their undo.

Per-connection objects are removed by name (cgw_removal). A push also touches settings that are no connection's
own: IOS-XE archive settings, ``bgp log-neighbor-changes``, BGP networks and maximum-paths; the Junos AS, TCP MSS and
ECMP policy and export; the VyOS IPsec interface, route autoinstall, BGP system-as, networks and maximum-paths. The
first time a push touches one, what the device had there (a value, or nothing) is written to the device itself, one
record entry per setting, so a removal from any controller (an AWX container, another laptop) can put it back:

IOS-XE an EEM environment variable, Junos an apply-macro, VyOS a prefix-list without rules: each platform's dialect
says where (its ``record``, a dialects.parts.RecordSyntax) and which settings are shared.

A removal puts back every recorded setting that no line of the config rendered for the connections the run keeps
lies under, and drops its entry: the record is gone once nothing of the role is left. Only these shared settings are
ever recorded, so an entry never holds a key.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.parts import under as _under


def syntax(platform):
    """The record syntax of ``platform`` (its dialect's ``record``)."""
    return registry.dialect_for(platform).record


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
    dialect = syntax(platform)
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
    dialect = syntax(platform)
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
