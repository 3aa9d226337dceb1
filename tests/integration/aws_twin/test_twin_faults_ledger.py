# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection fires at the configured rate; the ledger records every call and whether it mutates."""

from __future__ import annotations

import collections

import pytest
from botocore.exceptions import ClientError

from lab.aws_twin.client import TwinError

CALLS = 400


def codes(call, count):
    seen = collections.Counter()
    for _call in range(count):
        try:
            call()
            seen["ok"] += 1
        except ClientError as exc:
            seen[(exc.response["Error"]["Code"], exc.response["ResponseMetadata"]["HTTPStatusCode"])] += 1
    return seen


def test_throttling_and_5xx_at_configured_rate(twin):
    ec2 = twin.client("ec2", retries=1)  # no retries: every injected fault reaches the caller
    twin.faults([{"action": "DescribeVpnGateways", "throttle_rate": 0.2, "error_rate": 0.1}], seed=11)
    seen = codes(ec2.describe_vpn_gateways, CALLS)
    throttled = seen[("RequestLimitExceeded", 503)]
    server = seen[("InternalError", 500)] + seen[("ServiceUnavailable", 503)]
    assert seen["ok"] + throttled + server == CALLS
    assert abs(throttled / CALLS - 0.2) < 0.06 and abs(server / CALLS - 0.1) < 0.05
    assert seen[("InternalError", 500)] and seen[("ServiceUnavailable", 503)]
    faults = [e["fault"] for e in twin.ledger() if e["action"] == "DescribeVpnGateways" and e["fault"]]
    assert len(faults) == throttled + server
    # Other actions are untouched.
    assert codes(ec2.describe_customer_gateways, 20) == {"ok": 20}


def test_faults_hit_vpn_actions_and_boto3_retries_them(twin, gw):
    twin.faults([{"action": "CreateVpnConnection", "throttle_rate": 0.5}], seed=3)
    created = [gw.vpn() for _attempt in range(4)]  # default retries absorb throttling, as against AWS
    assert len({c["VpnConnectionId"] for c in created}) == 4
    entries = [e for e in twin.ledger() if e["action"] == "CreateVpnConnection"]
    assert any(e["fault"] == "RequestLimitExceeded" for e in entries) and sum(e["status_code"] == 200 for e in entries) == 4
    assert len(twin.state()) == 4  # a throttled call created nothing


@pytest.mark.parametrize("service,signing_name,call,code", [
    ("logs", "logs", lambda c: c.describe_log_groups(), "ThrottlingException"),  # JSON
    ("secretsmanager", "secretsmanager", lambda c: c.list_secrets(), "ThrottlingException"),  # JSON
    ("sns", "sns", lambda c: c.list_topics(), "Throttling"),  # Query
    ("cloudwatch", "monitoring", lambda c: c.describe_alarms(), "Throttling"),  # Smithy RPCv2 CBOR
])
def test_faults_in_every_protocol(twin, service, signing_name, call, code):
    client = twin.client(service, retries=1)
    call(client)  # works before faults
    twin.faults([{"action": "*", "service": signing_name, "throttle_rate": 1.0}])
    with pytest.raises(ClientError) as err:
        call(client)
    assert err.value.response["Error"]["Code"] == code


def test_eventual_consistency_lag(twin, gw, ec2):
    twin.faults([{"action": "Create*", "service": "ec2", "lag_calls": 2}])
    vpn_id = gw.vpn()["VpnConnectionId"]
    cgw = ec2.create_customer_gateway(BgpAsn=65020, PublicIp="198.51.100.20", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    # invisible for two Describe calls ...
    assert vpn_id not in [c["VpnConnectionId"] for c in ec2.describe_vpn_connections()["VpnConnections"]]
    with pytest.raises(ClientError) as err:
        ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])
    assert err.value.response["Error"]["Code"] == "InvalidVpnConnectionID.NotFound"
    assert [c["VpnConnectionId"] for c in ec2.describe_vpn_connections()["VpnConnections"]] == [vpn_id]  # ... then there
    assert cgw in [c["CustomerGatewayId"] for c in ec2.describe_customer_gateways()["CustomerGateways"]]
    assert twin.ledger()[-1]["status_code"] == 200


def test_lag_on_moto_resources(twin, ec2):
    twin.faults([{"action": "CreateCustomerGateway", "lag_calls": 3}])
    cgw = ec2.create_customer_gateway(BgpAsn=65020, PublicIp="198.51.100.20", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    assert cgw not in [c["CustomerGatewayId"] for c in ec2.describe_customer_gateways()["CustomerGateways"]]
    by_filter = ec2.describe_customer_gateways(Filters=[{"Name": "customer-gateway-id", "Values": [cgw]}])["CustomerGateways"]
    assert by_filter == []  # a filter finds nothing yet; naming the ID is NotFound
    with pytest.raises(ClientError) as err:
        ec2.describe_customer_gateways(CustomerGatewayIds=[cgw])
    assert err.value.response["Error"]["Code"] == "InvalidCustomerGatewayID.NotFound"
    assert [c["CustomerGatewayId"] for c in ec2.describe_customer_gateways(CustomerGatewayIds=[cgw])["CustomerGateways"]] == [cgw]


def test_bad_fault_config_is_refused(twin):
    with pytest.raises(TwinError, match="between 0 and 1"):
        twin.faults([{"action": "*", "throttle_rate": 2}])
    with pytest.raises(TwinError, match="only keys"):
        twin.faults([{"action": "*", "rate": 0.1}])


def test_ledger_marks_mutating_calls(twin, gw, ec2):
    start = twin.last_seq()
    conn = gw.vpn()
    ec2.describe_vpn_connections()
    ec2.get_vpn_connection_device_types()
    twin.client("logs").describe_log_groups()
    twin.client("cloudwatch").list_metrics()
    twin.client("sns").create_topic(Name="vpn-alarms")
    twin.client("secretsmanager").list_secrets()
    ec2.delete_vpn_connection(VpnConnectionId=conn["VpnConnectionId"])
    entries = twin.ledger(start)
    assert [(e["service"], e["action"], e["mutating"]) for e in entries] == [
        ("ec2", "CreateVpnConnection", True), ("ec2", "DescribeVpnConnections", False),
        ("ec2", "GetVpnConnectionDeviceTypes", False), ("logs", "DescribeLogGroups", False),
        ("monitoring", "ListMetrics", False), ("sns", "CreateTopic", True),
        ("secretsmanager", "ListSecrets", False), ("ec2", "DeleteVpnConnection", True)]
    assert all(e["status_code"] == 200 and e["time"] > 0 for e in entries)
    assert [e["action"] for e in twin.mutating_calls(start)] == ["CreateVpnConnection", "CreateTopic", "DeleteVpnConnection"]
    twin.reset_ledger()
    assert twin.ledger() == []


def test_ledger_records_failures_and_control_calls_are_not_recorded(twin, ec2):
    twin.reset_ledger()
    with pytest.raises(ClientError):
        ec2.delete_vpn_connection(VpnConnectionId="vpn-0123456789abcdef0")
    twin.state()
    assert [(e["action"], e["status_code"], e["mutating"]) for e in twin.ledger()] == [("DeleteVpnConnection", 400, True)]


def test_rest_calls_are_classified_by_method(twin):
    s3 = twin.client("s3")
    start = twin.last_seq()
    s3.create_bucket(Bucket="twin-ledger")
    s3.list_objects_v2(Bucket="twin-ledger")
    assert [(e["service"], e["action"].split()[0], e["mutating"]) for e in twin.ledger(start)] == [
        ("s3", "PUT", True), ("s3", "GET", False)]
