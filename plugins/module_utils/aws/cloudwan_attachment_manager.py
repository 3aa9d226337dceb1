# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One Cloud WAN site-to-site VPN attachment (Network Manager CreateSiteToSiteVpnAttachment): a VPN connection created
on no gateway, attached to a core network at the edge location of the connection's Region. Identity: its ID, else the
core network and the VPN connection it attaches. The core network's policy puts it in a segment from its tags and may
ask the core network owner to accept it (AcceptAttachment, with ``accept``). Tags take part in that choice, so they are
set at creation; a change in place is refused rather than sent (AWS would re-evaluate the segment and may want it
accepted again).
"""

from __future__ import annotations

import time
import uuid

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError

VPN_TYPE = "SITE_TO_SITE_VPN"
GONE_STATES = ("DELETING",)
SETTLED_STATES = ("AVAILABLE", "PENDING_ATTACHMENT_ACCEPTANCE", "PENDING_TAG_ACCEPTANCE", "REJECTED", "FAILED")
POLL_SECONDS = 2


def argument_spec() -> dict:
    return dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        attachment_id=dict(type="str"),
        core_network_id=dict(type="str"),
        vpn_connection_id=dict(type="str"),
        segment=dict(type="str"),
        accept=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=600),
    )


def problems(params: dict) -> list:
    """(field, rule, message) before any call: finding or creating one needs its core network and connection."""
    if params["attachment_id"]:
        return []
    return [(name, "attachment.identity", "is required without attachment_id (with the other, it identifies the attachment)")
            for name in ("core_network_id", "vpn_connection_id") if not params[name]]


def attachment(raw: dict) -> dict:
    """A Network Manager Attachment in the collection's shape."""
    return {"attachment_id": raw.get("AttachmentId"), "state": raw.get("State"), "core_network_id": raw.get("CoreNetworkId"),
            "core_network_arn": raw.get("CoreNetworkArn"), "edge_location": raw.get("EdgeLocation"),
            "segment": raw.get("SegmentName"), "vpn_connection_arn": raw.get("ResourceArn"),
            "owner_account_id": raw.get("OwnerAccountId"), "tags": normalize.tags(raw.get("Tags"))}


def _vpn_suffix(vpn_connection_id: str) -> str:
    return ":vpn-connection/" + vpn_connection_id


def find_raw(client, params: dict):
    """The live attachment the parameters identify (Attachment shape), or None."""
    if params["attachment_id"]:
        found = [api.get_site_to_site_vpn_attachment(client, params["attachment_id"])]
    else:
        found = [a for a in api.list_attachments(client, CoreNetworkId=params["core_network_id"], AttachmentType=VPN_TYPE)
                 if (a.get("ResourceArn") or "").endswith(_vpn_suffix(params["vpn_connection_id"]))]
    return next((a for a in found if a and a.get("State") not in GONE_STATES), None)


def _wait(client, attachment_id: str, states, timeout: int, sleep=time.sleep, clock=time.monotonic) -> dict:
    deadline = clock() + timeout
    while True:
        raw = api.get_site_to_site_vpn_attachment(client, attachment_id)
        if raw is None or raw.get("State") in states:
            return raw
        if clock() > deadline:
            raise VpnError("attachment %s still %s after %d s" % (attachment_id, raw.get("State"), timeout))
        sleep(POLL_SECONDS)


def _vpn_connection_arn(core: dict, region: str, vpn_connection_id: str) -> str:
    """The connection's ARN in the core network owner's account (AWS takes an attachment only there), read from the
    core network's ARN (arn:<partition>:networkmanager::<account>:core-network/<id>)."""
    parts = core["CoreNetworkArn"].split(":")
    return "arn:%s:ec2:%s:%s:vpn-connection/%s" % (parts[1], region, parts[4], vpn_connection_id)


def _create(client, module, params: dict) -> dict:
    core = api.get_core_network(client, params["core_network_id"])
    if core is None:
        raise VpnError("core_network_id: core network %s not found [attachment.core_network]" % params["core_network_id"],
                       problems=[{"field": "core_network_id", "rule": "attachment.core_network", "message": "not found"}])
    request = {"CoreNetworkId": params["core_network_id"], "ClientToken": str(uuid.uuid4()),
               "VpnConnectionArn": _vpn_connection_arn(core, module.region, params["vpn_connection_id"])}
    if params["tags"]:
        request["Tags"] = [{"Key": k, "Value": v} for k, v in params["tags"].items()]
    return api.create_site_to_site_vpn_attachment(client, **request)


def _check_segment(params: dict, found: dict) -> None:
    """The segment the core network policy chose (for the attachment's tags) must be the one asked for."""
    if params["segment"] and found["state"] in SETTLED_STATES and found["segment"] != params["segment"]:
        raise VpnError("segment: the core network policy put attachment %s in segment %s, not %s (its tags: %s)"
                       " [attachment.segment]" % (found["attachment_id"], found["segment"], params["segment"], found["tags"]),
                       attachment=found)


def _settle(client, params: dict, raw: dict) -> tuple:
    """(changed by an accept, attachment after): waits, accepts when asked, checks the segment the policy chose."""
    changed = False
    if params["wait"]:
        raw = _wait(client, raw["AttachmentId"], SETTLED_STATES, params["wait_timeout"])
    if params["accept"] and raw.get("State") == "PENDING_ATTACHMENT_ACCEPTANCE":
        raw, changed = api.accept_attachment(client, raw["AttachmentId"]), True
        if params["wait"]:
            raw = _wait(client, raw["AttachmentId"], SETTLED_STATES, params["wait_timeout"])
    found = attachment(raw)
    _check_segment(params, found)
    return changed, found


def ensure_present(client, module, params: dict, current):
    """(changed, attachment after) for state=present; ``module`` gives check mode and the connection's Region."""
    if current is None:
        if module.check_mode:
            return True, {"attachment_id": None, "state": "CREATING", "core_network_id": params["core_network_id"],
                          "core_network_arn": None, "edge_location": module.region, "segment": params["segment"],
                          "vpn_connection_arn": None, "owner_account_id": None, "tags": params["tags"] or {}}
        return True, _settle(client, params, _create(client, module, params))[1]
    if params["tags"] is not None and params["tags"] != current["tags"]:
        raise VpnError("tags: attachment %s has %s; its tags choose its segment, so they are set when it is created"
                       " (delete it to re-attach with new tags) [attachment.tags_in_place]" % (current["attachment_id"], current["tags"]))
    to_accept = params["accept"] and current["state"] == "PENDING_ATTACHMENT_ACCEPTANCE"
    if current["state"] in SETTLED_STATES and not to_accept:
        _check_segment(params, current)
        return False, current
    if module.check_mode:
        return to_accept, dict(current, state="CREATING") if to_accept else current
    return _settle(client, params, {"AttachmentId": current["attachment_id"], "State": current["state"]})


def ensure_absent(client, module, current):
    if current is None:
        return False, {}
    if not module.check_mode:
        api.delete_attachment(client, current["attachment_id"])
        if module.params["wait"]:
            _wait(client, current["attachment_id"], (), module.params["wait_timeout"])
    return True, {}
