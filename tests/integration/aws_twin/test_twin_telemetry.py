# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel status reports, VgwTelemetry and the AWS/VPN CloudWatch metrics and alarms built on them."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import time

import pytest

from lab.aws_twin.client import REPO_ROOT, TwinError


@pytest.fixture(autouse=True)
def no_periodic_metrics(twin):
    """Only the datapoints a test publishes: the periodic publisher waits an hour (the fixture restores it)."""
    twin.settings(metrics_interval_seconds=3600)


@pytest.fixture
def up(gw, ec2, wait_state):
    conn = gw.vpn()
    wait_state(ec2, conn["VpnConnectionId"], "available")
    return conn["VpnConnectionId"], [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]


def stats(cw, metric, dims, stat):
    now = datetime.datetime.now(datetime.timezone.utc)
    points = cw.get_metric_statistics(Namespace="AWS/VPN", MetricName=metric, Dimensions=dims, Period=60,
                                      StartTime=now - datetime.timedelta(minutes=5), EndTime=now + datetime.timedelta(minutes=1),
                                      Statistics=[stat])["Datapoints"]
    return [p[stat] for p in points]


def test_status_is_down_until_reported(twin, ec2, up):
    vpn_id, (first, second) = up
    twin.report_tunnel(vpn_id, first, "UP", status_message="2 BGP ROUTES", accepted_route_count=2)
    telemetry = {t["OutsideIpAddress"]: t for t in ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["VgwTelemetry"]}
    assert (telemetry[first]["Status"], telemetry[first]["AcceptedRouteCount"], telemetry[first]["StatusMessage"]) == ("UP", 2, "2 BGP ROUTES")
    assert telemetry[second]["Status"] == "DOWN" and telemetry[second]["AcceptedRouteCount"] == 0
    assert telemetry[first]["LastStatusChange"] > telemetry[second]["LastStatusChange"]


def test_report_rejects_unknown_tunnel_and_keys(twin, up):
    vpn_id, _ips = up
    with pytest.raises(TwinError, match="no tunnel"):
        twin.report_tunnel(vpn_id, "192.0.2.77", "UP")
    with pytest.raises(TwinError, match="unknown report key"):
        twin.report_tunnel(vpn_id, "192.0.2.77", "UP", colour="red")
    with pytest.raises(TwinError, match="not one of AWS.s values"):
        twin.report_tunnel(vpn_id, _ips[0], "UP", negotiated={"phase1_encryption": "rot13"})


def test_report_cli(twin, up):
    vpn_id, (first, _second) = up
    out = subprocess.run([sys.executable, "-m", "lab.aws_twin", "report", "--endpoint", twin.endpoint_url, vpn_id, first, "UP",
                          "--routes", "5"], cwd=REPO_ROOT, check=True, capture_output=True, text=True).stdout
    assert '"status": "UP"' in out
    assert [t["accepted_route_count"] for t in twin.state()[0]["tunnels"]] == [5, 0]


def test_metrics_published_with_aws_names_and_dimensions(twin, up):
    vpn_id, (first, second) = up
    cw = twin.client("cloudwatch")
    twin.report_tunnel(vpn_id, first, "UP", data_in=1000, data_out=400)
    twin.report_tunnel(vpn_id, second, "DOWN")
    assert stats(cw, "TunnelState", [{"Name": "TunnelIpAddress", "Value": first}], "Maximum") == [1.0]
    assert stats(cw, "TunnelState", [{"Name": "TunnelIpAddress", "Value": second}], "Maximum") == [0.0]
    assert stats(cw, "TunnelDataIn", [{"Name": "TunnelIpAddress", "Value": first}], "Sum") == [1000.0]
    assert stats(cw, "TunnelDataOut", [{"Name": "TunnelIpAddress", "Value": first}], "Sum") == [400.0]
    names = {m["MetricName"] for m in cw.list_metrics(Namespace="AWS/VPN")["Metrics"]}
    assert names == {"TunnelState", "TunnelDataIn", "TunnelDataOut"}
    assert twin.publish_metrics() == {"published": 1}


def alarm(cw, name, vpn_id, stat, op, threshold, missing="breaching"):
    cw.put_metric_alarm(AlarmName=name, Namespace="AWS/VPN", MetricName="TunnelState", Dimensions=[{"Name": "VpnId", "Value": vpn_id}],
                        Statistic=stat, Period=60, EvaluationPeriods=1, Threshold=threshold, ComparisonOperator=op,
                        TreatMissingData=missing)


def alarm_states(cw):
    return {a["AlarmName"]: a["StateValue"] for a in cw.describe_alarms()["MetricAlarms"]}


def test_alarms_evaluate_on_tunnel_state(twin, up):
    vpn_id, (first, second) = up
    cw = twin.client("cloudwatch")
    alarm(cw, "redundancy-lost", vpn_id, "Minimum", "LessThanThreshold", 1)
    alarm(cw, "outage", vpn_id, "Maximum", "LessThanOrEqualToThreshold", 0)
    for ip in (first, second):
        twin.report_tunnel(vpn_id, ip, "UP")
    assert twin.evaluate_alarms() == {"redundancy-lost": "OK", "outage": "OK"}
    twin.report_tunnel(vpn_id, second, "DOWN")
    assert twin.evaluate_alarms() == {"redundancy-lost": "ALARM", "outage": "OK"}
    assert alarm_states(cw) == {"redundancy-lost": "ALARM", "outage": "OK"}


def test_alarm_notifies_its_sns_topic(twin, up):
    vpn_id, (first, second) = up
    cw, sns, sqs = twin.client("cloudwatch"), twin.client("sns"), twin.client("sqs")
    topic = sns.create_topic(Name="vpn-alarms")["TopicArn"]
    queue = sqs.create_queue(QueueName="vpn-alarms")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    cw.put_metric_alarm(AlarmName="redundancy-lost", Namespace="AWS/VPN", MetricName="TunnelState",
                        Dimensions=[{"Name": "VpnId", "Value": vpn_id}], Statistic="Minimum", Period=60, EvaluationPeriods=1,
                        Threshold=1, ComparisonOperator="LessThanThreshold", TreatMissingData="breaching", AlarmActions=[topic])
    twin.report_tunnel(vpn_id, first, "UP")
    twin.report_tunnel(vpn_id, second, "DOWN")
    assert twin.evaluate_alarms() == {"redundancy-lost": "ALARM"}
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    body = json.loads(messages[0]["Body"])
    assert (body["AlarmName"], body["NewStateValue"], body["OldStateValue"]) == ("redundancy-lost", "ALARM", "OK")
    assert body["Trigger"]["Dimensions"] == [{"name": "VpnId", "value": vpn_id}] and body["Trigger"]["Namespace"] == "AWS/VPN"


def test_missing_data_treatment(twin, gw):
    vpn_id = gw.vpn()["VpnConnectionId"]  # pending: no datapoints yet
    cw = twin.client("cloudwatch")
    alarm(cw, "missing-breaching", vpn_id, "Minimum", "LessThanThreshold", 1, "breaching")
    alarm(cw, "missing-ok", vpn_id, "Minimum", "LessThanThreshold", 1, "notBreaching")
    alarm(cw, "missing-missing", vpn_id, "Minimum", "LessThanThreshold", 1, "missing")
    assert twin.evaluate_alarms() == {"missing-breaching": "ALARM", "missing-ok": "OK", "missing-missing": "INSUFFICIENT_DATA"}


def test_tunnel_logging_to_cloudwatch_logs(twin, gw, ec2, wait_state):
    logs = twin.client("logs")
    logs.create_log_group(logGroupName="/aws/vendedlogs/vpn-tunnels")
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn-tunnels:*"
    conn = gw.vpn(Options={"TunnelOptions": [{"LogOptions": {"CloudWatchLogOptions": {
        "LogEnabled": True, "LogGroupArn": arn, "LogOutputFormat": "json"}}}]})
    vpn_id = conn["VpnConnectionId"]
    first, second = [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]
    wait_state(ec2, vpn_id, "available")
    twin.report_tunnel(vpn_id, first, "UP")
    twin.report_tunnel(vpn_id, second, "UP")  # logging is off on the second tunnel
    streams = [s["logStreamName"] for s in logs.describe_log_streams(logGroupName="/aws/vendedlogs/vpn-tunnels")["logStreams"]]
    assert streams == ["%s-%s-IKE" % (vpn_id, first)]
    events = logs.get_log_events(logGroupName="/aws/vendedlogs/vpn-tunnels", logStreamName=streams[0])["events"]
    record = json.loads(events[-1]["message"])
    assert record["ike_phase1_state"] == record["ike_phase2_state"] == "established"


def test_metrics_are_published_periodically(twin, up):
    vpn_id, (first, _second) = up
    cw = twin.client("cloudwatch")
    dims = [{"Name": "TunnelIpAddress", "Value": first}]
    twin.settings(metrics_interval_seconds=0.3)
    deadline = time.monotonic() + 10
    while not stats(cw, "TunnelState", dims, "SampleCount") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stats(cw, "TunnelState", dims, "Maximum") == [0.0]  # DOWN until reported: published as 0
