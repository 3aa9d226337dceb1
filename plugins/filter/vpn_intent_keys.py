# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_intent_keys
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The pre-shared keys an intent gives, by connection key
description:
  - Returns C({connection key [key of tunnel 1, key of tunnel 2]}) for the tunnels whose key the intent gives
    (usually from a vault). The result holds keys - use it only in tasks with C(no_log).
options:
  _input:
    description: The intent.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Keys from the vault (never shown)
  ansible.builtin.set_fact:
    intent_keys: "{{ s2s_intent | hybridvpn.s2s.vpn_intent_keys }}"
  no_log: true
"""

RETURN = r"""
_value:
  description: Keys by connection key; C(None) where the intent gives none.
  type: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_args


def vpn_intent_keys(intent):
    return aws_args.intent_keys(intent)


class FilterModule:
    def filters(self):
        return {"vpn_intent_keys": vpn_intent_keys}
