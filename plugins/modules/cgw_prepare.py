# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the cgw_prepare action plugin (plugins/action/cgw_prepare.py does the work in the worker)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: cgw_prepare
short_description: Read a customer gateway once and compute the config the cgw roles give it
version_added: 1.0.0
description:
  - The first task of the C(hybridvpn.s2s.cgw) role. In one round trip over the device's
    C(ansible.netcommon.network_cli) session it reads the configuration (IOS-XE C(show running-config),
    Junos C(show configuration | display set), VyOS C(show configuration commands)) and, on a VyOS whose
    release nobody named, C(show version).
  - From that read it computes what P(hybridvpn.s2s.cgw_discover#filter) and P(hybridvpn.s2s.cgw_render#filter)
    compute - the tunnel interfaces the collection owns and the render-ready data of the device's connections - and
    tells whether the task runs in check mode however check mode was set (C(--check), or C(check_mode) on the play,
    block or task).
  - Reads only, so it runs in check mode too. The result holds the pre-shared keys and the device's configuration, so
    the plugin hides it (as C(no_log) would); errors name the setting or command and never hold a key.
  - Runs as an action plugin, with no module process per device.
options:
  network_os:
    description: The device's C(ansible_network_os) - C(cisco.ios.ios), C(junipernetworks.junos.junos) or C(vyos.vyos.vyos)
      (short names too).
    type: str
    required: true
  connections:
    description: The device's VPN connections (the C(cgw_connections) of the C(hybridvpn.s2s.cgw) role).
    type: list
    elements: dict
    required: true
  settings:
    description: Overrides of the model's defaults, as the O(hybridvpn.s2s.cgw_render#filter:settings) of that filter.
    type: dict
    default: {}
  version:
    description: The VyOS release (C(1.3), C(VyOS 1.4.3)...) whose syntax to print; empty asks the device (C(show version)).
      Ignored on other platforms.
    type: str
    default: ""
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli); Junos also C(ansible.netcommon.netconf).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Read the device and compute its config (the result is hidden - it holds keys)
  hybridvpn.s2s.cgw_prepare:
    network_os: "{{ ansible_network_os }}"
    connections: "{{ cgw_connections }}"
    settings: {mtu: 1400}
    version: "{{ cgw_vyos_version }}"
  register: cgw_device
"""

RETURN = r"""
platform:
  description: The platform - C(ios), C(junos) or C(vyos).
  returned: success
  type: str
  sample: vyos
check_mode:
  description: Whether the task ran in check mode.
  returned: success
  type: bool
config:
  description: The configuration text read from the device (it holds keys).
  returned: success
  type: str
version:
  description: The VyOS release whose syntax applies (from O(version) or the device); empty on other platforms.
  returned: success
  type: str
  sample: VyOS 1.4.3
legacy:
  description: Whether the VyOS release takes the 1.3 syntax.
  returned: success
  type: bool
discovered:
  description: The tunnel interfaces found on the device (C(owned) tunnel id to number, C(used) numbers), as
    P(hybridvpn.s2s.cgw_discover#filter) returns them.
  returned: success
  type: dict
render:
  description: The render-ready data of the device's connections (tunnels, bgp, prefix_lists, static_routes, remove), as
    P(hybridvpn.s2s.cgw_render#filter) returns it; it holds the keys.
  returned: success
  type: dict
"""
