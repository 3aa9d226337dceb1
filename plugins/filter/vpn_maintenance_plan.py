# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_maintenance_plan
author: hybridvpn.s2s contributors
version_added: 1.1.0
short_description: Decide what to do about AWS's pending tunnel endpoint maintenance on one VPN connection
description:
  - Takes one connection of M(hybridvpn.s2s.vpn_connection_info) read with telemetry and
    O(hybridvpn.s2s.vpn_connection_info#module:include_replacement_status=true) and says whether to replace the tunnel
    with pending maintenance now, page with the reason, or do nothing.
  - Rules (docs/maintenance.md) - one tunnel per event, never both tunnels of a connection at once; never while the
    partner tunnel is not C(UP) or, with BGP, accepts no routes; nothing when no maintenance is pending.
options:
  _input:
    description: One connection of M(hybridvpn.s2s.vpn_connection_info).
    type: dict
    required: true
  routing:
    description: The connection's routing; with C(static) the partner's accepted routes are not counted.
    type: str
    choices: [bgp, static]
    default: bgp
"""

EXAMPLES = r"""
- name: Decide
  ansible.builtin.set_fact:
    maintenance: "{{ info.vpn_connections[0] | hybridvpn.s2s.vpn_maintenance_plan }}"
"""

RETURN = r"""
_value:
  description: The decision.
  type: dict
  contains:
    action:
      description: C(replace), C(page) or C(none).
      type: str
    reason:
      description: Why, for the report or the page.
      type: str
    tunnel:
      description: AWS outside address of the tunnel with pending maintenance (absent with C(none)).
      type: str
    partner:
      description: AWS outside address of the other tunnel (absent with C(none)).
      type: str
    vpn_connection_id:
      description: The connection.
      type: str
    tunnels:
      description: Each tunnel's outside_ip, status, routes (accepted) and pending (maintenance).
      type: list
      elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import events


def vpn_maintenance_plan(connection, routing="bgp"):
    try:
        return events.maintenance_plan(connection, routing)
    except S2SError as exc:
        raise AnsibleFilterError("vpn_maintenance_plan: %s" % exc) from exc


class FilterModule:
    def filters(self):
        return {"vpn_maintenance_plan": vpn_maintenance_plan}
