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

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read  # noqa: E402  pylint: disable=wrong-import-position


def compliance_platform(host_vars):
    if host_vars.get("cgw_platform"):
        return host_vars["cgw_platform"]
    try:
        return cgw_read.platform(host_vars.get("ansible_network_os"))
    except cgw_read.ReadError as exc:
        raise AnsibleFilterError("compliance_device_hosts: host %s has no cgw_platform and %s" % (host_vars.get("inventory_hostname"), exc)) from exc


class FilterModule:
    def filters(self):
        return {"compliance_platform": compliance_platform}
