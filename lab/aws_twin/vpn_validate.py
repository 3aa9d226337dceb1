# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS's request rules for VPN connections, answered with AWS's error codes.

Tunnel option rules come from the shared model (tunnel_options.problems); this module adds the
connection-level rules (gateway kind, IP versions, bandwidth, acceleration) and maps every
broken rule to the code AWS answers: InvalidParameterValue for a bad value,
InvalidParameterCombination for values that cannot go together, MissingParameter.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options

from lab.aws_twin.query import ApiError

VALUE = "InvalidParameterValue"
COMBINATION = "InvalidParameterCombination"
MISSING = "MissingParameter"
# Tunnel option rules whose breach is a combination of fields rather than one bad value.
COMBINATION_RULES = ("tunnel_option.startup_ikev2",)
OUTSIDE_TYPES = ("PublicIpv4", "PrivateIpv4", "Ipv6")
BANDWIDTHS = ("standard", "large")
PSK_STORAGES = ("Standard", "SecretsManager")
MAX_TUNNELS = 2


def _cidr(value: str, version: int, field: str) -> str:
    try:
        net = ipaddress.ip_network(value, strict=True)
    except ValueError as exc:
        raise ApiError(VALUE, "Invalid value '%s' for %s: not a valid CIDR block" % (value, field)) from exc
    if net.version != version:
        raise ApiError(VALUE, "Invalid value '%s' for %s: must be an IPv%d CIDR block" % (value, field, version))
    return str(net)


def connection_options(opts: dict, on_tgw: bool) -> tuple:
    """(connection options with AWS's defaults, API spelling; validated tunnel specs), or ApiError."""
    opts = dict(opts or {})
    specs = opts.pop("TunnelOptions", None) or []
    if len(specs) > MAX_TUNNELS:
        raise ApiError(VALUE, "TunnelOptions: a VPN connection has %d tunnels, got %d entries" % (MAX_TUNNELS, len(specs)))
    version = opts.get("TunnelInsideIpVersion", "ipv4")
    if version not in ("ipv4", "ipv6"):
        raise ApiError(VALUE, "Invalid value '%s' for TunnelInsideIpVersion: must be ipv4 or ipv6" % version)
    if version == "ipv6" and not on_tgw:
        raise ApiError(COMBINATION, "TunnelInsideIpVersion ipv6 is only supported on a transit gateway")
    outside = _outside_type(opts, on_tgw)
    bandwidth = opts.get("TunnelBandwidth", "standard")
    check_bandwidth(bandwidth, on_tgw)
    if opts.get("EnableAcceleration"):
        if not on_tgw:
            raise ApiError(COMBINATION, "EnableAcceleration is only supported for a VPN connection on a transit gateway")
        if outside == "PrivateIpv4":
            raise ApiError(COMBINATION, "EnableAcceleration is not supported with OutsideIpAddressType PrivateIpv4")
    out = {
        "EnableAcceleration": bool(opts.get("EnableAcceleration", False)),
        "StaticRoutesOnly": bool(opts.get("StaticRoutesOnly", False)),
        "OutsideIpAddressType": outside,
        "TunnelInsideIpVersion": version,
        "TunnelBandwidth": bandwidth,
    }
    if opts.get("TransportTransitGatewayAttachmentId"):
        out["TransportTransitGatewayAttachmentId"] = opts["TransportTransitGatewayAttachmentId"]
    out.update(network_cidrs(opts, version))
    return out, [tunnel_spec(s, i, version) for i, s in enumerate(specs, 1)]


def _outside_type(opts: dict, on_tgw: bool) -> str:
    outside = opts.get("OutsideIpAddressType", "PublicIpv4")
    if outside not in OUTSIDE_TYPES:
        raise ApiError(VALUE, "Invalid value '%s' for OutsideIpAddressType: must be one of %s" % (outside, ", ".join(OUTSIDE_TYPES)))
    if outside != "PublicIpv4" and not on_tgw:
        raise ApiError(COMBINATION, "OutsideIpAddressType %s is only supported on a transit gateway" % outside)
    if outside == "PrivateIpv4" and not opts.get("TransportTransitGatewayAttachmentId"):
        raise ApiError(MISSING, "OutsideIpAddressType PrivateIpv4 requires TransportTransitGatewayAttachmentId")
    if outside != "PrivateIpv4" and opts.get("TransportTransitGatewayAttachmentId"):
        raise ApiError(COMBINATION, "TransportTransitGatewayAttachmentId is only valid with OutsideIpAddressType PrivateIpv4")
    return outside


def check_bandwidth(bandwidth: str, on_tgw: bool) -> None:
    if bandwidth not in BANDWIDTHS:
        raise ApiError(VALUE, "Invalid value '%s' for TunnelBandwidth: must be standard or large" % bandwidth)
    if bandwidth == "large" and not on_tgw:
        raise ApiError(COMBINATION, "TunnelBandwidth large is only supported on a transit gateway or Cloud WAN")


def network_cidrs(opts: dict, version: int) -> dict:
    """Local/remote network CIDRs of the IP version in use (the other version's are refused)."""
    mine, other, default = (("Ipv4", "Ipv6", "0.0.0.0/0") if version == "ipv4" else ("Ipv6", "Ipv4", "::/0"))
    out = {}
    for side in ("Local", "Remote"):
        if opts.get("%s%sNetworkCidr" % (side, other)):
            raise ApiError(COMBINATION, "%s%sNetworkCidr does not match TunnelInsideIpVersion %s" % (side, other, version))
        key = "%s%sNetworkCidr" % (side, mine)
        out[key] = _cidr(opts.get(key, default), 4 if mine == "Ipv4" else 6, key)
    return out


def spec_to_snake(spec: dict) -> dict:
    """A VpnTunnelOptionsSpecification (boto3 shape) to the model's snake-case options, values untouched."""
    out = {}
    for key, value in spec.items():
        field = tunnel_options.BY_API.get(key)
        if field is None:
            continue  # newer members the model does not cover (additional key exchanges)
        if field.kind == "list":
            out[field.name] = [v.get("Value") if isinstance(v, dict) else v for v in value]
        elif field.kind == "log":
            out[field.name] = tunnel_options.from_api({"LogOptions": value})["log_options"]
        else:
            out[field.name] = value
    return out


def tunnel_spec(spec: dict, index: int, version: str) -> dict:
    """One tunnel's requested options, checked against AWS's rules (snake-case, canonical values)."""
    snake = spec_to_snake(spec)
    check_tunnel(snake, index, version)
    return canonical(snake)


def canonical(snake: dict) -> dict:
    """Checked options in one spelling each (algorithms as AWS spells them, CIDRs compressed),
    so equal values compare equal (inside CIDRs must be unique per gateway)."""
    out = {k: tunnel_options.canonical_value(k, v) for k, v in snake.items()}
    for key in ("inside_cidr", "inside_ipv6_cidr"):
        if out.get(key):
            out[key] = str(ipaddress.ip_network(out[key]))
    return out


def check_tunnel(snake: dict, index, version: str) -> None:
    """AWS's rules for one tunnel's options; ``index`` names the tunnel in messages."""
    if version == "ipv4" and snake.get("inside_ipv6_cidr"):
        raise ApiError(COMBINATION, "TunnelOptions.%s.TunnelInsideIpv6Cidr needs TunnelInsideIpVersion ipv6" % index)
    if version == "ipv6" and snake.get("inside_cidr"):
        raise ApiError(COMBINATION, "TunnelOptions.%s.TunnelInsideCidr is not valid with TunnelInsideIpVersion ipv6" % index)
    found = tunnel_options.problems(snake)
    if found:
        field, rule, message = found[0]
        api = tunnel_options.BY_NAME[field].api if field in tunnel_options.BY_NAME else field
        code = COMBINATION if rule in COMBINATION_RULES else VALUE
        raise ApiError(code, "Invalid value for TunnelOptions.%s.%s: %s [%s]" % (index, api, message, rule))


def check_psk_storage(value) -> str:
    value = value or "Standard"
    if value not in PSK_STORAGES:
        raise ApiError(VALUE, "Invalid value '%s' for PreSharedKeyStorage: must be Standard or SecretsManager" % value)
    return value


def dry_run(params: dict) -> None:
    """After every check passed: a DryRun request answers DryRunOperation and changes nothing."""
    if params.get("DryRun"):
        raise ApiError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412)


def not_found(vpn_id: str) -> ApiError:
    return ApiError("InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%s' does not exist" % vpn_id)


def tunnel_of(conn, outside_ip: str):
    """The tunnel of ``conn`` with this outside IP (how every per-tunnel action names a tunnel)."""
    tunnel = conn.tunnel(outside_ip)
    if tunnel is None:
        raise ApiError(VALUE, "Invalid value '%s' for VpnTunnelOutsideIpAddress: no tunnel of %s has this address" % (outside_ip, conn.id))
    return tunnel
