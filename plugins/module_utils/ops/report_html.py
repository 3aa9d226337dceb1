# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report page as one self-contained HTML file: inline CSS and inline SVG, no script, nothing fetched (it works
from a file and as an AWX job artifact). Draws the data of ``report_page.page``; every text goes through
``html.escape``.

The topology is a layered layout computed here: one row per tunnel, columns site -> CGW -> tunnels -> gateway -> VPCs,
each box spanning the rows of its tunnels (connections are sorted so that those rows are adjacent). A tunnel is drawn
in two halves: the CGW's half in the device's state, the AWS half in AWS's.
"""

from __future__ import annotations

import html
import itertools

COLOURS = {"up": "#2e7d32", "down": "#c62828", "partial": "#ef8f00"}
ROW = 40                    # px per tunnel row
COLUMNS = {"site": 10, "cgw": 180, "tunnel": 350, "gateway": 700, "vpc": 880}
BOX = 150                   # box width
TUNNEL_END = COLUMNS["gateway"]
DRILL_WIDTH, DRILL_LEFT, DRILL_HEIGHT = 900, 40, 130

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;vertical-align:top;text-align:left}
th{background:#f0f0f0}.num{text-align:right}.up{color:#2e7d32}.down{color:#c62828}.partial{color:#b26a00}
.note{color:#555}svg text{font:12px system-ui,sans-serif}svg .small{font-size:11px}ul{margin:2px 0;padding-left:18px}
"""


def e(value) -> str:
    """Escaped text (quotes too: the same helper fills attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _box(x: float, y: float, h: float, title: str, sub: str, kind: str) -> str:
    return ('<g class="node %s"><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#f5f7fa" stroke="#778"/>'
            '<text x="%d" y="%d">%s</text><text class="small" x="%d" y="%d" fill="#555">%s</text></g>' % (
                e(kind), x, y + 3, BOX, h - 6, x + 8, y + h / 2 - 2, e(title), x + 8, y + h / 2 + 13, e(sub)))


def _spans(rows: list, key) -> list:
    """(key value, first row, number of rows) for each run of adjacent rows with the same key."""
    out, start = [], 0
    for value, group in itertools.groupby(rows, key):
        count = len(list(group))
        out.append((value, start, count))
        start += count
    return out


def _tunnel(row: dict, y: float) -> str:
    device = row.get("device") or {}
    device_state = "up" if device.get("up") else "down" if device else "partial"
    aws_state = "up" if row["aws"]["status"] == "UP" else "down"
    mid = (COLUMNS["tunnel"] + TUNNEL_END) / 2
    device_words = "IKE %s, IPsec %s, BGP %s" % (
        "up" if device.get("ike") else "down", "up" if device.get("ipsec") else "down", device.get("bgp", "-")) if device else "device not read"
    return ('<g class="tunnel" data-tunnel="%s" data-state="%s" data-aws="%s" data-device="%s">'
            '<title>%s</title>'
            '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="5"/>'
            '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="5"/>'
            '<text class="small" x="%d" y="%d" text-anchor="middle">%s</text>'
            '<text class="small" x="%d" y="%d" fill="%s">%s</text>'
            '<text class="small" x="%d" y="%d" text-anchor="end" fill="%s">AWS %s, %s route(s)</text></g>' % (
                e(row["key"]), e(row["state"]), e(row["aws"]["status"]), e(device_state),
                e("%s %s: %s" % (row["connection"], row["outside_ip"], row["state"])),
                COLUMNS["tunnel"] - 20, y, mid, y, COLOURS[device_state], mid, y, TUNNEL_END, y, COLOURS[aws_state],
                mid, y - 6, e(row["outside_ip"]),
                COLUMNS["tunnel"] - 12, y + 15, COLOURS[device_state], e(device_words),
                TUNNEL_END - 4, y + 15, COLOURS[aws_state], e(row["aws"]["status"]), e(row["aws"]["accepted_route_count"])))


def topology_svg(data: dict) -> str:
    """Sites -> CGWs -> tunnels -> gateways -> VPCs, one row per tunnel."""
    gateways = {g["name"]: g for g in data["gateways"]}
    rows = data["tunnels"]   # grouped by gateway, site and CGW (report_page): each box's rows are adjacent
    height = ROW * len(rows) + 20
    parts = []
    for site, first, count in _spans(rows, lambda t: t["site"]):
        parts.append(_box(COLUMNS["site"], 10 + first * ROW, count * ROW, site or "(no site)", "site", "site"))
    for (_site, cgw), first, count in _spans(rows, lambda t: (t["site"], t["cgw"])):
        parts.append(_box(COLUMNS["cgw"], 10 + first * ROW, count * ROW, cgw or "(unknown CGW)", "customer gateway", "cgw"))
    for name, first, count in _spans(rows, lambda t: t["gateway"]):
        gateway = gateways.get(name, {})
        kind = " ".join(w for w in ((gateway.get("type") or "gateway").upper(), "concentrator" if gateway.get("concentrator") else "",
                                    "ECMP" if gateway.get("ecmp") else "") if w)
        parts.append(_box(COLUMNS["gateway"], 10 + first * ROW, count * ROW, name, kind, "gateway"))
        parts.append(_box(COLUMNS["vpc"], 10 + first * ROW, count * ROW, ", ".join(gateway.get("vpc_cidrs") or []) or "?", "VPC", "vpc"))
    parts.extend(_tunnel(row, 10 + i * ROW + ROW / 2) for i, row in enumerate(rows))
    return ('<svg id="topology" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="topology">%s</svg>'
            % (COLUMNS["vpc"] + BOX + 10, height, "".join(parts)))


def drill_svg(event: dict) -> str:
    """One event's probe: replies over time (green runs), the loss window (red), the event, the recovery and the hold bound."""
    duration = max(event["duration_s"], (event["event_at_s"] or 0) + event["hold_s"], 1.0)
    scale = (DRILL_WIDTH - 2 * DRILL_LEFT) / duration

    def x(seconds):
        return DRILL_LEFT + seconds * scale

    parts = []
    replies = event["replies"]
    for _run, group in itertools.groupby(enumerate(replies), lambda item: item[1][0] - item[0]):
        group = [reply for _i, reply in group]
        parts.append('<rect class="replies" x="%.1f" y="40" width="%.1f" height="30" fill="#66bb6a"/>'
                     % (x(group[0][1]), max(1.0, (group[-1][1] - group[0][1]) * scale)))
    if event["outage_s"]:
        start, end = event["outage_s"]
        parts.append('<rect class="loss" x="%.1f" y="36" width="%.1f" height="38" fill="#c62828" opacity="0.8"/>' % (x(start), (end - start) * scale))
        parts.append('<line x1="%.1f" y1="30" x2="%.1f" y2="84" stroke="#1565c0" stroke-width="2"/>'
                     '<text class="small" x="%.1f" y="96" fill="#1565c0">recovered</text>' % (x(end), x(end), x(end) + 2))
    if event["event_at_s"] is not None:
        at = event["event_at_s"]
        parts.append('<line class="event" x1="%.1f" y1="20" x2="%.1f" y2="84" stroke="#000" stroke-width="2"/>'
                     '<text class="small" x="%.1f" y="16">event</text>' % (x(at), x(at), x(at) - 12))
        parts.append('<line class="bound" x1="%.1f" y1="20" x2="%.1f" y2="84" stroke="#6a1b9a" stroke-dasharray="4 3" stroke-width="2"/>'
                     '<text class="small" x="%.1f" y="16" text-anchor="end" fill="#6a1b9a">hold time %g s</text>' % (
                         x(at + event["hold_s"]), x(at + event["hold_s"]), x(at + event["hold_s"]) + 4, event["hold_s"]))
    for second in range(0, int(duration) + 1, 5):
        parts.append('<line x1="%.1f" y1="74" x2="%.1f" y2="78" stroke="#555"/><text class="small" x="%.1f" y="112" text-anchor="middle">%d s</text>'
                     % (x(second), x(second), x(second), second))
    return ('<svg class="drill" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" data-event="%s" data-loss-window="%s" role="img">%s</svg>'
            % (DRILL_WIDTH, DRILL_HEIGHT, e(event["name"]), e(event["loss_window_s"]), "".join(parts)))


def _table(head: list, rows: list, cls: str = "") -> str:
    """A table; each row a list of already escaped cells."""
    return '<table class="%s"><tr>%s</tr>%s</table>' % (
        e(cls), "".join("<th>%s</th>" % e(h) for h in head), "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in r) for r in rows))


def _findings(findings: list) -> str:
    if not findings:
        return ""
    return "<ul>%s</ul>" % "".join("<li><b>%s</b> %s: %s</li>" % (e(f["severity"]), e(f["rule"]), e("; ".join(f.get("messages") or [f.get("title")])))
                                   for f in findings)


def _crypto(crypto: dict) -> str:
    if not crypto:
        return '<span class="note">not reported</span>'
    return "%s: %s/%s/DH %s; IPsec %s/%s/DH %s" % tuple(e(crypto.get(k, "-")) for k in (
        "ike_version", "phase1_encryption_algorithm", "phase1_integrity_algorithm", "phase1_dh_group",
        "phase2_encryption_algorithm", "phase2_integrity_algorithm", "phase2_dh_group"))


def _alarm(alarm: dict) -> str:
    """An alarm's name and rule, its state when kept ("state not kept" otherwise), and whether it notifies."""
    state = alarm.get("state")
    rule = "%s of %s %s %g (%s s x %s)" % (
        alarm.get("statistic"), alarm.get("metric_name"), alarm.get("comparison"), alarm.get("threshold") or 0,
        alarm.get("period"), alarm.get("evaluation_periods"))
    notify = "notifies" if alarm.get("notifies") and alarm.get("actions_enabled") else "notifies no one"
    return '<li class="alarm" data-alarm="%s" data-state="%s"><b>%s</b> %s<br><span class="note">%s; %s</span></li>' % (
        e(alarm.get("name")), e(state or ""), e(alarm.get("name")), e(state or "(state not kept)"), e(rule), e(notify))


def _alarms(alarms: list) -> str:
    if not alarms:
        return '<span class="note">none kept</span>'
    return '<ul class="alarms">%s</ul>' % "".join(_alarm(a) for a in alarms)


def tunnels_table(data: dict) -> str:
    rows = []
    for t in data["tunnels"]:
        device = t.get("device") or {}
        device_text = ("IKE %s, IPsec %s, BGP %s, %s prefix(es) received%s" % (
            "up" if device.get("ike") else "down", "up" if device.get("ipsec") else "down", device.get("bgp", "-"),
            device.get("prefixes_received", 0), "" if device.get("up") else " - " + device.get("reason", ""))) if device else "not read"
        aws_text = "%s, %s route(s) accepted%s" % (
            t["aws"]["status"], t["aws"]["accepted_route_count"], " - " + t["aws"]["status_message"] if t["aws"]["status_message"] else "")
        rows.append(['<span class="%s">%s</span>' % (e(t["state"]), e(t["state"])), e(t["connection"]), e(t["cgw"]), e(t["outside_ip"]),
                     e(aws_text), e(device_text), _crypto(t["aws"]["crypto"]),
                     "%s &rarr; AWS<br>%s &rarr; CGW" % (e(", ".join(t["to_aws"])), e(", ".join(t["to_cgw"]))),
                     e(t["verdict"]) + _findings(t["findings"]),
                     '<div class="tunnel-alarms" data-tunnel="%s">%s</div>' % (e(t["key"]), _alarms(t["alarms"]))])
    return _table(["state", "connection", "CGW", "AWS outside IP", "AWS end", "device end", "negotiated crypto",
                   "prefixes", "compliance", "alarms"], rows, "tunnels")


def drills_section(drills: dict) -> str:
    if not drills:
        return '<p class="note">No failover drill kept (playbooks/failover_drill.yml writes vpn-drill.json).</p>'
    parts = ['<p>CGW <b>%s</b>: each event under a ping probe on-prem host &rarr; VPC host; the loss window must stay within the '
             'BGP hold time (%g s).</p>' % (e(drills["cgw"]), drills["hold_s"])]
    for event in drills["events"]:
        verdict = "within the hold time" if event["within_hold"] else "%.2f s beyond the hold time" % (event["loss_window_s"] - event["hold_s"])
        parts.append('<h3>%s <span class="note">on %s</span></h3><p>loss window <b>%s s</b> (%s of %s lost at %s pps), %s.</p>%s'
                     % (e(event["name"]), e(event["target"]), e(event["loss_window_s"]), e(event["lost"]), e(event["sent"]),
                        e(event["rate"]), e(verdict), drill_svg(event)))
    return "".join(parts)


def _money(value) -> str:
    return "%.2f" % (value or 0)


def cost_section(cost: dict) -> str:
    if not cost:
        return '<p class="note">No cost report kept (playbooks/cost_report.yml writes vpn-cost.json).</p>'
    totals = cost["totals"]
    parts = ['<p>Region <b>%s</b>: <b>%s %s</b> a month (connections %s, gateways %s; prices as of %s).</p>' % (
        e(cost["region"]), _money(totals.get("estate")), e(cost["currency"]), _money(totals.get("connections")),
        _money(totals.get("gateways")), e(cost["as_of"]))]
    parts.append(_table(["connection", "site", "gateway", "a month"], [
        [e(c["name"] or c["vpn_connection_id"]), e(c["site"]), e("%s %s" % (c["gateway_type"], c["gateway_id"])), _money(c["total"])]
        for c in cost["connections"]], "cost-connections"))
    parts.append(_table(["site", "connections", "a month"], [[e(s["site"]), e(s["connections"]), _money(s["total"])] for s in cost["sites"]]))
    parts.append(_table(["gateway", "type", "its connections", "shared charges", "a month"], [
        [e(g["id"]), e(g["type"]), _money(g["connections"]), _money(g["shared"]), _money(g["total"])] for g in cost["gateways"]]))
    parts.append(_table(["finding", "where", "saving a month", "what to do"], [
        [e(f["kind"]), e(f["name"] or f["site"] or "estate"), _money(f["monthly_saving"]), e(f["message"])] for f in cost["findings"]]))
    return "".join(parts)


def monitoring_section(monitoring: dict) -> str:
    """Per gateway: its dashboard, the alarm topic, each connection's outage alarm and log group."""
    if not monitoring:
        return '<p class="note">No monitoring kept (playbooks/monitor.yml writes vpn-monitoring.json).</p>'
    parts = ['<p>Alarms notify the SNS topic <b>%s</b> (%s).</p>' % (e(monitoring["topic_name"]), e(monitoring["topic_arn"] or "not created"))]
    for gateway in monitoring["gateways"]:
        parts.append('<div class="monitoring" data-gateway="%s"><h3>%s <span class="note">dashboard %s</span></h3>%s</div>' % (
            e(gateway["name"]), e(gateway["name"]), e(gateway["dashboard"] or "none"),
            _table(["connection", "outage alarm", "tunnel/BGP log group"], [
                [e(c["name"]), _alarms([c["outage_alarm"]] if c["outage_alarm"] else []), e(c["log_group"] or "none")]
                for c in gateway["connections"]], "monitoring-connections")))
    return "".join(parts)


def page_html(data: dict) -> str:
    """The whole page."""
    missing = ('<p class="note">Not kept yet: %s (run the playbooks that write them into the report directory).</p>'
               % e(", ".join(data["missing"]))) if data["missing"] else ""
    summary = data["compliance"]
    states = [t["state"] for t in data["tunnels"]]
    return "".join([
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>VPN estate %s</title><style>%s</style></head><body>'
        % (e(data["region"]), CSS),
        '<h1>VPN estate, %s</h1><p class="note">Newest input %s; inputs: %s</p>%s' % (
            e(data["region"]), e(data["generated"]),
            e(", ".join("%s %s" % (k, v) for k, v in sorted(data["inputs"].items()) if v)), missing),
        '<p>%d tunnel(s): <span class="up">%d up</span>, <span class="partial">%d one end up</span>, <span class="down">%d down</span>. '
        'Compliance: %s failing of %s checks.</p>' % (len(states), states.count("up"), states.count("partial"), states.count("down"),
                                                      e(summary.get("fail", "-")), e(summary.get("total", "-"))),
        '<h2>Topology</h2><p class="note">Each tunnel: the left half is the customer gateway\'s state (IKE, IPsec, BGP), the right half '
        'AWS\'s (telemetry, routes accepted); green up, red down, amber not read.</p>', topology_svg(data),
        '<h2>Tunnels</h2>', tunnels_table(data),
        '<section id="drills"><h2>Failover drills</h2>', drills_section(data["drills"]), '</section>',
        '<section id="cost"><h2>Cost</h2>', cost_section(data["cost"]), '</section>',
        '<section id="monitoring"><h2>Monitoring</h2>', monitoring_section(data["monitoring"]), '</section>',
        '</body></html>\n'])
