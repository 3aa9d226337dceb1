#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: transit_gateway_vpn_routing
short_description: Associate a VPN's transit gateway attachment with a route table and manage its propagations
version_added: 1.0.0
description:
  - A VPN connection to a transit gateway (TGW) gets a TGW attachment of type C(vpn). This module
    associates that attachment with one TGW route table and enables or disables the propagation of
    its routes into TGW route tables, which amazon.aws has no module for.
  - The attachment is found from O(vpn_connection_id) or given as O(transit_gateway_attachment_id).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  state:
    description:
      - V(present) associates with O(association_route_table_id) and enables propagation to O(propagation_route_table_ids).
      - V(absent) removes that association (if it is the current one) and disables those propagations.
    type: str
    choices: [present, absent]
    default: present
  vpn_connection_id:
    description: The VPN connection whose TGW attachment to manage.
    type: str
  transit_gateway_attachment_id:
    description: The TGW attachment to manage (instead of O(vpn_connection_id)).
    type: str
  association_route_table_id:
    description:
      - The route table the attachment is associated with. An attachment has at most one association;
        an association with another table is removed first. Unset leaves the association alone.
    type: str
  propagation_route_table_ids:
    description: Route tables the attachment's routes propagate to.
    type: list
    elements: str
    default: []
  purge_propagations:
    description: With O(state=present), disable propagation to every other route table of the transit gateway.
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait for an old association to go away before the new one is made.
    type: int
    default: 300
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
"""

EXAMPLES = r"""
- name: Route a branch VPN through the "branches" table, propagating into "shared"
  hybridvpn.s2s.transit_gateway_vpn_routing:
    vpn_connection_id: "{{ vpn.vpn_connection.vpn_connection_id }}"
    association_route_table_id: tgw-rtb-0aaaaaaaaaaaaaaaa
    propagation_route_table_ids:
      - tgw-rtb-0bbbbbbbbbbbbbbbb
    purge_propagations: true
"""

RETURN = r"""
transit_gateway_attachment_id:
  description: The VPN's TGW attachment.
  returned: always
  type: str
  sample: tgw-attach-0123456789abcdef0
association_route_table_id:
  description: The route table the attachment is associated with after the task (null if none).
  returned: always
  type: str
propagation_route_table_ids:
  description: The route tables the attachment propagates to after the task, sorted.
  returned: always
  type: list
  elements: str
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import tgw_vpn_routing as routing


def find_attachment(client, module) -> dict:
    params = module.params
    if params["transit_gateway_attachment_id"]:
        found = api.describe_transit_gateway_attachments(client, TransitGatewayAttachmentIds=[params["transit_gateway_attachment_id"]])
        found = [a for a in found if a.get("State") in routing.LIVE]
    else:
        found = list(routing.vpn_attachments(client, [params["vpn_connection_id"]]).values())
    if not found:
        module.fail_json(msg="no live transit gateway attachment for %s"
                         % (params["transit_gateway_attachment_id"] or params["vpn_connection_id"]))
    return found[0]


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            state=dict(type="str", choices=["present", "absent"], default="present"),
            vpn_connection_id=dict(type="str"),
            transit_gateway_attachment_id=dict(type="str"),
            association_route_table_id=dict(type="str"),
            propagation_route_table_ids=dict(type="list", elements="str", default=[]),
            purge_propagations=dict(type="bool", default=False),
            wait_timeout=dict(type="int", default=300),
        ),
        required_one_of=[("vpn_connection_id", "transit_gateway_attachment_id")],
        mutually_exclusive=[("vpn_connection_id", "transit_gateway_attachment_id")],
        supports_check_mode=True,
    )
    client = api.ec2_client(module)
    try:
        attachment = find_attachment(client, module)
        attachment_id = attachment["TransitGatewayAttachmentId"]
        current_assoc = routing.association(attachment)
        current_props = routing.propagations(client, attachment["TransitGatewayId"]).get(attachment_id, set())
        todo = routing.plan(module.params, current_assoc, current_props)
        changed = routing.needed(todo)
        if changed and not module.check_mode:
            routing.apply(client, module.params, attachment_id, todo)
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    before, after = routing.views(current_assoc, current_props, todo)
    module.exit_json(changed=changed, transit_gateway_attachment_id=attachment_id, diff={"before": before, "after": after}, **after)


if __name__ == "__main__":
    main()
