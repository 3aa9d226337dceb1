# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_intent_errors
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: List what is wrong with a VPN intent without failing
description:
  - Runs the same validation as P(hybridvpn.s2s.vpn_plan#filter) and returns the broken rules as data,
    for reports and C(ansible.builtin.assert) tasks. An empty list means the intent is valid.
  - Messages never contain a pre-shared key.
options:
  _input:
    description: The intent.
    type: raw
    required: true
"""

EXAMPLES = r"""
- name: Check the intent
  ansible.builtin.assert:
    that: s2s_intent | hybridvpn.s2s.vpn_intent_errors | length == 0
    fail_msg: "{{ s2s_intent | hybridvpn.s2s.vpn_intent_errors | map(attribute='message') }}"
"""

RETURN = r"""
_value:
  description: One entry per broken rule.
  type: list
  elements: dict
  contains:
    field:
      description: Path of the field in the intent, for example C(s2s_intent.sites[0].cgws[1].asn).
      type: str
    rule:
      description: Stable rule id, for example C(asn.reserved).
      type: str
    message:
      description: What is wrong and what is allowed.
      type: str
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


def vpn_intent_errors(intent):
    try:
        plan.validate(intent)
    except IntentErrors as exc:
        return [e.as_dict() for e in exc.errors]
    return []


class FilterModule:
    def filters(self):
        return {"vpn_intent_errors": vpn_intent_errors}
