#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_concentrator
short_description: Manage AWS Site-to-Site VPN concentrators
version_added: 1.0.0
description:
  - Creates, tags and deletes a VPN concentrator (AWS, November 2025), which aggregates many site VPN connections
    on one transit gateway attachment (about 100 Mbps per site, 5 Gbps in all, by AWS's announcement).
  - Connections join a concentrator when they are created, with O(hybridvpn.s2s.vpn_connection#module:vpn_concentrator_id);
    AWS takes only BGP connections to the concentrator's transit gateway.
  - A concentrator is found by O(vpn_concentrator_id), else by the C(Name) tag (and O(transit_gateway_id) when given).
    AWS cannot change a concentrator, so only its tags converge.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  state:
    description: Whether the concentrator exists.
    type: str
    choices: [present, absent]
    default: present
  vpn_concentrator_id:
    description: The concentrator to manage.
    type: str
  transit_gateway_id:
    description: The transit gateway it attaches to. Required to create one.
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
  - Without O(vpn_concentrator_id), O(tags) must have a C(Name) (the identity).
"""

EXAMPLES = r"""
- name: One concentrator for the branch offices on the transit gateway
  hybridvpn.s2s.vpn_concentrator:
    transit_gateway_id: "{{ tgw_id }}"
    tags:
      Name: branches
  register: concentrator

- name: A branch connection on it (BGP only)
  hybridvpn.s2s.vpn_connection:
    customer_gateway_id: "{{ cgw_id }}"
    transit_gateway_id: "{{ tgw_id }}"
    vpn_concentrator_id: "{{ concentrator.vpn_concentrator.vpn_concentrator_id }}"
    tags:
      Name: branch7

- name: Remove it (its connections first)
  hybridvpn.s2s.vpn_concentrator:
    state: absent
    tags:
      Name: branches
"""

RETURN = r"""
vpn_concentrator:
  description: The concentrator (empty after O(state=absent)).
  returned: always
  type: dict
  contains:
    vpn_concentrator_id:
      description: Its ID (null in check mode before it exists).
      type: str
      sample: vcn-0123456789abcdef0
    state:
      description: As AWS reports it.
      type: str
      sample: available
    type:
      description: The type.
      type: str
      sample: ipsec.1
    transit_gateway_id:
      description: The transit gateway.
      type: str
    transit_gateway_attachment_id:
      description: Its transit gateway attachment.
      type: str
    tags:
      description: The tags.
      type: dict
      sample: {"Name": "branches"}
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import resource_module
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_concentrator_manager as concentrators


def main():
    resource_module.run(concentrators, concentrators.concentrator, "vpn_concentrator")


if __name__ == "__main__":
    main()
