# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gateway_sync: what the role's gateway tasks would build, and when the stock modules would change something."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import gateway_sync as sync

TGW = {"name": "hub", "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16", "10.21.0.0/16"], "ecmp": True}
VGW = {"name": "edge", "type": "vgw", "amazon_side_asn": 64512, "vpc_cidrs": ["10.10.0.0/16"], "ecmp": False}
TAGS = {"project": "lab"}


def tags(mapping):
    return [{"Key": k, "Value": v} for k, v in mapping.items()]


def vpc(want, **changes):
    found = {"VpcId": "vpc-1", "State": "available", "Tags": tags(dict(want["tags"], Name=want["name"])),
             "CidrBlockAssociationSet": [{"CidrBlock": c, "CidrBlockState": {"State": "associated"}} for c in want["cidrs"]]}
    return dict(found, **changes)


def test_desired_spells_every_resource_of_a_tgw():
    want = sync.desired(TGW, TAGS)
    assert want["vpc"] == {"name": "s2s-hub", "cidrs": ["10.20.0.0/16", "10.21.0.0/16"],
                           "tags": {"project": "lab", "s2s:gateway": "hub", "s2s:created": "true"}}
    assert want["tgw"] == {"description": "hub", "asn": 64513, "ecmp": True,
                           "tags": {"project": "lab", "Name": "hub", "s2s:gateway": "hub"}}
    assert want["subnet"] == {"cidr": "10.20.0.0/28", "tags": {"project": "lab", "Name": "s2s-hub", "s2s:gateway": "hub"}}
    assert want["attachment"] == {"name": "s2s-hub"}
    assert "vgw" not in want


def test_desired_of_a_vgw_has_no_tgw_parts():
    want = sync.desired(VGW, TAGS)
    assert want["vgw"] == {"name": "edge", "asn": 64512, "tags": {"project": "lab", "s2s:gateway": "edge"}}
    assert set(want) == {"vpc", "vgw"}


def test_a_vpc_as_built_has_no_drift():
    want = sync.desired(TGW, TAGS)["vpc"]
    reasons = []
    assert sync.vpc_drift([vpc(want)], want, reasons)["VpcId"] == "vpc-1"
    assert reasons == []


@pytest.mark.parametrize("found, reason", [
    ([], "VPC s2s-hub: not found"),
    (["a", "b"], "VPC s2s-hub: 2 matches"),
])
def test_no_vpc_or_several_are_drift(found, reason):
    want = sync.desired(TGW, TAGS)["vpc"]
    vpcs = [vpc(want, VpcId=v) for v in found]
    reasons = []
    assert sync.vpc_drift(vpcs, want, reasons) is None
    assert reasons == [reason]


def test_a_vpc_missing_a_cidr_with_other_tags_not_available_lists_each_difference():
    want = sync.desired(TGW, TAGS)["vpc"]
    found = vpc(want, State="pending", Tags=tags({"Name": "s2s-hub"}),
                CidrBlockAssociationSet=[{"CidrBlock": "10.20.0.0/16", "CidrBlockState": {"State": "associated"}},
                                         {"CidrBlock": "10.21.0.0/16", "CidrBlockState": {"State": "disassociated"}}])
    reasons = []
    sync.vpc_drift([found], want, reasons)
    assert reasons == ["VPC s2s-hub: state pending", "VPC s2s-hub: tags differ", "VPC s2s-hub: CIDRs 10.21.0.0/16 missing"]


def vgw(want, **changes):
    found = {"VpnGatewayId": "vgw-1", "State": "available", "AmazonSideAsn": want["asn"],
             "Tags": tags(dict(want["tags"], Name=want["name"])), "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}
    return dict(found, **changes)


MAIN_TABLE = [{"RouteTableId": "rtb-1", "PropagatingVgws": [{"GatewayId": "vgw-1"}]}]


def test_a_vgw_as_built_has_no_drift():
    want = sync.desired(VGW, TAGS)["vgw"]
    reasons, warnings = [], []
    assert sync.vgw_drift([vgw(want)], want, "vpc-1", MAIN_TABLE, reasons, warnings)["VpnGatewayId"] == "vgw-1"
    assert reasons == warnings == []


def test_a_detached_vgw_without_propagation_is_drift_and_another_asn_a_warning():
    want = sync.desired(VGW, TAGS)["vgw"]
    found = vgw(want, AmazonSideAsn=65000, VpcAttachments=[{"VpcId": "vpc-1", "State": "detached"}])
    reasons, warnings = [], []
    sync.vgw_drift([found], want, "vpc-1", [{"RouteTableId": "rtb-1", "PropagatingVgws": []}], reasons, warnings)
    assert reasons == ["VGW edge: not attached to vpc-1", "main route table of vpc-1: no propagation from vgw-1"]
    assert len(warnings) == 1 and "amazon_side_asn is 65000" in warnings[0] and "64512" in warnings[0]


def tgw(want, **changes):
    found = {"TransitGatewayId": "tgw-1", "State": "available", "Description": want["description"], "Tags": tags(want["tags"]),
             "Options": {"AmazonSideAsn": want["asn"], "VpnEcmpSupport": "enable", "DefaultRouteTableAssociation": "enable",
                         "DefaultRouteTablePropagation": "enable", "AssociationDefaultRouteTableId": "tgw-rtb-1"}}
    return dict(found, **changes)


def test_a_tgw_is_found_by_description_and_deleted_ones_do_not_count():
    want = sync.desired(TGW, TAGS)["tgw"]
    others = [tgw(want, TransitGatewayId="tgw-old", State="deleted"), tgw(want, TransitGatewayId="tgw-x", Description="other")]
    reasons, warnings = [], []
    assert sync.tgw_drift(others + [tgw(want)], want, reasons, warnings)["TransitGatewayId"] == "tgw-1"
    assert reasons == warnings == []


def test_tgw_options_the_stock_module_never_changes_are_warnings_not_drift():
    want = sync.desired(TGW, TAGS)["tgw"]
    found = tgw(want)
    found["Options"] = dict(found["Options"], VpnEcmpSupport="disable")
    reasons, warnings = [], []
    sync.tgw_drift([found], want, reasons, warnings)
    assert reasons == []
    assert len(warnings) == 1 and "VpnEcmpSupport is disable, the intent needs enable" in warnings[0]


def test_an_extra_tag_on_the_tgw_is_drift():
    want = sync.desired(TGW, TAGS)["tgw"]
    reasons, warnings = [], []
    sync.tgw_drift([tgw(want, Tags=tags(dict(want["tags"], owner="someone")))], want, reasons, warnings)
    assert reasons == ["TGW hub: tags differ"]


def subnet(want, **changes):
    found = {"SubnetId": "subnet-1", "State": "available", "Tags": tags(want["tags"]), "MapPublicIpOnLaunch": False,
             "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": []}
    return dict(found, **changes)


def test_a_subnet_as_built_has_no_drift_and_public_ips_or_ipv6_are_drift():
    want = sync.desired(TGW, TAGS)["subnet"]
    reasons = []
    assert sync.subnet_drift([subnet(want)], want, reasons)["SubnetId"] == "subnet-1"
    assert reasons == []
    sync.subnet_drift([subnet(want, MapPublicIpOnLaunch=True, Ipv6CidrBlockAssociationSet=[
        {"Ipv6CidrBlock": "2600::/64", "Ipv6CidrBlockState": {"State": "associated"}}])], want, reasons)
    assert reasons == ["subnet 10.20.0.0/28: public IP or IPv6 address assignment is on", "subnet 10.20.0.0/28: has an IPv6 CIDR"]


def test_an_attachment_must_hold_exactly_the_subnet():
    want = sync.desired(TGW, TAGS)["attachment"]
    reasons = []
    found = {"TransitGatewayAttachmentId": "tgw-attach-1", "State": "available", "SubnetIds": ["subnet-1"]}
    assert sync.attachment_drift([found], want, "subnet-1", reasons) is found and reasons == []
    sync.attachment_drift([dict(found, SubnetIds=["subnet-1", "subnet-2"])], want, "subnet-1", reasons)
    assert reasons == ["VPC attachment s2s-hub: subnets ['subnet-1', 'subnet-2'], not [subnet-1]"]
