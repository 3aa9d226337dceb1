# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_discover
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Find the tunnel interfaces a device already has
description:
  - Reads a device's configuration text (IOS-XE C(show running-config), Junos C(show configuration | display set),
    VyOS C(show configuration commands)) and returns the tunnel interfaces this collection owns, recognised by
    their C(s2s:<vpn id>:<n>) description, and the numbers of every tunnel interface.
  - Feed the result to P(hybridvpn.s2s.cgw_render#filter) so interface numbers never move and never collide.
options:
  _input:
    description: Configuration text.
    type: str
    required: true
  platform:
    description: Platform of the text.
    type: str
    choices: [ios, junos, vyos]
    required: true
"""

EXAMPLES = r"""
- name: What the device runs
  ansible.builtin.set_fact:
    discovered: "{{ running.stdout[0] | hybridvpn.s2s.cgw_discover('ios') }}"
"""

RETURN = r"""
_value:
  description: Discovered tunnels.
  type: dict
  contains:
    owned:
      description: Tunnel id (C(s2s:<vpn id>:<n>)) to interface number.
      type: dict
    used:
      description: Numbers of every tunnel interface (Tunnel, st0 unit, vti).
      type: list
      elements: int
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def cgw_discover(text, platform):
    if platform not in registry.platforms():
        raise AnsibleFilterError("platform must be one of %s" % ", ".join(registry.platforms()))
    return render.discover(text, platform)


class FilterModule:
    def filters(self):
        return {"cgw_discover": cgw_discover}
