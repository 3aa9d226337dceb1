# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_plan
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Validate a VPN intent and turn it into the per-connection plan
description:
  - Validates the whole intent (see the intent documentation in C(docs/intent.md)) and fails listing
    B(every) broken rule, each with the field path and a rule id, before anything is changed.
  - Also refuses a customer gateway whose platform could not take its tunnels' crypto, e.g. a VyOS CGW whose
    IKE_SA_INIT would pass 1280 octets under the profile (rule C(ike_init.too_large)), so neither AWS nor the device
    is touched.
  - Returns the plan both ends are built from, one entry per VPN connection with two tunnels each.
  - Inside CIDRs are allocated deterministically per gateway; pass O(existing) (what AWS already runs)
    so re-planning never moves a live tunnel.
  - The plan never contains a pre-shared key; each tunnel says where its key comes from.
options:
  _input:
    description: The intent, usually the C(s2s_intent) inventory variable.
    type: dict
    required: true
  existing:
    description:
      - 'Inside CIDRs AWS already runs, as C({"ipv4": {connection key: [cidr, ...]}, "ipv6": {...}}).'
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Plan the estate
  ansible.builtin.set_fact:
    s2s_plan: "{{ s2s_intent | hybridvpn.s2s.vpn_plan }}"

- name: Connections of this CGW
  ansible.builtin.debug:
    msg: "{{ s2s_plan.connections | selectattr('cgw.name', 'equalto', inventory_hostname) | list }}"
"""

RETURN = r"""
_value:
  description: The plan.
  type: dict
  contains:
    region:
      description: AWS Region.
      type: str
    gateways:
      description: The gateways of the intent with defaults applied.
      type: list
      elements: dict
    connections:
      description:
        - One entry per VPN connection with C(key), C(name), C(site), C(gateway), C(cgw), C(routing),
          C(redundancy), C(crypto_profile), C(options), C(aws_prefixes), C(cgw_prefixes),
          C(tunnels) (inside CIDR, AWS and CGW inside IPs, snake-case AWS tunnel options, C(psk_source)).
        - The CGW role derives the device proposals from the tunnel options AWS runs.
      type: list
      elements: dict
    cgws:
      description: Names of the customer gateways (inventory hosts) in the plan.
      type: list
      elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


def vpn_plan(intent, existing=None):
    try:
        planned = plan.build(intent, existing or {})
        # the devices' side of the intent too, so a CGW that cannot take its tunnels fails before AWS changes
        render.check_plan(intent, planned["connections"])
        return planned
    except IntentErrors as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"vpn_plan": vpn_plan}
