# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_estate_args
author: hybridvpn.s2s contributors
version_added: 1.1.0
short_description: Options of M(hybridvpn.s2s.vpn_estate) for a whole plan
description:
  - C(customer_gateways), C(connections) or C(pre_shared_keys) of M(hybridvpn.s2s.vpn_estate) for a plan of
    P(hybridvpn.s2s.vpn_plan#filter). Items are named by CGW name and by connection key.
  - C(cloudwan_attachments) gives the options of M(hybridvpn.s2s.cloudwan_vpn_attachment) for each connection of a
    C(cloudwan) gateway that exists (O(connection_ids)), tagged with the gateway's C(attachment_tags).
  - Connections whose gateway has no id in O(gateway_ids) yet (check mode on a new estate) are left out.
  - C(pre_shared_keys) holds keys; pass it only to the module's C(pre_shared_keys) option (which is no_log).
options:
  _input:
    description: The plan.
    type: dict
    required: true
  part:
    description: Which option.
    type: str
    choices: [customer_gateways, connections, pre_shared_keys, cloudwan_attachments]
    required: true
  gateway_ids:
    description: VGW or TGW id by gateway name (for C(connections)).
    type: dict
    default: {}
  route_tables:
    description: The TGW route table to associate with and propagate to, by gateway name (for C(connections)).
    type: dict
    default: {}
  intent:
    description:
      - The intent the plan was built from (for C(pre_shared_keys)). Each planned tunnel names the field of the
        intent that gives its key (C(psk_ref)); only those keys are returned, tunnel 1 first.
      - Without it no key is returned (AWS generates every key).
    type: dict
  log_group_arns:
    description: Tunnel log group by connection key (for C(connections)); none leaves logging alone.
    type: dict
    default: {}
  log_format:
    description: Tunnel log format.
    type: str
    choices: [json, text]
    default: json
  concentrator_ids:
    description: VPN concentrator id by gateway name (for C(connections) of gateways with C(concentrator)).
    type: dict
    default: {}
  connection_ids:
    description: VPN connection id by connection key (for C(cloudwan_attachments)).
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: The whole estate
  hybridvpn.s2s.vpn_estate:
    customer_gateways: "{{ plan | hybridvpn.s2s.vpn_estate_args('customer_gateways') }}"
    connections: "{{ plan | hybridvpn.s2s.vpn_estate_args('connections', gateway_ids=ids, route_tables=tables) }}"
    pre_shared_keys: "{{ plan | hybridvpn.s2s.vpn_estate_args('pre_shared_keys', intent=s2s_intent) }}"
"""

RETURN = r"""
_value:
  description: A list of dicts (customer_gateways, connections) or a dict of key lists (pre_shared_keys).
  type: raw
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_args
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def vpn_estate_args(plan, part, gateway_ids=None, route_tables=None, intent=None, log_group_arns=None, log_format="json",
                    concentrator_ids=None, connection_ids=None):
    if part == "customer_gateways":
        return aws_args.estate_customer_gateways(plan)
    if part == "connections":
        return aws_args.estate_connections(plan, gateway_ids or {}, route_tables or {}, log_group_arns, log_format,
                                           concentrator_ids)
    if part == "pre_shared_keys":
        try:
            return aws_args.estate_keys(plan, intent)
        except S2SError as exc:
            raise AnsibleFilterError(str(exc))
    if part == "cloudwan_attachments":
        return aws_args.estate_attachments(plan, gateway_ids or {}, connection_ids or {})
    raise AnsibleFilterError("part must be customer_gateways, connections, pre_shared_keys or cloudwan_attachments")


class FilterModule:
    def filters(self):
        return {"vpn_estate_args": vpn_estate_args}
