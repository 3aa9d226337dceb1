# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_pending
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The intended config lines a device does not have yet
description:
  - Compares intended config with a device's running config read once, and returns the lines still to
    send, so the cgw roles load only those into a candidate (one round trip per line) and send nothing
    when the device already has everything.
  - Junos and VyOS take C(set) lines (other lines such as C(delete) are always kept); a Junos key stored
    as C($9$...) counts as present when it decodes to the intended key. IOS takes the candidate text and
    returns the lines with their parents, as C(ansible.netcommon.cli_config) with C(diff_match=line) sends them.
options:
  _input:
    description: The intended config, a list of set lines (Junos, VyOS) or config text (IOS).
    type: raw
    required: true
  running:
    description: The running config text (Junos C(show configuration | display set), VyOS C(show configuration commands), IOS C(show running-config)).
    type: str
    required: true
  platform:
    description: The platform.
    type: str
    required: true
    choices: [ios, junos, vyos, vyos13]
"""

EXAMPLES = r"""
- name: Keep only the lines the device lacks
  ansible.builtin.set_fact:
    pending: "{{ lines | hybridvpn.s2s.cgw_pending(running_text, 'junos') }}"
  no_log: true
"""

RETURN = r"""
_value:
  description: The lines still to send, in order.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_pending as pending


def cgw_pending(intended, running, platform):
    try:        # an empty template renders as None
        return pending.pending(intended, running, platform)
    except ValueError as exc:
        raise AnsibleFilterError("cgw_pending: %s" % exc) from exc


class FilterModule:
    def filters(self):
        return {"cgw_pending": cgw_pending}
