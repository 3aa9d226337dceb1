# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the twin's own tests: a clean twin per test and the gateways a VPN needs."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

CGW_IP = "198.51.100.10"
CGW_ASN = 65010
VGW_ASN = 64600
TGW_ASN = 64700


def _wait_state(ec2, vpn_id: str, state: str, timeout: float = 10.0) -> dict:
    """Poll DescribeVpnConnections until the connection reaches ``state``; the last answer."""
    deadline = time.monotonic() + timeout
    while True:
        conn = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]
        if conn["State"] == state or time.monotonic() > deadline:
            return conn
        time.sleep(0.1)


@pytest.fixture
def wait_state():
    """wait_state(ec2, vpn_id, state): poll until the connection is in ``state``."""
    return _wait_state


@pytest.fixture
def gw(ec2):
    """A customer gateway, a VGW and a TGW, plus a helper that creates connections on them."""
    cgw = ec2.create_customer_gateway(BgpAsn=CGW_ASN, PublicIp=CGW_IP, Type="ipsec.1")["CustomerGateway"]
    vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=VGW_ASN)["VpnGateway"]
    tgw = ec2.create_transit_gateway(Options={"AmazonSideAsn": TGW_ASN})["TransitGateway"]

    def vpn(on="vgw", **kwargs):
        target = {"VpnGatewayId": vgw["VpnGatewayId"]} if on == "vgw" else {"TransitGatewayId": tgw["TransitGatewayId"]}
        return ec2.create_vpn_connection(CustomerGatewayId=cgw["CustomerGatewayId"], Type="ipsec.1", **target, **kwargs)["VpnConnection"]

    return SimpleNamespace(cgw=cgw["CustomerGatewayId"], vgw=vgw["VpnGatewayId"], tgw=tgw["TransitGatewayId"], vpn=vpn,
                           cgw_ip=CGW_IP, cgw_asn=CGW_ASN, vgw_asn=VGW_ASN, tgw_asn=TGW_ASN)
