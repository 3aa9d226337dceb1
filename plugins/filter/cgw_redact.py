# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_redact
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Hide a device's pre-shared keys in a message
description:
  - Replaces every tunnel key of P(hybridvpn.s2s.cgw_render#filter)'s result in a text with C(<key hidden>), so
    a device error from a task that carried keys can be reported.
options:
  _input:
    description: The message.
    type: raw
    required: true
  render:
    description: The P(hybridvpn.s2s.cgw_render#filter) result whose tunnel keys to hide.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Report a failed push without its keys
  ansible.builtin.fail:
    msg: "{{ ansible_failed_result.msg | hybridvpn.s2s.cgw_redact(cgw_render) }}"
"""

RETURN = r"""
_value:
  description: The message without keys.
  type: str
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk


def cgw_redact(text, render):
    return psk.redact(text, [t.get("pre_shared_key") for t in (render or {}).get("tunnels", [])])


class FilterModule:
    def filters(self):
        return {"cgw_redact": cgw_redact}
