# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit inputs into the shared model, keys turned into fingerprints on the way in.

AWS: a vpn_connection_info entry (snake-case, ``tunnels``) or a raw DescribeVpnConnections
entry (``VpnConnectionId``). Device: ``{name, platform, config | path}``. Both ends use the
same per-audit salt so a key reused between them or across connections shows as equal
fingerprints, and the key itself is dropped here.
"""

from __future__ import annotations

import copy

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class InputError(S2SError):
    """An audit input that cannot be read (names the item and field)."""


def connection(conn: dict, salt: str) -> dict:
    if "VpnConnectionId" in conn:
        conn = vpn_normalize.connection(conn, include_psk=True)
    elif "tunnels" in conn and "vpn_connection_id" in conn:
        conn = copy.deepcopy(conn)
    else:
        raise InputError("connections[]: needs vpn_connection_id and tunnels (vpn_connection_info) or VpnConnectionId (Describe)")
    for tunnel in conn["tunnels"]:
        key = tunnel.pop("pre_shared_key", None)
        if key:
            tunnel["psk_fingerprint"] = psk.fingerprint(key, salt)
    return conn


def device(item: dict, salt: str) -> dict:
    name = item.get("name")
    text = item.get("config")
    if text is None:
        if not item.get("path"):
            raise InputError("devices[%s]: give config (text) or path" % name)
        try:
            with open(item["path"], encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise InputError("devices[%s].path: cannot read %s (%s)" % (name, item["path"], exc.strerror))
    model = load.parse(text, load.Source(name=name, platform=item["platform"], psk_salt=salt))
    for tunnel in model["tunnels"]:  # the audit compares flat fingerprints, as on the AWS side
        found = (tunnel.get("crypto") or {}).get("psk")
        tunnel["psk_fingerprint"] = found["fingerprint"] if found else None
    return model
