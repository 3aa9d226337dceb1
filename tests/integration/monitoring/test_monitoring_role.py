# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/monitor.yml (role monitoring) on the AWS twin: alarms, topic, dashboard and logs are built,
converge and check mode change nothing, and the alarms follow the tunnel state the lab reports
(the twin publishes AWS/VPN metrics and evaluates the alarms by itself, as CloudWatch does).

Tests run in file order on one estate (module scope): build, idempotence, check mode, alarm states, removal."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from ..conftest import PlaybookRunner, recap

PERIOD = 10  # the shortest CloudWatch alarm period keeps the "back up" wait short


@pytest.fixture(scope="module")
def estate(aws_twin, tmp_path_factory):
    """Two VPN connections on one VGW, tagged as the aws_vpn role tags them, and an SQS queue on the alarm topic."""
    aws_twin.reset()
    aws_twin.settings(metrics_interval_seconds=1)
    ec2, sqs = aws_twin.client("ec2"), aws_twin.client("sqs")
    vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64512)["VpnGateway"]["VpnGatewayId"]
    conns = {}
    for index, name in enumerate(("branch-a", "branch-b"), start=1):
        cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="198.51.100.%d" % index, BgpAsn=65000 + index)["CustomerGateway"]
        conns[name] = ec2.create_vpn_connection(
            Type="ipsec.1", CustomerGatewayId=cgw["CustomerGatewayId"], VpnGatewayId=vgw,
            TagSpecifications=[{"ResourceType": "vpn-connection", "Tags": [
                {"Key": "Name", "Value": name}, {"Key": "s2s:key", "Value": "%s/cgw/1" % name}, {"Key": "s2s:gateway", "Value": "vgw-lab"}]}],
        )["VpnConnection"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(c["State"] != "available" for c in ec2.describe_vpn_connections()["VpnConnections"]):
        time.sleep(0.3)
    queue = sqs.create_queue(QueueName="noc")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    tmp = tmp_path_factory.mktemp("monitoring")
    (tmp / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"aws": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}}}}}))
    (tmp / "extra.yml").write_text(yaml.safe_dump({
        "s2s_intent": {"region": "us-east-1"},
        "aws_vpn_aws_settings": {"endpoint_url": aws_twin.endpoint_url, "access_key": "testing", "secret_key": "testing"},
        "s2s_report_dir": str(tmp / "reports"),
        "s2s_monitoring": {"period": PERIOD, "subscriptions": [{"protocol": "sqs", "endpoint": queue_arn}],
                           "tunnel_logs": True, "bgp_logs": True, "log_retention_days": 7}}))
    ips = {name: [t["OutsideIpAddress"] for t in c["VgwTelemetry"]] for name, c in conns.items()}
    yield {"twin": aws_twin, "tmp": tmp, "ids": {n: c["VpnConnectionId"] for n, c in conns.items()}, "ips": ips, "queue": queue}
    aws_twin.reset()
    aws_twin.settings(metrics_interval_seconds=60)


def _run(estate, *args):
    runner = PlaybookRunner(estate["tmp"])
    return runner.run("playbooks/monitor.yml", "-i", str(estate["tmp"] / "hosts.yml"), "-e", "@%s" % (estate["tmp"] / "extra.yml"), *args)


def _states(twin):
    return {a["AlarmName"]: a["StateValue"] for a in twin.client("cloudwatch").describe_alarms()["MetricAlarms"]}


def _wait_states(twin, expected, timeout=3 * PERIOD):
    """The twin evaluates every second; wait until the alarms named in ``expected`` are in those states."""
    deadline = time.monotonic() + timeout
    while True:
        states = _states(twin)
        if all(states.get(k) == v for k, v in expected.items()) or time.monotonic() > deadline:
            return {k: states.get(k) for k in expected}
        time.sleep(0.5)


def test_builds_alarms_topic_dashboard_and_logs(estate):
    twin = estate["twin"]
    proc = _run(estate)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "2 connection(s): 6 alarm(s)" in proc.stdout
    cw = twin.client("cloudwatch")
    alarms = {a["AlarmName"]: a for a in cw.describe_alarms()["MetricAlarms"]}
    first = estate["ips"]["branch-a"][0]
    tunnel = alarms["s2s-vpn-branch-a-tunnel-%s" % first]
    assert (tunnel["Dimensions"], tunnel["Statistic"], tunnel["ComparisonOperator"], tunnel["Threshold"], tunnel["TreatMissingData"],
            tunnel["Period"]) == ([{"Name": "TunnelIpAddress", "Value": first}], "Minimum", "LessThanThreshold", 1.0, "breaching", PERIOD)
    outage = alarms["s2s-vpn-branch-b-outage"]
    assert (outage["Dimensions"], outage["Statistic"], outage["ComparisonOperator"], outage["Threshold"]) == (
        [{"Name": "VpnId", "Value": estate["ids"]["branch-b"]}], "Maximum", "LessThanOrEqualToThreshold", 0.0)
    topic = tunnel["AlarmActions"][0]
    assert tunnel["OKActions"] == [topic] and topic.endswith(":s2s-vpn-alarms")
    subs = twin.client("sns").list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert [s["Protocol"] for s in subs] == ["sqs"]
    body = json.loads(cw.get_dashboard(DashboardName="s2s-vpn-vgw-lab")["DashboardBody"])
    assert {m[3] for w in body["widgets"] if w["type"] == "metric" for m in w["properties"]["metrics"]} >= set(estate["ips"]["branch-a"])
    groups = twin.client("logs").describe_log_groups(logGroupNamePrefix="/aws/vendedlogs/s2s/")["logGroups"]
    assert sorted((g["logGroupName"], g.get("retentionInDays")) for g in groups) == [
        ("/aws/vendedlogs/s2s/branch-a", 7), ("/aws/vendedlogs/s2s/branch-b", 7)]
    log_opts = [t["LogOptions"]["CloudWatchLogOptions"] for c in twin.client("ec2").describe_vpn_connections()["VpnConnections"]
                for t in c["Options"]["TunnelOptions"]]
    assert len(log_opts) == 4 and all(o["LogEnabled"] and o["BgpLogEnabled"] and "/aws/vendedlogs/s2s/" in o["LogGroupArn"] for o in log_opts)
    # What is monitored is kept for the report page: each tunnel's alarm read back (with its state), no subscriber.
    kept_text = (estate["tmp"] / "reports" / "vpn-monitoring.json").read_text()
    kept = json.loads(kept_text)
    assert kept["topic_arn"] == topic and kept["gateways"] == [{"name": "vgw-lab", "dashboard": "s2s-vpn-vgw-lab"}]
    by_name = {c["name"]: c for c in kept["connections"]}
    assert {n: [t["alarm"]["name"] for t in c["tunnels"]] for n, c in by_name.items()} == {
        n: ["s2s-vpn-%s-tunnel-%s" % (n, ip) for ip in ips] for n, ips in estate["ips"].items()}
    assert by_name["branch-b"]["outage_alarm"]["name"] == "s2s-vpn-branch-b-outage" and by_name["branch-a"]["log_group"] == "/aws/vendedlogs/s2s/branch-a"
    kept_alarms = [t["alarm"] for c in kept["connections"] for t in c["tunnels"]] + [c["outage_alarm"] for c in kept["connections"]]
    assert len(kept_alarms) == 6 and all(a["state"] in ("OK", "ALARM", "INSUFFICIENT_DATA") and a["notifies"] for a in kept_alarms)
    assert ":noc" not in kept_text


def test_second_run_changes_nothing(estate):
    twin = estate["twin"]
    start = twin.last_seq()
    proc = _run(estate)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert recap(proc.stdout)["localhost"]["changed"] == 0, proc.stdout[-3000:]
    assert twin.mutating_calls(start) == []


def test_check_mode_changes_nothing_and_shows_the_dashboard_diff(estate):
    twin = estate["twin"]
    twin.client("cloudwatch").delete_dashboards(DashboardNames=["s2s-vpn-vgw-lab"])
    start = twin.last_seq()
    kept = estate["tmp"] / "reports" / "vpn-monitoring.json"
    kept.unlink()
    proc = _run(estate, "--check", "--diff")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert recap(proc.stdout)["localhost"]["changed"] == 1, proc.stdout[-3000:]
    assert not kept.exists()   # check mode keeps nothing
    assert "TunnelDataIn" in proc.stdout  # the diff of the dashboard that would be created
    assert twin.mutating_calls(start) == []
    assert _run(estate).returncode == 0


def test_alarms_follow_the_reported_tunnel_state(estate):
    twin = estate["twin"]
    vpn_id, (first, second) = estate["ids"]["branch-a"], estate["ips"]["branch-a"]
    names = {"t1": "s2s-vpn-branch-a-tunnel-%s" % first, "t2": "s2s-vpn-branch-a-tunnel-%s" % second, "outage": "s2s-vpn-branch-a-outage"}
    for ip in (first, second):
        twin.report_tunnel(vpn_id, ip, "UP")
    assert _wait_states(twin, {names["t1"]: "OK", names["t2"]: "OK", names["outage"]: "OK"}) == {
        names["t1"]: "OK", names["t2"]: "OK", names["outage"]: "OK"}
    # One tunnel down (the report path of lab.dataplane_sync): redundancy lost at once, no outage.
    twin.report_tunnel(vpn_id, first, "DOWN", status_message="NO_PROPOSAL_CHOSEN: proposal mismatch")
    assert _wait_states(twin, {names["t1"]: "ALARM"}) == {names["t1"]: "ALARM"}
    assert _states(twin)[names["t2"]] == "OK" and _states(twin)[names["outage"]] == "OK"
    # Both down: once a whole period has only zeros, the outage alarm fires.
    twin.report_tunnel(vpn_id, second, "DOWN")
    assert _wait_states(twin, {names["t2"]: "ALARM", names["outage"]: "ALARM"}) == {names["t2"]: "ALARM", names["outage"]: "ALARM"}
    # Back up: OK again once a period has no down datapoint.
    for ip in (first, second):
        twin.report_tunnel(vpn_id, ip, "UP")
    assert _wait_states(twin, {n: "OK" for n in names.values()}) == {n: "OK" for n in names.values()}
    # The topic delivered AWS's alarm messages (ALARM and OK) to the subscribed queue.
    sqs = twin.client("sqs")
    messages = []
    for _attempt in range(5):
        messages += sqs.receive_message(QueueUrl=estate["queue"], MaxNumberOfMessages=10).get("Messages", [])
    bodies = [json.loads(json.loads(m["Body"])["Message"]) for m in messages]
    seen = {(b["AlarmName"], b["NewStateValue"]) for b in bodies}
    assert {(names["t1"], "ALARM"), (names["outage"], "ALARM"), (names["outage"], "OK")} <= seen, seen


def test_absent_removes_alarms_dashboards_and_topic(estate):
    twin = estate["twin"]
    proc = _run(estate, "-e", "monitoring_state=absent")
    assert proc.returncode == 0, proc.stdout[-3000:]
    cw = twin.client("cloudwatch")
    assert cw.describe_alarms(AlarmNamePrefix="s2s-vpn-")["MetricAlarms"] == []
    assert cw.list_dashboards()["DashboardEntries"] == []
    assert not [t for t in twin.client("sns").list_topics()["Topics"] if t["TopicArn"].endswith(":s2s-vpn-alarms")]
    assert not (estate["tmp"] / "reports" / "vpn-monitoring.json").exists()   # the page shows no removed alarm
