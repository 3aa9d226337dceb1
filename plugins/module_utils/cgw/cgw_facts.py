# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tunnel facts each customer gateway needs, from the plan and what AWS built.

The aws_vpn role publishes the result as ``cgw_connections`` on every CGW inventory host; the
cgw role takes the same structure (so users who build the AWS side another way can give it).
AWS's tunnels are matched to the plan's by inside CIDR; the outside IPs, keys and effective
options come from AWS, the routing intent from the plan.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan as plan_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import ErrorCollector


def _tunnels(planned, actual, errors, where):
    by_cidr = {t.get("inside_ipv6_cidr") or t.get("inside_cidr"): t for t in actual}
    out = []
    for tunnel in planned:
        aws = by_cidr.get(tunnel["inside_cidr"])
        if aws is None:
            errors.add(where, "facts.tunnel_missing",
                       "AWS runs no tunnel with inside CIDR %s (it runs %s)" % (tunnel["inside_cidr"], ", ".join(sorted(by_cidr))))
            continue
        out.append({
            "index": tunnel["index"],
            "outside_ip": aws["outside_ip_address"],
            "inside_cidr": tunnel["inside_cidr"],
            "aws_inside_ip": aws.get("aws_inside_ip") or tunnel["aws_inside_ip"],
            "cgw_inside_ip": aws.get("cgw_inside_ip") or tunnel["cgw_inside_ip"],
            "pre_shared_key": aws.get("pre_shared_key"),
            "options": aws.get("options") or tunnel["options"],
        })
    return out


def publish(plan: dict, connections: list) -> dict:
    """{cgw name: [connection facts]} for every CGW of the plan (an empty list when it has none)."""
    errors = ErrorCollector()
    by_key = {(c.get("tags") or {}).get(plan_model.KEY_TAG): c for c in connections
              if c.get("state") not in ("deleting", "deleted")}
    out = {name: [] for name in plan["cgws"]}
    for conn in plan["connections"]:
        aws = by_key.get(conn["key"])
        if aws is None:
            errors.add(conn["key"], "facts.connection_missing", "AWS has no VPN connection tagged %s=%s"
                       % (plan_model.KEY_TAG, conn["key"]))
            continue
        out[conn["cgw"]["name"]].append({
            "vpn_connection_id": aws["vpn_connection_id"],
            "name": conn["name"],
            "cgw_asn": conn["cgw"]["asn"],
            "amazon_side_asn": conn["gateway"]["amazon_side_asn"],
            "local_address": conn["cgw"]["public_ip"],
            "private_address": conn["cgw"].get("private_ip"),
            "gateway_type": conn["gateway"]["type"],
            "ecmp": bool(conn["gateway"]["ecmp"]) and conn["redundancy"] == "active_active",
            "routing": conn["routing"],
            "redundancy": conn["redundancy"],
            "advertise": list(conn["cgw_prefixes"]),
            "accept": list(conn["aws_prefixes"]),
            "tunnels": _tunnels(conn["tunnels"], aws.get("tunnels") or [], errors, conn["key"]),
        })
    errors.raise_if_any()
    return out
