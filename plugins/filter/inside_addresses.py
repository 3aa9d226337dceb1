# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: inside_addresses
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: AWS and customer-gateway addresses of a tunnel inside CIDR
description:
  - Checks a tunnel inside CIDR against AWS's rules (a /30 in 169.254.0.0/16 outside the reserved
    blocks, or a /126 in fd00::/8) and returns the AWS address (first host) and the CGW address (second).
options:
  _input:
    description: The inside CIDR.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Addresses of a tunnel
  ansible.builtin.debug:
    msg: "{{ '169.254.10.0/30' | hybridvpn.s2s.inside_addresses }}"
  # -> {cidr: 169.254.10.0/30, aws: 169.254.10.1, cgw: 169.254.10.2, prefixlen: 30, netmask: 255.255.255.252}
"""

RETURN = r"""
_value:
  description: Addresses of the tunnel.
  type: dict
  contains:
    cidr:
      description: The CIDR.
      type: str
    aws:
      description: AWS side inside address.
      type: str
    cgw:
      description: Customer gateway inside address.
      type: str
    prefixlen:
      description: Prefix length.
      type: int
    netmask:
      description: Netmask (dotted for IPv4).
      type: str
"""

import ipaddress

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr


def inside_addresses(cidr):
    try:
        version = ipaddress.ip_network(str(cidr), strict=False).version
        return inside_cidr.addresses(inside_cidr.check(cidr, version))
    except ValueError as exc:  # ipaddress's, or the model's (S2SError is a ValueError)
        raise AnsibleFilterError("inside CIDR %s" % exc)


class FilterModule:
    def filters(self):
        return {"inside_addresses": inside_addresses}
