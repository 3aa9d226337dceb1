# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commands that remove one VPN connection's objects from a device, and nothing else.

Objects are found in the device's own config text by the names the collection gives them (``S2S-<vpn id>-...``) and
the ``s2s:<vpn id>:<n>`` descriptions, so user config is never touched: the platform's dialect knows where its
objects sit (its ``removal``). Given the config rendered for the connections the run keeps (``wanted``), the shared
settings the pushes recorded (cgw_undo) that nothing kept needs are put back as they were before the first push.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_undo
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def _undo(platform, config_text, remove, discovered, wanted, present, gone=()):
    """The shared settings' undo (cgw_undo.restore), when the run names every connection the device still has:
    what an unnamed one needs is unknown, so then every shared setting stays."""
    if wanted is None:
        return []
    named = set(present or ()) | {tid for entry in remove for tid in entry["tunnel_ids"]}
    if set((discovered or {}).get("owned", {})) - named:
        return []
    return cgw_undo.restore(platform, config_text, wanted, gone)


def commands(platform: str, config_text: str, remove: list, discovered: dict, wanted=None, present=None) -> list:
    """The commands removing the connections in ``remove`` (IOS-XE ``no`` lines, flat for cli_config; Junos and VyOS
    ``delete`` lines for one commit); with ``wanted`` (the config rendered for the connections the run keeps,
    ``present`` their tunnel ids) also the shared settings' undo."""
    found, gone = registry.dialect_for(platform).removal(config_text, remove, discovered)
    return found + _undo(platform, config_text, remove, discovered, wanted, present, gone)
