# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_undo_record
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Record, on the device, what a push changes in settings the device shares
description:
  - The lines a push adds so that P(hybridvpn.s2s.cgw_removal#filter) can later put back the shared settings it
    adds or changes (IOS-XE archive settings and BGP router options, networks and maximum-paths; Junos AS, TCP MSS,
    ECMP policy and export; VyOS IPsec interface, route autoinstall, system-as, networks and maximum-paths) as they
    were before. One entry per setting, written the first time a push touches it, holding what the device had there
    (its value, or that it had none) and never a key.
  - IOS-XE C(event manager environment s2s_undo_<id> ...), Junos C(set apply-macro s2s-undo k<id> "..."),
    VyOS C(set policy prefix-list S2S-UNDO-<id> description '...') (a prefix-list without rules).
options:
  _input:
    description: The device's configuration text before the push (as for P(hybridvpn.s2s.cgw_removal#filter)).
    type: str
    required: true
  platform:
    description: Platform of the text.
    type: str
    choices: [ios, junos, vyos]
    required: true
  wanted:
    description: The config the push renders (IOS-XE indented text with the archive settings, Junos/VyOS set lines).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Record what the push changes in shared settings
  ansible.builtin.set_fact:
    record: "{{ cgw_config_text | hybridvpn.s2s.cgw_undo_record('junos', lookup('ansible.builtin.template', 'config.j2')) }}"
"""

RETURN = r"""
_value:
  description: The record lines to push with the change (IOS-XE global config lines, Junos/VyOS C(set) lines); [] when nothing new.
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_undo
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry


def cgw_undo_record(text, platform, wanted):
    if platform not in registry.platforms():
        raise AnsibleFilterError("cgw_undo_record: platform %r is not supported" % platform)
    return cgw_undo.record(platform, text, wanted)


class FilterModule:
    def filters(self):
        return {"cgw_undo_record": cgw_undo_record}
