# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS's tunnel events in the shape the rulebooks match on, and the decision on a maintenance event.

Two deliveries (Event-Driven Ansible, issue 20; extensions/eda):
- AWS Health's ``AWS_VPN_TUNNEL_UPDATE_AVAILABLE`` (source aws.health, detail-type "AWS Health Event"), routed by an
  EventBridge rule to an SQS queue: the message body is the EventBridge event.
- The monitoring role's alarms (``monitoring.alarms``) on AWS/VPN TunnelState, published to SNS and delivered to an
  SQS queue: the body is SNS's envelope (``Type: Notification``, ``Message``) or, with raw delivery, CloudWatch's
  alarm message itself. A per-tunnel alarm names {TunnelIpAddress}, the outage alarm {VpnId}.

Every event the sources put on the rulebook's queue is ``{"s2s": {...}}`` with ``kind`` one of KINDS.
"""

from __future__ import annotations

import json

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

HEALTH_SOURCE = "aws.health"
HEALTH_DETAIL_TYPE = "AWS Health Event"
UPDATE_AVAILABLE = "AWS_VPN_TUNNEL_UPDATE_AVAILABLE"
KINDS = ("maintenance_available", "tunnel_down", "tunnel_up", "connection_down", "connection_up")
# alarm dimension -> (kind in ALARM, kind in OK): which of the monitoring role's alarms it is.
ALARM_KINDS = {"TunnelIpAddress": ("tunnel_down", "tunnel_up"), "VpnId": ("connection_down", "connection_up")}


def _json(text, field: str):
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError as exc:
        raise S2SError("%s is not JSON: %s" % (field, exc), field=field, rule="event.json") from exc


def health_event(body) -> list:
    """The s2s events of an EventBridge event from an SQS message body, one per VPN connection it names (the
    maintenance ruleset then takes them one after the other); [] for any other Health event."""
    event = _json(body, "body")
    if not isinstance(event, dict) or event.get("source") != HEALTH_SOURCE or event.get("detail-type") != HEALTH_DETAIL_TYPE:
        return []
    detail = event.get("detail") or {}
    if detail.get("eventTypeCode") != UPDATE_AVAILABLE:
        return []
    connections = [e.get("entityValue") for e in detail.get("affectedEntities") or [] if str(e.get("entityValue", "")).startswith("vpn-")]
    connections = connections or [r for r in event.get("resources") or [] if str(r).startswith("vpn-")]
    if not connections:
        raise S2SError("%s names no VPN connection (affectedEntities, resources)" % UPDATE_AVAILABLE,
                       field="detail.affectedEntities", rule="event.no_connection")
    descriptions = [d.get("latestDescription", "") for d in detail.get("eventDescription") or []]
    connections = sorted(set(connections))
    return [{"s2s": {"kind": "maintenance_available", "vpn_connection_id": connection, "connections": len(connections),
                     "region": detail.get("eventRegion") or event.get("region"), "event_arn": detail.get("eventArn"),
                     "deadline": detail.get("endTime"), "description": " ".join(descriptions)}} for connection in connections]


def alarm_event(body) -> dict | None:
    """The s2s event of a CloudWatch alarm notification (SNS envelope or raw); None for an alarm not on TunnelState."""
    message = _json(body, "body")
    if isinstance(message, dict) and message.get("Type") == "Notification":
        message = _json(message.get("Message"), "Message")
    trigger = message.get("Trigger") if isinstance(message, dict) else None
    if not trigger or trigger.get("Namespace") != "AWS/VPN" or trigger.get("MetricName") != "TunnelState":
        return None
    dimensions = {d.get("name"): d.get("value") for d in trigger.get("Dimensions") or []}
    found = [name for name in ALARM_KINDS if name in dimensions]
    state = message.get("NewStateValue")
    if len(found) != 1 or state not in ("ALARM", "OK"):
        return None  # INSUFFICIENT_DATA, or an alarm the monitoring role does not make: nothing to act on
    down, up = ALARM_KINDS[found[0]]
    event = {"kind": down if state == "ALARM" else up, "alarm": message.get("AlarmName"), "reason": message.get("NewStateReason"),
             # AWS's "Region" is the Region's long name ("US East (N. Virginia)"); the ARN has its code.
             "region": (str(message.get("AlarmArn", "")).split(":") + [None] * 4)[3] or None,
             "description": message.get("AlarmDescription"), "changed": message.get("StateChangeTime")}
    event["outside_ip" if found[0] == "TunnelIpAddress" else "vpn_connection_id"] = dimensions[found[0]]
    return {"s2s": event}


def _tunnel_summary(tunnel: dict) -> dict:
    telemetry = tunnel.get("telemetry") or {}
    return {"outside_ip": tunnel.get("outside_ip_address"), "status": telemetry.get("status", "DOWN"),
            "routes": int(telemetry.get("accepted_route_count") or 0),
            "pending": bool((tunnel.get("maintenance") or {}).get("pending_maintenance"))}


def maintenance_plan(connection: dict, routing: str = "bgp") -> dict:
    """What to do for a maintenance event on one connection (vpn_connection_info output with telemetry and
    replacement status): replace the one tunnel with pending maintenance, or page with the reason.

    The rules (docs/maintenance.md): never both tunnels of a connection at once (one tunnel per event; a second
    tunnel with maintenance waits for the next event, after the first is back); never while the partner is not UP
    or (BGP) carries no routes; nothing to do when AWS has no maintenance pending (already applied)."""
    tunnels = [_tunnel_summary(t) for t in connection.get("tunnels") or []]
    if len(tunnels) != 2:
        raise S2SError("a VPN connection has two tunnels; %d given" % len(tunnels), field="connection.tunnels", rule="connection.tunnel_count")
    base = {"vpn_connection_id": connection.get("vpn_connection_id"), "tunnels": tunnels}
    if connection.get("state") != "available":
        return dict(base, action="page", reason="connection %s is %s, not available" % (base["vpn_connection_id"], connection.get("state")))
    pending = [t for t in tunnels if t["pending"]]
    if not pending:
        return dict(base, action="none", reason="AWS has no maintenance pending on %s" % base["vpn_connection_id"])
    tunnel = pending[0]
    partner = tunnels[1] if tunnel is tunnels[0] else tunnels[0]
    if partner["status"] != "UP":
        reason = "partner tunnel %s is %s" % (partner["outside_ip"], partner["status"])
    elif routing == "bgp" and partner["routes"] < 1:
        reason = "partner tunnel %s is UP but carries no routes (BGP accepted 0)" % partner["outside_ip"]
    else:
        return dict(base, action="replace", tunnel=tunnel["outside_ip"], partner=partner["outside_ip"],
                    reason="partner tunnel %s is UP with %d routes" % (partner["outside_ip"], partner["routes"]))
    return dict(base, action="page", tunnel=tunnel["outside_ip"], partner=partner["outside_ip"],
                reason="maintenance on %s of %s refused: %s" % (tunnel["outside_ip"], base["vpn_connection_id"], reason))
