# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where moto differs from AWS outside the VPN calls, the twin answers as AWS does:
VGW route propagation, customer gateway DeviceName, TGW attachment tags and listings,
deleted transit gateways staying visible, Cloud WAN site-to-site VPN attachments (moto has core networks only)."""

from __future__ import annotations

import json
import time

import pytest
from botocore.exceptions import ClientError


def _main_table(ec2, vpc_id):
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
    return tables[0]


def test_vgw_route_propagation_is_enabled_listed_and_disabled(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=vpc, VpnGatewayId=vgw)
    table = _main_table(ec2, vpc)
    assert table["PropagatingVgws"] == []  # AWS always lists the set, empty or not
    ec2.enable_vgw_route_propagation(RouteTableId=table["RouteTableId"], GatewayId=vgw)
    ec2.enable_vgw_route_propagation(RouteTableId=table["RouteTableId"], GatewayId=vgw)  # idempotent
    assert _main_table(ec2, vpc)["PropagatingVgws"] == [{"GatewayId": vgw}]
    ec2.disable_vgw_route_propagation(RouteTableId=table["RouteTableId"], GatewayId=vgw)
    assert _main_table(ec2, vpc)["PropagatingVgws"] == []


@pytest.mark.parametrize("table,gateway,code", [
    ("rtb-00000000", None, "InvalidRouteTableID.NotFound"),
    (None, "vgw-00000000", "InvalidVpnGatewayID.NotFound"),
])
def test_route_propagation_refuses_unknown_ids(ec2, table, gateway, code):
    vpc = ec2.create_vpc(CidrBlock="10.51.0.0/16")["Vpc"]["VpcId"]
    real_table = _main_table(ec2, vpc)["RouteTableId"]
    real_vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    with pytest.raises(ClientError) as err:
        ec2.enable_vgw_route_propagation(RouteTableId=table or real_table, GatewayId=gateway or real_vgw)
    assert err.value.response["Error"]["Code"] == code


def test_customer_gateway_keeps_its_device_name(ec2):
    cgw = ec2.create_customer_gateway(Type="ipsec.1", IpAddress="198.51.100.77", BgpAsn=65077,
                                      DeviceName="branch-rtr1")["CustomerGateway"]
    found = ec2.describe_customer_gateways(CustomerGatewayIds=[cgw["CustomerGatewayId"]])["CustomerGateways"][0]
    assert found["DeviceName"] == "branch-rtr1"


def test_tgw_vpc_attachments_are_tagged_and_listed_without_vpn_attachments(ec2, gw):
    vpc = ec2.create_vpc(CidrBlock="10.52.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.52.0.0/28")["Subnet"]["SubnetId"]
    gw.vpn(on="tgw")  # a VPN attachment on the same TGW
    attachment = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=gw.tgw, VpcId=vpc, SubnetIds=[subnet],
        TagSpecifications=[{"ResourceType": "transit-gateway-attachment", "Tags": [{"Key": "Name", "Value": "a1"}]}],
    )["TransitGatewayVpcAttachment"]
    listed = ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
    assert [a["TransitGatewayAttachmentId"] for a in listed] == [attachment["TransitGatewayAttachmentId"]]
    assert listed[0]["Tags"] == [{"Key": "Name", "Value": "a1"}]


def test_a_deleted_transit_gateway_stays_visible_as_deleted(ec2):
    tgw = ec2.create_transit_gateway(Description="short-lived")["TransitGateway"]["TransitGatewayId"]
    ec2.delete_transit_gateway(TransitGatewayId=tgw)
    found = ec2.describe_transit_gateways(TransitGatewayIds=[tgw])["TransitGateways"]
    assert [g["State"] for g in found] == ["deleted"]


def test_cloudwan_attachment_over_the_wire_with_networkmanagers_errors(twin, ec2, gw):
    """boto3 to the twin: moto's core network, the twin's attachment, Network Manager's error shapes as botocore parses them."""
    manager = twin.client("networkmanager", region="us-west-2")
    network = manager.create_global_network()["GlobalNetwork"]["GlobalNetworkId"]
    edges = {"asn-ranges": ["64512-64555"], "edge-locations": [{"location": "us-east-1"}]}
    policy = {"version": "2021.12", "core-network-configuration": edges,
              "segments": [{"name": "sites"}],
              "attachment-policies": [{"rule-number": 1, "conditions": [{"type": "any"}],
                                       "action": {"association-method": "constant", "segment": "sites"}}]}
    core = manager.create_core_network(GlobalNetworkId=network, PolicyDocument=json.dumps(policy))["CoreNetwork"]
    vpn_id = ec2.create_vpn_connection(CustomerGatewayId=gw.cgw, Type="ipsec.1")["VpnConnection"]["VpnConnectionId"]
    arn = "arn:aws:ec2:us-east-1:123456789012:vpn-connection/" + vpn_id
    made = manager.create_site_to_site_vpn_attachment(
        CoreNetworkId=core["CoreNetworkId"], VpnConnectionArn=arn, Tags=[{"Key": "Name", "Value": "branch1"}])["SiteToSiteVpnAttachment"]
    assert made["VpnConnectionArn"] == arn and made["Attachment"]["SegmentName"] == "sites"
    time.sleep(0.6)  # the twin's pending_seconds
    listed = manager.list_attachments(CoreNetworkId=core["CoreNetworkId"], State="AVAILABLE")["Attachments"]
    assert [a["AttachmentId"] for a in listed] == [made["Attachment"]["AttachmentId"]]
    described = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]
    assert described["CoreNetworkAttachmentArn"].endswith(made["Attachment"]["AttachmentId"])
    with pytest.raises(manager.exceptions.ConflictException) as err:
        manager.create_site_to_site_vpn_attachment(CoreNetworkId=core["CoreNetworkId"], VpnConnectionArn=arn)
    assert err.value.response["ResourceId"] == vpn_id
    with pytest.raises(manager.exceptions.ValidationException) as err:
        manager.create_site_to_site_vpn_attachment(CoreNetworkId="core-network-x", VpnConnectionArn=arn)
    assert err.value.response["Fields"][0]["Name"] == "CoreNetworkId"
    manager.delete_attachment(AttachmentId=made["Attachment"]["AttachmentId"])
    time.sleep(0.6)  # deleting_seconds
    with pytest.raises(manager.exceptions.ResourceNotFoundException):
        manager.get_site_to_site_vpn_attachment(AttachmentId=made["Attachment"]["AttachmentId"])
    calls = [(e["action"], e["status_code"]) for e in twin.ledger() if e["service"] == "networkmanager"]
    assert ("CreateSiteToSiteVpnAttachment", 409) in calls and calls[-1] == ("GetSiteToSiteVpnAttachment", 404)
