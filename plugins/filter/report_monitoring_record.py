# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_monitoring_record
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: What playbooks/monitor.yml keeps for the report page (alarms, topic, dashboards, log groups; no secrets)
description:
  - From the monitoring role's plan (P(hybridvpn.s2s.monitoring_plan#filter)) - per connection its gateway, log group,
    each tunnel's alarm and the outage alarm (name, metric, statistic, comparison, threshold, period, evaluation periods,
    whether it notifies), per gateway its dashboard's name, and the alarm topic.
  - With the alarms read back (M(amazon.aws.cloudwatch_metric_alarm_info)), each alarm's state and whether its actions are enabled.
  - Copies named fields only - not the topic's subscriptions (addresses, endpoints) nor the dashboards' bodies.
    P(hybridvpn.s2s.report_page#filter) reads the record back.
options:
  _input:
    description: The plan of P(hybridvpn.s2s.monitoring_plan#filter).
    type: dict
    required: true
  read_alarms:
    description: The C(metric_alarms) of M(amazon.aws.cloudwatch_metric_alarm_info); empty leaves each alarm's state out.
    type: list
    elements: dict
    default: []
  topic_arn:
    description: The ARN of the alarm topic.
    type: str
"""

EXAMPLES = r"""
monitoring_record: "{{ monitoring_plan | hybridvpn.s2s.report_monitoring_record(alarms.metric_alarms, topic.sns_arn) }}"
"""

RETURN = r"""
_value:
  description: C(topic_arn), C(topic_name), C(connections) (name, vpn_connection_id, gateway, log_group, tunnels with
    their C(alarm), C(outage_alarm)) and C(gateways) (name, dashboard).
  type: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import report_page


def report_monitoring_record(plan, read_alarms=None, topic_arn=None):
    return report_page.monitoring_record(plan, read_alarms, topic_arn)


class FilterModule:
    def filters(self):
        return {"report_monitoring_record": report_monitoring_record}
