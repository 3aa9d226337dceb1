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
      - The CGW's outside (internet-routable) IPv4 address, or a private address for private VPNs.
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

import ipaddress

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications

from ansible_collections.hybridvpn.s2s.plugins.module_utils import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils import vpn_request

ASN_MAX = 4294967294
ASN_2BYTE_FIELD_MAX = 2147483647  # larger ASNs go in BgpAsnExtended
RESERVED_ASNS = (7224,)
DEVICE_NAME_MAX = 255
LIVE_STATES = ("pending", "available")


def problems(params: dict) -> list:
    found = []
    if params["state"] != "present":
        return found
    if params["bgp_asn"] is None and not params["customer_gateway_id"]:
        found.append(("bgp_asn", "cgw.asn_required", "is required with state=present"))
    elif params["bgp_asn"] is not None:
        if not 1 <= params["bgp_asn"] <= ASN_MAX:
            found.append(("bgp_asn", "asn.range", "must be within 1-%d (got %d)" % (ASN_MAX, params["bgp_asn"])))
        elif params["bgp_asn"] in RESERVED_ASNS:
            found.append(("bgp_asn", "asn.reserved", "%d is reserved by AWS" % params["bgp_asn"]))
    if params["ip_address"]:
        try:
            ipaddress.ip_address(params["ip_address"])
        except ValueError:
            found.append(("ip_address", "cgw.ip_address", "%r is not an IP address" % params["ip_address"]))
    elif not params["certificate_arn"] and not params["customer_gateway_id"]:
        found.append(("ip_address", "cgw.ip_required", "is required unless certificate_arn is given"))
    if params["device_name"] is not None and not 0 < len(params["device_name"]) <= DEVICE_NAME_MAX:
        found.append(("device_name", "cgw.device_name", "must be 1 to %d characters" % DEVICE_NAME_MAX))
    if params["certificate_arn"] and not params["certificate_arn"].startswith("arn:"):
        found.append(("certificate_arn", "cgw.certificate_arn", "must be an ARN (arn:...)"))
    return found


def identity_filters(params: dict) -> list:
    filters = [{"Name": "state", "Values": list(LIVE_STATES)}]
    if params["ip_address"]:
        filters.append({"Name": "ip-address", "Values": [params["ip_address"]]})
    return filters


def find_raw(client, module):
    """The live CGW the parameters identify (Describe shape), or None; ambiguity fails."""
    params = module.params
    if params["customer_gateway_id"]:
        found = api.describe_customer_gateways(client, CustomerGatewayIds=[params["customer_gateway_id"]])
        return next((c for c in found if c.get("State") in LIVE_STATES), None)
    found = api.describe_customer_gateways(client, Filters=identity_filters(params))
    # Filters narrow the search; the check here is exact (a bgp-asn filter would miss BgpAsnExtended,
    # and not every endpoint honours the state filter).
    matches = [c for c in found if c.get("State") in LIVE_STATES and same_identity(normalize.customer_gateway(c), params)]
    if len(matches) > 1:
        module.fail_json(msg="%d customer gateways match ip_address, bgp_asn and device_name (%s); set customer_gateway_id"
                         % (len(matches), ", ".join(c["CustomerGatewayId"] for c in matches)))
    return matches[0] if matches else None


def same_identity(gateway: dict, params: dict) -> bool:
    return (gateway["ip_address"] == params["ip_address"] and gateway["bgp_asn"] == params["bgp_asn"]
            and (gateway["device_name"] or None) == params["device_name"])


def create_request(params: dict) -> dict:
    request = {"Type": "ipsec.1"}
    asn = params["bgp_asn"]
    request["BgpAsnExtended" if asn > ASN_2BYTE_FIELD_MAX else "BgpAsn"] = asn
    for key, api_key in (("ip_address", "IpAddress"), ("device_name", "DeviceName"), ("certificate_arn", "CertificateArn")):
        if params[key]:
            request[api_key] = params[key]
    specs = boto3_tag_specifications(params["tags"], ["customer-gateway"])
    if specs:
        request["TagSpecifications"] = specs
    return request


def ensure_present(client, module, current):
    params = module.params
    if current is None:
        if module.check_mode:
            predicted = {"customer_gateway_id": None, "state": "available", "type": "ipsec.1",
                         "ip_address": params["ip_address"], "bgp_asn": params["bgp_asn"],
                         "device_name": params["device_name"], "certificate_arn": params["certificate_arn"],
                         "tags": params["tags"] or {}}
            return True, predicted
        created = api.create_customer_gateway(client, lambda: find_raw(client, module), **create_request(params))
        return True, normalize.customer_gateway(created)
    if params["certificate_arn"] and params["certificate_arn"] != current["certificate_arn"]:
        module.fail_json(msg="certificate_arn differs from customer gateway %s (%s); AWS cannot change a customer gateway, "
                             "create a new one and move the VPN connections to it"
                             % (current["customer_gateway_id"], current["certificate_arn"]))
    changed = api.ensure_tags(client, module, current["customer_gateway_id"], current["tags"], params["tags"],
                              params["purge_tags"])
    if not changed:
        return False, current
    to_set, to_unset = api.tag_changes(current["tags"], params["tags"], params["purge_tags"])
    after = dict(current, tags={k: v for k, v in dict(current["tags"], **to_set).items() if k not in to_unset})
    return True, after


def ensure_absent(client, module, current):
    if current is None:
        return False, {}
    if not module.check_mode:
        api.delete_customer_gateway(client, current["customer_gateway_id"])
    return True, {}


def main():
    argument_spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        customer_gateway_id=dict(type="str"),
        ip_address=dict(type="str"),
        bgp_asn=dict(type="int"),
        device_name=dict(type="str"),
        certificate_arn=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AnsibleAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    found = problems(module.params)
    if found:
        module.fail_json(msg=vpn_request.format_problems(found),
                         problems=[{"field": f, "rule": r, "message": m} for f, r, m in found])
    client = api.ec2_client(module)
    try:
        raw = find_raw(client, module)
        current = normalize.customer_gateway(raw) if raw else None
        if module.params["state"] == "present":
            changed, after = ensure_present(client, module, current)
        else:
            changed, after = ensure_absent(client, module, current)
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=changed, customer_gateway=after, diff={"before": current or {}, "after": after})


if __name__ == "__main__":
    main()
