# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_dialect
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: What the roles need to know about a CGW platform, from its dialect
description:
  - The facts of a platform's dialect (the one module per platform that spells its CLI), so that roles and playbooks
    name no command themselves - the command that prints the configuration, the show commands of the tunnel state,
    the lock command, which removal lines delete a key.
options:
  _input:
    description: A platform (C(ios), C(junos), C(vyos)), a config syntax variant (C(vyos13)) or an C(ansible_network_os) value.
    type: str
    required: true
  legacy:
    description: The device takes its platform's legacy syntax (VyOS 1.3, C(cgw_vyos_legacy)).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Read the configuration the way the compliance audit parses it
  hybridvpn.s2s.cgw_command:
    commands: ["{{ (cgw_platform | hybridvpn.s2s.cgw_dialect).config_command }}"]
"""

RETURN = r"""
_value:
  description: The platform's facts.
  type: dict
  contains:
    name:
      description: The platform (C(ios), C(junos), C(vyos)).
      type: str
    title:
      description: Its name for people (C(IOS-XE)).
      type: str
    network_os:
      description: Its C(ansible_network_os) (FQCN).
      type: str
    config_platform:
      description: The platform the config parser reads the device's text as (C(vyos13) for a legacy VyOS).
      type: str
    config_command:
      description: The command printing the configuration in the form the parser reads.
      type: str
    state_commands:
      description: The show commands of P(hybridvpn.s2s.cgw_tunnel_state#filter), in order.
      type: list
      elements: str
    lock_command:
      description: The command taking the configuration lock; null when a commit takes it by itself.
      type: str
    key_holders:
      description: Regular expression on a removal line that deletes a key (set-line platforms); null when none.
      type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def cgw_dialect(platform, legacy=False):
    try:
        dialect = registry.dialect_for(platform)
    except S2SError as exc:
        raise AnsibleFilterError("cgw_dialect: %s" % exc) from exc
    return dialect.facts(bool(legacy) or platform in dialect.variants)


class FilterModule:
    def filters(self):
        return {"cgw_dialect": cgw_dialect}
