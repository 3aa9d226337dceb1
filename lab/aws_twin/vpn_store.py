# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPN connections the twin holds, their lookups and their DescribeVpnConnections rendering."""

from __future__ import annotations

import threading
import time

from lab.aws_twin import config_xml, gateways
from lab.aws_twin import vpn_validate as check
from lab.aws_twin.model import Connection
from lab.aws_twin.query import ApiError
from lab.aws_twin.settings import TwinSettings

# Delete actions of gateways a VPN connection depends on, and the parameter naming the gateway.
GATEWAY_DELETES = {"DeleteCustomerGateway": "CustomerGatewayId", "DeleteVpnGateway": "VpnGatewayId",
                   "DeleteTransitGateway": "TransitGatewayId"}


class VpnStore:
    """All VPN connections of the twin, across accounts and regions; thread-safe (``lock``)."""

    def __init__(self, settings: TwinSettings):
        self.settings = settings
        self.lock = threading.RLock()
        self.connections = {}
        self.concentrators = {}  # concentrators.ConcentratorActions

    # -- lookups -------------------------------------------------------------------------
    def _all(self, ctx, now: float) -> list:
        keep = self.settings.deleted_retention_seconds
        found = []
        for conn in list(self.connections.values()):
            conn.advance(now)
            for tunnel in conn.tunnels:
                tunnel.apply_due_maintenance(now, self.settings.modifying_seconds)
            if conn.state == "deleted" and now - conn.deleted_at > keep:
                del self.connections[conn.id]
                continue
            if (conn.account, conn.region) == (ctx.account, ctx.region):
                found.append(conn)
        return found

    def get(self, ctx, vpn_id: str, now: float = None, live: bool = False) -> Connection:
        now = now or time.time()
        for conn in self._all(ctx, now):
            if conn.id == vpn_id and (conn.live() or not live):
                return conn
        raise check.not_found(vpn_id)

    def _available(self, ctx, vpn_id: str, now: float) -> Connection:
        conn = self.get(ctx, vpn_id, now, live=True)
        if conn.state != "available":
            raise ApiError("IncorrectState", "VPN connection %s is in state %s; wait until it is available" % (vpn_id, conn.state))
        return conn

    def _peer(self, ctx, conn) -> dict:
        cgw = gateways.ec2(ctx).customer_gateways.get(conn.customer_gateway_id)
        return {
            "cgw_ip": cgw.ip_address if cgw else "0.0.0.0",
            "cgw_asn": cgw.bgp_asn if cgw else "",
            "aws_asn": self._aws_asn(ctx, conn),
        }

    @staticmethod
    def _aws_asn(ctx, conn) -> int:
        try:
            return gateways.amazon_side_asn(ctx, conn.vpn_gateway_id, conn.transit_gateway_id)
        except ApiError:
            return gateways.LEGACY_AMAZON_ASN

    def _used(self, ctx, gateway_key: str, skip=None):
        """Inside CIDRs in use on a gateway, outside IPs and PSKs in use in the region."""
        inside, outside, keys = set(), set(), set()
        for conn in self._all(ctx, time.time()):
            if not conn.live():
                continue
            for tunnel in conn.tunnels:
                if tunnel is skip:
                    continue
                outside.add(tunnel.outside_ip)
                keys.add(tunnel.options.get("pre_shared_key"))
                if conn.gateway_key() == gateway_key:
                    inside.update((tunnel.options.get("inside_cidr"), tunnel.options.get("inside_ipv6_cidr")))
        inside.discard(None)
        return inside, outside, keys

    def guard_delete(self, ctx, action: str, form: dict) -> None:
        """AWS refuses to delete a gateway a live VPN connection still uses (moto does not check)."""
        param = GATEWAY_DELETES.get(action)
        gateway_id = form.get(param) if param else None
        if not gateway_id:
            return
        with self.lock:
            for conn in self._all(ctx, time.time()):
                if conn.live() and gateway_id in (conn.customer_gateway_id, conn.vpn_gateway_id, conn.transit_gateway_id):
                    raise ApiError("IncorrectState", "%s is in use by VPN connection %s" % (gateway_id, conn.id))

    # -- rendering -----------------------------------------------------------------------
    def describe_one(self, ctx, conn, now: float) -> dict:
        out = {
            "VpnConnectionId": conn.id, "State": conn.state, "Type": conn.type, "Category": "VPN",
            "CustomerGatewayId": conn.customer_gateway_id,
            "Options": dict(conn.options, TunnelOptions=[t.describe(conn.psk_storage != "Standard") for t in conn.tunnels]),
            "Routes": [{"DestinationCidrBlock": c, "Source": "Static", "State": s} for c, s in sorted(conn.routes.items())],
            "VgwTelemetry": [t.telemetry(now) for t in conn.tunnels],
            "Tags": gateways.tags(ctx, conn.id),
        }
        if conn.vpn_gateway_id:
            out["VpnGatewayId"] = conn.vpn_gateway_id
        if conn.transit_gateway_id:
            out["TransitGatewayId"] = conn.transit_gateway_id
        if conn.concentrator_id:
            out["VpnConcentratorId"] = conn.concentrator_id
        if conn.psk_arn:
            out["PreSharedKeyArn"] = conn.psk_arn
        if conn.core_network_arn:
            out.update(CoreNetworkArn=conn.core_network_arn, CoreNetworkAttachmentArn=conn.core_network_attachment_arn)
        if conn.live():
            out["GatewayAssociationState"] = "associated" if conn.gateway_key() or conn.core_network_arn else "not-associated"
        if conn.state in ("pending", "available", "modifying"):
            out["CustomerGatewayConfiguration"] = config_xml.render(conn, self._peer(ctx, conn))
        return out

    # -- actions -------------------------------------------------------------------------
