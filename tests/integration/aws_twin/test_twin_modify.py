# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Modify calls: one tunnel per call, modifying -> available, the other tunnel keeps carrying traffic."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def live(twin, gw, ec2, wait_state):
    twin.settings(modifying_seconds=3.0)  # long enough to observe `modifying` on a loaded machine
    conn = gw.vpn()
    wait_state(ec2, conn["VpnConnectionId"], "available")
    ips = [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]
    for ip in ips:
        twin.report_tunnel(conn["VpnConnectionId"], ip, "UP", accepted_route_count=2)
    return conn["VpnConnectionId"], ips


def describe(ec2, vpn_id):
    return ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]


def test_modify_one_tunnel_at_a_time(ec2, live, wait_state):
    vpn_id, (first, second) = live
    answer = ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first,
                                           TunnelOptions={"Phase1EncryptionAlgorithms": [{"Value": "AES256"}], "DPDTimeoutSeconds": 40})
    assert answer["VpnConnection"]["State"] == "modifying"
    telemetry = {t["OutsideIpAddress"]: t["Status"] for t in describe(ec2, vpn_id)["VgwTelemetry"]}
    assert telemetry == {first: "DOWN", second: "UP"}  # only the modified tunnel is down
    with pytest.raises(ClientError) as err:  # the second tunnel must wait for available
        ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=second,
                                      TunnelOptions={"DPDTimeoutSeconds": 40})
    assert err.value.response["Error"]["Code"] == "IncorrectState"
    conn = wait_state(ec2, vpn_id, "available")
    assert {t["OutsideIpAddress"]: t["Status"] for t in conn["VgwTelemetry"]} == {first: "UP", second: "UP"}
    options = {t["OutsideIpAddress"]: t for t in conn["Options"]["TunnelOptions"]}
    assert options[first]["Phase1EncryptionAlgorithms"] == [{"Value": "AES256"}]
    assert options[first]["DpdTimeoutSeconds"] == 40
    assert options[second]["DpdTimeoutSeconds"] == 30  # untouched
    assert len(options[first]["Phase2EncryptionAlgorithms"]) == 4  # fields not sent keep their value
    ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=second, TunnelOptions={"DPDTimeoutSeconds": 40})
    assert wait_state(ec2, vpn_id, "available")["State"] == "available"


def test_modify_rejects_bad_values_and_unknown_tunnel(ec2, live):
    vpn_id, (first, _second) = live
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first, TunnelOptions={"Phase2LifetimeSeconds": 30000})
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress="192.0.2.99", TunnelOptions={"DPDTimeoutSeconds": 40})
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first,
                                      TunnelOptions={"TunnelInsideIpv6Cidr": "fd00:5::/126"})
    assert err.value.response["Error"]["Code"] == "InvalidParameterCombination"
    assert describe(ec2, vpn_id)["State"] == "available"  # a refused modify changes nothing


def test_modify_inside_cidr_unique_per_gateway(gw, ec2, live, wait_state):
    vpn_id, (first, _second) = live
    other = gw.vpn(Options={"TunnelOptions": [{"TunnelInsideCidr": "169.254.150.0/30"}]})
    wait_state(ec2, other["VpnConnectionId"], "available")
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first,
                                      TunnelOptions={"TunnelInsideCidr": "169.254.150.0/30"})
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_skip_tunnel_replacement_keeps_tunnel_up(ec2, live):
    vpn_id, (first, _second) = live
    ec2.modify_vpn_tunnel_options(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first, SkipTunnelReplacement=True,
                                  TunnelOptions={"EnableTunnelLifecycleControl": True})
    conn = describe(ec2, vpn_id)
    assert conn["State"] == "modifying" and all(t["Status"] == "UP" for t in conn["VgwTelemetry"])


def test_modify_connection_options_blips_both(ec2, live, wait_state):
    vpn_id, ips = live
    answer = ec2.modify_vpn_connection_options(VpnConnectionId=vpn_id, LocalIpv4NetworkCidr="10.1.0.0/16")
    assert answer["VpnConnection"]["State"] == "modifying"
    assert all(t["Status"] == "DOWN" for t in describe(ec2, vpn_id)["VgwTelemetry"])
    conn = wait_state(ec2, vpn_id, "available")
    assert conn["Options"]["LocalIpv4NetworkCidr"] == "10.1.0.0/16"
    assert conn["Options"]["RemoteIpv4NetworkCidr"] == "0.0.0.0/0"
    assert sorted(t["OutsideIpAddress"] for t in conn["VgwTelemetry"]) == sorted(ips)


def test_modify_connection_swaps_gateway(twin, gw, ec2, live, wait_state):
    vpn_id, _ips = live
    answer = ec2.modify_vpn_connection(VpnConnectionId=vpn_id, TransitGatewayId=gw.tgw)["VpnConnection"]
    assert answer["State"] == "modifying" and answer["TransitGatewayId"] == gw.tgw and "VpnGatewayId" not in answer
    attachments = ec2.describe_transit_gateway_attachments(
        Filters=[{"Name": "resource-id", "Values": [vpn_id]}])["TransitGatewayAttachments"]
    assert [a["TransitGatewayId"] for a in attachments if a["State"] != "deleted"] == [gw.tgw]
    wait_state(ec2, vpn_id, "available")
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_connection(VpnConnectionId=vpn_id, CustomerGatewayId="cgw-0123456789abcdef0")
    assert err.value.response["Error"]["Code"] == "InvalidCustomerGatewayID.NotFound"
    assert twin.state()[0]["transit_gateway_id"] == gw.tgw
