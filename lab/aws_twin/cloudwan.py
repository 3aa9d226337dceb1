# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloud WAN site-to-site VPN attachments (Network Manager), which moto 5.2.5 lacks: moto serves the global and core
networks, the twin the attachments of unassociated VPN connections to a core network.

The wire shapes, the CoreNetworkId and VpnConnectionArn patterns and the error shapes (ValidationException 400,
ResourceNotFoundException 404, ConflictException 409 with ResourceId/ResourceType) come from botocore's networkmanager
model; the rules from AWS's Cloud WAN and Site-to-Site VPN guides (api_rules.HAND_SOURCES "cloudwan"); the segment and
the acceptance an attachment gets from the core network's policy document (its attachment-policies and segments).
"""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
import time

from moto.networkmanager.models import networkmanager_backends

from lab.aws_twin import gateways
from lab.aws_twin.query import ApiError

_MODEL = None
VPN_TYPE = "SITE_TO_SITE_VPN"
POLICY_ATTACHMENT_TYPE = "site-to-site-vpn"  # the attachment-type condition's value in a core network policy
# (method, path, operation, handler): the operations the twin answers; everything else goes to moto.
_ROUTES = (
    ("POST", re.compile(r"^/site-to-site-vpn-attachments$"), "CreateSiteToSiteVpnAttachment", "create"),
    ("GET", re.compile(r"^/site-to-site-vpn-attachments/(?P<id>[^/]+)$"), "GetSiteToSiteVpnAttachment", "get"),
    ("GET", re.compile(r"^/attachments$"), "ListAttachments", "list"),
    ("DELETE", re.compile(r"^/attachments/(?P<id>[^/]+)$"), "DeleteAttachment", "delete"),
    ("POST", re.compile(r"^/attachments/(?P<id>[^/]+)/accept$"), "AcceptAttachment", "accept"),
)


def model():
    global _MODEL  # pylint: disable=global-statement
    if _MODEL is None:
        import botocore.session  # pylint: disable=import-outside-toplevel
        _MODEL = botocore.session.get_session().get_service_model("networkmanager")
    return _MODEL


def _pattern(shape: str, member: str) -> re.Pattern:
    return re.compile(model().shape_for(shape).members[member].metadata["pattern"])


def validation(message: str, field_name: str = None) -> ApiError:
    err = ApiError("ValidationException", message, 400)
    err.body = {"Message": message, "Reason": "FieldValidationFailed",
                "Fields": [{"Name": field_name, "Message": message}] if field_name else []}
    return err


def not_found(resource_id: str, kind: str) -> ApiError:
    err = ApiError("ResourceNotFoundException", "Resource not found.", 404)
    err.body = {"Message": "Resource not found.", "ResourceId": resource_id, "ResourceType": kind}
    return err


def conflict(message: str, resource_id: str) -> ApiError:
    err = ApiError("ConflictException", message, 409)
    err.body = {"Message": message, "ResourceId": resource_id, "ResourceType": "attachment"}
    return err


@dataclasses.dataclass
class Attachment:
    id: str
    core_network: object  # moto's CoreNetwork
    vpn_arn: str
    vpn_id: str
    account: str
    edge: str
    tags: list
    segment: str = None
    rule: int = None
    needs_acceptance: bool = False
    state: str = "CREATING"
    state_until: float = 0.0
    created: float = dataclasses.field(default_factory=time.time)
    updated: float = dataclasses.field(default_factory=time.time)

    @property
    def arn(self) -> str:
        return "arn:aws:networkmanager::%s:attachment/%s" % (self.account, self.id)

    def advance(self, now: float) -> None:
        if now < self.state_until:
            return
        if self.state == "CREATING":
            self.state = "PENDING_ATTACHMENT_ACCEPTANCE" if self.needs_acceptance else "AVAILABLE"
        elif self.state == "DELETING":
            self.state = "DELETED"  # gone: no longer found

    def describe(self) -> dict:
        out = {"CoreNetworkId": self.core_network.core_network_id, "CoreNetworkArn": self.core_network.core_network_arn,
               "AttachmentId": self.id, "OwnerAccountId": self.account, "AttachmentType": VPN_TYPE, "State": self.state,
               "EdgeLocation": self.edge, "ResourceArn": self.vpn_arn, "Tags": list(self.tags),
               "CreatedAt": self.created, "UpdatedAt": self.updated}
        if self.segment:
            out.update(SegmentName=self.segment, AttachmentPolicyRuleNumber=self.rule)
        return out


def _policy(core_network) -> dict:
    try:
        return json.loads(core_network.policy_document or "{}")
    except ValueError:
        return {}


def _condition(cond: dict, tags: dict, account: str, region: str) -> bool:
    kind, value = cond.get("type"), cond.get("value")
    if kind == "any":
        return True
    if kind == "attachment-type":
        return value == POLICY_ATTACHMENT_TYPE
    if kind == "region":
        return value == region
    if kind == "account-id":
        return value == account
    if kind == "tag-exists":
        return cond.get("key") in tags
    if kind == "tag-value":
        have, op = tags.get(cond.get("key")), cond.get("operator", "equals")
        return have is not None and {"equals": have == value, "not-equals": have != value,
                                     "contains": value in have, "begins-with": have.startswith(value)}.get(op, False)
    return False


def segment_for(policy: dict, tags: dict, account: str, region: str):
    """(segment, rule number, needs acceptance) by the policy's first matching attachment policy, or (None, None, False)."""
    segments = {s.get("name"): s for s in policy.get("segments", [])}
    for rule in sorted(policy.get("attachment-policies", []), key=lambda r: r.get("rule-number", 0)):
        results = [_condition(c, tags, account, region) for c in rule.get("conditions", [])]
        matched = any(results) if rule.get("condition-logic") == "or" else (bool(results) and all(results))
        if not matched:
            continue
        action = rule.get("action", {})
        name = action.get("segment") if action.get("association-method", "constant") == "constant" \
            else tags.get(action.get("tag-value-of-key"))
        if name not in segments:
            return None, rule.get("rule-number"), False
        accept = action.get("require-acceptance", segments[name].get("require-attachment-acceptance", False))
        return name, rule.get("rule-number"), bool(accept)
    return None, None, False


class CloudWanService:
    """The attachment actions; ``vpn`` is the twin's VpnService (connections, lock, settings)."""

    def __init__(self, vpn):
        self.vpn = vpn
        self.attachments = {}

    @staticmethod
    def route(method: str, path: str):
        """(operation, handler name, path parameters) for a Network Manager request the twin answers, else None."""
        for verb, pattern, operation, name in _ROUTES:
            match = pattern.match(path)
            if verb == method and match:
                return operation, name, match.groupdict()
        return None

    def _core_network(self, ctx, core_network_id: str):
        backend = networkmanager_backends[ctx.account]["aws"]
        found = backend.core_networks.get(core_network_id)
        if found is None or found.state == "DELETING":
            raise not_found(core_network_id, "core-network")
        return found

    def _live(self, now: float) -> list:
        for item in list(self.attachments.values()):
            item.advance(now)
            if item.state == "DELETED":
                del self.attachments[item.id]
        return list(self.attachments.values())

    def _get(self, ctx, attachment_id: str, now: float) -> Attachment:
        item = next((a for a in self._live(now) if a.id == attachment_id and a.account == ctx.account), None)
        if item is None:
            raise not_found(attachment_id, "attachment")
        return item

    def create(self, ctx, body: dict, _path: dict) -> dict:
        for member in ("CoreNetworkId", "VpnConnectionArn"):
            if not body.get(member):
                raise validation("%s is required" % member, member)
            if not _pattern("CreateSiteToSiteVpnAttachmentRequest", member).match(body[member]):
                raise validation("%s %r does not match the pattern %s" % (
                    member, body[member], _pattern("CreateSiteToSiteVpnAttachmentRequest", member).pattern), member)
        _arn, _part, _svc, region, account, resource = body["VpnConnectionArn"].split(":", 5)
        vpn_id = resource.split("/", 1)[1]
        with self.vpn.lock:
            now = time.time()
            core = self._core_network(ctx, body["CoreNetworkId"])
            if account != ctx.account or core.owner_account_id != ctx.account:  # HAND_SOURCES cloudwan: same account
                raise validation("A site-to-site VPN attachment must be created in the account that owns the core network"
                                 " and the VPN connection", "VpnConnectionArn")
            try:
                conn = self.vpn.get(gateways.Context(account, region), vpn_id, now, live=True)
            except ApiError:
                raise not_found(body["VpnConnectionArn"], "vpn-connection") from None
            self._check_connection(conn, now)
            edges = [e.get("location") for e in _policy(core).get("core-network-configuration", {}).get("edge-locations", [])]
            if region not in edges:
                raise validation("Core network %s has no edge location in %s (its edge locations: %s)"
                                 % (core.core_network_id, region, ", ".join(edges) or "none"), "VpnConnectionArn")
            tags = body.get("Tags") or []
            segment, rule, accept = segment_for(_policy(core), {t["Key"]: t.get("Value", "") for t in tags}, account, region)
            item = Attachment("attachment-" + secrets.token_hex(9)[:17], core, body["VpnConnectionArn"], vpn_id,
                              ctx.account, region, tags, segment, rule, accept,
                              state_until=now + self.vpn.settings.pending_seconds)
            self.attachments[item.id] = item
            conn.core_network_arn, conn.core_network_attachment_arn = core.core_network_arn, item.arn
            return {"SiteToSiteVpnAttachment": {"Attachment": item.describe(), "VpnConnectionArn": item.vpn_arn}}

    def _check_connection(self, conn, now: float) -> None:
        """HAND_SOURCES cloudwan: an unassociated (no VGW, no TGW), BGP, not yet attached connection."""
        if conn.vpn_gateway_id or conn.transit_gateway_id:
            raise validation("VPN connection %s is attached to %s; create it with no target gateway (Not associated)"
                             " to attach it to a core network" % (conn.id, conn.gateway_key()), "VpnConnectionArn")
        if conn.options.get("StaticRoutesOnly"):
            raise validation("VPN connection %s uses static routing; Cloud WAN site-to-site VPN attachments need BGP"
                             % conn.id, "VpnConnectionArn")
        if any(a.vpn_id == conn.id for a in self._live(now)):
            raise conflict("VPN connection %s already has a core network attachment" % conn.id, conn.id)

    def get(self, ctx, _body: dict, path: dict) -> dict:
        with self.vpn.lock:
            item = self._get(ctx, path["id"], time.time())
            return {"SiteToSiteVpnAttachment": {"Attachment": item.describe(), "VpnConnectionArn": item.vpn_arn}}

    def list(self, ctx, query: dict, _path: dict) -> dict:
        wanted = {"CoreNetworkId": query.get("coreNetworkId"), "AttachmentType": query.get("attachmentType"),
                  "EdgeLocation": query.get("edgeLocation"), "State": query.get("state")}
        with self.vpn.lock:
            found = [a.describe() for a in self._live(time.time()) if a.account == ctx.account]
        return {"Attachments": [a for a in found if all(v is None or a[k] == v for k, v in wanted.items())]}

    def accept(self, ctx, _body: dict, path: dict) -> dict:
        with self.vpn.lock:
            now = time.time()
            item = self._get(ctx, path["id"], now)
            if item.state != "PENDING_ATTACHMENT_ACCEPTANCE":
                raise validation("Attachment %s is %s; only an attachment pending acceptance can be accepted"
                                 % (item.id, item.state), "AttachmentId")
            item.needs_acceptance, item.state, item.updated = False, "CREATING", now
            item.state_until = now + self.vpn.settings.pending_seconds
            return {"Attachment": item.describe()}

    def delete(self, ctx, _body: dict, path: dict) -> dict:
        with self.vpn.lock:
            now = time.time()
            item = self._get(ctx, path["id"], now)
            if item.state == "DELETING":
                raise conflict("Attachment %s is already being deleted" % item.id, item.id)
            item.state, item.updated = "DELETING", now
            item.state_until = now + self.vpn.settings.deleting_seconds
            for conn in self.vpn.connections.values():
                if conn.id == item.vpn_id:
                    conn.core_network_arn = conn.core_network_attachment_arn = None
            return {"Attachment": item.describe()}

    def attachment_of(self, vpn_id: str):
        """The live attachment of a VPN connection (the EC2 side refuses to delete an attached connection)."""
        return next((a for a in self._live(time.time()) if a.vpn_id == vpn_id and a.state != "DELETING"), None)
