# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A customer gateway's configuration lock, as its CLI shows it (each platform's dialect spells it).

Which command takes the lock for a configuration session (``lock_command``: IOS-XE ``configure terminal lock``, Junos
``configure exclusive``; VyOS has none, a commit takes its commit lock by itself), how the device says another session
holds it (``lock_refusal``, read by ``holder``), and how a session leaves configuration mode again, releasing the
lock (``release``).
"""

from __future__ import annotations

import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def lock_command(platform):
    """The command taking the configuration lock; None when the platform has none."""
    return registry.dialect_for(platform).lock_command


def release(platform):
    """The commands leaving configuration mode, dropping what was not committed."""
    return list(registry.dialect_for(platform).release)


def holder(text):
    """Who holds the lock when ``text`` is the device refusing a command for it (any platform's refusal), else None."""
    for dialect in registry.DIALECTS.values():
        found = re.search(dialect.lock_refusal, text or "")
        if found:
            return found.group(1)
    return None


def in_config_mode(platform, prompt):
    return bool(re.search(registry.dialect_for(platform).config_prompt, prompt or ""))


def busy_message(host, who, waited):
    return "device busy: %s: the configuration is locked by %s; gave up after %d s (cgw_lock_wait)" % (host, who, waited)
