# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Describe output to the collection's snake-case result shape (pure functions).

vpn_connection, vpn_connection_info and the compliance role all read AWS through here,
so a tunnel looks the same everywhere: outside IP, inside CIDR and addresses, both ASNs,
its options as AWS runs them (defaults filled in) and the effective crypto per phase.
Pre-shared keys are dropped unless the caller asks for them (``include_psk``); the
CustomerGatewayConfiguration XML (which carries the keys) is only mined for addresses
and ASNs, never returned.
"""

from __future__ import annotations

import datetime
from xml.etree import ElementTree

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts


def _jsonable(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def snake(data: dict) -> dict:
    """camel_dict_to_snake_dict with datetimes as ISO strings (results must be JSON)."""
    return camel_dict_to_snake_dict(_jsonable(data or {}))


def tags(tag_list) -> dict:
    return {t["Key"]: t.get("Value", "") for t in tag_list or []}


def _text(node, path):
    found = node.find(path)
    return found.text.strip() if found is not None and found.text else None


def _int(text):
    return int(text) if text and text.isdigit() else None


def parse_cgw_configuration(xml_text) -> dict:
    """Per AWS outside IP: inside addresses and BGP data from CustomerGatewayConfiguration.

    The XML's tunnel order is not guaranteed, so it is keyed by the AWS outside IP. Keys are
    never read out of it.
    """
    if not xml_text:
        return {}
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError:
        return {}
    out = {}
    for tunnel in root.iter("ipsec_tunnel"):
        outside = _text(tunnel, "vpn_gateway/tunnel_outside_address/ip_address")
        if not outside:
            continue
        out[outside] = {
            "customer_gateway_outside_ip": _text(tunnel, "customer_gateway/tunnel_outside_address/ip_address"),
            "aws_inside_ip": _text(tunnel, "vpn_gateway/tunnel_inside_address/ip_address"),
            "cgw_inside_ip": _text(tunnel, "customer_gateway/tunnel_inside_address/ip_address"),
            "amazon_side_asn": _int(_text(tunnel, "vpn_gateway/bgp/asn")),
            "customer_gateway_asn": _int(_text(tunnel, "customer_gateway/bgp/asn")),
            "bgp_hold_time": _int(_text(tunnel, "vpn_gateway/bgp/hold_time")),
        }
    return out


def crypto(options: dict) -> dict:
    """The effective crypto per phase of one tunnel's snake-case options (AWS defaults filled in)."""
    eff = topts.effective({k: v for k, v in options.items() if k not in topts.SECRET_FIELDS})
    return {
        "ike_versions": eff["ike_versions"],
        "phase1": {
            "encryption_algorithms": eff["phase1_encryption_algorithms"],
            "integrity_algorithms": eff["phase1_integrity_algorithms"],
            "dh_group_numbers": eff["phase1_dh_group_numbers"],
            "additional_key_exchanges": eff["phase1_additional_key_exchanges"],
            "lifetime_seconds": eff["phase1_lifetime_seconds"],
        },
        "phase2": {
            "encryption_algorithms": eff["phase2_encryption_algorithms"],
            "integrity_algorithms": eff["phase2_integrity_algorithms"],
            "pfs_dh_group_numbers": eff["phase2_dh_group_numbers"],
            "additional_key_exchanges": eff["phase2_additional_key_exchanges"],
            "lifetime_seconds": eff["phase2_lifetime_seconds"],
        },
    }


def tunnel(index: int, tunnel_option: dict, telemetry=None, bgp=None, asns=None, include_psk=False) -> dict:
    """One tunnel: Describe ``TunnelOption`` plus its VgwTelemetry and the XML/BGP facts."""
    options = topts.from_api(tunnel_option)
    key = options.pop("pre_shared_key", None)
    bgp = bgp or {}
    asns = asns or {}
    cidr = options.get("inside_ipv6_cidr") or options.get("inside_cidr")
    addr = inside_cidr.addresses(cidr) if cidr else {}
    out = {
        "index": index,
        "outside_ip_address": tunnel_option.get("OutsideIpAddress"),
        "inside_cidr": options.get("inside_cidr"),
        "inside_ipv6_cidr": options.get("inside_ipv6_cidr"),
        "aws_inside_ip": bgp.get("aws_inside_ip") or addr.get("aws"),
        "cgw_inside_ip": bgp.get("cgw_inside_ip") or addr.get("cgw"),
        "inside_prefixlen": addr.get("prefixlen"),
        "amazon_side_asn": bgp.get("amazon_side_asn") or asns.get("amazon_side_asn"),
        "customer_gateway_asn": bgp.get("customer_gateway_asn") or asns.get("customer_gateway_asn"),
        "bgp_hold_time": bgp.get("bgp_hold_time"),
        "options": topts.effective(options),
        "crypto": crypto(options),
        "telemetry": snake(telemetry) if telemetry else None,
    }
    out["options"].update({k: v for k, v in options.items() if k not in out["options"]})
    if include_psk:
        out["pre_shared_key"] = key
    return out


def tunnel_psks(connection: dict) -> list:
    """The pre-shared keys Describe returned (to mask them; never to print them)."""
    opts = (connection.get("Options") or {}).get("TunnelOptions") or []
    return [t["PreSharedKey"] for t in opts if t.get("PreSharedKey")]


def connection(conn: dict, asns=None, include_psk=False) -> dict:
    """A DescribeVpnConnections entry in the collection's shape.

    Tunnels keep the order AWS lists them in ``Options.TunnelOptions`` (the order tunnel
    identity falls back to); telemetry and XML facts are joined by outside IP.
    """
    options = conn.get("Options") or {}
    telemetry = {t.get("OutsideIpAddress"): t for t in conn.get("VgwTelemetry") or []}
    bgp = parse_cgw_configuration(conn.get("CustomerGatewayConfiguration"))
    tunnels = [
        tunnel(i, t, telemetry.get(t.get("OutsideIpAddress")), bgp.get(t.get("OutsideIpAddress")), asns, include_psk)
        for i, t in enumerate(options.get("TunnelOptions") or [], start=1)
    ]
    return {
        "vpn_connection_id": conn.get("VpnConnectionId"),
        "state": conn.get("State"),
        "type": conn.get("Type"),
        "category": conn.get("Category"),
        "customer_gateway_id": conn.get("CustomerGatewayId"),
        "vpn_gateway_id": conn.get("VpnGatewayId"),
        "transit_gateway_id": conn.get("TransitGatewayId"),
        "vpn_concentrator_id": conn.get("VpnConcentratorId"),
        "core_network_arn": conn.get("CoreNetworkArn"),
        "core_network_attachment_arn": conn.get("CoreNetworkAttachmentArn"),
        "gateway_association_state": conn.get("GatewayAssociationState"),
        "pre_shared_key_storage": "SecretsManager" if conn.get("PreSharedKeyArn") else "Standard",
        "pre_shared_key_arn": conn.get("PreSharedKeyArn"),
        "options": copts.from_api(options),
        "routes": sorted((snake(r) for r in conn.get("Routes") or []), key=lambda r: r.get("destination_cidr_block", "")),
        "tags": tags(conn.get("Tags")),
        "tunnels": tunnels,
    }


def customer_gateway(cgw: dict) -> dict:
    """A DescribeCustomerGateways entry: ASN as an int whichever field AWS used for it."""
    asn = cgw.get("BgpAsnExtended") or cgw.get("BgpAsn")
    return {
        "customer_gateway_id": cgw.get("CustomerGatewayId"),
        "state": cgw.get("State"),
        "type": cgw.get("Type"),
        "ip_address": cgw.get("IpAddress"),
        "bgp_asn": int(asn) if asn not in (None, "") else None,
        "device_name": cgw.get("DeviceName"),
        "certificate_arn": cgw.get("CertificateArn"),
        "tags": tags(cgw.get("Tags")),
    }
