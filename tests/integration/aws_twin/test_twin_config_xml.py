# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CustomerGatewayConfiguration parses, uses AWS's element names and matches the tunnel data."""

from __future__ import annotations

import xmltodict
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr


def parse(conn):
    doc = xmltodict.parse(conn["CustomerGatewayConfiguration"])["vpn_connection"]
    return doc, {t["vpn_gateway"]["tunnel_outside_address"]["ip_address"]: t for t in doc["ipsec_tunnel"]}


def test_xml_matches_tunnels(gw):
    conn = gw.vpn(Options={"TunnelOptions": [
        {"Phase1EncryptionAlgorithms": [{"Value": "AES256"}, {"Value": "AES256-GCM-16"}],
         "Phase2IntegrityAlgorithms": [{"Value": "SHA2-512"}, {"Value": "SHA2-256"}],
         "Phase1DHGroupNumbers": [{"Value": 20}, {"Value": 14}], "Phase1LifetimeSeconds": 3600, "Phase2LifetimeSeconds": 1200}]})
    doc, by_ip = parse(conn)
    assert doc["@id"] == conn["VpnConnectionId"]
    assert doc["customer_gateway_id"] == gw.cgw and doc["vpn_gateway_id"] == gw.vgw
    assert doc["vpn_connection_type"] == "ipsec.1"
    for tunnel in conn["Options"]["TunnelOptions"]:
        xml = by_ip[tunnel["OutsideIpAddress"]]  # keyed by outside IP: AWS does not promise the order
        addrs = inside_cidr.addresses(tunnel["TunnelInsideCidr"])
        cgw, vgw = xml["customer_gateway"], xml["vpn_gateway"]
        assert cgw["tunnel_outside_address"]["ip_address"] == gw.cgw_ip
        assert cgw["tunnel_inside_address"] == {"ip_address": addrs["cgw"], "network_mask": "255.255.255.252", "network_cidr": "30"}
        assert vgw["tunnel_inside_address"]["ip_address"] == addrs["aws"]
        assert cgw["bgp"] == {"asn": str(gw.cgw_asn), "hold_time": "30"}
        assert vgw["bgp"] == {"asn": str(gw.vgw_asn), "hold_time": "30"}
        assert xml["ike"]["pre_shared_key"] == tunnel["PreSharedKey"]
        assert xml["ike"]["lifetime"] == str(tunnel["Phase1LifetimeSeconds"])
        assert xml["ipsec"]["lifetime"] == str(tunnel["Phase2LifetimeSeconds"])
        assert xml["ipsec"]["dead_peer_detection"] == {"interval": "10", "retries": "3"}
        assert xml["ipsec"]["tcp_mss_adjustment"] == "1379"
    first = by_ip[conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]]
    # The lowest value the tunnel allows is what AWS proposes first.
    assert first["ike"]["encryption_protocol"] == "aes-256-cbc"
    assert first["ike"]["perfect_forward_secrecy"] == "group14"
    assert first["ipsec"]["authentication_protocol"] == "hmac-sha-256-128"
    second = by_ip[conn["Options"]["TunnelOptions"][1]["OutsideIpAddress"]]
    assert (second["ike"]["encryption_protocol"], second["ike"]["authentication_protocol"],
            second["ike"]["perfect_forward_secrecy"]) == ("aes-128-cbc", "sha1", "group2")


def test_static_connection_has_no_bgp_and_tgw_xml(gw):
    doc, by_ip = parse(gw.vpn(on="tgw", Options={"StaticRoutesOnly": True}))
    assert doc["transit_gateway_id"] == gw.tgw and "vpn_gateway_id" not in doc
    assert all("bgp" not in t["customer_gateway"] and "bgp" not in t["vpn_gateway"] for t in by_ip.values())


def test_xml_follows_modify(gw, ec2, wait_state):
    conn = gw.vpn()
    wait_state(ec2, conn["VpnConnectionId"], "available")
    ip = conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]
    ec2.modify_vpn_tunnel_options(VpnConnectionId=conn["VpnConnectionId"], VpnTunnelOutsideIpAddress=ip,
                                  TunnelOptions={"TunnelInsideCidr": "169.254.99.0/30", "PreSharedKey": "New_key.4567"})
    _doc, by_ip = parse(ec2.describe_vpn_connections(VpnConnectionIds=[conn["VpnConnectionId"]])["VpnConnections"][0])
    assert by_ip[ip]["vpn_gateway"]["tunnel_inside_address"]["ip_address"] == "169.254.99.1"
    assert by_ip[ip]["ike"]["pre_shared_key"] == "New_key.4567"


def test_no_configuration_once_deleted(gw, ec2):
    conn = gw.vpn()
    ec2.delete_vpn_connection(VpnConnectionId=conn["VpnConnectionId"])
    described = ec2.describe_vpn_connections(VpnConnectionIds=[conn["VpnConnectionId"]])["VpnConnections"][0]
    assert described["State"] in ("deleting", "deleted") and "CustomerGatewayConfiguration" not in described


def test_ipv6_inside_addresses(gw):
    conn = gw.vpn(on="tgw", Options={"TunnelInsideIpVersion": "ipv6", "TunnelOptions": [{"TunnelInsideIpv6Cidr": "fd00:7::/126"}]})
    _doc, by_ip = parse(conn)
    xml = by_ip[conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]]
    assert xml["customer_gateway"]["tunnel_inside_ipv6_address"] == {"ip_address": "fd00:7::2", "prefix_length": "126"}
    assert xml["vpn_gateway"]["tunnel_inside_ipv6_address"]["ip_address"] == "fd00:7::1"
    assert xml["vpn_gateway"]["bgp"]["asn"] == str(gw.tgw_asn)
