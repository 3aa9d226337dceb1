# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_facts
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The tunnel facts of every customer gateway, from the plan and what AWS built
description:
  - Joins the plan (P(hybridvpn.s2s.vpn_plan#filter)) with the VPN connections AWS runs (normalised by
    M(hybridvpn.s2s.vpn_connection_info), found by their C(s2s:key) tag) and returns, per CGW, the
    C(cgw_connections) the C(hybridvpn.s2s.cgw) role takes - outside IPs, inside addresses, keys and
    effective tunnel options from AWS, ASNs, prefixes, routing and redundancy from the plan.
  - With keys in the input the result holds keys; use it only in tasks with C(no_log).
options:
  _input:
    description: The plan.
    type: dict
    required: true
  connections:
    description: The normalised VPN connections (C(vpn_connections) of M(hybridvpn.s2s.vpn_connection_info)).
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: Publish each CGW's tunnel facts
  ansible.builtin.set_fact:
    cgw_connections: "{{ (s2s_plan | hybridvpn.s2s.cgw_facts(vpn_info.vpn_connections))[item] }}"
  delegate_to: "{{ item }}"
  delegate_facts: true
  loop: "{{ s2s_plan.cgws }}"
  no_log: true
"""

RETURN = r"""
_value:
  description: CGW name to its list of connection facts (see the C(cgw) role's C(cgw_connections)).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_facts as facts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


def cgw_facts(plan, connections):
    try:
        return facts.publish(plan, connections)
    except IntentErrors as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"cgw_facts": cgw_facts}
