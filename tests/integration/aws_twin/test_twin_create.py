# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CreateVpnConnection honours every documented field and fills in AWS's defaults."""

from __future__ import annotations

import ipaddress
import json

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr, psk, tunnel_options

from lab.aws_twin import api_rules


def values(entries):
    return [e["Value"] for e in entries]


def test_defaults_are_aws_defaults(gw):
    conn = gw.vpn()
    opts = conn["Options"]
    assert conn["State"] == "pending" and conn["Type"] == "ipsec.1" and conn["Category"] == "VPN"
    assert conn["GatewayAssociationState"] == "associated"
    assert opts["StaticRoutesOnly"] is False and opts["EnableAcceleration"] is False
    assert opts["TunnelInsideIpVersion"] == "ipv4" and opts["OutsideIpAddressType"] == "PublicIpv4"
    assert opts["LocalIpv4NetworkCidr"] == opts["RemoteIpv4NetworkCidr"] == "0.0.0.0/0"
    assert opts["TunnelBandwidth"] == "standard"
    assert len(opts["TunnelOptions"]) == 2
    cidrs = set()
    for tunnel in opts["TunnelOptions"]:
        inside_cidr.check(tunnel["TunnelInsideCidr"], 4)  # random, valid, not reserved
        cidrs.add(tunnel["TunnelInsideCidr"])
        assert not psk.problems(tunnel["PreSharedKey"]) and len(tunnel["PreSharedKey"]) == 32
        for rule in api_rules.TUNNEL.values():  # AWS's documented defaults (the product's are checked in unit tests)
            if rule.kind == "list":  # unset means every value AWS offers, weak ones included
                assert values(tunnel[rule.read]) == list(rule.default), rule.read
            elif rule.default is not None:
                assert tunnel[rule.read] == rule.default, rule.read
        assert tunnel["LogOptions"] == {"CloudWatchLogOptions": {"LogEnabled": False}}
    assert len(cidrs) == 2
    assert opts["TunnelOptions"][0]["PreSharedKey"] != opts["TunnelOptions"][1]["PreSharedKey"]


def test_each_tunnel_gets_its_own_outside_ip_from_the_pool(twin, gw):
    twin.settings(outside_pool="192.0.2.0/29")
    first, second = gw.vpn(), gw.vpn()
    ips = [t["OutsideIpAddress"] for c in (first, second) for t in c["Options"]["TunnelOptions"]]
    assert ips == ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]
    assert [t["OutsideIpAddress"] for t in first["VgwTelemetry"]] == ips[:2]
    assert all(t["Status"] == "DOWN" for t in first["VgwTelemetry"])


def test_all_tunnel_options_are_honoured(gw):
    spec = {
        "TunnelInsideCidr": "169.254.100.0/30", "PreSharedKey": "Abc_def.12345",
        "Phase1LifetimeSeconds": 14400, "Phase2LifetimeSeconds": 1800, "RekeyMarginTimeSeconds": 300,
        "RekeyFuzzPercentage": 50, "ReplayWindowSize": 2048, "DPDTimeoutSeconds": 45, "DPDTimeoutAction": "restart",
        "Phase1EncryptionAlgorithms": [{"Value": "AES256-GCM-16"}], "Phase2EncryptionAlgorithms": [{"Value": "AES256"}],
        "Phase1IntegrityAlgorithms": [{"Value": "SHA2-384"}], "Phase2IntegrityAlgorithms": [{"Value": "SHA2-256"}],
        "Phase1DHGroupNumbers": [{"Value": 20}], "Phase2DHGroupNumbers": [{"Value": 14}, {"Value": 20}],
        "IKEVersions": [{"Value": "ikev2"}], "StartupAction": "start", "EnableTunnelLifecycleControl": True,
        "LogOptions": {"CloudWatchLogOptions": {"LogEnabled": True, "LogOutputFormat": "json",
                                                "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn"}},
    }
    conn = gw.vpn(Options={"StaticRoutesOnly": True, "LocalIpv4NetworkCidr": "10.0.0.0/16",
                           "RemoteIpv4NetworkCidr": "172.16.0.0/12", "TunnelOptions": [spec]})
    tunnel = conn["Options"]["TunnelOptions"][0]
    assert tunnel_options.from_api(tunnel) == tunnel_options.from_api(spec) | {"inside_cidr": "169.254.100.0/30"}
    assert conn["Options"]["StaticRoutesOnly"] is True
    assert conn["Options"]["LocalIpv4NetworkCidr"] == "10.0.0.0/16"
    assert conn["Options"]["RemoteIpv4NetworkCidr"] == "172.16.0.0/12"
    # The second tunnel was left open: AWS defaults.
    assert values(conn["Options"]["TunnelOptions"][1]["IkeVersions"]) == ["ikev1", "ikev2"]


def test_tgw_options_ipv6_large(twin, gw):
    # large bandwidth is not offered with acceleration (test_twin_invalid: large-bandwidth-accelerated)
    conn = gw.vpn(on="tgw", Options={"TunnelInsideIpVersion": "ipv6", "TunnelBandwidth": "large",
                                     "TunnelOptions": [{"TunnelInsideIpv6Cidr": "fd00:1::/126"}]})
    opts = conn["Options"]
    assert opts["EnableAcceleration"] is False and opts["TunnelBandwidth"] == "large"
    assert opts["LocalIpv6NetworkCidr"] == opts["RemoteIpv6NetworkCidr"] == "::/0" and "LocalIpv4NetworkCidr" not in opts
    assert opts["TunnelOptions"][0]["TunnelInsideIpv6Cidr"] == "fd00:1::/126"
    second = ipaddress.ip_network(opts["TunnelOptions"][1]["TunnelInsideIpv6Cidr"])
    assert second.prefixlen == 126 and second.subnet_of(ipaddress.ip_network("fd00::/8"))
    attachments = twin.client("ec2").describe_transit_gateway_attachments()["TransitGatewayAttachments"]
    assert [(a["ResourceType"], a["ResourceId"]) for a in attachments] == [("vpn", conn["VpnConnectionId"])]


def test_private_ipv4_outside_addresses(twin, gw):
    """A private IP VPN: a customer gateway on an RFC 1918 address, over the TGW's Direct Connect gateway attachment."""
    ec2 = twin.client("ec2")
    cgw = ec2.create_customer_gateway(BgpAsn=gw.cgw_asn, IpAddress="10.20.0.1", Type="ipsec.1")["CustomerGateway"]
    attachment = twin.direct_connect_attachment(gw.tgw)
    assert attachment["ResourceType"] == "direct-connect-gateway"
    conn = ec2.create_vpn_connection(CustomerGatewayId=cgw["CustomerGatewayId"], Type="ipsec.1", TransitGatewayId=gw.tgw,
                                     Options={"OutsideIpAddressType": "PrivateIpv4",
                                              "TransportTransitGatewayAttachmentId": attachment["TransitGatewayAttachmentId"]}
                                     )["VpnConnection"]
    assert conn["Options"]["TransportTransitGatewayAttachmentId"] == attachment["TransitGatewayAttachmentId"]
    ips = [ipaddress.ip_address(t["OutsideIpAddress"]) for t in conn["Options"]["TunnelOptions"]]
    assert all(ip in ipaddress.ip_network(twin.settings()["private_outside_pool"]) for ip in ips)


def test_inside_cidrs_are_unique_per_gateway_and_reusable_on_another(gw):
    pinned = {"TunnelOptions": [{"TunnelInsideCidr": "169.254.200.0/30"}]}
    gw.vpn(Options=pinned)
    # the same /30 on the TGW is fine (uniqueness is per gateway)
    assert gw.vpn(on="tgw", Options=pinned)["Options"]["TunnelOptions"][0]["TunnelInsideCidr"] == "169.254.200.0/30"


def test_psk_in_secrets_manager(twin, gw, ec2, wait_state):
    conn = gw.vpn(PreSharedKeyStorage="SecretsManager")
    arn = conn["PreSharedKeyArn"]
    assert all("PreSharedKey" not in t for t in conn["Options"]["TunnelOptions"])
    assert "<pre_shared_key>" not in conn["CustomerGatewayConfiguration"]
    secrets = twin.client("secretsmanager")
    secret = json.loads(secrets.get_secret_value(SecretId=arn)["SecretString"])
    ips = [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]
    assert sorted(secret) == sorted(ips)
    assert all(not psk.problems(k) for k in secret.values())
    wait_state(ec2, conn["VpnConnectionId"], "available")
    ec2.modify_vpn_tunnel_options(VpnConnectionId=conn["VpnConnectionId"], VpnTunnelOutsideIpAddress=ips[0],
                                  TunnelOptions={"PreSharedKey": "Rotated_key.1"})
    rotated = json.loads(secrets.get_secret_value(SecretId=arn)["SecretString"])
    assert rotated == dict(secret, **{ips[0]: "Rotated_key.1"})


def test_tags_and_filters(gw, ec2, wait_state):
    conn = gw.vpn(TagSpecifications=[{"ResourceType": "vpn-connection", "Tags": [{"Key": "site", "Value": "ams"}]}])
    other = gw.vpn(on="tgw")
    vpn_id = conn["VpnConnectionId"]
    ec2.create_tags(Resources=[vpn_id], Tags=[{"Key": "role", "Value": "primary"}])
    found = ec2.describe_vpn_connections(Filters=[{"Name": "tag:site", "Values": ["ams"]}])["VpnConnections"]
    assert [c["VpnConnectionId"] for c in found] == [vpn_id]
    assert {"Key": "role", "Value": "primary"} in found[0]["Tags"]
    by_tgw = ec2.describe_vpn_connections(Filters=[{"Name": "transit-gateway-id", "Values": [gw.tgw]}])["VpnConnections"]
    assert [c["VpnConnectionId"] for c in by_tgw] == [other["VpnConnectionId"]]
    wait_state(ec2, vpn_id, "available")
    states = ec2.describe_vpn_connections(Filters=[{"Name": "state", "Values": ["available"]}])["VpnConnections"]
    assert vpn_id in [c["VpnConnectionId"] for c in states]


def test_static_routes(gw, ec2):
    conn = gw.vpn(Options={"StaticRoutesOnly": True})
    vpn_id = conn["VpnConnectionId"]
    ec2.create_vpn_connection_route(VpnConnectionId=vpn_id, DestinationCidrBlock="10.20.0.0/16")
    routes = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["Routes"]
    assert routes == [{"DestinationCidrBlock": "10.20.0.0/16", "Source": "Static", "State": "available"}]
    ec2.delete_vpn_connection_route(VpnConnectionId=vpn_id, DestinationCidrBlock="10.20.0.0/16")
    assert ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["Routes"] == []


def test_psks_never_reach_the_log_or_state(twin, gw):
    conn = gw.vpn(Options={"TunnelOptions": [{"PreSharedKey": "Visible_only.in.describe"}]})
    keys = [t["PreSharedKey"] for t in conn["Options"]["TunnelOptions"]]
    with open(twin.state_dir + "/aws-twin.log", encoding="utf-8") as handle:
        log = handle.read()
    dumped = str(twin.state()) + str(twin.ledger())
    assert not any(k in log or k in dumped for k in keys)
