# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One VPN concentrator (CreateVpnConcentrator, Nov 2025): many site connections aggregated on one transit gateway
attachment. Identity: its ID, else its Name tag (and its transit gateway when given). AWS has no call that changes a concentrator, so
only its tags converge; a different transit gateway means another concentrator.
"""

from __future__ import annotations

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize

TYPE = "ipsec.1"  # CreateVpnConcentrator's only Type (botocore 1.44 enum)
LIVE_STATES = ("pending", "available")


def argument_spec() -> dict:
    return dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        vpn_concentrator_id=dict(type="str"),
        transit_gateway_id=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )


def problems(params: dict) -> list:
    """(field, rule, message) before any call: a new concentrator needs its TGW and a Name to be found again."""
    if params["state"] != "present" or params["vpn_concentrator_id"]:
        return []
    found = []
    if not params["transit_gateway_id"]:
        found.append(("transit_gateway_id", "concentrator.transit_gateway", "is required: a concentrator attaches to a transit gateway"))
    if not (params["tags"] or {}).get("Name"):
        found.append(("tags.Name", "concentrator.identity", "is required without vpn_concentrator_id (the concentrator's identity)"))
    return found


def concentrator(raw: dict) -> dict:
    """A DescribeVpnConcentrators entry in the collection's shape."""
    return {"vpn_concentrator_id": raw.get("VpnConcentratorId"), "state": raw.get("State"), "type": raw.get("Type"),
            "transit_gateway_id": raw.get("TransitGatewayId"),
            "transit_gateway_attachment_id": raw.get("TransitGatewayAttachmentId"), "tags": normalize.tags(raw.get("Tags"))}


def find_raw(client, params: dict):
    """The live concentrator the parameters identify (Describe shape), or None."""
    if params["vpn_concentrator_id"]:
        found = api.describe_vpn_concentrators(client, VpnConcentratorIds=[params["vpn_concentrator_id"]])
    else:
        name = (params["tags"] or {}).get("Name")
        found = [c for c in api.describe_vpn_concentrators(client) if normalize.tags(c.get("Tags")).get("Name") == name
                 and params["transit_gateway_id"] in (None, c.get("TransitGatewayId"))]
    return next((c for c in found if c.get("State") in LIVE_STATES), None)


def ensure_present(client, module, params: dict, current):
    """(changed, concentrator after) for state=present; ``module`` gives check mode and tagging."""
    if current is None:
        if module.check_mode:
            return True, {"vpn_concentrator_id": None, "state": "pending", "type": TYPE, "transit_gateway_id": params["transit_gateway_id"],
                          "transit_gateway_attachment_id": None, "tags": params["tags"] or {}}
        request = {"Type": TYPE, "TransitGatewayId": params["transit_gateway_id"],
                   "TagSpecifications": boto3_tag_specifications(params["tags"], ["vpn-concentrator"])}
        return True, concentrator(api.create_vpn_concentrator(client, lambda: find_raw(client, params), **request))
    changed = api.ensure_tags(client, module, current["vpn_concentrator_id"], current["tags"], params["tags"], params["purge_tags"])
    to_set, to_unset = api.tag_changes(current["tags"], params["tags"], params["purge_tags"])
    tags = {k: v for k, v in dict(current["tags"], **to_set).items() if k not in to_unset}
    return changed, dict(current, tags=tags)


def ensure_absent(client, module, current):
    if current is None:
        return False, {}
    if not module.check_mode:
        api.delete_vpn_concentrator(client, current["vpn_concentrator_id"])
    return True, {}
