# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_state_commands
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The show commands whose output P(hybridvpn.s2s.cgw_tunnel_state#filter) reads
description:
  - Returns, for a platform, the show commands to run (in this order) so that their outputs can be handed to
    P(hybridvpn.s2s.cgw_tunnel_state#filter). Roles use it so the command list lives in one place.
options:
  _input:
    description: Platform.
    type: str
    choices: [ios, junos, vyos]
    required: true
"""

EXAMPLES = r"""
- name: Read the tunnel state of a Junos CGW
  junipernetworks.junos.junos_command:
    commands: "{{ 'junos' | hybridvpn.s2s.cgw_state_commands }}"
"""

RETURN = r"""
_value:
  description: The commands, in the order the state filter expects their outputs.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def cgw_state_commands(platform):
    if platform not in registry.platforms():
        raise AnsibleFilterError("cgw_state_commands: platform must be one of %s" % ", ".join(sorted(registry.platforms())))
    return cgw_state.commands(platform)


class FilterModule:
    def filters(self):
        return {"cgw_state_commands": cgw_state_commands}
