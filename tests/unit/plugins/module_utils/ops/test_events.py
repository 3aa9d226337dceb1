# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS's tunnel events decoded for the rulebooks, and the maintenance decision (issue 20)."""

from __future__ import annotations

import json

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import events

VPN = "vpn-0123456789abcdef0"
# An EventBridge "AWS Health Event" as AWS documents its shape
# (https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html, fetched 2026-12-07).
HEALTH = {
    "version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "AWS Health Event", "source": "aws.health",
    "account": "123456789012", "time": "2026-12-07T21:00:00Z", "region": "us-east-1", "resources": [VPN],
    "detail": {"eventArn": "arn:aws:health:us-east-1::event/VPN/AWS_VPN_TUNNEL_UPDATE_AVAILABLE/X_1", "service": "VPN",
               "eventTypeCode": "AWS_VPN_TUNNEL_UPDATE_AVAILABLE", "eventTypeCategory": "scheduledChange",
               "eventRegion": "us-east-1", "startTime": "Mon, 07 Dec 2026 21:00:00 GMT", "endTime": "Mon, 21 Dec 2026 21:00:00 GMT",
               "eventDescription": [{"language": "en_US", "latestDescription": "Tunnel endpoint update available"}],
               "affectedEntities": [{"entityValue": VPN}]},
}


def alarm(dimension: str, value: str, state: str = "ALARM") -> dict:
    """CloudWatch's alarm message (the fields of the twin's alarms._notify, AWS's notification format)."""
    return {"AlarmName": "s2s-vpn-x", "AlarmDescription": "d", "NewStateValue": state, "NewStateReason": "r", "OldStateValue": "OK",
            "Region": "US East (N. Virginia)", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:s2s-vpn-x",
            "StateChangeTime": "2026-12-07T21:00:00.000+0000",
            "Trigger": {"MetricName": "TunnelState", "Namespace": "AWS/VPN", "Dimensions": [{"name": dimension, "value": value}]}}


def test_a_tunnel_update_health_event_names_the_connection_and_its_deadline():
    [event] = events.health_event(json.dumps(HEALTH))
    assert event["s2s"] == {"kind": "maintenance_available", "vpn_connection_id": VPN, "connections": 1, "region": "us-east-1",
                            "event_arn": HEALTH["detail"]["eventArn"], "deadline": "Mon, 21 Dec 2026 21:00:00 GMT",
                            "description": "Tunnel endpoint update available"}


def test_an_event_naming_several_connections_becomes_one_event_per_connection():
    others = ["vpn-0aaaaaaaaaaaaaaaa", "vpn-0bbbbbbbbbbbbbbbb"]
    detail = dict(HEALTH["detail"], affectedEntities=[{"entityValue": v} for v in others + [VPN, others[0]]])
    found = [e["s2s"] for e in events.health_event(dict(HEALTH, detail=detail))]
    assert [e["vpn_connection_id"] for e in found] == sorted(set(others + [VPN]))   # each once, in a stable order
    assert {e["connections"] for e in found} == {3} and {e["event_arn"] for e in found} == {HEALTH["detail"]["eventArn"]}


def test_other_health_events_are_not_for_the_rulebooks():
    other = dict(HEALTH, detail=dict(HEALTH["detail"], eventTypeCode="AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED"))
    assert events.health_event(other) == []
    assert events.health_event(dict(HEALTH, source="aws.ec2")) == []


def test_a_tunnel_update_naming_no_connection_is_refused_naming_the_field():
    bare = dict(HEALTH, resources=[], detail=dict(HEALTH["detail"], affectedEntities=[]))
    with pytest.raises(S2SError) as info:
        events.health_event(bare)
    assert (info.value.field, info.value.rule) == ("detail.affectedEntities", "event.no_connection")
    with pytest.raises(S2SError, match="body is not JSON"):
        events.health_event("{not json")


@pytest.mark.parametrize("raw", [True, False])
def test_tunnel_and_outage_alarms_become_down_and_up_events(raw):
    def body(message):
        return json.dumps(message) if raw else json.dumps({"Type": "Notification", "Message": json.dumps(message)})
    down = events.alarm_event(body(alarm("TunnelIpAddress", "203.0.113.11")))["s2s"]
    assert (down["kind"], down["outside_ip"], down["region"], down["alarm"]) == ("tunnel_down", "203.0.113.11", "eu-west-1", "s2s-vpn-x")
    assert events.alarm_event(body(alarm("TunnelIpAddress", "203.0.113.11", "OK")))["s2s"]["kind"] == "tunnel_up"
    outage = events.alarm_event(body(alarm("VpnId", VPN)))["s2s"]
    assert (outage["kind"], outage["vpn_connection_id"]) == ("connection_down", VPN)
    assert events.alarm_event(body(alarm("VpnId", VPN, "INSUFFICIENT_DATA"))) is None


def test_alarms_on_other_metrics_are_dropped():
    message = alarm("TunnelIpAddress", "203.0.113.11")
    message["Trigger"]["MetricName"] = "TunnelDataIn"
    assert events.alarm_event(message) is None


def connection(first=("UP", 3, True), second=("UP", 3, False), state="available"):
    return {"vpn_connection_id": VPN, "state": state, "tunnels": [
        {"outside_ip_address": ip, "telemetry": {"status": status, "accepted_route_count": routes},
         "maintenance": {"pending_maintenance": "Tunnel endpoint update"} if pending else {}}
        for ip, (status, routes, pending) in (("203.0.113.11", first), ("203.0.113.12", second))]}


def test_maintenance_replaces_the_pending_tunnel_while_its_partner_carries_the_routes():
    plan = events.maintenance_plan(connection())
    assert (plan["action"], plan["tunnel"], plan["partner"]) == ("replace", "203.0.113.11", "203.0.113.12")
    plan = events.maintenance_plan(connection(first=("UP", 3, False), second=("UP", 3, True)))
    assert (plan["action"], plan["tunnel"]) == ("replace", "203.0.113.12")


@pytest.mark.parametrize("partner, reason", [
    (("DOWN", 0, False), "partner tunnel 203.0.113.12 is DOWN"),
    (("UP", 0, False), "partner tunnel 203.0.113.12 is UP but carries no routes (BGP accepted 0)"),
])
def test_maintenance_is_refused_and_paged_while_the_partner_cannot_carry_the_traffic(partner, reason):
    plan = events.maintenance_plan(connection(second=partner))
    assert plan["action"] == "page"
    assert plan["reason"] == "maintenance on 203.0.113.11 of %s refused: %s" % (VPN, reason)


def test_both_tunnels_pending_replaces_one_and_the_other_waits_for_its_partner():
    """Never both at once: one tunnel per event; while it is being replaced (DOWN) the other is refused."""
    plan = events.maintenance_plan(connection(second=("UP", 3, True)))
    assert (plan["action"], plan["tunnel"]) == ("replace", "203.0.113.11")
    during = events.maintenance_plan(connection(first=("DOWN", 0, False), second=("UP", 3, True)))
    assert (during["action"], during["tunnel"]) == ("page", "203.0.113.12")


def test_maintenance_already_applied_or_on_a_static_connection():
    assert events.maintenance_plan(connection(first=("UP", 3, False)))["action"] == "none"
    assert events.maintenance_plan(connection(second=("UP", 0, False)), routing="static")["action"] == "replace"
    assert events.maintenance_plan(connection(state="modifying"))["action"] == "page"
    with pytest.raises(S2SError) as info:
        events.maintenance_plan({"vpn_connection_id": VPN, "state": "available", "tunnels": []})
    assert info.value.rule == "connection.tunnel_count"
