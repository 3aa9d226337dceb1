# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""monitoring: settings rules, the alarms per tunnel and connection, dashboards per gateway, log options."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring

TOPIC = "arn:aws:sns:us-east-1:123456789012:s2s-vpn-alarms"


def conn(vpn_id, name, gateway, ips, state="available", static=False):
    return {"vpn_connection_id": vpn_id, "state": state, "options": {"static_routes_only": static},
            "tags": {"Name": name, "s2s:key": "site/%s/1" % name, "s2s:gateway": gateway},
            "tunnels": [{"outside_ip_address": ip, "inside_cidr": "169.254.10.%d/30" % (4 * i)} for i, ip in enumerate(ips)]}


ESTATE = [conn("vpn-1", "branch-a", "vgw-lab", ["203.0.113.1", "203.0.113.2"]),
          conn("vpn-2", "dc-b", "tgw-lab", ["203.0.113.3", "203.0.113.4"], static=True),
          conn("vpn-3", "gone", "vgw-lab", ["203.0.113.5", "203.0.113.6"], state="deleted"),
          dict(conn("vpn-4", "not-ours", "vgw-lab", ["203.0.113.7", "203.0.113.8"]), tags={"Name": "not-ours"})]


def test_defaults():
    conf = monitoring.settings(None)
    assert conf["period"] == 300 and conf["evaluation_periods"] == 1 and conf["subscriptions"] == [] and not conf["tunnel_logs"]


@pytest.mark.parametrize("raw, field, rule", [
    ({"subscriptions": [{"protocol": "pigeon", "endpoint": "x"}]}, "s2s_monitoring.subscriptions[0].protocol", "subscription.protocol"),
    ({"subscriptions": [{"protocol": "email", "endpoint": "noc"}]}, "s2s_monitoring.subscriptions[0].endpoint", "subscription.endpoint"),
    ({"period": 90}, "s2s_monitoring.period", "alarm.period"),
    ({"period": 3600, "evaluation_periods": 25}, "s2s_monitoring.evaluation_periods", "alarm.evaluation_periods"),
    ({"evaluation_periods": 3, "datapoints_to_alarm": 4}, "s2s_monitoring.datapoints_to_alarm", "alarm.datapoints"),
    ({"log_retention_days": 31}, "s2s_monitoring.log_retention_days", "logs.retention"),
    ({"name_prefix": "s2s vpn"}, "s2s_monitoring.name_prefix", "monitoring.name"),
    ({"colour": "red"}, "s2s_monitoring", "monitoring.spec"),
])
def test_bad_settings_name_field_and_rule(raw, field, rule):
    with pytest.raises(IntentErrors) as err:
        monitoring.settings(raw)
    assert [(e.field, e.rule) for e in err.value.errors] == [(field, rule)]


def test_short_periods_are_cloudwatch_s():
    assert monitoring.settings({"period": 10})["period"] == 10
    assert monitoring.settings({"period": 120, "evaluation_periods": 3, "datapoints_to_alarm": 2})["datapoints_to_alarm"] == 2


def test_only_live_connections_the_collection_manages():
    assert [c["name"] for c in monitoring.connections(ESTATE)] == ["branch-a", "dc-b"]


def test_alarm_per_tunnel_and_outage_per_connection():
    plan = monitoring.build(ESTATE, {"period": 60}, "us-east-1", TOPIC)
    by_name = {a["name"]: a for a in plan["alarms"]}
    assert sorted(by_name) == ["s2s-vpn-branch-a-outage", "s2s-vpn-branch-a-tunnel-203.0.113.1", "s2s-vpn-branch-a-tunnel-203.0.113.2",
                               "s2s-vpn-dc-b-outage", "s2s-vpn-dc-b-tunnel-203.0.113.3", "s2s-vpn-dc-b-tunnel-203.0.113.4"]
    tunnel = by_name["s2s-vpn-branch-a-tunnel-203.0.113.1"]
    assert (tunnel["dimensions"], tunnel["statistic"], tunnel["comparison"], tunnel["threshold"]) == (
        {"TunnelIpAddress": "203.0.113.1"}, "Minimum", "LessThanThreshold", 1.0)
    outage = by_name["s2s-vpn-dc-b-outage"]
    assert (outage["dimensions"], outage["statistic"], outage["comparison"], outage["threshold"]) == (
        {"VpnId": "vpn-2"}, "Maximum", "LessThanOrEqualToThreshold", 0.0)
    assert all(a["treat_missing_data"] == "breaching" and a["period"] == 60 and a["alarm_actions"] == [TOPIC] == a["ok_actions"]
               and "datapoints_to_alarm" not in a for a in plan["alarms"])
    assert "BGP not established" in tunnel["description"] and "BGP" not in by_name["s2s-vpn-dc-b-tunnel-203.0.113.3"]["description"]


def test_dashboard_per_gateway_with_state_and_data_per_tunnel():
    plan = monitoring.build(ESTATE, {}, "eu-west-1", TOPIC)
    assert sorted(plan["dashboards"]) == ["s2s-vpn-tgw-lab", "s2s-vpn-vgw-lab"]
    widgets = plan["dashboards"]["s2s-vpn-vgw-lab"]["widgets"]
    alarm, state, data = widgets
    assert alarm["properties"]["alarms"][0] == "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:s2s-vpn-branch-a-tunnel-203.0.113.1"
    assert [m[3] for m in state["properties"]["metrics"]] == ["203.0.113.1", "203.0.113.2", "vpn-1"]
    assert [m[1] for m in data["properties"]["metrics"]] == ["TunnelDataIn", "TunnelDataOut"] * 2
    assert all(w["properties"]["region"] == "eu-west-1" for w in (state, data))


def test_no_dashboards_no_logs_when_off_and_no_alarm_widget_without_account():
    plan = monitoring.build(ESTATE, {"dashboards": False}, "us-east-1")
    assert plan["dashboards"] == {} and plan["log_groups"] == {}
    assert plan["alarms"][0]["alarm_actions"] == []
    body = monitoring.dashboard("vgw-lab", plan["connections"][:1], "us-east-1", plan["settings"])
    assert [w["type"] for w in body["widgets"]] == ["metric", "metric"]


def test_log_groups_are_the_aws_vpn_roles_and_options_per_tunnel():
    plan = monitoring.build(ESTATE, {"tunnel_logs": True, "bgp_logs": True, "log_output_format": "text"}, "us-east-1")
    assert plan["log_groups"] == {"vpn-1": "/aws/vendedlogs/s2s/branch-a", "vpn-2": "/aws/vendedlogs/s2s/dc-b"}
    options = monitoring.tunnel_log_options(plan["connections"][0], plan["settings"], "arn:aws:logs:us-east-1:123456789012:log-group:g")
    assert options[0] == {"inside_cidr": "169.254.10.0/30", "log_options": {
        "log_enabled": True, "log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:g", "log_output_format": "text",
        "bgp_log_enabled": True, "bgp_log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:g", "bgp_log_output_format": "text"}}
    only_bgp = monitoring.settings({"bgp_logs": True})
    assert set(monitoring.tunnel_log_options(plan["connections"][0], only_bgp, "g")[1]["log_options"]) == {
        "bgp_log_enabled", "bgp_log_group_arn", "bgp_log_output_format"}
