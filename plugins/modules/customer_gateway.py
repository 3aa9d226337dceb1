#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: customer_gateway
short_description: Manage AWS customer gateways identified by IP, ASN and device name
version_added: 1.0.0
description:
  - Creates, tags and deletes an AWS Site-to-Site VPN customer gateway (CGW).
  - A gateway is identified by O(ip_address), O(bgp_asn) and O(device_name) together (or by
    O(customer_gateway_id)), so two CGWs behind the same address with different ASNs or device
    names are distinct, unlike M(community.aws.ec2_customer_gateway) which matches by IP only.
  - ASNs above 2147483647 are sent as C(BgpAsnExtended); the deprecated C(PublicIp) is never used.
  - AWS cannot change a customer gateway in place; a differing O(certificate_arn) fails with an
    explanation instead of silently replacing the gateway.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  state:
    description: Whether the customer gateway exists.
    type: str
    choices: [present, absent]
    default: present
  customer_gateway_id:
    description:
      - The CGW to manage. Without it the gateway is found by O(ip_address), O(bgp_asn) and O(device_name).
    type: str
  ip_address:
    description:
      - The CGW's outside address - public IPv4; RFC 1918/6598 IPv4 for a private IP VPN over Direct Connect
        (C(OutsideIpAddressType=PrivateIpv4)); or IPv6 for IPv6 outside tunnel addresses (C(Ipv6), transit gateway only).
      - An IPv6 address is compared and sent in its compressed form.
      - Required with O(state=present) unless O(certificate_arn) is given.
    type: str
  bgp_asn:
    description:
      - The CGW's BGP ASN, 1 to 4294967294; 7224 is reserved by AWS.
      - Values above 2147483647 are sent as C(BgpAsnExtended).
      - Required with O(state=present).
    type: int
  device_name:
    description: A name for the customer gateway device (at most 255 characters); part of the identity.
    type: str
  certificate_arn:
    description: ARN of an AWS Private CA certificate for certificate-authenticated tunnels.
    type: str
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
  - Retries throttling and 5xx answers with jittered backoff; a create interrupted by a 5xx is
    looked up before it is retried, so no duplicate gateway is left behind.
"""

EXAMPLES = r"""
- name: A customer gateway for a branch router
  hybridvpn.s2s.customer_gateway:
    ip_address: 203.0.113.10
    bgp_asn: 65010
    device_name: branch1-rtr1
    tags:
      Name: branch1-rtr1
  register: cgw

- name: A 4-byte ASN (sent as BgpAsnExtended)
  hybridvpn.s2s.customer_gateway:
    ip_address: 203.0.113.11
    bgp_asn: 4200000010
    device_name: branch2-srx

- name: Remove it
  hybridvpn.s2s.customer_gateway:
    state: absent
    ip_address: 203.0.113.10
    bgp_asn: 65010
    device_name: branch1-rtr1
"""

RETURN = r"""
customer_gateway:
  description: The customer gateway (empty after O(state=absent)).
  returned: always
  type: dict
  contains:
    customer_gateway_id:
      description: The CGW's ID.
      type: str
      sample: cgw-0123456789abcdef0
    state:
      description: pending, available, deleting or deleted.
      type: str
      sample: available
    type:
      description: The VPN type.
      type: str
      sample: ipsec.1
    ip_address:
      description: The CGW's outside address.
      type: str
      sample: 203.0.113.10
    bgp_asn:
      description: The ASN, whichever of C(BgpAsn) and C(BgpAsnExtended) AWS used.
      type: int
      sample: 65010
    device_name:
      description: The device name.
      type: str
      sample: branch1-rtr1
    certificate_arn:
      description: The certificate ARN, if any.
      type: str
    tags:
      description: The tags.
      type: dict
      sample: {"Name": "branch1-rtr1"}
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import customer_gateway_manager as cgws
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import resource_module
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize


def main():
    resource_module.run(cgws, normalize.customer_gateway, "customer_gateway")


if __name__ == "__main__":
    main()
