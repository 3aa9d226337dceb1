# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_tunnel_state
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Per-tunnel IKE, IPsec and BGP state from a CGW's show commands
description:
  - Reads the output of the platform's show commands and says, for every tunnel of
    P(hybridvpn.s2s.cgw_render#filter)'s result, whether IKE, IPsec and BGP are up, how many prefixes
    were received, and why a tunnel is down (no IKE SA, no IPsec SA, BGP state, no routes).
  - "Commands, in this order: IOS-XE C(show crypto ikev2 sa), C(show crypto ipsec sa), C(show ip bgp summary);
    Junos C(show security ike security-associations), C(show security ipsec security-associations),
    C(show bgp summary); VyOS C(show vpn ipsec sa), C(show ip bgp summary)."
options:
  _input:
    description: The command outputs (the C(stdout) list of the command module).
    type: list
    elements: str
    required: true
  platform:
    description: Platform.
    type: str
    choices: [ios, junos, vyos]
    required: true
  render:
    description: The P(hybridvpn.s2s.cgw_render#filter) result for the device.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Tunnel state
  ansible.builtin.debug:
    msg: "{{ (show.stdout | hybridvpn.s2s.cgw_tunnel_state('ios', cgw_render)).report }}"
"""

RETURN = r"""
_value:
  description: State.
  type: dict
  contains:
    tunnels:
      description: Per tunnel C(name), C(peer), C(ike), C(ipsec), C(bgp), C(prefixes_received), C(up), C(reason).
      type: list
      elements: dict
    all_up:
      description: Whether every tunnel is fully up.
      type: bool
    report:
      description: One human line per tunnel.
      type: list
      elements: str
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state


def cgw_tunnel_state(outputs, platform, render):
    return cgw_state.assess(outputs, platform, render)


class FilterModule:
    def filters(self):
        return {"cgw_tunnel_state": cgw_tunnel_state}
