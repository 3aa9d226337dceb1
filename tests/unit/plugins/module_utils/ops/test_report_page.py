# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report page's data (ops/report_page) and its drawing (ops/report_html): on the inputs recorded from a real run
of the lab demo estate (tests/fixtures/report, README there) and on small hand-made ones for the edges."""

from __future__ import annotations

import json
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring, report_html, report_page

FIXTURES = pathlib.Path(__file__).resolve().parents[5] / "tests" / "fixtures" / "report"
KEY = "Sup3rSecretLabKey.0123456789abcdef"


def _recorded(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture(scope="module")
def recorded():
    inputs = {n: _recorded("vpn-%s.json" % n) for n in ("verify", "drill", "compliance", "cost", "monitoring")}
    return inputs, report_page.page(inputs["verify"], inputs["drill"], inputs["compliance"], inputs["cost"], monitoring=inputs["monitoring"])


def _aws_conn(state_a="UP", state_b="DOWN"):
    def tunnel(ip, state, cidr):
        return {"outside_ip_address": ip, "inside_cidr": cidr, "bgp_hold_time": "30", "pre_shared_key": KEY,
                "options": {"pre_shared_key": KEY}, "telemetry": {"status": state, "status_message": "", "accepted_route_count": 1},
                "active_status": {"ike_version": "ikev2", "phase1_encryption_algorithm": "AES256-GCM-16", "phase1_dh_group": 20}}
    return {"vpn_connection_id": "vpn-1", "vpn_gateway_id": "vgw-1", "tags": {"Name": "br-<x>-vpn1"},
            "tunnels": [tunnel("203.0.113.1", state_a, "169.254.10.0/30"), tunnel("203.0.113.2", state_b, "169.254.10.4/30")]}


PLAN = {"region": "us-east-1", "gateways": [{"name": "vgw-lab", "type": "vgw", "ecmp": False, "concentrator": False, "vpc_cidrs": ["10.10.0.0/16"]}],
        "connections": [{"name": "br-<x>-vpn1", "site": "br-<x>", "cgw": {"name": "r1", "platform": "ios"}, "routing": "bgp",
                         "gateway": {"name": "vgw-lab", "type": "vgw"}, "cgw_prefixes": ["192.168.1.0/24"], "aws_prefixes": ["10.10.0.0/16"],
                         "tunnels": [{"psk_ref": "vault_key_1"}]}]}
DEVICES = {"r1": {"tunnels": [
    {"name": "Tunnel100", "peer": "203.0.113.1", "ike": True, "ipsec": True, "bgp": "Established", "prefixes_received": 1, "up": True, "reason": "up"},
    {"name": "Tunnel101", "peer": "203.0.113.2", "ike": True, "ipsec": True, "bgp": "Established", "prefixes_received": 1, "up": True, "reason": "up"}]}}


def test_verify_record_joins_both_ends_by_outside_ip_and_copies_no_key():
    record = report_page.verify_record([_aws_conn()], PLAN, DEVICES, [{"from": "192.168.1.10", "to": "10.10.0.10", "sent": 3, "received": 3, "ok": True}])
    conn = record["connections"][0]
    assert (conn["site"], conn["cgw"]["name"], conn["gateway"], conn["gateway_id"]) == ("br-<x>", "r1", "vgw-lab", "vgw-1")
    assert [t["device"]["name"] for t in conn["tunnels"]] == ["Tunnel100", "Tunnel101"]
    assert conn["tunnels"][0]["aws"]["crypto"] == {"ike_version": "ikev2", "phase1_encryption_algorithm": "AES256-GCM-16", "phase1_dh_group": 20}
    assert record["gateways"][0]["vpc_cidrs"] == ["10.10.0.0/16"] and record["pings"][0]["ok"] is True
    text = json.dumps(record)
    assert KEY not in text and "vault_key_1" not in text


def test_tunnel_state_is_up_only_when_both_ends_are_up():
    record = report_page.verify_record([_aws_conn("UP", "DOWN")], PLAN, DEVICES)
    assert [report_page.tunnel_state(t) for t in record["connections"][0]["tunnels"]] == ["up", "partial"]
    unread = report_page.verify_record([_aws_conn("DOWN", "UP")], PLAN, {})
    assert [report_page.tunnel_state(t) for t in unread["connections"][0]["tunnels"]] == ["down", "partial"]


def test_missing_inputs_are_named_and_the_page_still_draws():
    data = report_page.page({}, {}, {}, {})
    assert data["missing"] == ["compliance", "cost", "drill", "monitoring", "verify"] and data["tunnels"] == [] and data["drills"] == {}
    page = report_html.page_html(data)
    assert "Not kept yet: compliance, cost, drill, monitoring, verify" in page and "No failover drill kept" in page
    assert "No monitoring kept" in page


TOPIC = "arn:aws:sns:us-east-1:123456789012:s2s-vpn-alarms"
SUBSCRIBER = "noc-secret-hook@example.com"


def _monitoring_plan():
    """The monitoring role's plan for _aws_conn, tagged as the aws_vpn role tags it, with a subscription and logs."""
    conn = dict(_aws_conn(), state="available", tags={"Name": "br-<x>-vpn1", "s2s:key": "br-<x>/r1", "s2s:gateway": "vgw-lab"})
    settings = {"subscriptions": [{"protocol": "email", "endpoint": SUBSCRIBER}], "tunnel_logs": True}
    return monitoring.build([conn], settings, "us-east-1", TOPIC)


def test_monitoring_record_keeps_each_alarm_with_its_state_and_no_subscriber_or_key():
    read = [{"alarm_name": "s2s-vpn-br-<x>-vpn1-tunnel-203.0.113.2", "state_value": "ALARM", "state_reason": "Threshold Crossed",
             "actions_enabled": False}]
    record = report_page.monitoring_record(_monitoring_plan(), read, TOPIC)
    conn = record["connections"][0]
    assert (conn["vpn_connection_id"], conn["gateway"], conn["log_group"]) == ("vpn-1", "vgw-lab", "/aws/vendedlogs/s2s/br-<x>-vpn1")
    first, second = (t["alarm"] for t in conn["tunnels"])
    assert (first["name"], first["statistic"], first["comparison"], first["threshold"], first["state"], first["actions_enabled"]) == (
        "s2s-vpn-br-<x>-vpn1-tunnel-203.0.113.1", "Minimum", "LessThanThreshold", 1.0, None, True)
    assert (second["state"], second["state_reason"], second["actions_enabled"], second["notifies"]) == ("ALARM", "Threshold Crossed", False, True)
    assert conn["outage_alarm"]["name"] == "s2s-vpn-br-<x>-vpn1-outage" and conn["outage_alarm"]["comparison"] == "LessThanOrEqualToThreshold"
    assert record["gateways"] == [{"name": "vgw-lab", "dashboard": "s2s-vpn-vgw-lab"}] and record["topic_arn"] == TOPIC
    text = json.dumps(record)
    assert SUBSCRIBER not in text and KEY not in text and "widgets" not in text


def test_each_tunnel_lists_its_alarms_and_each_gateway_its_monitoring():
    verify = report_page.verify_record([_aws_conn()], PLAN, DEVICES)
    read = [{"alarm_name": "s2s-vpn-br-<x>-vpn1-outage", "state_value": "OK"}]
    data = report_page.page(verify, {}, {}, {}, monitoring=report_page.monitoring_record(_monitoring_plan(), read, TOPIC))
    assert [[a["name"] for a in t["alarms"]] for t in data["tunnels"]] == [
        ["s2s-vpn-br-<x>-vpn1-tunnel-203.0.113.1", "s2s-vpn-br-<x>-vpn1-outage"],
        ["s2s-vpn-br-<x>-vpn1-tunnel-203.0.113.2", "s2s-vpn-br-<x>-vpn1-outage"]]
    gateway = data["monitoring"]["gateways"][0]
    assert (gateway["dashboard"], gateway["connections"][0]["log_group"]) == ("s2s-vpn-vgw-lab", "/aws/vendedlogs/s2s/br-<x>-vpn1")
    page = report_html.page_html(data)
    assert page.count('data-alarm="s2s-vpn-br-&lt;x&gt;-vpn1-outage" data-state="OK"') == 3   # both tunnels and the gateway's table
    assert '<b>s2s-vpn-br-&lt;x&gt;-vpn1-tunnel-203.0.113.1</b> (state not kept)' in page
    assert "dashboard s2s-vpn-vgw-lab" in page and TOPIC in page and "<x>" not in page


def test_every_text_is_escaped():
    record = report_page.verify_record([_aws_conn()], PLAN, DEVICES)
    record["connections"][0]["tunnels"][1]["aws"]["status_message"] = "<script>alert(1)</script>"
    page = report_html.page_html(report_page.page(record, {}, {}, {}))
    assert "<script" not in page and "&lt;script&gt;" in page and "br-&lt;x&gt;" in page
    ET.fromstring(report_html.topology_svg(report_page.page(record, {}, {}, {})))   # well-formed SVG


def test_the_outage_is_the_longest_gap_between_replies():
    replies = [[1, 0.0], [2, 0.05], [3, 0.1], [10, 0.6], [11, 0.65], [13, 0.75]]
    assert report_page._outage(replies, 0.05) == (0.15, 0.6)   # pylint: disable=protected-access
    assert report_page._outage(replies[:3], 0.05) is None     # pylint: disable=protected-access


def test_recorded_estate_every_tunnel_is_drawn_with_its_state(recorded):
    inputs, data = recorded
    verified = {"%s/%s" % (c["vpn_connection_id"], t["outside_ip"]): report_page.tunnel_state(t)
                for c in inputs["verify"]["connections"] for t in c["tunnels"]}
    assert len(verified) == 10
    svg = ET.fromstring(report_html.topology_svg(data))
    drawn = {g.get("data-tunnel"): g.get("data-state") for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "tunnel"}
    assert drawn == verified


def test_recorded_compliance_findings_land_on_their_tunnels(recorded):
    inputs, data = recorded
    failing = {r["tunnel"] for r in inputs["compliance"]["results"] if r["status"] == "fail" and r["connection"]}
    with_findings = {t["key"] for t in data["tunnels"] if t["findings"]}
    assert failing and failing <= with_findings
    assert all(t["verdict"].startswith("fail") for t in data["tunnels"] if t["key"] in failing)


def test_recorded_drill_timelines_carry_the_measured_loss_window(recorded):
    inputs, data = recorded
    events = data["drills"]["events"]
    assert [e["name"] for e in events] == [e["name"] for e in inputs["drill"]["events"]]
    for event, kept in zip(events, inputs["drill"]["events"]):
        assert event["loss_window_s"] == kept["probe"]["loss_window_s"]
        svg = report_html.drill_svg(event)
        assert 'data-loss-window="%s"' % kept["probe"]["loss_window_s"] in svg
        if event["outage_s"]:
            start, end = event["outage_s"]
            # the drawn gap is the probe's window: the time without replies less one interval
            assert abs((end - start) - event["loss_window_s"]) < 0.01
            assert event["event_at_s"] <= start + 0.5


def test_recorded_page_holds_no_key_of_the_lab(recorded):
    _inputs, data = recorded
    page = report_html.page_html(data) + json.dumps(data)
    keys = _recorded("lab-keys.json")["keys"]
    assert len(keys) == 10
    assert not [k for k in keys if k in page]
    assert not re.search(r"<script|\b(src|href)=", page)   # nothing fetched


def test_recorded_cost_per_gateway_is_its_connections_and_its_shared_charges(recorded):
    inputs, data = recorded
    by_gateway = {g["id"]: g for g in data["cost"]["gateways"]}
    for gateway in inputs["cost"]["gateways"]:
        on_it = sum(c["total"] for c in inputs["cost"]["connections"] if c["gateway_id"] == gateway["id"])
        assert by_gateway[gateway["id"]]["total"] == pytest.approx(on_it + gateway["total"])
    assert sum(g["total"] for g in data["cost"]["gateways"]) == pytest.approx(inputs["cost"]["totals"]["estate"])


def test_recorded_monitoring_lists_each_tunnels_alarms_and_each_gateways_dashboard(recorded):
    inputs, data = recorded
    kept = {"%s/%s" % (c["vpn_connection_id"], t["outside_ip"]): [t["alarm"]["name"], c["outage_alarm"]["name"]]
            for c in inputs["monitoring"]["connections"] for t in c["tunnels"]}
    assert len(kept) == 10 and {t["key"]: [a["name"] for a in t["alarms"]] for t in data["tunnels"]} == kept
    assert {g["name"]: g["dashboard"] for g in data["monitoring"]["gateways"]} == {"tgw-lab": "s2s-vpn-tgw-lab", "vgw-lab": "s2s-vpn-vgw-lab"}
    page = report_html.page_html(data)
    assert all('data-alarm="%s"' % name in page for names in kept.values() for name in names)
