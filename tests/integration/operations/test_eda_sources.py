# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's event sources (extensions/eda/plugins/event_source) against the AWS twin's SQS (issue 20):
AWS Health's maintenance announcement through an EventBridge rule, the monitoring role's alarms through SNS.

Each source is loaded as ansible-rulebook loads it (runpy) and run in-process on an asyncio queue: no process.
"""

from __future__ import annotations

import asyncio
import json
import pathlib
import runpy

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring

SOURCES = pathlib.Path(__file__).resolve().parents[3] / "extensions" / "eda" / "plugins" / "event_source"
HEALTH_PATTERN = {"source": ["aws.health"], "detail-type": ["AWS Health Event"],
                  "detail": {"eventTypeCode": ["AWS_VPN_TUNNEL_UPDATE_AVAILABLE"]}}


@pytest.fixture(autouse=True)
def credentials(monkeypatch, twin):
    for name, value in twin.environment().items():
        monkeypatch.setenv(name, value)
    twin.settings(metrics_interval_seconds=3600, pending_seconds=0)  # only the datapoints the test reports


def events_from(source: str, args: dict, count: int) -> list:
    """The first ``count`` events the source puts on its queue (the source is then cancelled, as at shutdown)."""
    main = runpy.run_path(str(SOURCES / (source + ".py")))["main"]

    async def collect():
        queue = asyncio.Queue()
        task = asyncio.create_task(main(queue, args))
        found = []
        try:
            while len(found) < count:
                getter = asyncio.ensure_future(queue.get())
                done, _pending = await asyncio.wait({getter, task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
                if getter not in done:
                    getter.cancel()
                    # The source failed (its error), or fewer events came than expected (what did come).
                    raise task.exception() if task.done() else AssertionError("%d of %d events: %s" % (len(found), count, found))
                found.append(getter.result())
            return found
        finally:
            task.cancel()
    return asyncio.run(collect())


def queue_of(twin, name: str):
    sqs = twin.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def vpn(ec2, name: str) -> dict:
    cgw = ec2.create_customer_gateway(BgpAsn=65010, PublicIp="198.51.100.%d" % (10 + len(name)), Type="ipsec.1")["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]
    conn = ec2.create_vpn_connection(CustomerGatewayId=cgw["CustomerGatewayId"], VpnGatewayId=vgw["VpnGatewayId"], Type="ipsec.1",
                                     TagSpecifications=[{"ResourceType": "vpn-connection", "Tags": [
                                         {"Key": "Name", "Value": name}, {"Key": "s2s:key", "Value": "site/%s/1" % name}]}])["VpnConnection"]
    return {"id": conn["VpnConnectionId"], "ips": [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]}


def put_alarms(cw, conns: list, topic: str, period: int = None) -> None:
    """The monitoring role's alarms on ``conns`` ({id, name, routing, tunnels: [outside ip]}), to the SNS ``topic``;
    ``period``: seconds (CloudWatch's shortest is 10), so datapoints reported a while ago are out of the evaluation."""
    for alarm in monitoring.alarms(conns, monitoring.settings({"period": period} if period else {}), topic):
        cw.put_metric_alarm(AlarmName=alarm["name"], AlarmDescription=alarm["description"], Namespace=alarm["namespace"],
                            MetricName=alarm["metric_name"], Dimensions=[{"Name": k, "Value": v} for k, v in alarm["dimensions"].items()],
                            Statistic=alarm["statistic"], ComparisonOperator=alarm["comparison"], Threshold=alarm["threshold"],
                            Period=alarm["period"], EvaluationPeriods=alarm["evaluation_periods"], TreatMissingData="breaching",
                            AlarmActions=alarm["alarm_actions"], OKActions=alarm["ok_actions"])


def test_aws_health_source_reads_the_maintenance_announcement_an_eventbridge_rule_queued(twin, ec2):
    url, arn = queue_of(twin, "s2s-vpn-health")
    events = twin.client("events")
    events.put_rule(Name="s2s-vpn-maintenance", EventPattern=json.dumps(HEALTH_PATTERN))
    events.put_targets(Rule="s2s-vpn-maintenance", Targets=[{"Id": "queue", "Arn": arn}])
    conn = vpn(ec2, "lab-ios-vpn1")
    twin.maintenance(conn["id"], conn["ips"][0], pending="Tunnel endpoint upgrade", auto_applied_after_seconds=7200)
    [event] = events_from("aws_health", {"queue_name": "s2s-vpn-health", "region": "us-east-1", "wait_seconds": 1}, 1)
    assert event["s2s"]["kind"] == "maintenance_available"
    assert (event["s2s"]["vpn_connection_id"], event["s2s"]["connections"], event["s2s"]["region"]) == (conn["id"], 1, "us-east-1")
    assert event["s2s"]["description"] == "%s: Tunnel endpoint upgrade" % conn["ips"][0]
    # Read once: the source deleted the message it handed on.
    assert twin.client("sqs").receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages") is None


def test_tunnel_alarms_source_reads_the_monitoring_alarms_state_changes_through_sns(twin, ec2):
    _url, arn = queue_of(twin, "s2s-vpn-alarms")
    sns, cw = twin.client("sns"), twin.client("cloudwatch")
    topic = sns.create_topic(Name="s2s-vpn-alarms")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)  # SNS's envelope: no raw delivery
    redundant, cut_off = vpn(ec2, "lab-ios-vpn1"), vpn(ec2, "lab-vyos-vpn1")
    conf = monitoring.settings({})
    put_alarms(cw, [{"id": c["id"], "name": name, "routing": "bgp", "tunnels": c["ips"]}
                    for c, name in ((redundant, "lab-ios-vpn1"), (cut_off, "lab-vyos-vpn1"))], topic)
    twin.report_tunnel(redundant["id"], redundant["ips"][0], "UP", accepted_route_count=2)
    twin.report_tunnel(redundant["id"], redundant["ips"][1], "DOWN")
    for ip in cut_off["ips"]:
        twin.report_tunnel(cut_off["id"], ip, "DOWN")
    twin.evaluate_alarms()
    # The alarms start OK (moto's initial state): the changes are the redundancy lost on one connection, the outage
    # (and both tunnels) on the other.
    found = events_from("tunnel_alarms", {"queue_name": "s2s-vpn-alarms", "region": "us-east-1", "wait_seconds": 1}, 4)
    kinds = sorted((e["s2s"]["kind"], e["s2s"].get("outside_ip") or e["s2s"].get("vpn_connection_id")) for e in found)
    assert kinds == sorted([("tunnel_down", redundant["ips"][1]), ("tunnel_down", cut_off["ips"][0]), ("tunnel_down", cut_off["ips"][1]),
                            ("connection_down", cut_off["id"])])
    outage = next(e["s2s"] for e in found if e["s2s"]["kind"] == "connection_down")
    assert outage["alarm"] == monitoring.outage_alarm_name(conf["name_prefix"], "lab-vyos-vpn1") and outage["region"] == "us-east-1"
