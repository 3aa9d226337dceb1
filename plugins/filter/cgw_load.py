# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_load
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The commands that load config lines into a CGW's candidate, the platform's way
description:
  - Returns the commands that load the given config lines in configuration mode, as the platform's dialect says.
    Junos loads them all in one C(load set terminal), one round trip (a command with the prompt it answers and the
    lines ended by Ctrl-D); other platforms take one command per line.
  - The result may carry keys, so use it in a task with C(no_log).
options:
  _input:
    description: The config lines (set lines on Junos).
    type: list
    elements: str
    required: true
  platform:
    description: Platform (C(ios), C(junos), C(vyos)) or an C(ansible_network_os) value.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Load the lines and commit (hidden - the lines carry keys)
  hybridvpn.s2s.cgw_command:
    commands: "{{ ['configure exclusive'] + (cgw_lines | hybridvpn.s2s.cgw_load('junos')) + ['commit and-quit'] }}"
  no_log: true
"""

RETURN = r"""
_value:
  description: The commands, strings or network_cli command dicts (C(command), C(prompt), C(answer), C(newline)).
  type: list
  elements: raw
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def cgw_load(lines, platform):
    try:
        dialect = registry.dialect_for(platform)
    except S2SError as exc:
        raise AnsibleFilterError("cgw_load: %s" % exc) from exc
    return dialect.load(list(lines or []))


class FilterModule:
    def filters(self):
        return {"cgw_load": cgw_load}
