#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudwan_vpn_attachment
short_description: Attach a Site-to-Site VPN connection to an AWS Cloud WAN core network
version_added: 1.0.0
description:
  - Creates, accepts and deletes a Network Manager site-to-site VPN attachment, which puts a VPN connection created on
    no gateway (O(hybridvpn.s2s.vpn_connection#module:cloudwan=true)) on a Cloud WAN core network, at the edge location of
    the connection's Region (O(region)).
  - The core network's policy chooses the attachment's segment from its O(tags) (its attachment policies) and may ask the
    core network owner to accept it; O(accept=true) accepts it. AWS creates an attachment only in the account that owns
    the core network, so the connection's ARN is built with that account.
  - An attachment is found by O(attachment_id), else by O(core_network_id) and O(vpn_connection_id).
    Its tags are set when it is created; a change is refused (they choose the segment), delete and attach again.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  state:
    description: Whether the attachment exists.
    type: str
    choices: [present, absent]
    default: present
  attachment_id:
    description: The attachment to manage.
    type: str
  core_network_id:
    description: The core network (C(core-network-...)). Required without O(attachment_id).
    type: str
  vpn_connection_id:
    description: The VPN connection to attach, in the Region given by O(region). Required without O(attachment_id).
    type: str
  segment:
    description:
      - The segment the attachment must land in; the module fails, naming the segment the policy chose, when it does not.
      - Unset, any segment is taken.
    type: str
  accept:
    description: Accept the attachment when the core network policy asks for acceptance (PENDING_ATTACHMENT_ACCEPTANCE).
    type: bool
    default: false
  tags:
    description: The attachment's tags, which the core network policy's attachment policies match to choose the segment.
    type: dict
    aliases: [resource_tags]
  wait:
    description: Wait until the attachment settles (AVAILABLE or pending acceptance), or is gone after O(state=absent).
    type: bool
    default: true
  wait_timeout:
    description: How long to wait, in seconds.
    type: int
    default: 600
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
  - Delete the attachment before its VPN connection.
"""

EXAMPLES = r"""
- name: A connection on no gateway for Cloud WAN (BGP)
  hybridvpn.s2s.vpn_connection:
    customer_gateway_id: "{{ cgw_id }}"
    cloudwan: true
    tags:
      Name: branch7
  register: branch

- name: Attach it to the core network's segment for sites, accepting it
  hybridvpn.s2s.cloudwan_vpn_attachment:
    core_network_id: core-network-0123456789abcdef0
    vpn_connection_id: "{{ branch.vpn_connection.vpn_connection_id }}"
    tags:
      segment: sites
    segment: sites
    accept: true

- name: Detach it (before the connection is deleted)
  hybridvpn.s2s.cloudwan_vpn_attachment:
    state: absent
    core_network_id: core-network-0123456789abcdef0
    vpn_connection_id: "{{ branch.vpn_connection.vpn_connection_id }}"
"""

RETURN = r"""
cloudwan_vpn_attachment:
  description: The attachment (empty after O(state=absent)).
  returned: always
  type: dict
  contains:
    attachment_id:
      description: Its ID (null in check mode before it exists).
      type: str
      sample: attachment-0123456789abcdef0
    state:
      description: As Network Manager reports it (CREATING, PENDING_ATTACHMENT_ACCEPTANCE, AVAILABLE, ...).
      type: str
      sample: AVAILABLE
    core_network_id:
      description: The core network.
      type: str
    core_network_arn:
      description: The core network's ARN.
      type: str
    edge_location:
      description: The Region of the core network edge it attaches to (the connection's).
      type: str
      sample: us-east-1
    segment:
      description: The segment the core network policy put it in.
      type: str
      sample: sites
    vpn_connection_arn:
      description: The attached VPN connection's ARN.
      type: str
    owner_account_id:
      description: The account that owns it.
      type: str
    tags:
      description: The tags.
      type: dict
      sample: {"segment": "sites"}
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import cloudwan_attachment_manager as attachments
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import resource_module


def main():
    resource_module.run(attachments, attachments.attachment, "cloudwan_vpn_attachment", api.networkmanager_client)


if __name__ == "__main__":
    main()
