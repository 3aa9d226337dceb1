# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What AWS shipped in 2025 as the AWS twin answers it, in process on moto's backend (no server): VPN concentrators
(create, describe, the connections one takes: its own transit gateway, BGP only; no delete while connections remain)
and large-bandwidth tunnels (not with acceleration, at creation or changed in place)."""

from __future__ import annotations

import ipaddress
import uuid

import botocore.parsers
import botocore.serialize
import pytest

from lab.aws_twin import gateways, query, vpn
from lab.aws_twin.query import ApiError
from lab.aws_twin.settings import TwinSettings


@pytest.fixture(scope="module")
def ctx():
    return gateways.Context(account="1234%08d" % (uuid.uuid4().int % 10 ** 8), region="eu-west-1")  # a moto backend of its own


@pytest.fixture
def twin(ctx):
    backend = gateways.ec2(ctx)
    tgws = [backend.create_transit_gateway(description="twin test").id for _tgw in range(2)]
    cgw = backend.create_customer_gateway(gateway_type="ipsec.1", ip_address="198.51.100.10", bgp_asn="65010").id
    return vpn.VpnService(TwinSettings()), ctx, tgws, cgw


def _create(service, ctx, tgw, name="branches"):
    return service.create_vpn_concentrator(ctx, {"Type": "ipsec.1", "TransitGatewayId": tgw, "TagSpecifications": [
        {"ResourceType": "vpn-concentrator", "Tags": [{"Key": "Name", "Value": name}]}]})["VpnConcentrator"]


def _connect(service, ctx, cgw, tgw, concentrator, static=False):
    return service.create_vpn_connection(ctx, {"Type": "ipsec.1", "CustomerGatewayId": cgw, "TransitGatewayId": tgw,
                                               "VpnConcentratorId": concentrator, "Options": {"StaticRoutesOnly": static}})


def test_a_concentrator_is_created_tagged_and_described(twin):
    service, ctx, (tgw, _other), _cgw = twin
    made = _create(service, ctx, tgw)
    assert made["VpnConcentratorId"].startswith("vcn-") and made["TransitGatewayId"] == tgw and made["State"] == "available"
    assert made["Tags"] == [{"Key": "Name", "Value": "branches"}]
    listed = service.describe_vpn_concentrators(ctx, {"VpnConcentratorIds": [made["VpnConcentratorId"]]})["VpnConcentrators"]
    assert listed == [made]


@pytest.mark.parametrize("params,code", [({"Type": "ipsec.2", "TransitGatewayId": "tgw-x"}, "InvalidParameterValue"),
                                         ({"Type": "ipsec.1"}, "MissingParameter"),
                                         ({"Type": "ipsec.1", "TransitGatewayId": "tgw-0000"}, "InvalidTransitGatewayID.NotFound")])
def test_bad_creates_get_awss_codes(twin, params, code):
    service, ctx, _tgws, _cgw = twin
    with pytest.raises(ApiError) as err:
        service.create_vpn_concentrator(ctx, params)
    assert err.value.code == code


def test_connections_join_only_on_its_transit_gateway_and_with_bgp(twin):
    service, ctx, (tgw, other), cgw = twin
    concentrator = _create(service, ctx, tgw)["VpnConcentratorId"]
    for target, static in ((other, False), (tgw, True)):
        with pytest.raises(ApiError) as err:
            _connect(service, ctx, cgw, target, concentrator, static)
        assert err.value.code == "InvalidParameterCombination"
    with pytest.raises(ApiError) as err:
        _connect(service, ctx, cgw, tgw, "vcn-0000000000000000")
    assert err.value.code == "InvalidVpnConcentratorId.NotFound"
    joined = _connect(service, ctx, cgw, tgw, concentrator)["VpnConnection"]
    assert joined["VpnConcentratorId"] == concentrator


def test_a_concentrator_with_connections_is_not_deleted(twin):
    service, ctx, (tgw, _other), cgw = twin
    concentrator = _create(service, ctx, tgw)["VpnConcentratorId"]
    vpn_id = _connect(service, ctx, cgw, tgw, concentrator)["VpnConnection"]["VpnConnectionId"]
    with pytest.raises(ApiError) as err:
        service.delete_vpn_concentrator(ctx, {"VpnConcentratorId": concentrator})
    assert err.value.code == "IncorrectState" and vpn_id in err.value.message
    service.delete_vpn_connection(ctx, {"VpnConnectionId": vpn_id})
    assert service.delete_vpn_concentrator(ctx, {"VpnConcentratorId": concentrator}) == {"Return": True}
    with pytest.raises(ApiError) as err:
        service.describe_vpn_concentrators(ctx, {"VpnConcentratorIds": [concentrator]})
    assert err.value.code == "InvalidVpnConcentratorId.NotFound"


def test_large_tunnels_are_refused_with_acceleration_at_creation_and_in_place(twin):
    service, ctx, (tgw, _other), cgw = twin
    base = {"Type": "ipsec.1", "CustomerGatewayId": cgw, "TransitGatewayId": tgw}
    with pytest.raises(ApiError) as err:
        service.create_vpn_connection(ctx, dict(base, Options={"TunnelBandwidth": "large", "EnableAcceleration": True}))
    assert err.value.code == "InvalidParameterCombination"
    accelerated = service.create_vpn_connection(ctx, dict(base, Options={"EnableAcceleration": True}))["VpnConnection"]
    service.connections[accelerated["VpnConnectionId"]].state = "available"
    with pytest.raises(ApiError) as err:
        service.modify_vpn_connection_options(ctx, {"VpnConnectionId": accelerated["VpnConnectionId"], "TunnelBandwidth": "large"})
    assert err.value.code == "InvalidParameterCombination"
    large = service.create_vpn_connection(ctx, dict(base, Options={"TunnelBandwidth": "large"}))["VpnConnection"]
    assert large["Options"]["TunnelBandwidth"] == "large"


def _over_the_wire(service, ctx, operation: str, params: dict) -> dict:
    """One call as boto3 makes it: botocore's EC2 query serializer, the twin's parser and XML, botocore's parser."""
    model = query.ec2_model().operation_model(operation)
    body = botocore.serialize.create_serializer("ec2").serialize_to_request(params, model)["body"]
    handler = vpn.ACTIONS[operation]
    xml = query.render_response(operation, handler(service, ctx, query.parse_request(operation, body)), "req-1")
    parsed = botocore.parsers.create_parser("ec2").parse({"body": xml, "headers": {}, "status_code": 200}, model.output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


def test_concentrators_and_key_exchange_rounds_survive_the_wire(twin):
    service, ctx, (tgw, _other), cgw = twin
    made = _over_the_wire(service, ctx, "CreateVpnConcentrator", {"Type": "ipsec.1", "TransitGatewayId": tgw})["VpnConcentrator"]
    rounds = [{"AdditionalKeyExchangeRound": 1, "KeyExchangeMethods": [{"Value": 37}], "Requirement": "required"}]
    created = _over_the_wire(service, ctx, "CreateVpnConnection", {
        "Type": "ipsec.1", "CustomerGatewayId": cgw, "TransitGatewayId": tgw, "VpnConcentratorId": made["VpnConcentratorId"],
        "Options": {"TunnelOptions": [{"IKEVersions": [{"Value": "ikev2"}], "Phase2AdditionalKeyExchanges": rounds}]}})
    conn = created["VpnConnection"]
    assert conn["VpnConcentratorId"] == made["VpnConcentratorId"]
    assert conn["Options"]["TunnelOptions"][0]["Phase2AdditionalKeyExchanges"] == rounds
    listed = _over_the_wire(service, ctx, "DescribeVpnConcentrators", {"VpnConcentratorIds": [made["VpnConcentratorId"]]})
    assert listed["VpnConcentrators"] == [made]


# ---- issue 19 item 6: IPv6 outside addresses and private IP VPNs over Direct Connect ---------------------------------

def _outside(service, ctx, tgw, cgw_ip, outside, transport=None, **options):
    cgw = gateways.ec2(ctx).create_customer_gateway(gateway_type="ipsec.1", ip_address=cgw_ip, bgp_asn="65010").id
    options = dict(options, OutsideIpAddressType=outside)
    if transport:
        options["TransportTransitGatewayAttachmentId"] = transport
    return service.create_vpn_connection(ctx, {"Type": "ipsec.1", "CustomerGatewayId": cgw, "TransitGatewayId": tgw,
                                               "Options": options})["VpnConnection"]


def test_ipv6_outside_addresses_come_from_the_ipv6_pool_for_an_ipv6_customer_gateway(twin):
    service, ctx, (tgw, _other), _cgw = twin
    conn = _outside(service, ctx, tgw, "2001:db8:50::10", "Ipv6")
    pool = ipaddress.ip_network(TwinSettings().ipv6_outside_pool)
    assert [ipaddress.ip_address(t["OutsideIpAddress"]) in pool for t in conn["Options"]["TunnelOptions"]] == [True, True]
    assert conn["Options"]["OutsideIpAddressType"] == "Ipv6"


def test_a_private_ip_vpn_runs_over_the_transit_gateways_direct_connect_attachment(twin):
    service, ctx, (tgw, _other), _cgw = twin
    transport = gateways.direct_connect_attachment(ctx, tgw)["TransitGatewayAttachmentId"]
    conn = _outside(service, ctx, tgw, "100.64.7.1", "PrivateIpv4", transport)
    assert conn["Options"]["TransportTransitGatewayAttachmentId"] == transport
    pool = ipaddress.ip_network(TwinSettings().private_outside_pool)
    assert all(ipaddress.ip_address(t["OutsideIpAddress"]) in pool for t in conn["Options"]["TunnelOptions"])


@pytest.mark.parametrize("cgw_ip,outside,transport,options,code", [
    ("198.51.100.20", "Ipv6", None, {}, "InvalidParameterCombination"),             # IPv6 outside, IPv4 customer gateway
    ("2001:db8:50::11", "PublicIpv4", None, {}, "InvalidParameterCombination"),     # and the other way round
    ("198.51.100.21", "PrivateIpv4", "dx", {}, "InvalidParameterCombination"),      # not RFC 1918/6598
    ("10.20.0.2", "PrivateIpv4", "vpc", {}, "InvalidParameterValue"),               # a VPC attachment is no DX transport
    ("10.20.0.3", "PrivateIpv4", "other-dx", {}, "InvalidParameterValue"),          # another TGW's DX attachment
    ("10.20.0.4", "PrivateIpv4", "dx", {"EnableAcceleration": True}, "InvalidParameterCombination"),
    ("10.20.0.5", "PrivateIpv4", None, {}, "MissingParameter"),
])
def test_outside_address_rules_get_awss_codes(twin, cgw_ip, outside, transport, options, code):
    service, ctx, (tgw, other), _cgw = twin
    backend = gateways.ec2(ctx)
    if transport == "vpc":
        vpc = backend.create_vpc("10.1.0.0/16")
        subnet = backend.create_subnet(vpc.id, "10.1.1.0/24")
        transport = backend.create_transit_gateway_vpc_attachment(transit_gateway_id=tgw, vpc_id=vpc.id, subnet_ids=[subnet.id]).id
    elif transport:
        transport = gateways.direct_connect_attachment(ctx, other if transport == "other-dx" else tgw)["TransitGatewayAttachmentId"]
    with pytest.raises(ApiError) as err:
        _outside(service, ctx, tgw, cgw_ip, outside, transport, **options)
    assert err.value.code == code
