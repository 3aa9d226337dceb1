# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From a planned connection to the vpn_connection module's options.

Keys given in the intent are looked up by connection key (``intent_keys``) and never enter the
plan; tunnel logging adds log options with the connection's log group.
"""

from __future__ import annotations

CONNECTION_OPTION_NAMES = ("static_routes_only", "enable_acceleration", "tunnel_inside_ip_version",
                           "local_ipv4_network_cidr", "remote_ipv4_network_cidr", "outside_ip_address_type",
                           "tunnel_bandwidth")


def intent_keys(intent: dict) -> dict:
    """{connection key: [tunnel 1 key or None, tunnel 2 key or None]} of the keys the intent gives."""
    out = {}
    for site in intent.get("sites") or []:
        for cgw in site.get("cgws") or []:
            for index, conn in enumerate(cgw.get("connections") or [{}], start=1):
                keys = [t.get("pre_shared_key") for t in (conn.get("tunnels") or [])][:2]
                if any(keys):
                    out["%s/%s/%d" % (site["name"], cgw["name"], index)] = keys + [None] * (2 - len(keys))
    return out


def connection_options(conn: dict) -> dict:
    return {k: conn["options"][k] for k in CONNECTION_OPTION_NAMES if conn["options"].get(k) is not None}


def tunnel_options(conn: dict, keys=None, log_group_arn=None, log_format="json") -> list:
    given = (keys or {}).get(conn["key"]) or [None, None]
    out = []
    for tunnel in conn["tunnels"]:
        options = dict(tunnel["options"])
        if tunnel["psk_source"] == "intent" and given[tunnel["index"] - 1]:
            options["pre_shared_key"] = given[tunnel["index"] - 1]
        if log_group_arn:
            options["log_options"] = {"log_enabled": True, "log_group_arn": log_group_arn,
                                      "log_output_format": log_format}
        out.append(options)
    return out
