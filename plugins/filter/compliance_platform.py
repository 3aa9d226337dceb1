# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: compliance_platform
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The config dialect of an inventory host (compliance role)
description:
  - C(cgw_platform) when the host has it, else derived from C(ansible_network_os).
options:
  _input:
    description: The host's variables (C(hostvars[host])).
    type: dict
    required: true
"""

EXAMPLES = r"""
platform: "{{ hostvars['lab-ios'] | hybridvpn.s2s.compliance_platform }}"
"""

RETURN = r"""
_value:
  description: ios, junos, vyos or vyos13.
  type: str
"""

from ansible.errors import AnsibleFilterError  # noqa: E402  pylint: disable=wrong-import-position

_NETWORK_OS = {"cisco.ios.ios": "ios", "ios": "ios", "junipernetworks.junos.junos": "junos", "junos": "junos",
               "vyos.vyos.vyos": "vyos", "vyos": "vyos"}


def compliance_platform(host_vars):
    if host_vars.get("cgw_platform"):
        return host_vars["cgw_platform"]
    network_os = host_vars.get("ansible_network_os")
    if network_os not in _NETWORK_OS:
        raise AnsibleFilterError("compliance_device_hosts: host %s has no cgw_platform and ansible_network_os %r is not one of %s"
                                 % (host_vars.get("inventory_hostname"), network_os, ", ".join(sorted(_NETWORK_OS))))
    return _NETWORK_OS[network_os]


class FilterModule:
    def filters(self):
        return {"compliance_platform": compliance_platform}
