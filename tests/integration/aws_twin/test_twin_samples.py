# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device types and sample configurations, filled from the connection's real tunnels."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr


def device_type(ec2, vendor):
    types = ec2.get_vpn_connection_device_types()["VpnConnectionDeviceTypes"]
    return next(t["VpnConnectionDeviceTypeId"] for t in types if t["Vendor"].startswith(vendor))


def test_device_types(ec2):
    types = ec2.get_vpn_connection_device_types()["VpnConnectionDeviceTypes"]
    vendors = {t["Vendor"] for t in types}
    assert {"Generic", "Cisco Systems, Inc.", "Juniper Networks, Inc.", "Vyatta"} <= vendors
    assert all(set(t) == {"VpnConnectionDeviceTypeId", "Vendor", "Platform", "Software"} for t in types)


# vendor, IKE version, lines every tunnel's block must contain (formatted with the tunnel's data)
EXPECTED = [
    ("Generic", "ikev1", ["Pre-Shared Key           : {psk}", "Virtual Private Gateway  : {aws_ip}",
                          "Customer Gateway         : {cgw_inside}/30", "Encryption Algorithm     : aes-128-cbc",
                          "Diffie-Hellman           : Group 2", "Neighbor IP Address      : {aws_inside}"]),
    ("Cisco", "ikev2", ["encryption aes-cbc-128", "integrity sha1", "group 2", "pre-shared-key {psk}",
                        "address {aws_ip}", "ip address {cgw_inside} 255.255.255.252", "tunnel destination {aws_ip}",
                        "neighbor {aws_inside} remote-as {aws_asn}", "neighbor {aws_inside} timers 10 30 30", "ip tcp adjust-mss 1379"]),
    ("Cisco", "ikev1", ["encryption aes 128", "hash sha", "pre-shared-key address {aws_ip} key {psk}", "set pfs group2"]),
    ("Juniper", "ikev2", ["encryption-algorithm aes-128-cbc", "authentication-algorithm hmac-sha1-96", "dh-group group2",
                          'pre-shared-key ascii-text "{psk}"', "address {aws_ip}", "version v2-only",
                          "family inet address {cgw_inside}/30", "neighbor {aws_inside} peer-as {aws_asn}", "hold-time 30"]),
    ("Vyatta", "ikev1", ["proposal 1 encryption aes128", "proposal 1 hash sha1", "proposal 1 dh-group 2",
                         "peer {aws_ip} authentication pre-shared-secret '{psk}'", "local-address {cgw_ip}",
                         "address {cgw_inside}/30", "neighbor {aws_inside} remote-as {aws_asn}", "key-exchange ikev1"]),
]


@pytest.mark.parametrize("vendor,ike,lines", EXPECTED, ids=["%s-%s" % (v, i) for v, i, _l in EXPECTED])
def test_sample_filled_from_tunnel_data(gw, ec2, vendor, ike, lines):
    # Restricted options: the sample still shows AWS's minimum profile (aws-vpn-api.md).
    conn = gw.vpn(Options={"TunnelOptions": [{"Phase1EncryptionAlgorithms": [{"Value": "AES256"}]}]})
    text = ec2.get_vpn_connection_device_sample_configuration(
        VpnConnectionId=conn["VpnConnectionId"], VpnConnectionDeviceTypeId=device_type(ec2, vendor),
        InternetKeyExchangeVersion=ike)["VpnConnectionDeviceSampleConfiguration"]
    for tunnel in conn["Options"]["TunnelOptions"]:
        addrs = inside_cidr.addresses(tunnel["TunnelInsideCidr"])
        data = {"psk": tunnel["PreSharedKey"], "aws_ip": tunnel["OutsideIpAddress"], "cgw_ip": gw.cgw_ip,
                "cgw_inside": addrs["cgw"], "aws_inside": addrs["aws"], "aws_asn": gw.vgw_asn}
        for line in lines:
            assert line.format(**data) in text, line


def test_recommended_profile(gw, ec2):
    conn = gw.vpn()
    text = ec2.get_vpn_connection_device_sample_configuration(
        VpnConnectionId=conn["VpnConnectionId"], VpnConnectionDeviceTypeId=device_type(ec2, "Juniper"),
        InternetKeyExchangeVersion="ikev2", SampleType="recommended")["VpnConnectionDeviceSampleConfiguration"]
    assert "encryption-algorithm aes-256-cbc" in text and "dh-group group14" in text and "hmac-sha-256-128" in text


def test_static_sample_routes_over_tunnel(gw, ec2):
    conn = gw.vpn(Options={"StaticRoutesOnly": True})
    text = ec2.get_vpn_connection_device_sample_configuration(
        VpnConnectionId=conn["VpnConnectionId"], VpnConnectionDeviceTypeId=device_type(ec2, "Vyatta"))["VpnConnectionDeviceSampleConfiguration"]
    assert "next-hop-interface vti1" in text and "protocols bgp" not in text


@pytest.mark.parametrize("kwargs", [{"VpnConnectionDeviceTypeId": "deadbeef"},
                                    {"InternetKeyExchangeVersion": "ikev3"}, {"SampleType": "fancy"}])
def test_sample_rejects_bad_requests(gw, ec2, kwargs):
    conn = gw.vpn()
    request = {"VpnConnectionId": conn["VpnConnectionId"], "VpnConnectionDeviceTypeId": device_type(ec2, "Generic")}
    with pytest.raises(ClientError) as err:
        ec2.get_vpn_connection_device_sample_configuration(**dict(request, **kwargs))
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
