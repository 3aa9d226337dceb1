# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-tunnel and read-only VPN actions: static routes, device samples, endpoint replacement, active status.

VpnService (vpn.py) builds on these; they use the store's lock, lookups and settings.
"""

from __future__ import annotations

import time

from lab.aws_twin import samples
from lab.aws_twin import vpn_validate as check
from lab.aws_twin.model import utc
from lab.aws_twin.query import ApiError
from lab.aws_twin.vpn_store import VpnStore

STATIC_ROUTES_PER_CONNECTION = 100


class TunnelActions(VpnStore):
    """CreateVpnConnectionRoute ... GetActiveVpnTunnelStatus (see vpn.ACTIONS)."""

    def create_vpn_connection_route(self, ctx, params: dict, delete: bool = False) -> dict:
        with self.lock:
            conn = self.get(ctx, params["VpnConnectionId"], live=True)
            cidr = check.network_cidrs({"LocalIpv4NetworkCidr": params["DestinationCidrBlock"]}, "ipv4")["LocalIpv4NetworkCidr"]
            if not conn.options["StaticRoutesOnly"] or conn.transit_gateway_id:
                raise ApiError("InvalidVpnConnection.InvalidType",
                               "Static routes are only supported on a VPN connection to a virtual private gateway with StaticRoutesOnly")
            if delete:
                if cidr not in conn.routes:
                    raise ApiError("InvalidRoute.NotFound", "No route with destination %s on %s" % (cidr, conn.id))
                check.dry_run(params)
                del conn.routes[cidr]
                return {}
            if cidr not in conn.routes and len(conn.routes) >= STATIC_ROUTES_PER_CONNECTION:
                raise ApiError("RouteLimitExceeded", "A VPN connection has at most %d static routes" % STATIC_ROUTES_PER_CONNECTION)
            check.dry_run(params)
            conn.routes[cidr] = "available"
        return {}

    def delete_vpn_connection_route(self, ctx, params: dict) -> dict:
        return self.create_vpn_connection_route(ctx, params, delete=True)

    def get_vpn_connection_device_types(self, _ctx, params: dict) -> dict:
        check.dry_run(params)
        return {"VpnConnectionDeviceTypes": samples.device_types()}

    def get_vpn_connection_device_sample_configuration(self, ctx, params: dict) -> dict:
        with self.lock:
            conn = self.get(ctx, params["VpnConnectionId"], live=True)
            text = samples.sample(conn, self._peer(ctx, conn), params["VpnConnectionDeviceTypeId"],
                                  params.get("InternetKeyExchangeVersion"), params.get("SampleType"))
        check.dry_run(params)
        return {"VpnConnectionDeviceSampleConfiguration": text}

    def get_vpn_tunnel_replacement_status(self, ctx, params: dict) -> dict:
        with self.lock:
            conn = self.get(ctx, params["VpnConnectionId"], live=True)
            tunnel = check.tunnel_of(conn, params["VpnTunnelOutsideIpAddress"])
            check.dry_run(params)
            details = {}
            if tunnel.pending_maintenance:
                details["PendingMaintenance"] = tunnel.pending_maintenance
            if tunnel.maintenance_auto_applied_after:
                details["MaintenanceAutoAppliedAfter"] = utc(tunnel.maintenance_auto_applied_after)
            if tunnel.last_maintenance_applied:
                details["LastMaintenanceApplied"] = utc(tunnel.last_maintenance_applied)
            out = {"VpnConnectionId": conn.id, "CustomerGatewayId": conn.customer_gateway_id,
                   "VpnTunnelOutsideIpAddress": tunnel.outside_ip, "MaintenanceDetails": details}
            out.update({k: v for k, v in (("VpnGatewayId", conn.vpn_gateway_id), ("TransitGatewayId", conn.transit_gateway_id)) if v})
            return out

    def replace_vpn_tunnel(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self._available(ctx, params["VpnConnectionId"], now)
            tunnel = check.tunnel_of(conn, params["VpnTunnelOutsideIpAddress"])
            if tunnel.busy(now):
                raise ApiError("IncorrectState", "Tunnel %s of %s is already being replaced" % (tunnel.outside_ip, conn.id))
            check.dry_run(params)
            tunnel.busy_until = now + self.settings.modifying_seconds
            tunnel.last_maintenance_applied = now
            if params.get("ApplyPendingMaintenance"):
                tunnel.pending_maintenance = None
                tunnel.maintenance_auto_applied_after = None
            return {"Return": True}

    def get_active_vpn_tunnel_status(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self.get(ctx, params["VpnConnectionId"], now, live=True)
            tunnel = check.tunnel_of(conn, params["VpnTunnelOutsideIpAddress"])
            check.dry_run(params)
            status = dict(tunnel.negotiated)
            if conn.state == "pending" or tunnel.busy(now):
                status.update(ProvisioningStatus="pending", ProvisioningStatusReason="Tunnel endpoint is being provisioned")
            else:
                status["ProvisioningStatus"] = "available"
            return {"ActiveVpnTunnelStatus": status}
