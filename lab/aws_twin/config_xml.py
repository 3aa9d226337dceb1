# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CustomerGatewayConfiguration: AWS's XML document, generated from the connection's real tunnels.

Element names follow AWS's document (vpn_connection/ipsec_tunnel/{customer_gateway,vpn_gateway,
ike,ipsec}). Algorithms shown are the first ones the tunnel accepts in AWS's order of valid values
(api_rules), which is what AWS proposes first. Spellings (aes-128-cbc, hmac-sha1-96) are still the
collection's crypto_vocab Junos dialect: AWS publishes no table of them (see README, "still shared").
"""

from __future__ import annotations

from xml.etree import ElementTree

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab

from lab.aws_twin import allocate, api_rules

BGP_HOLD_TIME = 30
TCP_MSS = 1379
DPD_INTERVAL = 10
DPD_RETRIES = 3


def _sub(parent, tag: str, text=None):
    elem = ElementTree.SubElement(parent, tag)
    if text is not None:
        elem.text = str(text)
    return elem


def _spell(family: str, value, phase: int) -> str:
    if family == vocab.DH_GROUP:
        return "group%d" % value
    return vocab.to_dialect(family, value, "junos", phase)


def first_choice(options: dict, name: str):
    """The value AWS proposes first: the first one, in the order of AWS's valid values."""
    allowed = options[name]
    return next(v for v in api_rules.BY_KEY[name].choices if v in allowed)


def _side(parent, tag: str, outside: str, inside: dict, version: str, asn, static: bool):
    side = _sub(parent, tag)
    _sub(_sub(side, "tunnel_outside_address"), "ip_address", outside)
    if version == "ipv4":
        addr = _sub(side, "tunnel_inside_address")
        _sub(addr, "ip_address", inside["address"])
        _sub(addr, "network_mask", inside["netmask"])
        _sub(addr, "network_cidr", inside["prefixlen"])
    else:
        addr = _sub(side, "tunnel_inside_ipv6_address")
        _sub(addr, "ip_address", inside["address"])
        _sub(addr, "prefix_length", inside["prefixlen"])
    if not static:
        bgp = _sub(side, "bgp")
        _sub(bgp, "asn", asn)
        _sub(bgp, "hold_time", BGP_HOLD_TIME)


def _tunnel(root, conn, tunnel, peer: dict, show_psk: bool):
    opts = tunnel.options
    version = conn.options["TunnelInsideIpVersion"]
    addrs = allocate.inside_addresses(opts["inside_cidr"] if version == "ipv4" else opts["inside_ipv6_cidr"])
    static = conn.options["StaticRoutesOnly"]
    elem = _sub(root, "ipsec_tunnel")
    _side(elem, "customer_gateway", peer["cgw_ip"], dict(addrs, address=addrs["cgw"]), version, peer["cgw_asn"], static)
    _side(elem, "vpn_gateway", tunnel.outside_ip, dict(addrs, address=addrs["aws"]), version, peer["aws_asn"], static)
    ike = _sub(elem, "ike")
    _sub(ike, "authentication_protocol", _spell(vocab.INTEGRITY, first_choice(opts, "phase1_integrity_algorithms"), 1))
    _sub(ike, "encryption_protocol", _spell(vocab.ENCRYPTION, first_choice(opts, "phase1_encryption_algorithms"), 1))
    _sub(ike, "lifetime", opts["phase1_lifetime_seconds"])
    _sub(ike, "perfect_forward_secrecy", _spell(vocab.DH_GROUP, first_choice(opts, "phase1_dh_group_numbers"), 1))
    _sub(ike, "mode", "main")
    if show_psk:
        _sub(ike, "pre_shared_key", opts["pre_shared_key"])
    ipsec = _sub(elem, "ipsec")
    _sub(ipsec, "protocol", "esp")
    _sub(ipsec, "authentication_protocol", _spell(vocab.INTEGRITY, first_choice(opts, "phase2_integrity_algorithms"), 2))
    _sub(ipsec, "encryption_protocol", _spell(vocab.ENCRYPTION, first_choice(opts, "phase2_encryption_algorithms"), 2))
    _sub(ipsec, "lifetime", opts["phase2_lifetime_seconds"])
    _sub(ipsec, "perfect_forward_secrecy", _spell(vocab.DH_GROUP, first_choice(opts, "phase2_dh_group_numbers"), 2))
    _sub(ipsec, "mode", "tunnel")
    _sub(ipsec, "clear_df_bit", "true")
    _sub(ipsec, "fragmentation_before_encryption", "true")
    _sub(ipsec, "tcp_mss_adjustment", TCP_MSS)
    dpd = _sub(ipsec, "dead_peer_detection")
    _sub(dpd, "interval", DPD_INTERVAL)
    _sub(dpd, "retries", DPD_RETRIES)


def render(conn, peer: dict) -> str:
    """The XML for one connection; ``peer`` carries cgw_ip, cgw_asn and aws_asn."""
    root = ElementTree.Element("vpn_connection", id=conn.id)
    _sub(root, "customer_gateway_id", conn.customer_gateway_id)
    if conn.transit_gateway_id:
        _sub(root, "transit_gateway_id", conn.transit_gateway_id)
    else:
        _sub(root, "vpn_gateway_id", conn.vpn_gateway_id)
    _sub(root, "vpn_connection_type", conn.type)
    for tunnel in conn.tunnels:
        _tunnel(root, conn, tunnel, peer, conn.psk_storage == "Standard")
    ElementTree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")
