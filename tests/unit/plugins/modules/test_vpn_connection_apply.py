# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_connection's apply step against botocore's Stubber: a 5xx whose request AWS did run.

The twin injects faults before it runs a request, so this case (AWS ran the first attempt, the
retry meets the connection ``modifying``) is checked here.
"""

from __future__ import annotations

from types import SimpleNamespace

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.amazon.aws.plugins.module_utils import cloud
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_connection_manager
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import aws_samples

IP = "198.51.100.7"


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(cloud.time, "sleep", lambda _s: None)
    monkeypatch.setattr(api.time, "sleep", lambda _s: None)


def manager(client):
    params = {"tags": None, "purge_tags": True, "wait": False, "wait_timeout": 60, "skip_tunnel_replacement": False}
    return vpn_connection_manager.VpnConnectionManager(SimpleNamespace(params=params, check_mode=False, no_log_values=set()), client)


def describe(lifetime: int, state: str = "available") -> dict:
    conn = aws_samples.connection()
    conn["State"] = state
    conn["Options"]["TunnelOptions"][0]["Phase1LifetimeSeconds"] = lifetime
    del conn["VgwTelemetry"]  # datetimes do not survive the stub's shape validation
    return {"VpnConnections": [conn]}


def plan(lifetime: int) -> dict:
    return {"options": {}, "tunnels": [(IP, {"phase1_lifetime_seconds": lifetime})], "routes": ([], []), "tags": ({}, [])}


@pytest.fixture
def stubbed():
    client = boto3.client("ec2", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stub:
        yield client, stub


def test_retry_that_meets_its_own_change_is_success(stubbed):
    client, stub = stubbed
    stub.add_response("describe_vpn_connections", describe(14400))
    stub.add_client_error("modify_vpn_tunnel_options", "InternalError", http_status_code=500)
    stub.add_client_error("modify_vpn_tunnel_options", "IncorrectState", "VPN connection is modifying")
    stub.add_response("describe_vpn_connections", describe(3600, "modifying"))
    stub.add_response("describe_vpn_connections", describe(3600))
    stub.add_response("describe_vpn_connections", describe(3600))
    after = manager(client).apply(aws_samples.connection(), plan(3600))
    assert after["Options"]["TunnelOptions"][0]["Phase1LifetimeSeconds"] == 3600
    stub.assert_no_pending_responses()


def test_a_change_still_missing_after_the_error_fails(stubbed):
    client, stub = stubbed
    stub.add_response("describe_vpn_connections", describe(14400))
    stub.add_client_error("modify_vpn_tunnel_options", "IncorrectState", "VPN connection is modifying")
    stub.add_response("describe_vpn_connections", describe(14400))
    with pytest.raises(AnsibleAWSError, match="modify VPN tunnel options"):
        manager(client).apply(aws_samples.connection(), plan(3600))
