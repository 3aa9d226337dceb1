# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: monitoring_plan
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Alarms, dashboards and log groups for the running VPN connections (monitoring role)
description:
  - From C(vpn_connection_info) output and the monitoring settings (C(s2s_monitoring), validated; errors name the
    field and the rule), what the C(monitoring) role applies.
  - Per tunnel an alarm on C(AWS/VPN TunnelState) (dimension C(TunnelIpAddress)) with Minimum < 1 (redundancy lost);
    per connection (dimension C(VpnId)) Maximum <= 0 (outage); missing data is breaching.
  - One dashboard per gateway (tag C(s2s:gateway)) with tunnel state and data in/out per tunnel.
options:
  _input:
    description: The C(vpn_connections) of M(hybridvpn.s2s.vpn_connection_info).
    type: list
    elements: dict
    required: true
  settings:
    description: The monitoring settings (see the monitoring role).
    type: dict
    required: true
  region:
    description: The Region the dashboards show.
    type: str
    required: true
  topic_arn:
    description: The SNS topic the alarms notify (its account names the alarms on the dashboards).
    type: str
"""

EXAMPLES = r"""
monitoring: "{{ info.vpn_connections | hybridvpn.s2s.monitoring_plan(s2s_monitoring, 'us-east-1', topic.sns_arn) }}"
"""

RETURN = r"""
_value:
  description: C(settings) (with defaults), C(connections), C(alarms) (cloudwatch_metric_alarm arguments),
    C(dashboards) ({name, body}), C(log_groups) ({vpn connection id, log group name}).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring


def monitoring_plan(vpn_connections, settings, region, topic_arn=None):
    try:
        return monitoring.build(vpn_connections, settings, region, topic_arn)
    except IntentErrors as exc:
        raise AnsibleFilterError(str(exc)) from exc


class FilterModule:
    def filters(self):
        return {"monitoring_plan": monitoring_plan}
