# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which lines of the intended config the device does not have yet, worked out from one config read.

Why: loading every intended line into a candidate to ask the device for a diff costs one round trip
per line, on every run. With the config read once, the lines already in place are left out; the
device still works out (and shows) the exact diff of what is left, and when nothing is left the run
sends nothing. This only ever leaves out lines the device already has, so it cannot hide a change.

What a platform adds to the comparison comes from its dialect: how a line is compared (Junos lists without
brackets), and a stored secret compared decoded (Junos ``$9$...``).
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def _paths(node, prefix=()):
    if not node:
        yield prefix
    for word, child in node.items():
        yield from _paths(child, prefix + (word,))


def _has(tree, path, dialect):
    node = tree
    for i, word in enumerate(path):
        if word in node:
            node = node[word]
            continue
        return dialect.stored_secret(path, i, node, word)
    return True


def set_lines(lines, running_text: str, platform: str) -> list:
    """The ``set`` lines of ``lines`` the running config (``display set`` / ``show configuration commands``
    text) lacks, in order; any other line (``delete ...``) is kept."""
    set_platforms = [name for name in registry.config_platforms() if not registry.dialect_for(name).indented]
    if platform not in set_platforms:
        raise S2SError("platform %r has no set-line config; valid: %s" % (platform, ", ".join(set_platforms)))
    dialect = registry.dialect_for(platform)
    leaves = dialect.pending_line
    running = load.set_tree("\n".join(leaves(line) for line in (running_text or "").splitlines() if line.startswith("set ")), platform).root
    out = []
    for line in lines:
        if not line.strip().startswith("set "):
            out.append(line)
            continue
        wanted = load.set_tree(leaves(line), platform).root
        if not all(_has(running, path, dialect) for path in _paths(wanted)):
            out.append(line)
    return out


def pending(intended, running_text: str, platform: str) -> list:
    """The lines of ``intended`` (text or lines) the running config lacks, the platform's way."""
    intended = intended or ""
    if registry.dialect_for(platform).indented:
        return ios_lines(intended if isinstance(intended, str) else "\n".join(intended), running_text)
    return set_lines(intended.splitlines() if isinstance(intended, str) else list(intended), running_text, platform)


def ios_lines(candidate: str, running_text: str) -> list:
    """The indented (IOS-XE) candidate lines (with their parents) the running config lacks - what ``cli_config``
    with ``diff_match: line`` would send."""
    from ansible_collections.ansible.netcommon.plugins.module_utils.network.common.config import (  # pylint: disable=import-outside-toplevel
        NetworkConfig, dumps)
    want = NetworkConfig(indent=1, contents=candidate or "")
    have = NetworkConfig(indent=1, contents=running_text or "")
    return [line for line in dumps(want.difference(have, match="line"), "commands").splitlines() if line.strip()]
