# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API wrappers against botocore's Stubber: retries, duplicate-safe creates, waiting."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.amazon.aws.plugins.module_utils import cloud
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api

VPN = {"VpnConnectionId": "vpn-1", "State": "available", "CustomerGatewayId": "cgw-1", "Type": "ipsec.1"}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(cloud.time, "sleep", lambda _s: None)
    monkeypatch.setattr(api.time, "sleep", lambda _s: None)


@pytest.fixture
def ec2():
    client = boto3.client("ec2", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


def test_reads_retry_throttling_and_5xx(ec2):
    client, stub = ec2
    stub.add_client_error("describe_vpn_connections", "RequestLimitExceeded", http_status_code=503)
    stub.add_client_error("describe_vpn_connections", "InternalError", http_status_code=500)
    stub.add_response("describe_vpn_connections", {"VpnConnections": [VPN]})
    assert api.describe_vpn_connections(client)[0]["VpnConnectionId"] == "vpn-1"


def test_missing_connection_reads_as_empty(ec2):
    client, stub = ec2
    stub.add_client_error("describe_vpn_connections", "InvalidVpnConnectionID.NotFound")
    assert api.describe_vpn_connections(client, VpnConnectionIds=["vpn-x"]) == []


def test_create_retries_throttling_without_looking(ec2):
    client, stub = ec2
    stub.add_client_error("create_vpn_connection", "RequestLimitExceeded", http_status_code=503)
    stub.add_response("create_vpn_connection", {"VpnConnection": VPN})
    looked = []
    created = api.create_once(lambda: client.create_vpn_connection(CustomerGatewayId="cgw-1", Type="ipsec.1",
                                                                   VpnGatewayId="vgw-1")["VpnConnection"],
                              lambda: looked.append(1), sleep=lambda _s: None)
    assert created["VpnConnectionId"] == "vpn-1" and looked == []


def test_create_after_5xx_returns_what_find_sees_instead_of_a_duplicate(ec2):
    client, stub = ec2
    stub.add_client_error("create_vpn_connection", "InternalError", http_status_code=500)
    found = api.create_once(lambda: client.create_vpn_connection(CustomerGatewayId="cgw-1", Type="ipsec.1")["VpnConnection"],
                            lambda: VPN, sleep=lambda _s: None)
    assert found is VPN  # no second CreateVpnConnection was stubbed, so none was sent


def test_create_after_5xx_with_nothing_found_tries_again(ec2):
    client, stub = ec2
    stub.add_client_error("create_customer_gateway", "ServiceUnavailable", http_status_code=503)
    stub.add_response("create_customer_gateway", {"CustomerGateway": {"CustomerGatewayId": "cgw-1"}})
    created = api.create_customer_gateway(client, lambda: None, Type="ipsec.1", BgpAsn=65010, IpAddress="203.0.113.1")
    assert created["CustomerGatewayId"] == "cgw-1"


def test_create_client_errors_surface_as_ansible_errors(ec2):
    client, stub = ec2
    stub.add_client_error("create_vpn_connection", "InvalidCustomerGatewayID.NotFound", "no such CGW")
    with pytest.raises(AnsibleEC2Error, match="create VPN connection"):
        api.create_vpn_connection(client, lambda: None, CustomerGatewayId="cgw-x", Type="ipsec.1", VpnGatewayId="vgw-1")


def test_modify_tunnel_sends_one_tunnel(ec2):
    client, stub = ec2
    stub.add_response("modify_vpn_tunnel_options", {"VpnConnection": VPN}, {
        "VpnConnectionId": "vpn-1", "VpnTunnelOutsideIpAddress": "198.51.100.7",
        "TunnelOptions": {"Phase1LifetimeSeconds": 3600}, "SkipTunnelReplacement": False})
    api.modify_vpn_tunnel_options(client, "vpn-1", "198.51.100.7", {"Phase1LifetimeSeconds": 3600})


def test_wait_treats_invisible_as_not_yet(ec2):
    client, stub = ec2
    stub.add_client_error("describe_vpn_connections", "InvalidVpnConnectionID.NotFound")
    stub.add_response("describe_vpn_connections", {"VpnConnections": [dict(VPN, State="pending")]})
    stub.add_response("describe_vpn_connections", {"VpnConnections": [VPN]})
    pauses = []
    assert api.wait_for_vpn_state(client, "vpn-1", ("available",), 60, sleep=pauses.append)["State"] == "available"
    assert pauses == [0.5, 1.0]


def test_wait_times_out_naming_the_state(ec2):
    client, stub = ec2
    stub.add_response("describe_vpn_connections", {"VpnConnections": [dict(VPN, State="pending")]})
    clock = iter([0, 5])
    with pytest.raises(AnsibleEC2Error, match="still pending"):
        api.wait_for_vpn_state(client, "vpn-1", ("available",), 1, sleep=lambda _s: None, clock=lambda: next(clock))


def test_wait_for_deleted_accepts_gone(ec2):
    client, stub = ec2
    stub.add_response("describe_vpn_connections", {"VpnConnections": []})
    assert api.wait_for_vpn_state(client, "vpn-1", ("deleted",), 10, sleep=lambda _s: None) is None


def test_operation_detection(ec2):
    client, _stub = ec2
    assert api.has_operation(client, "ModifyVpnTunnelOptions")
    assert not api.has_operation(client, "NoSuchOperation")
