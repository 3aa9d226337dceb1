# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The data of the estate's one report page (playbooks/report.yml), from what the other playbooks keep.

Inputs, each a JSON file of the report directory (none of them holds a key; this module copies named fields only):
- ``vpn-verify.json`` (playbooks/verify.yml, built by ``verify_record``): every connection with both ends of its tunnels;
- ``vpn-drill.json`` (playbooks/failover_drill.yml): each event's probe (replies over time) and when the event started;
- ``vpn-compliance.json`` (role compliance): results per tunnel (``<vpn id>/<outside ip>``) and device (``<cgw>/-``);
- ``vpn-cost.json`` (role cost_report): charges per connection, site and gateway, and the findings;
- ``vpn-monitoring.json`` (playbooks/monitor.yml, built by ``monitoring_record``): the alarms, topic, dashboards, log groups.
Any of them may be missing: the page says which and draws the rest. ``report_html`` draws the page.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops.monitoring import dashboard_name

# The negotiated crypto as GetActiveVpnTunnelStatus names it (vpn_connection_info's active_status).
CRYPTO_FIELDS = ("ike_version", "phase1_encryption_algorithm", "phase1_integrity_algorithm", "phase1_dh_group",
                 "phase2_encryption_algorithm", "phase2_integrity_algorithm", "phase2_dh_group")
DEVICE_FIELDS = ("name", "ike", "ipsec", "bgp", "prefixes_received", "up", "reason")
SEVERITIES = ("info", "low", "medium", "high", "critical")


def _tag(conn: dict, key: str):
    return (conn.get("tags") or {}).get(key)


def _verify_tunnel(tunnel: dict, device: dict) -> dict:
    telemetry = tunnel.get("telemetry") or {}
    active = tunnel.get("active_status") or {}
    return {
        "outside_ip": tunnel.get("outside_ip_address"),
        "inside_cidr": tunnel.get("inside_cidr") or tunnel.get("inside_ipv6_cidr"),
        "bgp_hold_time": tunnel.get("bgp_hold_time"),
        "aws": {"status": telemetry.get("status") or "UNKNOWN", "status_message": telemetry.get("status_message") or "",
                "accepted_route_count": telemetry.get("accepted_route_count") or 0,
                "crypto": {k: active[k] for k in CRYPTO_FIELDS if active.get(k) not in (None, "")}},
        "device": {k: device[k] for k in DEVICE_FIELDS if k in device} if device else None,
    }


def verify_record(aws_connections: list, plan: dict, devices: dict, pings=None) -> dict:
    """What playbooks/verify.yml keeps for the page: the plan's shape of the estate (sites, CGWs, gateways, VPC CIDRs,
    prefixes) joined with AWS's view of each tunnel and the device's (``devices``: CGW name -> its ``cgw_state``), the
    device tunnel whose peer is AWS's outside IP. Named fields only: nothing else of the inputs (keys) gets through."""
    planned = {c["name"]: c for c in plan.get("connections") or []}
    connections = []
    for conn in aws_connections:
        name = _tag(conn, "Name") or conn["vpn_connection_id"]
        want = planned.get(name, {})
        cgw = (want.get("cgw") or {}).get("name")
        device_tunnels = {t["peer"]: t for t in ((devices or {}).get(cgw) or {}).get("tunnels") or []}
        tunnels = [_verify_tunnel(t, device_tunnels.get(t.get("outside_ip_address"))) for t in conn.get("tunnels") or []]
        gateway = want.get("gateway") or {}
        connections.append({
            "name": name, "vpn_connection_id": conn["vpn_connection_id"], "site": want.get("site"),
            "cgw": {"name": cgw, "platform": (want.get("cgw") or {}).get("platform")},
            "gateway": gateway.get("name") or conn.get("transit_gateway_id") or conn.get("vpn_gateway_id"),
            "gateway_id": conn.get("transit_gateway_id") or conn.get("vpn_gateway_id"),
            "concentrator": bool(gateway.get("concentrator")),
            "routing": want.get("routing"), "cgw_prefixes": list(want.get("cgw_prefixes") or []),
            "aws_prefixes": list(want.get("aws_prefixes") or []), "tunnels": tunnels})
    gateways = [dict({k: g.get(k) for k in ("name", "type", "ecmp", "concentrator")}, vpc_cidrs=list(g.get("vpc_cidrs") or []))
                for g in plan.get("gateways") or []]
    return {"region": plan.get("region"), "gateways": gateways, "connections": connections,
            "pings": [{k: p.get(k) for k in ("from", "to", "sent", "received", "ok")} for p in pings or []]}


ALARM_FIELDS = ("name", "metric_name", "statistic", "comparison", "threshold", "period", "evaluation_periods")


def _kept_alarm(alarm: dict, read: dict) -> dict:
    """One planned alarm as kept: its rule, whether it notifies, and its state when the role read it back."""
    read = read or {}
    kept = {k: alarm.get(k) for k in ALARM_FIELDS}
    # CloudWatch enables an alarm's actions unless told otherwise (the role does not).
    kept.update(actions_enabled=bool(read.get("actions_enabled", True)), notifies=bool(alarm.get("alarm_actions")),
                state=read.get("state_value"), state_reason=read.get("state_reason"))
    return kept


def monitoring_record(plan: dict, read_alarms=None, topic_arn=None) -> dict:
    """What playbooks/monitor.yml keeps for the page: per connection (gateway, tunnels, log group) its tunnels' alarms and
    its outage alarm, per gateway its dashboard, and the topic. ``plan`` is the monitoring role's plan
    (``monitoring.build``), ``read_alarms`` the alarms read back (cloudwatch_metric_alarm_info, for their state). Named
    fields only: the topic's subscriptions (addresses, endpoints) and the dashboards' bodies are not copied."""
    read = {a.get("alarm_name"): a for a in read_alarms or []}
    by_dimension = {}
    for alarm in plan.get("alarms") or []:
        for value in (alarm.get("dimensions") or {}).values():
            by_dimension[value] = _kept_alarm(alarm, read.get(alarm["name"]))
    log_groups = plan.get("log_groups") or {}
    connections = [{"name": c["name"], "vpn_connection_id": c["id"], "gateway": c["gateway"], "log_group": log_groups.get(c["id"]),
                    "tunnels": [{"outside_ip": ip, "alarm": by_dimension.get(ip)} for ip in c["tunnels"]],
                    "outage_alarm": by_dimension.get(c["id"])} for c in plan.get("connections") or []]
    settings = plan.get("settings") or {}
    gateways = []
    for name in sorted({c["gateway"] for c in connections}):
        dashboard = dashboard_name(settings, name)
        gateways.append({"name": name, "dashboard": dashboard if dashboard in (plan.get("dashboards") or {}) else None})
    return {"topic_arn": topic_arn, "topic_name": settings.get("topic_name"), "connections": connections, "gateways": gateways}


def tunnel_state(tunnel: dict) -> str:
    """up (both ends up), down (neither) or partial (one end up, or the device not read)."""
    aws_up = tunnel["aws"]["status"] == "UP"
    device_up = bool((tunnel.get("device") or {}).get("up"))
    return "up" if aws_up and device_up else "down" if not aws_up and not device_up else "partial"


def _findings(compliance: dict) -> tuple:
    """Failing compliance results by tunnel key (``<vpn id>/<outside ip>``) and by device name."""
    by_tunnel, by_device = {}, {}
    for result in (compliance or {}).get("results") or []:
        if result.get("status") != "fail":
            continue
        finding = {k: result.get(k) for k in ("rule", "severity", "title", "messages", "fix")}
        if result.get("connection"):
            by_tunnel.setdefault(result.get("tunnel"), []).append(finding)
        elif result.get("device"):
            by_device.setdefault(result["device"], []).append(finding)
    return by_tunnel, by_device


def _verdict(findings: list, checked: bool) -> str:
    if not checked:
        return "not audited"
    if not findings:
        return "pass"
    return "fail (%s)" % max((f["severity"] for f in findings), key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else -1)


def _alarms(monitoring: dict) -> dict:
    """Each tunnel's alarms by tunnel key (``<vpn id>/<outside ip>``): its own (redundancy lost), its connection's outage."""
    out = {}
    for conn in (monitoring or {}).get("connections") or []:
        for tunnel in conn.get("tunnels") or []:
            out["%s/%s" % (conn["vpn_connection_id"], tunnel["outside_ip"])] = [a for a in (tunnel.get("alarm"), conn.get("outage_alarm")) if a]
    return out


def _tunnels(verify: dict, compliance: dict, monitoring: dict) -> list:
    by_tunnel, by_device = _findings(compliance)
    alarms = _alarms(monitoring)
    rows = []
    # Grouped by gateway, site and CGW (the topology's rows), each connection's tunnels in AWS's order.
    connections = sorted(verify.get("connections") or [], key=lambda c: (c["gateway"] or "", c["site"] or "", c["cgw"]["name"] or "", c["name"]))
    for conn in connections:
        for tunnel in conn["tunnels"]:
            key = "%s/%s" % (conn["vpn_connection_id"], tunnel["outside_ip"])
            findings = by_tunnel.get(key, []) + by_device.get(conn["cgw"]["name"], [])
            rows.append(dict(tunnel, key=key, connection=conn["name"], vpn_connection_id=conn["vpn_connection_id"], site=conn["site"],
                             cgw=conn["cgw"]["name"], gateway=conn["gateway"], state=tunnel_state(tunnel),
                             to_aws=conn["cgw_prefixes"], to_cgw=conn["aws_prefixes"], findings=findings,
                             verdict=_verdict(findings, bool(compliance)), alarms=alarms.get(key, [])))
    return rows


def _outage(replies: list, interval: float) -> tuple:
    """(seconds after the probe's start when the longest stretch without replies began, when it ended), or None."""
    worst = None
    for (seq_a, t_a), (seq_b, t_b) in zip(replies, replies[1:]):
        if seq_b - seq_a > 1 and (worst is None or t_b - t_a > worst[1] - worst[0]):
            worst = (round(t_a + interval, 3), t_b)
    return worst


def _drill_event(event: dict, hold: float) -> dict:
    probe = event.get("probe") or {}
    started = probe.get("started")
    replies = probe.get("replies") or []
    interval = probe.get("interval_s") or (1.0 / event["rate"] if event.get("rate") else 0.05)
    event_at = round(event["event_at"] - started, 3) if started is not None and event.get("event_at") is not None else None
    outage = _outage(replies, interval)
    window = probe.get("loss_window_s") or 0.0
    return {"name": event.get("name"), "target": event.get("target"), "rate": event.get("rate"), "sent": probe.get("sent"),
            "received": probe.get("received"), "lost": probe.get("lost"), "loss_window_s": window, "interval_s": interval,
            "duration_s": round(max([t for _seq, t in replies] + [probe.get("sent", 0) * interval]), 3),
            "event_at_s": event_at, "outage_s": list(outage) if outage else None, "replies": replies,
            "hold_s": hold, "within_hold": window <= hold}


def _hold(verify: dict, cgw: str):
    """The BGP hold time AWS reports for the drilled CGW's tunnels: traffic must move to the other tunnel within it."""
    times = [t.get("bgp_hold_time") for c in verify.get("connections") or [] if c["cgw"]["name"] == cgw for t in c["tunnels"]]
    return max((float(t) for t in times if t), default=None)


def _drills(drill: dict, hold) -> dict:
    if not drill:
        return {}
    return {"cgw": drill.get("cgw"), "hold_s": hold, "events": [_drill_event(e, hold) for e in drill.get("events") or []]}


def _gateway_cost(gateway: dict, connections: list) -> dict:
    """A gateway's shared charges and those of the connections on it."""
    on_it = round(sum(c.get("total") or 0 for c in connections if c.get("gateway_id") == gateway.get("id")), 2)
    return {"id": gateway.get("id"), "type": gateway.get("type"), "shared": gateway.get("total"), "connections": on_it,
            "total": round(on_it + (gateway.get("total") or 0), 2)}


def _cost(cost: dict) -> dict:
    if not cost:
        return {}
    return {"region": cost.get("region"), "currency": (cost.get("prices") or {}).get("currency", "USD"),
            "as_of": (cost.get("prices") or {}).get("as_of"), "totals": cost.get("totals") or {},
            "connections": [{k: c.get(k) for k in ("name", "vpn_connection_id", "site", "gateway_type", "gateway_id", "total")}
                            for c in cost.get("connections") or []],
            "sites": cost.get("sites") or [],
            "gateways": [_gateway_cost(g, cost.get("connections") or []) for g in cost.get("gateways") or []],
            "findings": [{k: f.get(k) for k in ("kind", "name", "site", "monthly_saving", "message")} for f in cost.get("findings") or []]}


def _monitoring(monitoring: dict) -> dict:
    """Per gateway: its dashboard, the alarm topic, and per connection its outage alarm and log group."""
    if not monitoring:
        return {}
    gateways = []
    for gateway in monitoring.get("gateways") or []:
        connections = [{k: c.get(k) for k in ("name", "vpn_connection_id", "log_group", "outage_alarm")}
                       for c in monitoring.get("connections") or [] if c.get("gateway") == gateway["name"]]
        gateways.append({"name": gateway["name"], "dashboard": gateway.get("dashboard"), "connections": connections})
    return {"topic_arn": monitoring.get("topic_arn"), "topic_name": monitoring.get("topic_name"), "gateways": gateways}


def page(verify: dict, drill: dict, compliance: dict, cost: dict, hold_seconds=None, monitoring=None) -> dict:
    """The page's data (also written as JSON beside it). ``generated`` is the newest input's: the same inputs give the
    same page, so a second run of report.yml changes nothing."""
    inputs = {"verify": verify, "drill": drill, "compliance": compliance, "cost": cost, "monitoring": monitoring}
    stamps = {name: (data.get("generated") or (data.get("meta") or {}).get("generated")) if data else None
              for name, data in inputs.items()}
    verify = verify or {}
    return {
        "generated": max([s for s in stamps.values() if s] or [""]),
        "inputs": stamps,
        "missing": sorted(name for name, data in inputs.items() if not data),
        "region": verify.get("region") or (cost or {}).get("region"),
        "gateways": verify.get("gateways") or [],
        "tunnels": _tunnels(verify, compliance, monitoring),
        "pings": verify.get("pings") or [],
        "compliance": (compliance or {}).get("summary") or {},
        "drills": _drills(drill, hold_seconds or _hold(verify, (drill or {}).get("cgw")) or render.DEFAULTS["bgp_hold"]),
        "cost": _cost(cost),
        "monitoring": _monitoring(monitoring),
    }
