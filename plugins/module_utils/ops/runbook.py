# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a site's runbook says, as data: the intent's plan joined with what AWS runs.

AWS is the truth for what exists (ids, outside and inside addresses, state); the plan adds what
AWS does not know (site, CGW platform, prefixes, where a key is kept). Keys never enter: a tunnel
carries a reference to where its key is kept, never the key.

Alarm names are the monitoring role's (ops.monitoring names them): per tunnel
``<prefix>-<connection name>-tunnel-<outside ip>`` (TunnelState Minimum < 1) and per connection
``<prefix>-<connection name>-outage`` (TunnelState Maximum <= 0).
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.plan import KEY_TAG
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring


def psk_reference(planned: dict, tunnel: dict, aws: dict) -> str:
    """Where the key of one tunnel is kept (never the key)."""
    if aws.get("pre_shared_key_arn"):
        return "AWS Secrets Manager secret %s (entry for outside IP %s)" % (aws["pre_shared_key_arn"], tunnel["outside_ip_address"])
    site, cgw, number = planned["key"].split("/")
    index = tunnel["index"]
    source = (planned["tunnels"][index - 1] if index <= len(planned["tunnels"]) else {}).get("psk_source")
    if source == "intent":
        return ("inventory variable s2s_intent.sites[name=%s].cgws[name=%s].connections[%d].tunnels[%d].pre_shared_key "
                "(keep it in Ansible Vault, see docs/example-vault.yml)" % (site, cgw, int(number) - 1, index - 1))
    return ("generated at creation and held by AWS on %s (DescribeVpnConnections Options.TunnelOptions[%d].PreSharedKey; "
            "the aws_vpn role hands it to the CGW with no_log)" % (aws["vpn_connection_id"], index - 1))


def _tunnel(planned: dict, tunnel: dict, aws: dict, alarm_prefix: str) -> dict:
    telemetry = tunnel.get("telemetry") or {}
    return {
        "index": tunnel["index"],
        "aws_outside_ip": tunnel["outside_ip_address"],
        "cgw_outside_ip": planned["cgw"]["public_ip"],
        "inside_cidr": tunnel.get("inside_ipv6_cidr") or tunnel.get("inside_cidr"),
        "aws_inside_ip": tunnel.get("aws_inside_ip"),
        "cgw_inside_ip": tunnel.get("cgw_inside_ip"),
        "amazon_side_asn": tunnel.get("amazon_side_asn") or planned["gateway"]["amazon_side_asn"],
        "cgw_asn": tunnel.get("customer_gateway_asn") or planned["cgw"]["asn"],
        "status": telemetry.get("status"),
        "psk": psk_reference(planned, tunnel, aws),
        "alarm": monitoring.tunnel_alarm_name(alarm_prefix, planned["name"], tunnel["outside_ip_address"]),
    }


def _connection(planned: dict, aws, alarm_prefix: str) -> dict:
    platform = planned["cgw"]["platform"]
    out = {
        "key": planned["key"], "name": planned["name"], "cgw": dict(planned["cgw"]),
        "gateway": dict(planned["gateway"]), "routing": planned["routing"], "redundancy": planned["redundancy"],
        "crypto_profile": planned.get("crypto_profile"), "aws_prefixes": planned.get("aws_prefixes") or [],
        "cgw_prefixes": planned.get("cgw_prefixes") or [], "accelerated": bool(planned["options"].get("enable_acceleration")),
        "commands": cgw_state.commands(platform),
        "outage_alarm": monitoring.outage_alarm_name(alarm_prefix, planned["name"]),
        "vpn_connection_id": None, "state": "not built", "tunnels": [],
    }
    if aws:
        out.update(vpn_connection_id=aws["vpn_connection_id"], state=aws["state"],
                   gateway_id=aws.get("transit_gateway_id") or aws.get("vpn_gateway_id"),
                   customer_gateway_id=aws.get("customer_gateway_id"),
                   tunnels=[_tunnel(planned, t, aws, alarm_prefix) for t in aws.get("tunnels") or []])
    return out


def sites(plan: dict, aws_connections: list, alarm_prefix: str = monitoring.DEFAULT_NAME_PREFIX) -> list:
    """One entry per site of the plan: its gateway and connections (with AWS's read-back where it exists).

    alarm_prefix is the monitoring role's name prefix, so the runbook names the alarms that exist.
    """
    by_key = {}
    for conn in aws_connections or []:
        key = (conn.get("tags") or {}).get(KEY_TAG)
        if key and conn.get("state") not in ("deleting", "deleted"):
            by_key[key] = conn
    out = {}
    for planned in plan["connections"]:
        site = out.setdefault(planned["site"], {"name": planned["site"], "region": plan["region"], "connections": []})
        site["connections"].append(_connection(planned, by_key.get(planned["key"]), alarm_prefix))
    return [out[name] for name in sorted(out)]
