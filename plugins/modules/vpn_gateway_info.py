#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_gateway_info
short_description: Read the gateways of a VPN estate and say whether each is already as planned
version_added: 1.0.0
description:
  - For each planned gateway, reads its VPC, its virtual private gateway (attachment and route propagation of the
    main route table) or its transit gateway (attachment subnet and VPC attachment), and says whether the stock
    amazon.aws modules the C(hybridvpn.s2s.aws_vpn) role builds gateways with would change anything.
  - The role runs those modules only for gateways that are missing or differ, so a run with no change costs one
    read instead of a module run per resource.
  - Conservative; anything unexpected (no match, several matches, a resource not yet available, other tags,
    a missing CIDR, subnet or propagation) counts as drift and the gateway goes through the stock modules.
  - Differences the stock modules never correct (the ASN of an existing gateway, the options of an existing TGW)
    are returned as RV(gateways[].warnings) and passed on as warnings.
  - A C(cloudwan) gateway is a Cloud WAN core network the collection does not build; it is read (Network Manager
    GetCoreNetwork) and in sync when it exists and is AVAILABLE; its site-to-site VPN attachments at the edge location
    of O(region) are returned as RV(gateways[].attachments).
  - Only reads; never changes anything.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  gateways:
    description: The planned gateways, as the C(hybridvpn.s2s.vpn_plan) filter returns them.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: Gateway name (the VGW Name tag, the TGW description).
        type: str
        required: true
      type:
        description: Virtual private gateway, transit gateway or Cloud WAN core network.
        type: str
        required: true
        choices: [vgw, tgw, cloudwan]
      amazon_side_asn:
        description: The Amazon side ASN.
        type: int
        required: true
      vpc_cidrs:
        description: CIDRs of the VPC; the first one identifies a VPC the role creates.
        type: list
        elements: str
        required: true
      vpc_id:
        description: An existing VPC to use; the role never changes it.
        type: str
      ecmp:
        description: VPN ECMP support on the TGW.
        type: bool
        default: false
      concentrator:
        description:
          - Whether the gateway's sites share a VPN Concentrator (a TGW only). The concentrator is the
            C(hybridvpn.s2s.vpn_concentrator) module's; the gateway itself is read and judged the same either way.
        type: bool
        default: false
      region:
        description: The gateway's Region (default O(region)); the gateways of each Region and account are read with a client of their own.
        type: str
      account_role_arn:
        description: The IAM role to assume to read it (C(sts:AssumeRole), once per role); default the module's credentials.
        type: str
      account:
        description: The name the intent gives its account (the plan resolves it into O(gateways[].account_role_arn)); not used here.
        type: str
      core_network_id:
        description: The Cloud WAN core network (C(cloudwan) only).
        type: str
      segment:
        description: The segment its attachments must land in (C(cloudwan) only; the attachment module checks it).
        type: str
      attachment_tags:
        description: The tags the role gives its attachments (C(cloudwan) only).
        type: dict
        default: {}
  tags:
    description: Tags every resource of the estate carries.
    type: dict
    default: {}
  create_vpcs:
    description: Whether the role creates a VPC for a gateway without O(gateways[].vpc_id).
    type: bool
    default: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode (it only reads).
"""

EXAMPLES = r"""
- name: Which gateways need the stock modules
  hybridvpn.s2s.vpn_gateway_info:
    gateways:
      - name: tgw-prod
        type: tgw
        amazon_side_asn: 64513
        vpc_cidrs: [10.20.0.0/16]
        ecmp: true
    tags:
      project: prod
  register: gateway_state

- name: Build only those
  ansible.builtin.include_tasks: gateway.yml
  loop: "{{ gateway_state.gateways | rejectattr('in_sync') }}"
"""

RETURN = r"""
gateways:
  description: One entry per planned gateway, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The gateway name.
      type: str
    type:
      description: vgw, tgw or cloudwan.
      type: str
    in_sync:
      description: True when the stock modules would change nothing for this gateway.
      type: bool
    drift:
      description: Why not, one line per difference.
      type: list
      elements: str
      sample: ["subnet 10.20.0.0/28: not found"]
    warnings:
      description: Differences the stock modules never correct.
      type: list
      elements: str
    vpc_id:
      description: The VPC (empty when there is none yet).
      type: str
    gateway_id:
      description: The VGW or TGW ID, or the core network ID of a C(cloudwan) gateway (empty when there is none yet).
      type: str
    attachments:
      description: A C(cloudwan) gateway's site-to-site VPN attachments at the Region's edge location.
      type: list
      elements: dict
      sample: [{"attachment_id": "attachment-0123456789abcdef0", "state": "AVAILABLE", "segment": "sites"}]
    route_table_id:
      description: The TGW's default association route table (empty for a VGW).
      type: str
    region:
      description: The Region it was read in.
      type: str
    account_id:
      description: The account of its O(gateways[].account_role_arn) (none for the module's credentials).
      type: str
    desired:
      description: Names, tags and CIDRs of each resource of the gateway, as the role passes them to the stock modules.
      type: dict
      sample: {"vpc": {"name": "s2s-tgw-prod", "cidrs": ["10.20.0.0/16"], "tags": {"s2s:gateway": "tgw-prod"}}}
"""

from ansible_collections.amazon.aws.plugins.module_utils import ec2
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.transitgateway import get_states as attachment_states
from ansible_collections.amazon.aws.plugins.module_utils.transformation import ansible_dict_to_boto3_filter_list

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import estate_placement
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import cloudwan_attachment_manager as attachments
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import gateway_sync as sync

GATEWAY_OPTIONS = dict(
    name=dict(type="str", required=True),
    type=dict(type="str", required=True, choices=["vgw", "tgw", "cloudwan"]),
    amazon_side_asn=dict(type="int", required=True),
    vpc_cidrs=dict(type="list", elements="str", required=True),
    vpc_id=dict(type="str"),
    ecmp=dict(type="bool", default=False),
    concentrator=dict(type="bool", default=False),
    region=dict(type="str"),
    account_role_arn=dict(type="str"),
    account=dict(type="str"),
    core_network_id=dict(type="str"),
    segment=dict(type="str"),
    attachment_tags=dict(type="dict", default={}),
)


def filters(**values) -> list:
    return ansible_dict_to_boto3_filter_list(values)


def read_vpc(client, gateway: dict, want: dict, create_vpcs: bool, reasons: list) -> str:
    """The VPC ID the gateway tasks would use: given, found, or '' (none: the stock tasks do nothing then)."""
    if gateway["vpc_id"]:
        return gateway["vpc_id"]
    if not create_vpcs:
        return ""
    vpcs = ec2.describe_vpcs(client, Filters=filters(**{"tag:Name": want["name"], "cidr-block": [want["cidrs"][0]]}))
    vpc = sync.vpc_drift(vpcs, want, reasons)
    return vpc["VpcId"] if vpc else ""


def read_core_network(manager, gateway: dict, region: str) -> dict:
    """A cloudwan gateway: its core network, which the collection never builds, and its attachments in ``region``."""
    state = {"name": gateway["name"], "type": "cloudwan", "desired": {}, "gateway_id": "", "route_table_id": "",
             "vpc_id": "", "warnings": [], "attachments": []}
    core = api.get_core_network(manager, gateway["core_network_id"])
    reasons = sync.core_network_drift(core, gateway["core_network_id"])
    if core:
        state["gateway_id"] = core["CoreNetworkId"]
        found = api.list_attachments(manager, CoreNetworkId=core["CoreNetworkId"], AttachmentType=attachments.VPN_TYPE,
                                     EdgeLocation=region)
        state["attachments"] = [attachments.attachment(a) for a in found]
    state.update(in_sync=not reasons, drift=reasons)
    return state


def read_gateway(client, gateway: dict, tags: dict, create_vpcs: bool, transit_gateways) -> dict:
    want = sync.desired(gateway, tags)
    reasons, warnings = [], []
    state = {"name": gateway["name"], "type": gateway["type"], "desired": want, "gateway_id": "", "route_table_id": ""}
    state["vpc_id"] = vpc_id = read_vpc(client, gateway, want["vpc"], create_vpcs, reasons)
    if vpc_id and gateway["type"] == "vgw":
        wanted = {"type": "ipsec.1", "tag:Name": want["vgw"]["name"], "state": ["pending", "available"]}
        vgws = ec2.describe_vpn_gateways(client, Filters=filters(**wanted))
        tables = ec2.describe_route_tables(client, Filters=filters(**{"vpc-id": vpc_id, "association.main": "true"}))
        vgw = sync.vgw_drift(vgws, want["vgw"], vpc_id, tables, reasons, warnings)
        state["gateway_id"] = vgw["VpnGatewayId"] if vgw else ""
    elif vpc_id:
        tgw = sync.tgw_drift(transit_gateways(), want["tgw"], reasons, warnings)
        subnets = ec2.describe_subnets(client, Filters=filters(**{"vpc-id": vpc_id, "cidr-block": want["subnet"]["cidr"]}))
        subnet = sync.subnet_drift(subnets, want["subnet"], reasons)
        if tgw and subnet:
            attachments = ec2.describe_transit_gateway_vpc_attachments(client, Filters=filters(**{
                "transit-gateway-id": tgw["TransitGatewayId"], "tag:Name": want["attachment"]["name"], "vpc-id": vpc_id,
                "state": attachment_states()}))  # where ec2_transit_gateway_vpc_attachment looks
            sync.attachment_drift(attachments, want["attachment"], subnet["SubnetId"], reasons)
        if tgw:
            state["gateway_id"] = tgw["TransitGatewayId"]
            state["route_table_id"] = (tgw.get("Options") or {}).get("AssociationDefaultRouteTableId", "")
    state.update(in_sync=not reasons, drift=reasons, warnings=warnings)
    return state


def read_placement(module, placement, manager) -> list:
    """The states of the gateways of one account and Region, with their client (``manager``: Network Manager's)."""
    found = []

    def transit_gateways():
        # ec2_transit_gateway matches by description over every TGW: one read serves all gateways.
        if not found:
            found.append(ec2.describe_ec2_transit_gateways(placement.client))
        return found[0]
    return [dict(read_core_network(manager(), gw, placement.region) if gw["type"] == "cloudwan" else
                 read_gateway(placement.client, gw, module.params["tags"], module.params["create_vpcs"], transit_gateways),
                 region=placement.region, account_id=placement.account_id)
            for gw in placement.gateways]


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            gateways=dict(type="list", elements="dict", required=True, options=GATEWAY_OPTIONS),
            tags=dict(type="dict", default={}),
            create_vpcs=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    for gateway in module.params["gateways"]:
        gateway["region"] = gateway["region"] or module.region
    placements = estate_placement.place(module.params["gateways"], [])
    estate_placement.make_clients(module, placements)
    managers = []

    def manager():
        # Network Manager (Cloud WAN) is read with the module's credentials: the core network's owner account.
        if not managers:
            managers.append(api.networkmanager_client(module))
        return managers[0]
    gateways = []
    for placement in placements:
        if placement.error:
            module.fail_json(msg="%s: %s" % (placement.label, placement.error))
        try:
            gateways.extend(read_placement(module, placement, manager))
        except AnsibleAWSError as exc:
            module.fail_json_aws_error(exc)
    order = [g["name"] for g in module.params["gateways"]]
    gateways.sort(key=lambda g: order.index(g["name"]))
    for gateway in gateways:
        for warning in gateway["warnings"]:
            module.warn(warning)
    module.exit_json(changed=False, gateways=gateways)


if __name__ == "__main__":
    main()
