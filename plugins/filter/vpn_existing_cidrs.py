# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_existing_cidrs
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Inside CIDRs AWS already runs, per connection key, for re-planning
description:
  - From normalised VPN connections (M(hybridvpn.s2s.vpn_connection_info)), the inside CIDRs of every
    connection tagged C(s2s:key), in the form the O(hybridvpn.s2s.vpn_plan#filter:existing) option takes,
    so a new plan never moves a live tunnel. Deleted connections are ignored.
options:
  _input:
    description: The normalised VPN connections.
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: Plan around what runs
  ansible.builtin.set_fact:
    s2s_plan: "{{ s2s_intent | hybridvpn.s2s.vpn_plan(vpn_info.vpn_connections | hybridvpn.s2s.vpn_existing_cidrs) }}"
"""

RETURN = r"""
_value:
  description: C({"ipv4" {connection key [cidr, ...]}, "ipv6" {...}}).
  type: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan


def vpn_existing_cidrs(connections):
    return plan.existing_cidrs(connections)


class FilterModule:
    def filters(self):
        return {"vpn_existing_cidrs": vpn_existing_cidrs}
