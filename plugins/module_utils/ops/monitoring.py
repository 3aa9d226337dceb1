# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the monitoring role builds for the running VPN connections: alarms, dashboards, log groups.

``settings(raw)`` validates the monitoring settings (the inventory variable ``s2s_monitoring``)
and applies the defaults; ``build(connections, settings, topic_arn)`` turns the connections
(``vpn_connection_info`` output) into the alarms (amazon.aws.cloudwatch_metric_alarm arguments),
one dashboard body per gateway and the tunnel log groups. Pure: no AWS calls.

The alarms follow the AWS/VPN metrics: ``TunnelState`` is 1 while a tunnel is up (BGP connection:
while BGP is established), per tunnel with the dimension TunnelIpAddress and per connection with
VpnId (a fraction when one tunnel is down). Per tunnel Minimum < 1 means that tunnel is down, so
the connection has lost its redundancy; per connection Maximum <= 0 means no tunnel is up, an
outage. A down tunnel may stop reporting, so missing data counts as breaching.
"""

from __future__ import annotations

import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import ErrorCollector

NAMESPACE = "AWS/VPN"
SNS_PROTOCOLS = ("email", "email-json", "http", "https", "sms", "sqs", "lambda", "application", "firehose")
# CloudWatch: a period of 10, 30 or a multiple of 60 seconds; period x evaluation periods at most one day.
SHORT_PERIODS = (10, 30)
MAX_EVALUATION_SECONDS = 86400
LOG_GROUP_PREFIX = "/aws/vendedlogs/s2s/"
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)

DEFAULT_NAME_PREFIX = "s2s-vpn"


def tunnel_alarm_name(prefix: str, connection_name: str, outside_ip: str) -> str:
    """The per-tunnel (redundancy lost) alarm's name; the runbook role names it the same way."""
    return "%s-%s-tunnel-%s" % (prefix, connection_name, outside_ip)


def outage_alarm_name(prefix: str, connection_name: str) -> str:
    """The per-connection (outage) alarm's name."""
    return "%s-%s-outage" % (prefix, connection_name)


SPEC = {
    "name_prefix": {"type": "str", "default": DEFAULT_NAME_PREFIX},
    "topic_name": {"type": "str", "default": "s2s-vpn-alarms"},
    "subscriptions": {"type": "list", "elements": "dict", "default": [], "options": {
        "protocol": {"type": "str", "required": True},
        "endpoint": {"type": "str", "required": True},
    }},
    "period": {"type": "int", "default": 300},
    "evaluation_periods": {"type": "int", "default": 1},
    "datapoints_to_alarm": {"type": "int"},
    "dashboards": {"type": "bool", "default": True},
    "tunnel_logs": {"type": "bool", "default": False},
    "bgp_logs": {"type": "bool", "default": False},
    "log_retention_days": {"type": "int", "default": 30},
    "log_output_format": {"type": "str", "choices": ["json", "text"], "default": "json"},
}
FIELD = "s2s_monitoring"


def settings(raw) -> dict:
    """The monitoring settings with defaults, or IntentErrors naming each broken field and rule."""
    errors = ErrorCollector()
    result = ArgumentSpecValidator(SPEC).validate(dict(raw or {}))
    for err in result.errors:
        errors.add(FIELD, "monitoring.spec", str(err))
    errors.raise_if_any()
    out = result.validated_parameters
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", out["name_prefix"]):
        errors.add(FIELD + ".name_prefix", "monitoring.name", "letters, digits, '-' and '_' only, at most 64 (dashboard names allow no more)")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", out["topic_name"]):
        errors.add(FIELD + ".topic_name", "monitoring.topic_name", "an SNS topic name is 1-256 letters, digits, '-' and '_'")
    for index, sub in enumerate(out["subscriptions"]):
        if sub["protocol"] not in SNS_PROTOCOLS:
            errors.add("%s.subscriptions[%d].protocol" % (FIELD, index), "subscription.protocol",
                       "unknown SNS protocol %r; valid: %s" % (sub["protocol"], ", ".join(SNS_PROTOCOLS)))
        elif sub["protocol"].startswith("email") and "@" not in sub["endpoint"]:
            errors.add("%s.subscriptions[%d].endpoint" % (FIELD, index), "subscription.endpoint", "an email subscription needs an address")
    period, evals = out["period"], out["evaluation_periods"]
    if period not in SHORT_PERIODS and (period <= 0 or period % 60):
        errors.add(FIELD + ".period", "alarm.period", "CloudWatch takes 10, 30 or a multiple of 60 seconds, not %d" % period)
    if evals < 1 or period * evals > MAX_EVALUATION_SECONDS:
        errors.add(FIELD + ".evaluation_periods", "alarm.evaluation_periods",
                   "at least 1, and period x evaluation periods at most one day (%d s)" % MAX_EVALUATION_SECONDS)
    datapoints = out["datapoints_to_alarm"]
    if datapoints is not None and not 1 <= datapoints <= evals:
        errors.add(FIELD + ".datapoints_to_alarm", "alarm.datapoints", "between 1 and evaluation_periods (%d)" % evals)
    if out["log_retention_days"] not in LOG_RETENTION_DAYS:
        errors.add(FIELD + ".log_retention_days", "logs.retention", "CloudWatch Logs retention is one of %s days"
                   % ", ".join(str(d) for d in LOG_RETENTION_DAYS))
    errors.raise_if_any()
    return out


def connections(vpn_connections) -> list:
    """{id, name, gateway, key, tunnels: [outside ip, ...]} of the live connections the collection manages."""
    out = []
    for conn in vpn_connections:
        tags = conn.get("tags") or {}
        if conn.get("state") not in ("pending", "available", "modifying") or "s2s:key" not in tags:
            continue
        out.append({"id": conn["vpn_connection_id"], "name": tags.get("Name") or conn["vpn_connection_id"],
                    "gateway": tags.get("s2s:gateway") or conn.get("vpn_gateway_id") or conn.get("transit_gateway_id"),
                    "key": tags["s2s:key"], "routing": "static" if (conn.get("options") or {}).get("static_routes_only") else "bgp",
                    "tunnels": [t["outside_ip_address"] for t in conn.get("tunnels") or []],
                    "inside_cidrs": [t.get("inside_cidr") for t in conn.get("tunnels") or []]})
    return sorted(out, key=lambda c: c["name"])


def _alarm(name, description, dimensions, statistic, comparison, threshold, conf, topic_arn) -> dict:
    alarm = {"name": name, "description": description, "namespace": NAMESPACE, "metric_name": "TunnelState",
             "dimensions": dimensions, "statistic": statistic, "comparison": comparison, "threshold": float(threshold),
             "period": conf["period"], "evaluation_periods": conf["evaluation_periods"], "treat_missing_data": "breaching",
             "alarm_actions": [topic_arn] if topic_arn else [], "ok_actions": [topic_arn] if topic_arn else []}
    if conf["datapoints_to_alarm"]:
        alarm["datapoints_to_alarm"] = conf["datapoints_to_alarm"]
    return alarm


def alarms(conns, conf, topic_arn=None) -> list:
    """Per tunnel: redundancy lost (Minimum < 1); per connection: outage (Maximum <= 0)."""
    prefix = conf["name_prefix"]
    out = []
    for conn in conns:
        state = "down (BGP not established)" if conn["routing"] == "bgp" else "down"
        for ip in conn["tunnels"]:
            out.append(_alarm(tunnel_alarm_name(prefix, conn["name"], ip),
                              "Redundancy lost: tunnel %s of %s (%s) is %s; the other tunnel carries the traffic."
                              % (ip, conn["name"], conn["id"], state),
                              {"TunnelIpAddress": ip}, "Minimum", "LessThanThreshold", 1, conf, topic_arn))
        out.append(_alarm(outage_alarm_name(prefix, conn["name"]),
                          "Outage: no tunnel of %s (%s) is up; the site is cut off from AWS." % (conn["name"], conn["id"]),
                          {"VpnId": conn["id"]}, "Maximum", "LessThanOrEqualToThreshold", 0, conf, topic_arn))
    return out


def _metric_widget(title, metrics, region, period, y, stat, extra=None) -> dict:
    props = {"title": title, "view": "timeSeries", "region": region, "period": period, "stat": stat, "metrics": metrics}
    props.update(extra or {})
    return {"type": "metric", "x": 0 if stat != "Sum" else 12, "y": y, "width": 12, "height": 6, "properties": props}


def dashboard(gateway, conns, region, conf, account=None) -> dict:
    """One dashboard body per gateway: for each connection, tunnel state and data in/out per tunnel."""
    widgets = []
    if account:
        arns = ["arn:aws:cloudwatch:%s:%s:alarm:%s" % (region, account, a["name"]) for a in alarms(conns, conf)]
        widgets.append({"type": "alarm", "x": 0, "y": 0, "width": 24, "height": 3,
                        "properties": {"title": "Alarms of %s" % gateway, "alarms": arns}})
    for row, conn in enumerate(conns):
        y = 3 + row * 6
        state = [[NAMESPACE, "TunnelState", "TunnelIpAddress", ip, {"label": ip}] for ip in conn["tunnels"]]
        state.append([NAMESPACE, "TunnelState", "VpnId", conn["id"], {"label": "connection (fraction up)"}])
        data = []
        for ip in conn["tunnels"]:
            data.append([NAMESPACE, "TunnelDataIn", "TunnelIpAddress", ip, {"label": "%s in" % ip}])
            data.append([NAMESPACE, "TunnelDataOut", "TunnelIpAddress", ip, {"label": "%s out" % ip}])
        widgets.append(_metric_widget("%s (%s): tunnel state" % (conn["name"], conn["id"]), state, region, conf["period"], y, "Minimum",
                                      {"yAxis": {"left": {"min": 0, "max": 1}}}))
        widgets.append(_metric_widget("%s: data in/out (bytes)" % conn["name"], data, region, conf["period"], y, "Sum"))
    return {"widgets": widgets}


def dashboard_name(conf, gateway) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", "%s-%s" % (conf["name_prefix"], gateway))[:255]


def log_group(conn) -> str:
    """The connection's tunnel log group: the name the aws_vpn role uses, so both roles share one group."""
    return LOG_GROUP_PREFIX + conn["name"]


def account_of(arn) -> str:
    """The account of an ARN (arn:aws:sns:region:account:name), '' when not an ARN."""
    parts = (arn or "").split(":")
    return parts[4] if len(parts) > 5 else ""


def build(vpn_connections, raw_settings, region, topic_arn=None) -> dict:
    """Everything the role applies: alarms, dashboards {name: body}, log groups {connection id: name}."""
    conf = settings(raw_settings)
    conns = connections(vpn_connections)
    gateways = {}
    for conn in conns:
        gateways.setdefault(conn["gateway"], []).append(conn)
    account = account_of(topic_arn)
    return {
        "settings": conf,
        "connections": conns,
        "alarms": alarms(conns, conf, topic_arn),
        "dashboards": {dashboard_name(conf, gw): dashboard(gw, members, region, conf, account) for gw, members in sorted(gateways.items())}
        if conf["dashboards"] else {},
        "log_groups": {c["id"]: log_group(c) for c in conns} if conf["tunnel_logs"] or conf["bgp_logs"] else {},
    }


def tunnel_log_options(conn, conf, group_arn) -> list:
    """vpn_connection tunnel_options that turn on tunnel (IKE) and/or BGP logs to ``group_arn``, per tunnel by inside CIDR."""
    logs = {}
    if conf["tunnel_logs"]:
        logs.update(log_enabled=True, log_group_arn=group_arn, log_output_format=conf["log_output_format"])
    if conf["bgp_logs"]:
        logs.update(bgp_log_enabled=True, bgp_log_group_arn=group_arn, bgp_log_output_format=conf["log_output_format"])
    return [{"inside_cidr": cidr, "log_options": dict(logs)} for cidr in conn["inside_cidrs"]]
