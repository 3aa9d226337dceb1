# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From a planned connection to the vpn_connection module's options.

Keys given in the intent never enter the plan: each planned tunnel names where its key comes from
(``psk_ref``) and ``plan.connection_keys`` decides which tunnel gets which; tunnel logging adds log
options with the connection's log group.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan as plan_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

CONNECTION_OPTION_NAMES = ("static_routes_only", "enable_acceleration", "tunnel_inside_ip_version",
                           "local_ipv4_network_cidr", "remote_ipv4_network_cidr", "outside_ip_address_type",
                           "transport_transit_gateway_attachment_id", "tunnel_bandwidth")


def connection_options(conn: dict) -> dict:
    return {k: conn["options"][k] for k in CONNECTION_OPTION_NAMES if conn["options"].get(k) is not None}


def tunnel_options(conn: dict, intent=None, log_group_arn=None, log_format="json") -> list:
    """The connection's tunnel options; with ``intent`` (the one the plan was built from) they carry the
    keys it gives (plan.connection_keys decides which tunnel gets which): pass them only to no_log options."""
    out = []
    for tunnel in sorted(conn["tunnels"], key=lambda t: t["index"]):
        options = dict(tunnel["options"])
        if log_group_arn:
            options["log_options"] = {"log_enabled": True, "log_group_arn": log_group_arn,
                                      "log_output_format": log_format}
        out.append(options)
    return psk.place(out, plan_model.connection_keys(conn, intent) if intent else [])


# ---- vpn_estate: the whole plan in one task ---------------------------------------------------

def placement(gateway: dict) -> dict:
    """Where a planned gateway's resources go: vpn_estate's ``region`` and (only when the gateway names an
    account) ``account_role_arn`` of an item."""
    out = {"region": gateway["region"]} if gateway.get("region") else {}
    if gateway.get("account_role_arn"):
        out["account_role_arn"] = gateway["account_role_arn"]
    return out


def estate_customer_gateways(plan: dict) -> list:
    """vpn_estate's customer_gateways: one per CGW of the plan (named after it), where its gateway is."""
    out, seen = [], set()
    for conn in plan["connections"]:
        cgw = conn["cgw"]
        if cgw["name"] in seen:
            continue
        seen.add(cgw["name"])
        out.append(dict(placement(conn["gateway"]), name=cgw["name"], ip_address=cgw["public_ip"], bgp_asn=cgw["asn"],
                        device_name=cgw.get("device_name") or cgw["name"],
                        tags=dict(plan["tags"], **{"Name": cgw["name"], "s2s:cgw": cgw["name"]})))
    return out


def estate_connections(plan: dict, gateway_ids: dict, route_tables: dict, log_group_arns=None, log_format="json",
                       concentrator_ids=None) -> list:
    """vpn_estate's connections (named by connection key, without keys). A connection whose gateway does
    not exist yet (check mode on a new estate) is left out: there is nothing to compare it with. A gateway with a
    concentrator puts its connections on it (``concentrator_ids``: by gateway name)."""
    out = []
    for conn in plan["connections"]:
        gateway = conn["gateway"]
        gateway_id = gateway_ids.get(gateway["name"])
        if not gateway_id:
            continue
        item = {**placement(gateway), "name": conn["key"], "customer_gateway": conn["cgw"]["name"],
                "connection_options": connection_options(conn),
                "tunnel_options": tunnel_options(conn, None, (log_group_arns or {}).get(conn["key"]), log_format),
                "generate_pre_shared_keys": any(t["psk_source"] == "generated" for t in conn["tunnels"]),
                "tags": dict(plan["tags"], **{"Name": conn["name"], "s2s:key": conn["key"], "s2s:gateway": gateway["name"]})}
        if gateway["type"] == "cloudwan":
            item["cloudwan"] = True  # on no gateway: its core network attachment takes it (estate_attachments)
        else:
            item["transit_gateway_id" if gateway["type"] == "tgw" else "vpn_gateway_id"] = gateway_id
        if gateway.get("concentrator") and (concentrator_ids or {}).get(gateway["name"]):
            item["vpn_concentrator_id"] = concentrator_ids[gateway["name"]]
        if conn["options"].get("psk_storage") == "SecretsManager":
            item["pre_shared_key_storage"] = "SecretsManager"
        if conn["routing"] == "static":
            item["routes"] = list(conn["cgw_prefixes"])
        if gateway["type"] == "tgw" and route_tables.get(gateway["name"]):
            table = route_tables[gateway["name"]]
            item["transit_gateway_routing"] = {"association_route_table_id": table, "propagation_route_table_ids": [table]}
        out.append(item)
    return out


def estate_attachments(plan: dict, gateway_ids: dict, connection_ids: dict) -> list:
    """cloudwan_vpn_attachment's options for each connection of a cloudwan gateway that exists (``connection_ids``: VPN
    connection ID by connection key, what vpn_estate returned): the gateway's attachment tags choose the segment."""
    out = []
    for conn in plan["connections"]:
        gateway = conn["gateway"]
        if gateway["type"] != "cloudwan" or not connection_ids.get(conn["key"]) or not gateway_ids.get(gateway["name"]):
            continue
        out.append({"name": conn["key"], "core_network_id": gateway_ids[gateway["name"]],
                    "vpn_connection_id": connection_ids[conn["key"]], "segment": gateway.get("segment"),
                    "tags": dict(plan["tags"], **dict(gateway.get("attachment_tags") or {},
                                                      **{"Name": conn["name"], "s2s:key": conn["key"]}))})
    return out


def estate_keys(plan: dict, intent: dict) -> dict:
    """vpn_estate's pre_shared_keys: {connection key: [key of tunnel 1, key of tunnel 2]} of the keys the intent
    gives (plan.tunnel_keys)."""
    return plan_model.tunnel_keys(plan, intent or {"sites": []})
