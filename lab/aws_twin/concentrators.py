# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPN concentrators (CreateVpnConcentrator, DescribeVpnConcentrators, DeleteVpnConcentrator), which moto lacks.

A concentrator aggregates site connections on one transit gateway attachment. Its Type values come from AWS's model
(the CreateVpnConcentratorRequest enum); the rules on the connections it takes are AWS's documentation
(api_rules.HAND_SOURCES["concentrator"]). Tags live in moto's tag store, so CreateTags/DeleteTags work on them.
"""

from __future__ import annotations

import dataclasses
import secrets

from lab.aws_twin import api_rules, gateways
from lab.aws_twin import vpn_validate as check
from lab.aws_twin.query import ApiError

TYPES = tuple(api_rules._MODEL.operation_model("CreateVpnConcentrator").input_shape.members["Type"].enum)


@dataclasses.dataclass
class Concentrator:
    id: str
    account: str
    region: str
    transit_gateway_id: str
    attachment_id: str
    type: str
    state: str = "available"


def not_found(concentrator_id: str) -> ApiError:
    return ApiError("InvalidVpnConcentratorId.NotFound", "The VPN concentrator ID '%s' does not exist" % concentrator_id)


class ConcentratorActions:
    """The concentrator actions of VpnService (vpn.ACTIONS); ``self.lock`` and ``self.concentrators`` are the store's."""

    def create_vpn_concentrator(self, ctx, params: dict) -> dict:
        kind = params.get("Type")
        if kind not in TYPES:
            raise ApiError(check.VALUE, "Invalid value '%s' for Type. Valid values: %s" % (kind, " | ".join(TYPES)))
        if not params.get("TransitGatewayId"):
            raise ApiError(check.MISSING, "The request must contain the parameter TransitGatewayId")
        with self.lock:
            gateways.transit_gateway(ctx, params["TransitGatewayId"])
            check.dry_run(params)
            item = Concentrator("vcn-" + secrets.token_hex(9)[:17], ctx.account, ctx.region, params["TransitGatewayId"],
                                "tgw-attach-" + secrets.token_hex(9)[:17], kind)
            tags = {t["Key"]: t["Value"] for spec in params.get("TagSpecifications", []) for t in spec.get("Tags", [])}
            if tags:
                gateways.ec2(ctx).create_tags([item.id], tags)
            self.concentrators[item.id] = item
            return {"VpnConcentrator": self._describe_concentrator(ctx, item)}

    def describe_vpn_concentrators(self, ctx, params: dict) -> dict:
        check.dry_run(params)
        with self.lock:
            mine = [c for c in self.concentrators.values() if (c.account, c.region) == (ctx.account, ctx.region)]
            wanted = params.get("VpnConcentratorIds")
            for concentrator_id in wanted or ():
                if concentrator_id not in {c.id for c in mine}:
                    raise not_found(concentrator_id)
            return {"VpnConcentrators": [self._describe_concentrator(ctx, c) for c in mine if not wanted or c.id in wanted]}

    def delete_vpn_concentrator(self, ctx, params: dict) -> dict:
        with self.lock:
            item = self.concentrator(ctx, params.get("VpnConcentratorId"))
            users = [c.id for c in self.connections.values() if c.concentrator_id == item.id and c.live()]
            if users:
                raise ApiError("IncorrectState", "VPN concentrator %s still has VPN connections: %s" % (item.id, ", ".join(users)))
            check.dry_run(params)
            item.state = "deleted"
            del self.concentrators[item.id]
        return {"Return": True}

    def concentrator(self, ctx, concentrator_id: str) -> Concentrator:
        item = self.concentrators.get(concentrator_id)
        if item is None or (item.account, item.region) != (ctx.account, ctx.region):
            raise not_found(concentrator_id)
        return item

    def check_concentrator(self, ctx, concentrator_id: str, tgw_id: str, static_routes_only: bool) -> None:
        """HAND_SOURCES concentrator: a connection joins one on its own transit gateway, with BGP only."""
        item = self.concentrator(ctx, concentrator_id)
        if tgw_id != item.transit_gateway_id:
            raise ApiError(check.COMBINATION, "VPN concentrator %s is attached to %s; the VPN connection must use that "
                           "TransitGatewayId" % (item.id, item.transit_gateway_id))
        if static_routes_only:
            raise ApiError(check.COMBINATION, "VPN connections on a VPN concentrator support dynamic (BGP) routing only")

    @staticmethod
    def _describe_concentrator(ctx, item: Concentrator) -> dict:
        return {"VpnConcentratorId": item.id, "State": item.state, "TransitGatewayId": item.transit_gateway_id,
                "TransitGatewayAttachmentId": item.attachment_id, "Type": item.type, "Tags": gateways.tags(ctx, item.id)}
