# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""hybridvpn.s2s.tunnel_alarms: state changes of the monitoring role's tunnel alarms, from an SQS queue subscribed
to the alarms' SNS topic (raw message delivery or not).

Arguments: as hybridvpn.s2s.aws_health (queue_name / queue_url, region, endpoint_url, wait_seconds).

A per-tunnel alarm (TunnelState of {TunnelIpAddress}: redundancy lost) becomes
  {"s2s": {"kind": "tunnel_down" | "tunnel_up", "outside_ip", "alarm", "reason", "region", "description", "changed"}}
the outage alarm (TunnelState of {VpnId}: no tunnel up)
  {"s2s": {"kind": "connection_down" | "connection_up", "vpn_connection_id", ...}}
(plugins/module_utils/ops/events.py); INSUFFICIENT_DATA and other alarms are dropped.
Used by the rulebook hybridvpn.s2s.tunnel_events (extensions/eda/rulebooks/tunnel_events.yml).
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import events
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import sqs_events

main = sqs_events.source(events.alarm_event)
