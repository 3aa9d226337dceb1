# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: runbook_sites
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: What each site's runbook says, from the plan and AWS's read-back
description:
  - Joins the plan (P(hybridvpn.s2s.vpn_plan#filter)) with the connections AWS runs (M(hybridvpn.s2s.vpn_connection_info),
    matched by their C(s2s:key) tag) into one entry per site - gateway, connections, tunnels with outside and inside
    addresses and ASNs, where each key is kept (a reference, never the key), the alarm names and the show commands
    of the CGW platform.
  - "Alarm names are the monitoring role's: C(<prefix>-<connection name>-tunnel-<outside ip>) and C(<prefix>-<connection name>-outage)."
options:
  _input:
    description: The plan.
    type: dict
    required: true
  connections:
    description: The normalised VPN connections.
    type: list
    elements: dict
    required: true
  alarm_prefix:
    description: The monitoring role's alarm name prefix (C(name_prefix) of its C(monitoring_settings)).
    type: str
    default: s2s-vpn
"""

EXAMPLES = r"""
- name: Runbook data
  ansible.builtin.set_fact:
    runbook_data: "{{ s2s_plan | hybridvpn.s2s.runbook_sites(vpn_info.vpn_connections) }}"
"""

RETURN = r"""
_value:
  description: Sites sorted by name, each C({name, region, connections [...]}).
  type: list
  elements: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import monitoring, runbook


def runbook_sites(plan, connections, alarm_prefix=monitoring.DEFAULT_NAME_PREFIX):
    return runbook.sites(plan, connections, alarm_prefix)


class FilterModule:
    def filters(self):
        return {"runbook_sites": runbook_sites}
