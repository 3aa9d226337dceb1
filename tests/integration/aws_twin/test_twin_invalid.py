# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Invalid requests fail with AWS's error code (and boto3 parses the error)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

VALUE, COMBINATION, MISSING = "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter"


def tunnel(**spec):
    return {"Options": {"TunnelOptions": [spec]}}


# (id, where, create kwargs, expected code)
CASES = [
    ("reserved-inside-cidr", "vgw", tunnel(TunnelInsideCidr="169.254.5.0/30"), VALUE),
    ("inside-cidr-not-30", "vgw", tunnel(TunnelInsideCidr="169.254.10.0/29"), VALUE),
    ("inside-cidr-outside-link-local", "vgw", tunnel(TunnelInsideCidr="10.0.0.0/30"), VALUE),
    ("psk-too-short", "vgw", tunnel(PreSharedKey="abc123"), VALUE),
    ("psk-leading-zero", "vgw", tunnel(PreSharedKey="0abcdefgh"), VALUE),
    ("psk-bad-charset", "vgw", tunnel(PreSharedKey="abcdefgh-ij"), VALUE),
    ("phase1-lifetime-range", "vgw", tunnel(Phase1LifetimeSeconds=600), VALUE),
    ("phase2-not-below-phase1", "vgw", tunnel(Phase1LifetimeSeconds=1000, Phase2LifetimeSeconds=1000), VALUE),
    ("rekey-margin-over-half", "vgw", tunnel(Phase2LifetimeSeconds=900, RekeyMarginTimeSeconds=500), VALUE),
    ("fuzz-over-100", "vgw", tunnel(RekeyFuzzPercentage=101), VALUE),
    ("replay-window-range", "vgw", tunnel(ReplayWindowSize=32), VALUE),
    ("dpd-timeout-below-30", "vgw", tunnel(DPDTimeoutSeconds=10), VALUE),
    ("dpd-action-unknown", "vgw", tunnel(DPDTimeoutAction="drop"), VALUE),
    ("weak-encryption", "vgw", tunnel(Phase1EncryptionAlgorithms=[{"Value": "3DES"}]), VALUE),
    ("md5-integrity", "vgw", tunnel(Phase2IntegrityAlgorithms=[{"Value": "MD5"}]), VALUE),
    ("dh5-in-phase1", "vgw", tunnel(Phase1DHGroupNumbers=[{"Value": 5}]), VALUE),
    ("dh1-in-phase2", "vgw", tunnel(Phase2DHGroupNumbers=[{"Value": 1}]), VALUE),
    ("ike-version-unknown", "vgw", tunnel(IKEVersions=[{"Value": "ikev3"}]), VALUE),
    ("startup-start-with-ikev1", "vgw", tunnel(StartupAction="start", IKEVersions=[{"Value": "ikev1"}]), COMBINATION),
    ("logging-without-group", "vgw", tunnel(LogOptions={"CloudWatchLogOptions": {"LogEnabled": True}}), VALUE),
    ("three-tunnels", "vgw", {"Options": {"TunnelOptions": [{"ReplayWindowSize": 1024}] * 3}}, VALUE),
    ("acceleration-on-vgw", "vgw", {"Options": {"EnableAcceleration": True}}, COMBINATION),
    ("large-bandwidth-on-vgw", "vgw", {"Options": {"TunnelBandwidth": "large"}}, COMBINATION),
    ("large-bandwidth-accelerated", "tgw", {"Options": {"TunnelBandwidth": "large", "EnableAcceleration": True}}, COMBINATION),
    ("bandwidth-unknown", "tgw", {"Options": {"TunnelBandwidth": "huge"}}, VALUE),
    ("ipv6-inside-on-vgw", "vgw", {"Options": {"TunnelInsideIpVersion": "ipv6"}}, COMBINATION),
    ("ipv6-cidr-with-ipv4", "tgw", tunnel(TunnelInsideIpv6Cidr="fd00::/126"), COMBINATION),
    ("ipv6-cidr-not-fd00", "tgw", {"Options": {"TunnelInsideIpVersion": "ipv6",
                                               "TunnelOptions": [{"TunnelInsideIpv6Cidr": "fe80::/126"}]}}, VALUE),
    ("ipv6-outside-on-vgw", "vgw", {"Options": {"OutsideIpAddressType": "Ipv6"}}, COMBINATION),
    ("outside-type-unknown", "tgw", {"Options": {"OutsideIpAddressType": "Ipv5"}}, VALUE),
    ("private-ipv4-without-transport", "tgw", {"Options": {"OutsideIpAddressType": "PrivateIpv4"}}, MISSING),
    ("local-cidr-invalid", "vgw", {"Options": {"LocalIpv4NetworkCidr": "10.0.0.300/16"}}, VALUE),
    ("psk-storage-unknown", "vgw", {"PreSharedKeyStorage": "Vault"}, VALUE),
]


@pytest.mark.parametrize("where,kwargs,code", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_create_fails_with_aws_code(twin, gw, where, kwargs, code):
    with pytest.raises(ClientError) as err:
        gw.vpn(on=where, **kwargs)
    assert err.value.response["Error"]["Code"] == code
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert twin.state() == []  # nothing was created


def test_psk_never_in_error_message(gw):
    with pytest.raises(ClientError) as err:
        gw.vpn(**tunnel(PreSharedKey="0secretKEY99"))
    assert "secretKEY99" not in str(err.value)


def test_duplicate_inside_cidr_on_one_gateway(gw):
    gw.vpn(**tunnel(TunnelInsideCidr="169.254.77.0/30"))
    with pytest.raises(ClientError) as err:
        gw.vpn(**tunnel(TunnelInsideCidr="169.254.77.0/30"))
    assert err.value.response["Error"]["Code"] == VALUE
    with pytest.raises(ClientError) as err:
        gw.vpn(Options={"TunnelOptions": [{"TunnelInsideCidr": "169.254.78.0/30"}, {"TunnelInsideCidr": "169.254.78.0/30"}]})
    assert err.value.response["Error"]["Code"] == VALUE


@pytest.mark.parametrize("kwargs,code", [
    ({"CustomerGatewayId": "cgw-0123456789abcdef0"}, "InvalidCustomerGatewayID.NotFound"),
    ({"VpnGatewayId": "vgw-0123456789abcdef0"}, "InvalidVpnGatewayID.NotFound"),
    ({"TransitGatewayId": "tgw-0123456789abcdef0", "VpnGatewayId": None}, "InvalidTransitGatewayID.NotFound"),
    ({"Type": "ipsec.2"}, VALUE),
    ({"TransitGatewayId": "tgw"}, COMBINATION),  # both gateways
    # Neither gateway is a Cloud WAN ("not associated") connection since 2025: valid, but never accelerated.
    ({"VpnGatewayId": None, "Options": {"EnableAcceleration": True}}, COMBINATION),
], ids=["unknown-cgw", "unknown-vgw", "unknown-tgw", "bad-type", "both-gateways", "no-gateway-accelerated"])
def test_invalid_gateways(gw, ec2, kwargs, code):
    request = {"CustomerGatewayId": gw.cgw, "Type": "ipsec.1", "VpnGatewayId": gw.vgw}
    request.update({k: (gw.tgw if v == "tgw" else v) for k, v in kwargs.items()})
    with pytest.raises(ClientError) as err:
        ec2.create_vpn_connection(**{k: v for k, v in request.items() if v is not None})
    assert err.value.response["Error"]["Code"] == code


def test_unknown_connection_ids(ec2):
    for call in (lambda: ec2.describe_vpn_connections(VpnConnectionIds=["vpn-0123456789abcdef0"]),
                 lambda: ec2.delete_vpn_connection(VpnConnectionId="vpn-0123456789abcdef0"),
                 lambda: ec2.get_vpn_tunnel_replacement_status(VpnConnectionId="vpn-0123456789abcdef0",
                                                               VpnTunnelOutsideIpAddress="203.0.113.1")):
        with pytest.raises(ClientError) as err:
            call()
        assert err.value.response["Error"]["Code"] == "InvalidVpnConnectionID.NotFound"


def test_dry_run(twin, gw):
    with pytest.raises(ClientError) as err:
        gw.vpn(DryRun=True)
    assert err.value.response["Error"]["Code"] == "DryRunOperation"
    assert twin.state() == []
    assert twin.ledger()[-1]["mutating"] is False and twin.ledger()[-1]["dry_run"] is True


def test_vgw_connection_quota(gw):
    for _connection in range(10):
        gw.vpn()
    with pytest.raises(ClientError) as err:
        gw.vpn()
    assert err.value.response["Error"]["Code"] == "VpnConnectionLimitExceeded"


def test_duplicate_ipv6_inside_cidr_in_another_spelling(gw):
    gw.vpn(on="tgw", Options={"TunnelInsideIpVersion": "ipv6", "TunnelOptions": [{"TunnelInsideIpv6Cidr": "fd00:0:0:1::/126"}]})
    with pytest.raises(ClientError) as err:
        gw.vpn(on="tgw", Options={"TunnelInsideIpVersion": "ipv6", "TunnelOptions": [{"TunnelInsideIpv6Cidr": "fd00:0000:0:1::/126"}]})
    assert err.value.response["Error"]["Code"] == VALUE
