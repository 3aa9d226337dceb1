# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A customer gateway's configuration lock, as its CLI shows it.

Which command takes the lock for a configuration session (IOS-XE ``configure terminal lock``, Junos ``configure
exclusive``; VyOS has none, a commit takes its commit lock by itself), how the device says another session holds
it (``holder``), and how a session leaves configuration mode again, releasing the lock (``RELEASE``).
"""

from __future__ import annotations

import re

LOCK_COMMANDS = {"ios": "configure terminal lock", "junos": "configure exclusive"}

# The refusals, with the part that names the holder. IOS-XE: Cisco "Exclusive Configuration Change Access and
# Access Session Locking" (IOS XE 17.x System Management guide); Junos: "Using the configure exclusive Command"
# (Junos CLI User Guide); VyOS: vyos/vyatta-cfg src/commit/commit-algorithm.cpp (commit::doCommit).
_REFUSALS = (
    re.compile(r"Configuration mode locked exclusively by (user '[^']*' process '\d+' from terminal '\d+')"),
    # network_cli raises a Junos error with the response's repr: its line breaks may come as the text "\r\n"
    re.compile(r"configuration database locked by:(?:\s|\\[rn])+(.+?\(pid \d+\))"),
    re.compile(r"Configuration system temporarily locked due to (another commit in progress)"),
)

# Configuration mode, from the prompt; and how to leave it dropping what was not committed.
_CONFIG_PROMPTS = {"ios": re.compile(r"\(config[^)]*\)#\s*$"), "junos": re.compile(r"#\s*$"), "vyos": re.compile(r"#\s*$")}
RELEASE = {"ios": ["end"], "junos": ["rollback 0", "exit"], "vyos": ["exit discard"]}


def holder(text):
    """Who holds the lock when ``text`` is the device refusing a command for it, else None."""
    for refusal in _REFUSALS:
        found = refusal.search(text or "")
        if found:
            return found.group(1)
    return None


def in_config_mode(platform, prompt):
    return bool(_CONFIG_PROMPTS[platform].search(prompt or ""))


def busy_message(host, who, waited):
    return "device busy: %s: the configuration is locked by %s; gave up after %d s (cgw_lock_wait)" % (host, who, waited)
