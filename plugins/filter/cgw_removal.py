# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_removal
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Commands that remove VPN connections from a customer gateway, and nothing else
description:
  - From the device's configuration text, finds the objects the collection created for the connections in
    C(remove) of P(hybridvpn.s2s.cgw_render#filter) (by their C(S2S-<vpn id>) names and C(s2s:<vpn id>:<n>)
    descriptions) and returns the commands that delete them in dependency order. Unrelated config is never touched.
  - Given O(wanted), also puts back the shared settings (IOS-XE archive settings and BGP router options, networks
    and maximum-paths; Junos AS, TCP MSS and ECMP export; VyOS IPsec interface, route autoinstall, system-as,
    networks and maximum-paths) that the pushes recorded on the device (P(hybridvpn.s2s.cgw_undo_record#filter))
    and that no connection the run keeps needs, as they were before the first push, and drops their record entries.
    Nothing shared is put back while the device holds a connection the run does not name.
options:
  _input:
    description:
      - The device's configuration text - IOS-XE C(show running-config), Junos C(show configuration | display set),
        VyOS C(show configuration commands) (1.3 or 1.4+ syntax).
    type: str
    required: true
  platform:
    description: Platform of the text.
    type: str
    choices: [ios, junos, vyos]
    required: true
  remove:
    description: The C(remove) list of P(hybridvpn.s2s.cgw_render#filter).
    type: list
    elements: dict
    required: true
  discovered:
    description: The result of P(hybridvpn.s2s.cgw_discover#filter) for the same device.
    type: dict
    required: true
  wanted:
    description:
      - The config the role renders for the connections the run keeps (IOS-XE indented text, Junos/VyOS set lines;
        on IOS-XE with the archive settings). A recorded setting no line of it lies under is put back. Omitted, no
        shared setting is touched.
    type: str
  present:
    description: Tunnel ids (C(s2s:<vpn id>:<n>)) of the connections the run keeps.
    type: list
    elements: str
"""

EXAMPLES = r"""
- name: Remove decommissioned connections
  ansible.netcommon.cli_config:
    config: "{{ running.stdout[0] | hybridvpn.s2s.cgw_removal('ios', cgw_render.remove, cgw_discovered) | join('\n') }}"
"""

RETURN = r"""
_value:
  description:
    - The commands, in order - IOS-XE C(no) lines (indented lines belong to the line above them), Junos and VyOS
      C(delete) lines for one commit. Without O(wanted), settings shared with other connections (BGP AS, TCP MSS,
      IPsec interface) stay.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_removal as removal
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def cgw_removal(text, platform, remove, discovered, wanted=None, present=None):
    if platform not in registry.platforms():
        raise AnsibleFilterError("cgw_removal: platform %r is not supported" % platform)
    return removal.commands(platform, text, remove, discovered, wanted, present)


class FilterModule:
    def filters(self):
        return {"cgw_removal": cgw_removal}
