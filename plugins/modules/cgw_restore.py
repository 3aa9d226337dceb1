# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the cgw_restore action plugin (plugins/action/cgw_restore.py does the work in the worker)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: cgw_restore
short_description: Bring a customer gateway back to its config from before a failed push, and prove it
version_added: 1.0.0
description:
  - The rescue step of the C(hybridvpn.s2s.cgw_*) roles, run on a fresh session (after C(ansible.builtin.meta) C(reset_connection)).
  - Waits for the configuration lock (IOS-XE C(configure terminal lock), Junos C(configure exclusive)), so the failed push's
    session is gone first, then reads the running config and compares it with O(before), the config read before the push.
  - When they differ it rolls back - IOS-XE C(configure replace) of O(rollback_point) (and the archive settings the device had),
    Junos C(rollback 1) and commit, VyOS C(rollback 1) - then reads the device again and compares.
  - Only volatile lines (the IOS-XE header and change timestamps, Junos commit headers) are left out of the comparison.
  - Returns a message saying what happened and what the device holds now; differing lines have every key masked. The task does
    not fail on its own - the role fails with its message.
  - In check mode it only reads and compares.
  - Runs as an action plugin, with no module process per device.
options:
  before:
    description: The device's config text as read before the push (the C(cgw) role's read); it holds keys.
    type: str
    required: true
  rollback_point:
    description: IOS-XE only - the archive file the push took under its lock; empty when the push failed before taking it.
    type: str
    default: ""
  lock_wait:
    description: Seconds to wait for the configuration lock (or the VyOS commit lock) before reading and rolling back.
    type: int
    default: 60
  keys:
    description: Keys to mask in the returned lines and message (the push's tunnel keys).
    type: list
    elements: str
    default: []
  remove_file:
    description:
      - A file the failed push copied to the device and could not delete (its C(left_file) result, from
        M(hybridvpn.s2s.cgw_command) or M(hybridvpn.s2s.cgw_config)); deleted on the fresh session before the read.
    type: str
notes:
  - Needs C(ansible_connection=ansible.netcommon.network_cli) and C(ansible_network_os) of IOS-XE, Junos or VyOS;
    Junos also over C(ansible.netcommon.netconf) (each command sent as the Junos XML API RPC doing it).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Leave the session the failed push used
  ansible.builtin.meta: reset_connection

- name: Roll back on a fresh session and read the device back
  hybridvpn.s2s.cgw_restore:
    before: "{{ cgw_config_text }}"
    rollback_point: flash:s2s-archive-3
    keys: "{{ cgw_render.tunnels | default([]) | map(attribute='pre_shared_key', default='') | list }}"
  register: restore
  no_log: true
"""

RETURN = r"""
restored:
  description: Whether the running config now equals O(before) (volatile lines aside).
  returned: always
  type: bool
rolled_back:
  description: How the device was rolled back; empty when nothing was done.
  returned: success
  type: str
  sample: configure replace flash:s2s-archive-3
differences:
  description: Lines the device lost (C(-)) or gained (C(+)) against O(before), keys masked; empty when equal.
  returned: always
  type: list
  elements: str
msg:
  description: What happened and what the device holds now.
  returned: always
  type: str
  sample: rolled back (rollback 1); running config equals the pre-push config
"""
