# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""hybridvpn.s2s.aws_health: AWS Health's tunnel maintenance announcements, from the SQS queue an EventBridge rule
sends them to.

Arguments:
  queue_name / queue_url  the SQS queue (one of them)
  region                  its Region (else AWS_REGION / AWS_DEFAULT_REGION)
  endpoint_url            another endpoint (a lab twin); else AWS_ENDPOINT_URL or AWS's
  wait_seconds            SQS long poll (default 20)
Credentials: boto3's chain (environment, profile, instance role).

The EventBridge rule: {"source": ["aws.health"], "detail-type": ["AWS Health Event"],
"detail": {"eventTypeCode": ["AWS_VPN_TUNNEL_UPDATE_AVAILABLE"]}}, target the queue (docs/maintenance.md).

Each AWS_VPN_TUNNEL_UPDATE_AVAILABLE event becomes one event per VPN connection it names
  {"s2s": {"kind": "maintenance_available", "vpn_connection_id", "connections": <how many it names>, "region",
           "event_arn", "deadline", "description"}}
(plugins/module_utils/ops/events.py); other Health events are dropped.

Example:
  sources:
    - hybridvpn.s2s.aws_health:
        queue_name: s2s-vpn-health
        region: us-east-1
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import events
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import sqs_events

main = sqs_events.source(events.health_event)
