# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPN connection options (the ``Options`` of CreateVpnConnection, minus TunnelOptions).

One table says, per option, its API spelling, AWS's default and how a live connection
takes a change: ``modify`` (ModifyVpnConnectionOptions) or ``replace`` (AWS has no call
for it; the connection must be deleted and created again).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass


@dataclass(frozen=True)
class ConnectionField:
    name: str
    api: str
    kind: str  # bool | str | cidr4 | cidr6
    default: object
    change: str  # modify | replace
    choices: tuple = None
    tgw_only_value: object = None  # a value only a transit gateway accepts


FIELDS = (
    ConnectionField("static_routes_only", "StaticRoutesOnly", "bool", False, "replace"),
    ConnectionField("enable_acceleration", "EnableAcceleration", "bool", False, "replace", tgw_only_value=True),
    ConnectionField("tunnel_inside_ip_version", "TunnelInsideIpVersion", "str", "ipv4", "replace",
                    choices=("ipv4", "ipv6"), tgw_only_value="ipv6"),
    ConnectionField("local_ipv4_network_cidr", "LocalIpv4NetworkCidr", "cidr4", "0.0.0.0/0", "modify"),
    ConnectionField("remote_ipv4_network_cidr", "RemoteIpv4NetworkCidr", "cidr4", "0.0.0.0/0", "modify"),
    ConnectionField("local_ipv6_network_cidr", "LocalIpv6NetworkCidr", "cidr6", "::/0", "modify"),
    ConnectionField("remote_ipv6_network_cidr", "RemoteIpv6NetworkCidr", "cidr6", "::/0", "modify"),
    ConnectionField("outside_ip_address_type", "OutsideIpAddressType", "str", "PublicIpv4", "replace",
                    choices=("PublicIpv4", "PrivateIpv4", "Ipv6"), tgw_only_value="Ipv6"),
    ConnectionField("transport_transit_gateway_attachment_id", "TransportTransitGatewayAttachmentId", "str",
                    None, "replace"),
    ConnectionField("tunnel_bandwidth", "TunnelBandwidth", "str", "standard", "modify",
                    choices=("standard", "large"), tgw_only_value="large"),
)
BY_NAME = {f.name: f for f in FIELDS}
BY_API = {f.api: f for f in FIELDS}


def _check(f: ConnectionField, value, found: list, prefix: str) -> None:
    field = prefix + f.name
    if f.kind == "bool" and not isinstance(value, bool):
        found.append((field, "connection_option.type", "must be a boolean"))
    elif f.kind == "str" and f.choices and value not in f.choices:
        found.append((field, "connection_option.choice", "must be one of %s (got %r)" % (", ".join(f.choices), value)))
    elif f.kind in ("cidr4", "cidr6"):
        version = 4 if f.kind == "cidr4" else 6
        try:
            net = ipaddress.ip_network(str(value), strict=True)
        except ValueError as exc:
            found.append((field, "connection_option.cidr", "%r is not a network address: %s" % (value, exc)))
            return
        if net.version != version:
            found.append((field, "connection_option.cidr", "must be an IPv%d network (got %s)" % (version, net)))


def problems(options: dict, target: str, prefix: str = "") -> list:
    """(field, rule, message) for every rule ``options`` break on a ``vgw``, ``tgw`` or ``cloudwan`` target."""
    found = []
    given = {k: v for k, v in options.items() if v is not None}
    for key, value in given.items():
        f = BY_NAME.get(key)
        if f is None:
            found.append((prefix + key, "connection_option.unknown",
                          "unknown connection option; valid: %s" % ", ".join(sorted(BY_NAME))))
            continue
        _check(f, value, found, prefix)
        if target == "vgw" and f.tgw_only_value is not None and value == f.tgw_only_value:
            found.append((prefix + key, "connection_option.tgw_only",
                          "%r needs a transit gateway target; this connection targets a VGW" % (value,)))
        if target == "cloudwan" and key == "enable_acceleration" and value:
            # AWS user guide, accelerated-vpn: acceleration is for connections on a transit gateway only.
            found.append((prefix + key, "connection_option.tgw_only",
                          "true needs a transit gateway target; a Cloud WAN connection cannot be accelerated"))
    if found:
        return found
    version = given.get("tunnel_inside_ip_version", "ipv4")
    for key in ("local_ipv6_network_cidr", "remote_ipv6_network_cidr"):
        if key in given and version != "ipv6":
            found.append((prefix + key, "connection_option.ip_version", "needs tunnel_inside_ip_version ipv6"))
    for key in ("local_ipv4_network_cidr", "remote_ipv4_network_cidr"):
        if key in given and version != "ipv4":
            found.append((prefix + key, "connection_option.ip_version", "needs tunnel_inside_ip_version ipv4"))
    private = given.get("outside_ip_address_type") == "PrivateIpv4"
    transport = given.get("transport_transit_gateway_attachment_id")
    if private and not transport:
        found.append((prefix + "transport_transit_gateway_attachment_id", "connection_option.transport",
                      "is required when outside_ip_address_type is PrivateIpv4 (a Direct Connect TGW attachment)"))
    if transport and not private:
        found.append((prefix + "transport_transit_gateway_attachment_id", "connection_option.transport",
                      "is only valid with outside_ip_address_type PrivateIpv4"))
    if private and target != "tgw":
        found.append((prefix + "outside_ip_address_type", "connection_option.tgw_only",
                      "PrivateIpv4 needs a transit gateway target"))
    if private and given.get("enable_acceleration"):
        # AWS's private IP VPN: accelerated VPN is not supported over Direct Connect (docs/intent-reference.md)
        found.append((prefix + "enable_acceleration", "connection_option.private_ip_accelerated",
                      "a private IP VPN (PrivateIpv4) cannot be accelerated"))
    if given.get("tunnel_bandwidth") == "large" and given.get("enable_acceleration"):
        # AWS's large-bandwidth tunnels (2025-11) are not offered with acceleration (shared/reference/aws-vpn-2026.md)
        found.append((prefix + "tunnel_bandwidth", "connection_option.large_not_accelerated",
                      "large tunnels cannot be accelerated: set enable_acceleration false or tunnel_bandwidth standard"))
    return found


def to_api(options: dict) -> dict:
    """Snake-case options to CreateVpnConnection ``Options`` keys; unset (None) options are never sent."""
    return {BY_NAME[k].api: v for k, v in options.items() if v is not None}


def from_api(options: dict) -> dict:
    """Describe ``Options`` to snake-case, AWS's defaults filled in where it left a key out."""
    out = {f.name: f.default for f in FIELDS}
    for key, value in (options or {}).items():
        f = BY_API.get(key)
        if f is not None and value is not None:
            out[f.name] = value
    return out
