# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route table association and propagations of a VPN's transit gateway attachment.

Shared by the transit_gateway_vpn_routing module and the vpn_estate module. ``params`` has
transit_gateway_vpn_routing's options (state, association_route_table_id,
propagation_route_table_ids, purge_propagations, wait_timeout).
"""

from __future__ import annotations

import time

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api

LIVE = ("pending", "available", "modifying", "pendingAcceptance", "initiating", "initiatingRequest")
GONE = ("disassociated", "disassociating")


def vpn_attachments(client, vpn_connection_ids) -> dict:
    """{vpn connection id: its live TGW attachment}, in one Describe."""
    found = api.describe_transit_gateway_attachments(client, Filters=[
        {"Name": "resource-id", "Values": sorted(vpn_connection_ids)},
        {"Name": "resource-type", "Values": ["vpn"]}])
    return {a["ResourceId"]: a for a in found if a.get("State") in LIVE}


def association(attachment: dict):
    assoc = attachment.get("Association") or {}
    return assoc.get("TransitGatewayRouteTableId") if assoc.get("State") not in GONE else None


def propagations(client, transit_gateway_id: str) -> dict:
    """{attachment id: route tables of the TGW it propagates to}."""
    tables = api.describe_transit_gateway_route_tables(client, Filters=[
        {"Name": "transit-gateway-id", "Values": [transit_gateway_id]}])
    out = {}
    for table in tables:
        rt_id = table["TransitGatewayRouteTableId"]
        for prop in api.get_transit_gateway_route_table_propagations(client, rt_id):
            if prop.get("State") in ("enabled", "enabling"):
                out.setdefault(prop.get("TransitGatewayAttachmentId"), set()).add(rt_id)
    return out


def wait_disassociated(client, attachment_id: str, timeout: int) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = api.describe_transit_gateway_attachments(client, TransitGatewayAttachmentIds=[attachment_id])
        if not found or association(found[0]) is None:
            return
        time.sleep(2)
    raise AnsibleEC2Error(message="timeout waiting for %s to leave its route table association" % attachment_id)


def plan(params: dict, current_assoc, current_props: set) -> dict:
    wanted_rt = params["association_route_table_id"]
    wanted_props = set(params["propagation_route_table_ids"])
    if params["state"] == "absent":
        return {"disassociate": current_assoc if wanted_rt and current_assoc == wanted_rt else None,
                "associate": None, "enable": set(), "disable": wanted_props & current_props}
    disable = current_props - wanted_props if params["purge_propagations"] else set()
    return {"disassociate": current_assoc if wanted_rt and current_assoc not in (None, wanted_rt) else None,
            "associate": wanted_rt if wanted_rt and current_assoc != wanted_rt else None,
            "enable": wanted_props - current_props, "disable": disable}


def needed(todo: dict) -> bool:
    return bool(todo["disassociate"] or todo["associate"] or todo["enable"] or todo["disable"])


def apply(client, params: dict, attachment_id: str, todo: dict) -> None:
    if todo["disassociate"]:
        api.disassociate_transit_gateway_route_table(client, todo["disassociate"], attachment_id)
        if todo["associate"]:
            wait_disassociated(client, attachment_id, params["wait_timeout"])
    if todo["associate"]:
        api.associate_transit_gateway_route_table(client, todo["associate"], attachment_id)
    for rt_id in sorted(todo["enable"]):
        api.enable_transit_gateway_route_table_propagation(client, rt_id, attachment_id)
    for rt_id in sorted(todo["disable"]):
        api.disable_transit_gateway_route_table_propagation(client, rt_id, attachment_id)


def views(current_assoc, current_props: set, todo: dict) -> tuple:
    """(before, after) as the modules return them."""
    after_assoc = todo["associate"] or (None if todo["disassociate"] else current_assoc)
    after_props = sorted((current_props | todo["enable"]) - todo["disable"])
    return ({"association_route_table_id": current_assoc, "propagation_route_table_ids": sorted(current_props)},
            {"association_route_table_id": after_assoc, "propagation_route_table_ids": after_props})
