# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: monitoring_tunnel_logs
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Tunnel options that send a connection's tunnel (IKE) and BGP logs to a log group
description:
  - For M(hybridvpn.s2s.vpn_connection) O(hybridvpn.s2s.vpn_connection#module:tunnel_options), one entry per tunnel
    (matched by inside CIDR) with only C(log_options) set, so nothing else of the tunnels is compared or changed.
options:
  _input:
    description: One connection of P(hybridvpn.s2s.monitoring_plan#filter)'s C(connections).
    type: dict
    required: true
  settings:
    description: The C(settings) of P(hybridvpn.s2s.monitoring_plan#filter) (C(tunnel_logs), C(bgp_logs), C(log_output_format)).
    type: dict
    required: true
  group_arn:
    description: The log group ARN.
    type: str
    required: true
"""

EXAMPLES = r"""
tunnel_options: "{{ conn | hybridvpn.s2s.monitoring_tunnel_logs(plan.settings, group.arn) }}"
"""

RETURN = r"""
_value:
  description: A list of C({inside_cidr, log_options}).
  type: list
  elements: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring


def monitoring_tunnel_logs(connection, settings, group_arn):
    return monitoring.tunnel_log_options(connection, settings, group_arn)


class FilterModule:
    def filters(self):
        return {"monitoring_tunnel_logs": monitoring_tunnel_logs}
