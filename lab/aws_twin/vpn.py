# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPN fidelity layer: the EC2 VPN connection actions, answered as AWS answers them.

Each action takes the boto3-style parameters (query.parse_request) and returns the boto3-style
result (query.render_response) or raises ApiError. The connection also exists in moto's EC2
backend, so its ID, tags (CreateTags/DescribeTags) and transit gateway attachment are moto's.
"""

from __future__ import annotations

import time

from lab.aws_twin import allocate, api_rules, gateways, vpn_filters
from lab.aws_twin.concentrators import ConcentratorActions
from lab.aws_twin import vpn_validate as check
from lab.aws_twin.model import Connection, Tunnel
from lab.aws_twin.vpn_tunnels import TunnelActions
from lab.aws_twin.query import ApiError

VPN_CONNECTIONS_PER_REGION = 50
VPN_CONNECTIONS_PER_VGW = 10
UNASSOCIATED_PER_REGION = 10  # "Unassociated VPN connections per Region" (Site-to-Site VPN quotas, HAND_SOURCES cloudwan)
DEFAULT_LOG_OPTIONS = {"log_enabled": False}


def _keys(conn) -> dict:
    return {t.outside_ip: t.options["pre_shared_key"] for t in conn.tunnels}


def check_unassociated_options(opts: dict) -> None:
    """HAND_SOURCES cloudwan: an unassociated connection (for Cloud WAN) takes large tunnels and IPv6 like a TGW one, but
    neither acceleration (a transit gateway's) nor private outside addresses (over Direct Connect to a TGW)."""
    if opts.get("EnableAcceleration"):
        raise ApiError(check.COMBINATION, "EnableAcceleration is only supported for a VPN connection on a transit gateway")
    if opts.get("OutsideIpAddressType") == "PrivateIpv4":
        raise ApiError(check.COMBINATION, "OutsideIpAddressType PrivateIpv4 needs a transit gateway")


class VpnService(TunnelActions, ConcentratorActions):
    """The EC2 VPN connection and concentrator actions (see ACTIONS)."""

    def create_vpn_connection(self, ctx, params: dict) -> dict:
        if params.get("Type") != "ipsec.1":
            raise ApiError(check.VALUE, "Invalid value '%s' for Type: the only supported type is ipsec.1" % params.get("Type"))
        if not params.get("CustomerGatewayId"):
            raise ApiError(check.MISSING, "The request must contain the parameter CustomerGatewayId")
        vgw_id, tgw_id = params.get("VpnGatewayId"), params.get("TransitGatewayId")
        if vgw_id and tgw_id:
            raise ApiError(check.COMBINATION, "The request must not contain both parameter vpnGatewayId and transitGatewayId")
        unassociated = not (vgw_id or tgw_id)  # Cloud WAN: attached to a core network afterwards
        if unassociated:
            check_unassociated_options(params.get("Options") or {})
        options, specs = check.connection_options(params.get("Options"), bool(tgw_id) or unassociated)
        storage = check.check_psk_storage(params.get("PreSharedKeyStorage"))
        with self.lock:
            now = time.time()
            cgw = gateways.customer_gateway(ctx, params["CustomerGatewayId"])
            if vgw_id:
                gateways.vpn_gateway(ctx, vgw_id)
            elif tgw_id:
                gateways.transit_gateway(ctx, tgw_id)
            transport = options.get("TransportTransitGatewayAttachmentId")
            transport = transport and gateways.transit_gateway_attachment(ctx, transport)
            check.outside_peer(options["OutsideIpAddressType"], cgw.ip_address, transport, tgw_id)
            if params.get("VpnConcentratorId"):
                self.check_concentrator(ctx, params["VpnConcentratorId"], tgw_id, options["StaticRoutesOnly"])
            self._check_quota(ctx, vgw_id, now, tgw_id)
            tunnels = self._new_tunnels(ctx, vgw_id or tgw_id, options, specs)
            check.dry_run(params)
            tags = {t["Key"]: t["Value"] for spec in params.get("TagSpecifications", []) for t in spec.get("Tags", [])}
            moto_conn = gateways.ec2(ctx).create_vpn_connection(
                "ipsec.1", params["CustomerGatewayId"], vpn_gateway_id=vgw_id, transit_gateway_id=tgw_id, tags=tags)
            if tgw_id:
                gateways.ec2(ctx).create_transit_gateway_vpn_attachment(vpn_id=moto_conn.id, transit_gateway_id=tgw_id)
            conn = Connection(moto_conn.id, ctx.account, ctx.region, params["CustomerGatewayId"], vgw_id, tgw_id,
                              options, tunnels, psk_storage=storage, concentrator_id=params.get("VpnConcentratorId"))
            if storage == "SecretsManager":
                conn.psk_arn = gateways.store_psks(ctx, "vpn/%s/psk" % conn.id, _keys(conn))
            conn.enter("pending", self.settings.pending_seconds, now)
            self.connections[conn.id] = conn
            return {"VpnConnection": self.describe_one(ctx, conn, now)}

    def _check_quota(self, ctx, vgw_id: str, now: float, tgw_id: str = None) -> None:
        live = [c for c in self._all(ctx, now) if c.live()]
        if len(live) >= VPN_CONNECTIONS_PER_REGION:
            raise ApiError("VpnConnectionLimitExceeded", "You have reached the limit of %d VPN connections in this Region" % VPN_CONNECTIONS_PER_REGION)
        if vgw_id and sum(1 for c in live if c.vpn_gateway_id == vgw_id) >= VPN_CONNECTIONS_PER_VGW:
            raise ApiError("VpnConnectionLimitExceeded", "You have reached the limit of %d VPN connections on %s" % (VPN_CONNECTIONS_PER_VGW, vgw_id))
        if not (vgw_id or tgw_id) and sum(1 for c in live if not c.gateway_key()) >= UNASSOCIATED_PER_REGION:
            raise ApiError("VpnConnectionLimitExceeded", "You have reached the limit of %d unassociated VPN connections in"
                           " this Region" % UNASSOCIATED_PER_REGION)

    def _new_tunnels(self, ctx, gateway_key: str, options: dict, specs: list) -> list:
        inside_used, outside_used, keys_used = self._used(ctx, gateway_key)
        version = options["TunnelInsideIpVersion"]
        inside_key = "inside_cidr" if version == "ipv4" else "inside_ipv6_cidr"
        pool = {"PublicIpv4": self.settings.outside_pool, "PrivateIpv4": self.settings.private_outside_pool,
                "Ipv6": self.settings.ipv6_outside_pool}[options["OutsideIpAddressType"]]
        specs = list(specs) + [{} for _missing in range(check.MAX_TUNNELS - len(specs))]
        tunnels = []
        for index, spec in enumerate(specs, 1):
            if spec.get(inside_key):
                if spec[inside_key] in inside_used:
                    raise ApiError(check.VALUE, "Invalid value for TunnelOptions.%d.%s: %s is already in use on %s"
                                   % (index, api_rules.BY_KEY[inside_key].member, spec[inside_key], gateway_key))
            else:
                spec[inside_key] = allocate.inside_block(version, inside_used)
            inside_used.add(spec[inside_key])
            if not spec.get("pre_shared_key"):
                spec["pre_shared_key"] = allocate.pre_shared_key(keys_used)
            keys_used.add(spec["pre_shared_key"])
            effective = dict(api_rules.defaults(), **spec)
            effective.setdefault("log_options", dict(DEFAULT_LOG_OPTIONS))
            outside = allocate.outside_ip(pool, outside_used)
            outside_used.add(outside)
            tunnels.append(Tunnel(outside, effective))
        return tunnels

    def describe_vpn_connections(self, ctx, params: dict, hidden=()) -> dict:
        check.dry_run(params)
        with self.lock:
            now = time.time()
            conns = [c for c in self._all(ctx, now) if c.id not in hidden]
            wanted = params.get("VpnConnectionIds")
            if wanted:
                known = {c.id for c in conns}
                for vpn_id in wanted:
                    if vpn_id not in known:
                        raise check.not_found(vpn_id)
                conns = [c for c in conns if c.id in wanted]
            described = [(self.describe_one(ctx, c, now), self._peer(ctx, c)["cgw_asn"]) for c in conns]
        filters = params.get("Filters", [])
        return {"VpnConnections": [d for d, asn in described if vpn_filters.matches(d, asn, filters)]}

    def delete_vpn_connection(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self.get(ctx, params["VpnConnectionId"], now)
            if conn.core_network_attachment_arn:  # HAND_SOURCES cloudwan (assumed): the attachment goes first
                raise ApiError("IncorrectState", "VPN connection %s is attached to a core network (%s); delete the"
                               " attachment first" % (conn.id, conn.core_network_attachment_arn))
            check.dry_run(params)
            if conn.live():
                conn.enter("deleting", self.settings.deleting_seconds, now)
                backend = gateways.ec2(ctx)
                backend.delete_vpn_connection(conn.id)
                for attachment in backend.transit_gateway_attachments.values():
                    if attachment.resource_id == conn.id:
                        attachment.state = "deleted"
        return {}

    def modify_vpn_tunnel_options(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self._available(ctx, params["VpnConnectionId"], now)
            tunnel = check.tunnel_of(conn, params["VpnTunnelOutsideIpAddress"])
            changes = check.spec_to_snake(params.get("TunnelOptions") or {})
            if not changes:
                raise ApiError(check.MISSING, "The request must contain at least one tunnel option to modify")
            if params.get("PreSharedKeyStorage"):
                check.check_psk_storage(params["PreSharedKeyStorage"])
            merged = dict(tunnel.options, **changes)
            check.check_tunnel(merged, params["VpnTunnelOutsideIpAddress"], conn.options["TunnelInsideIpVersion"])
            inside_key = "inside_cidr" if conn.options["TunnelInsideIpVersion"] == "ipv4" else "inside_ipv6_cidr"
            inside_used = self._used(ctx, conn.gateway_key(), skip=tunnel)[0]
            if changes.get(inside_key) and check.canonical({inside_key: changes[inside_key]})[inside_key] in inside_used:
                raise ApiError(check.VALUE, "Invalid value for %s: %s is already in use on %s"
                               % (api_rules.BY_KEY[inside_key].member, changes[inside_key], conn.gateway_key()))
            check.dry_run(params)
            tunnel.options = check.canonical(merged)
            if conn.psk_arn and "pre_shared_key" in changes:
                gateways.store_psks(ctx, None, _keys(conn), conn.psk_arn)
            conn.enter("modifying", self.settings.modifying_seconds, now)
            if not params.get("SkipTunnelReplacement"):
                tunnel.busy_until = conn.state_until
            return {"VpnConnection": self.describe_one(ctx, conn, now)}

    def modify_vpn_connection_options(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self._available(ctx, params["VpnConnectionId"], now)
            asked = {k: v for k, v in params.items() if k.endswith("NetworkCidr") or k == "TunnelBandwidth"}
            if not asked:
                raise ApiError(check.MISSING, "The request must change at least one connection option")
            if "TunnelBandwidth" in asked:
                check.check_bandwidth(asked["TunnelBandwidth"], bool(conn.transit_gateway_id), conn.options["EnableAcceleration"])
            cidrs = {k: v for k, v in dict(conn.options, **asked).items() if k.endswith("NetworkCidr")}
            cidrs = check.network_cidrs(cidrs, conn.options["TunnelInsideIpVersion"])
            check.dry_run(params)
            conn.options.update(cidrs)
            conn.options.update({k: v for k, v in asked.items() if k == "TunnelBandwidth"})
            self._replace_both(conn, now)
            return {"VpnConnection": self.describe_one(ctx, conn, now)}

    def _replace_both(self, conn, now: float) -> None:
        conn.enter("modifying", self.settings.modifying_seconds, now)
        for tunnel in conn.tunnels:
            tunnel.busy_until = conn.state_until

    def modify_vpn_connection(self, ctx, params: dict) -> dict:
        with self.lock:
            now = time.time()
            conn = self._available(ctx, params["VpnConnectionId"], now)
            cgw_id, vgw_id, tgw_id = (params.get("CustomerGatewayId"), params.get("VpnGatewayId"), params.get("TransitGatewayId"))
            if not (cgw_id or vgw_id or tgw_id):
                raise ApiError(check.MISSING, "The request must contain CustomerGatewayId, VpnGatewayId or TransitGatewayId")
            if vgw_id and tgw_id:
                raise ApiError(check.COMBINATION, "The request must not contain both parameter vpnGatewayId and transitGatewayId")
            if cgw_id:
                check.outside_peer(conn.options["OutsideIpAddressType"], gateways.customer_gateway(ctx, cgw_id).ip_address)
            if (vgw_id or tgw_id) and conn.core_network_attachment_arn:  # HAND_SOURCES cloudwan
                raise ApiError("IncorrectState", "VPN connection %s is attached to a core network" % conn.id)
            if vgw_id:
                gateways.vpn_gateway(ctx, vgw_id)
                self._check_gateway_kind(conn, on_tgw=False)
            if tgw_id:
                gateways.transit_gateway(ctx, tgw_id)
            check.dry_run(params)
            if cgw_id:
                conn.customer_gateway_id = cgw_id
            if vgw_id or tgw_id:
                self._move_gateway(ctx, conn, vgw_id, tgw_id)
            self._replace_both(conn, now)
            return {"VpnConnection": self.describe_one(ctx, conn, now)}

    @staticmethod
    def _check_gateway_kind(conn, on_tgw: bool) -> None:
        opts = conn.options
        if not on_tgw and (opts["EnableAcceleration"] or opts["TunnelBandwidth"] == "large" or opts["TunnelInsideIpVersion"] == "ipv6"):
            raise ApiError(check.COMBINATION, "%s uses options only a transit gateway supports" % conn.id)

    @staticmethod
    def _move_gateway(ctx, conn, vgw_id: str, tgw_id: str) -> None:
        backend = gateways.ec2(ctx)
        for attachment in backend.transit_gateway_attachments.values():
            if attachment.resource_id == conn.id:
                attachment.state = "deleted"
        if tgw_id:
            backend.create_transit_gateway_vpn_attachment(vpn_id=conn.id, transit_gateway_id=tgw_id)
        conn.vpn_gateway_id, conn.transit_gateway_id = vgw_id, tgw_id


ACTIONS = {
    "CreateVpnConnection": VpnService.create_vpn_connection,
    "DescribeVpnConnections": VpnService.describe_vpn_connections,
    "DeleteVpnConnection": VpnService.delete_vpn_connection,
    "ModifyVpnTunnelOptions": VpnService.modify_vpn_tunnel_options,
    "ModifyVpnConnectionOptions": VpnService.modify_vpn_connection_options,
    "ModifyVpnConnection": VpnService.modify_vpn_connection,
    "CreateVpnConnectionRoute": VpnService.create_vpn_connection_route,
    "DeleteVpnConnectionRoute": VpnService.delete_vpn_connection_route,
    "GetVpnConnectionDeviceTypes": VpnService.get_vpn_connection_device_types,
    "GetVpnConnectionDeviceSampleConfiguration": VpnService.get_vpn_connection_device_sample_configuration,
    "GetVpnTunnelReplacementStatus": VpnService.get_vpn_tunnel_replacement_status,
    "ReplaceVpnTunnel": VpnService.replace_vpn_tunnel,
    "GetActiveVpnTunnelStatus": VpnService.get_active_vpn_tunnel_status,
    "CreateVpnConcentrator": VpnService.create_vpn_concentrator,
    "DescribeVpnConcentrators": VpnService.describe_vpn_concentrators,
    "DeleteVpnConcentrator": VpnService.delete_vpn_concentrator,
}
