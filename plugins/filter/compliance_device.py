# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: compliance_device
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: A fetched running config as a vpn_audit device entry (compliance role)
description:
  - Turns a (host, config text) pair into C({name, platform, config}) for M(hybridvpn.s2s.vpn_audit).
options:
  _input:
    description: A two-item list, inventory host name and the config text it printed.
    type: list
    elements: str
    required: true
  platforms:
    description: Host name -> platform (ios, junos, vyos, vyos13).
    type: dict
    required: true
"""

EXAMPLES = r"""
devices: "{{ hosts | zip(texts) | map('hybridvpn.s2s.compliance_device', platforms) | list }}"
"""

RETURN = r"""
_value:
  description: C({name, platform, config}).
  type: dict
"""


def compliance_device(pair, platforms):
    host, text = pair
    return {"name": host, "platform": platforms[host], "config": text}


class FilterModule:
    def filters(self):
        return {"compliance_device": compliance_device}
