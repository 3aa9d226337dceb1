# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the cgw_plan action plugin (plugins/action/cgw_plan.py does the work on the controller)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: cgw_plan
short_description: Work out an IOS-XE change from a running config already read, without a device session
version_added: 1.0.0
description:
  - The lines of O(config) that O(running_config) lacks (as O(diff_match) says), computed by the platform's own cliconf
    plugin (C(cisco.ios.ios)) - the same difference M(hybridvpn.s2s.cgw_config) works out over the session.
  - Never contacts the device and changes nothing; C(changed) says whether there is a change to push.
  - The C(hybridvpn.s2s.cgw_ios) role uses it on the running config that M(hybridvpn.s2s.cgw_prepare) read, so the
    change is worked out against the very read the push is judged by, and no second read or session is needed.
  - Junos and VyOS compare on the box (load, then compare); use M(hybridvpn.s2s.cgw_config) for them.
options:
  config:
    description: The configuration lines, in the platform's syntax (IOS-XE children indented by one space).
    type: str
    required: true
  running_config:
    description: The device's running configuration (C(show running-config)); never shown.
    type: str
    required: true
  network_os:
    description: The platform's cliconf plugin, as in C(ansible_network_os).
    type: str
    required: true
  diff_match:
    description: How O(config) is compared with O(running_config) - C(line), C(strict), C(exact), or C(none) for every line.
    type: str
    choices: [line, strict, exact, none]
    default: line
notes:
  - Runs on the controller as an action plugin; supports check mode and diff mode.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Read the device once
  hybridvpn.s2s.cgw_command:
    commands: [show running-config]
  register: running
  no_log: true

- name: Work out the change against that read
  hybridvpn.s2s.cgw_plan:
    network_os: cisco.ios.ios
    config: |
      archive
       path flash:archive
       maximum 5
    running_config: "{{ running.stdout[0] }}"
  register: plan
"""

RETURN = r"""
commands:
  description: The lines that make the change (empty when there is none).
  returned: success
  type: list
  elements: str
  sample: ["archive", " maximum 5"]
"""
