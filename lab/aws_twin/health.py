# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS Health's announcement of tunnel endpoint maintenance, sent the way AWS sends it: an "AWS Health Event"
from source aws.health on the account's default EventBridge bus, where the customer's rules route it (to an
SQS queue, for the collection's event source). moto serves EventBridge (rules, targets, SQS delivery) but has no
AWS Health; the twin puts the event on the bus in-process, as AWS Health does.

Sources of the event's shape (fetched 2026-12-07):
- https://docs.aws.amazon.com/health/latest/ug/aws-health-events-eventbridge-schema.html (envelope: version "0",
  detail-type "AWS Health Event", source aws.health, resources; detail: eventArn, service, eventTypeCode,
  eventTypeCategory, eventScopeCode, startTime, endTime, lastUpdatedTime, statusCode, eventRegion,
  eventDescription [{language, latestDescription}], affectedEntities [{entityValue}])
- https://docs.aws.amazon.com/health/latest/APIReference/API_Event.html (eventArn format
  arn:aws:health:<region>::event/SERVICE/EVENT_TYPE_CODE/EVENT_TYPE_PLUS_ID)
- https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-vpn-health-events.html (AWS_VPN_TUNNEL_UPDATE_AVAILABLE:
  a scheduled change of service VPN naming the VPN connection; the tunnel is found with GetVpnTunnelReplacementStatus)
"""

from __future__ import annotations

import datetime
import json
import uuid

from moto.events.models import events_backends

SOURCE = "aws.health"
DETAIL_TYPE = "AWS Health Event"
UPDATE_AVAILABLE = "AWS_VPN_TUNNEL_UPDATE_AVAILABLE"
TIME_FORMAT = "%a, %d %b %Y %H:%M:%S GMT"  # the detail's times, as AWS's samples print them


def _when(ts: float) -> str:
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime(TIME_FORMAT)


def update_available(ctx, vpn_connection_id: str, description: str, start: float, deadline: float = None) -> dict:
    """The (Source, DetailType, Detail, Resources) entry of one AWS_VPN_TUNNEL_UPDATE_AVAILABLE event."""
    event_id = "%s_%s" % (UPDATE_AVAILABLE, uuid.uuid4().hex[:12].upper())
    detail = {
        "eventArn": "arn:aws:health:%s::event/VPN/%s/%s" % (ctx.region, UPDATE_AVAILABLE, event_id),
        "service": "VPN", "eventTypeCode": UPDATE_AVAILABLE, "eventTypeCategory": "scheduledChange",
        "eventScopeCode": "ACCOUNT_SPECIFIC", "communicationId": uuid.uuid4().hex,
        "startTime": _when(start), "lastUpdatedTime": _when(start), "statusCode": "upcoming", "eventRegion": ctx.region,
        "eventDescription": [{"language": "en_US", "latestDescription": description}],
        "affectedEntities": [{"entityValue": vpn_connection_id}], "affectedAccount": ctx.account,
    }
    if deadline is not None:
        detail["endTime"] = _when(deadline)
    return {"Source": SOURCE, "DetailType": DETAIL_TYPE, "Detail": json.dumps(detail), "Resources": [vpn_connection_id]}


def announce(ctx, entry: dict) -> None:
    """Put the event on the default bus of ctx: every matching rule sends it to its targets."""
    answer = events_backends[ctx.account][ctx.region].put_events([entry])
    if "EventId" not in answer[0]:
        raise ValueError("EventBridge refused the Health event: %s" % answer[0])
