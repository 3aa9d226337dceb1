# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accounts and Regions on the twin as on AWS: the account comes from the credentials (an assumed role's are
the role's account), each account and Region has its own resources, and a malformed role ARN is refused."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

OTHER = "arn:aws:iam::222222222222:role/s2s-network"
THIRD = "arn:aws:iam::333333333333:role/s2s-network"


def _assumed(twin, role_arn: str, region: str):
    ec2 = twin.assumed_client("ec2", role_arn, region)
    assert twin.client("sts", region=region).assume_role(RoleArn=role_arn, RoleSessionName="s2s.test")[
        "AssumedRoleUser"]["Arn"].split(":")[4] == role_arn.split(":")[4]
    return ec2


def _vpns(ec2) -> list:
    return [c["VpnConnectionId"] for c in ec2.describe_vpn_connections()["VpnConnections"] if c["State"] != "deleted"]


def _vpn(ec2, ip: str) -> str:
    cgw = ec2.create_customer_gateway(BgpAsn=65010, PublicIp=ip, Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    tgw = ec2.create_transit_gateway(Options={"AmazonSideAsn": 64700})["TransitGateway"]["TransitGatewayId"]
    return ec2.create_vpn_connection(CustomerGatewayId=cgw, TransitGatewayId=tgw, Type="ipsec.1")["VpnConnection"]["VpnConnectionId"]


def test_each_account_and_region_sees_only_its_own_connections(twin, ec2):
    home = _vpn(ec2, "198.51.100.30")  # the default credentials' account, us-east-1
    other_east, other_west = _assumed(twin, OTHER, "us-east-1"), _assumed(twin, OTHER, "eu-west-1")
    east, west = _vpn(other_east, "198.51.100.31"), _vpn(other_west, "198.51.100.32")
    third_west = _assumed(twin, THIRD, "eu-west-1")

    assert _vpns(ec2) == [home]
    assert _vpns(other_east) == [east] and _vpns(other_west) == [west]
    assert _vpns(third_west) == [] and _vpns(twin.client("ec2", region="eu-west-1")) == []
    # Another account cannot read it even by its id.
    with pytest.raises(ClientError) as refused:
        third_west.describe_vpn_connections(VpnConnectionIds=[west])
    assert refused.value.response["Error"]["Code"] == "InvalidVpnConnectionID.NotFound"
    cgws = other_west.describe_customer_gateways()["CustomerGateways"]
    assert [c["IpAddress"] for c in cgws] == ["198.51.100.32"]
    assert {e["region"] for e in twin.ledger() if e["action"] == "CreateVpnConnection"} == {"us-east-1", "eu-west-1"}


@pytest.mark.parametrize("arn", ["arn:aws:iam::2222:role/too-short-an-account",
                                 "not-an-arn-but-long-enough-for-the-length-rule",
                                 "arn:aws:iam:eu-west-1:222222222222:role/regional"])
def test_a_malformed_role_arn_is_refused_as_aws_does(twin, arn):
    with pytest.raises(ClientError) as refused:
        twin.client("sts").assume_role(RoleArn=arn, RoleSessionName="s2s.test")
    assert refused.value.response["Error"]["Code"] == "ValidationError"
    assert refused.value.response["Error"]["Message"] == "Request ARN is invalid"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
