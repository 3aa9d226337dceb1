# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloud WAN site-to-site VPN attachments as the AWS twin answers them, in process on moto's backends (no server):
the core network policy's segment and acceptance, the lifecycle, and what AWS refuses (api_rules.HAND_SOURCES cloudwan)."""

from __future__ import annotations

import json
import uuid

import pytest
from moto.networkmanager.models import networkmanager_backends

from lab.aws_twin import cloudwan, gateways, moto_fixes, vpn
from lab.aws_twin.query import ApiError
from lab.aws_twin.settings import TwinSettings

POLICY = {"version": "2021.12",
          "core-network-configuration": {"asn-ranges": ["64512-64555"], "edge-locations": [{"location": "eu-west-1"}]},
          "segments": [{"name": "sites", "require-attachment-acceptance": True}, {"name": "lab"}],
          "attachment-policies": [
              {"rule-number": 100, "conditions": [{"type": "tag-value", "key": "segment", "value": "sites", "operator": "equals"}],
               "action": {"association-method": "constant", "segment": "sites"}},
              {"rule-number": 200, "condition-logic": "and",
               "conditions": [{"type": "attachment-type", "value": "site-to-site-vpn"}, {"type": "tag-exists", "key": "env"}],
               "action": {"association-method": "tag", "tag-value-of-key": "env"}}]}


@pytest.fixture(scope="module")
def ctx():
    return gateways.Context(account="5678%08d" % (uuid.uuid4().int % 10 ** 8), region="eu-west-1")  # moto backends of its own


@pytest.fixture
def twin(ctx):
    moto_fixes.install()  # AWS's core network ID pattern, as the twin's process has it
    manager = networkmanager_backends[ctx.account]["aws"]
    network = manager.create_global_network(description="twin test", tags=None).global_network_id
    core = manager.create_core_network(network, "twin test", None, json.dumps(POLICY), "token")
    core.state = "AVAILABLE"
    backend = gateways.ec2(ctx)
    cgw = backend.create_customer_gateway(gateway_type="ipsec.1", ip_address="198.51.100.10", bgp_asn="65010").id
    service = vpn.VpnService(TwinSettings(pending_seconds=0, deleting_seconds=0))
    return service, cloudwan.CloudWanService(service), ctx, core, cgw


def _vpn(service, ctx, cgw, **options):
    made = service.create_vpn_connection(ctx, {"Type": "ipsec.1", "CustomerGatewayId": cgw, "Options": options})["VpnConnection"]
    return made["VpnConnectionId"], "arn:aws:ec2:%s:%s:vpn-connection/%s" % (ctx.region, ctx.account, made["VpnConnectionId"])


def _attach(wan, ctx, core, arn, tags=(("segment", "sites"),)):
    body = {"CoreNetworkId": core.core_network_id, "VpnConnectionArn": arn, "Tags": [{"Key": k, "Value": v} for k, v in tags]}
    return wan.create(ctx, body, {})["SiteToSiteVpnAttachment"]["Attachment"]


def _refused(call, code):
    with pytest.raises(ApiError) as err:
        call()
    assert err.value.code == code, err.value.message
    return err.value


def test_the_policy_chooses_the_segment_and_the_acceptance():
    assert cloudwan.segment_for(POLICY, {"segment": "sites"}, "1", "eu-west-1") == ("sites", 100, True)
    assert cloudwan.segment_for(POLICY, {"env": "lab"}, "1", "eu-west-1") == ("lab", 200, False)
    assert cloudwan.segment_for(POLICY, {"env": "prod"}, "1", "eu-west-1") == (None, 200, False)  # no such segment
    assert cloudwan.segment_for(POLICY, {}, "1", "eu-west-1") == (None, None, False)


def test_an_attachment_waits_for_acceptance_then_carries_the_connection_until_deleted(twin):
    service, wan, ctx, core, cgw = twin
    vpn_id, arn = _vpn(service, ctx, cgw)
    assert service.describe_vpn_connections(ctx, {"VpnConnectionIds": [vpn_id]})["VpnConnections"][0][
        "GatewayAssociationState"] == "not-associated"
    made = _attach(wan, ctx, core, arn)
    assert (made["State"], made["SegmentName"], made["EdgeLocation"], made["AttachmentType"]) == \
        ("CREATING", "sites", "eu-west-1", "SITE_TO_SITE_VPN")
    path = {"id": made["AttachmentId"]}
    assert wan.get(ctx, {}, path)["SiteToSiteVpnAttachment"]["Attachment"]["State"] == "PENDING_ATTACHMENT_ACCEPTANCE"
    assert wan.accept(ctx, {}, path)["Attachment"]["State"] == "CREATING"
    assert wan.list(ctx, {"coreNetworkId": core.core_network_id}, {})["Attachments"][0]["State"] == "AVAILABLE"
    _refused(lambda: wan.accept(ctx, {}, path), "ValidationException")
    described = service.describe_vpn_connections(ctx, {"VpnConnectionIds": [vpn_id]})["VpnConnections"][0]
    assert described["CoreNetworkArn"] == core.core_network_arn and described["CoreNetworkAttachmentArn"].endswith(made["AttachmentId"])
    assert described["GatewayAssociationState"] == "associated"
    _refused(lambda: service.delete_vpn_connection(ctx, {"VpnConnectionId": vpn_id}), "IncorrectState")
    assert wan.delete(ctx, {}, path)["Attachment"]["State"] == "DELETING"
    assert _refused(lambda: wan.get(ctx, {}, path), "ResourceNotFoundException").body["ResourceType"] == "attachment"
    assert "CoreNetworkArn" not in service.describe_vpn_connections(ctx, {"VpnConnectionIds": [vpn_id]})["VpnConnections"][0]
    service.delete_vpn_connection(ctx, {"VpnConnectionId": vpn_id})


def test_what_cloud_wan_refuses(twin):
    service, wan, ctx, core, cgw = twin
    tgw = gateways.ec2(ctx).create_transit_gateway(description="twin test").id
    on_tgw = service.create_vpn_connection(ctx, {"Type": "ipsec.1", "CustomerGatewayId": cgw, "TransitGatewayId": tgw})
    tgw_arn = "arn:aws:ec2:%s:%s:vpn-connection/%s" % (ctx.region, ctx.account, on_tgw["VpnConnection"]["VpnConnectionId"])
    assert tgw in _refused(lambda: _attach(wan, ctx, core, tgw_arn), "ValidationException").message
    _static_id, static_arn = _vpn(service, ctx, cgw, StaticRoutesOnly=True)
    assert "BGP" in _refused(lambda: _attach(wan, ctx, core, static_arn), "ValidationException").message
    _vpn_id, arn = _vpn(service, ctx, cgw)
    other_account = arn.replace(ctx.account, "999999999999")
    _refused(lambda: _attach(wan, ctx, core, other_account), "ValidationException")
    _refused(lambda: wan.create(ctx, {"CoreNetworkId": "core-network-00000000", "VpnConnectionArn": arn}, {}),
             "ResourceNotFoundException")
    bad = _refused(lambda: wan.create(ctx, {"CoreNetworkId": "cn-1", "VpnConnectionArn": arn}, {}), "ValidationException")
    assert bad.body["Fields"][0]["Name"] == "CoreNetworkId"
    _attach(wan, ctx, core, arn)
    assert _refused(lambda: _attach(wan, ctx, core, arn), "ConflictException").body["ResourceId"] in arn
    _refused(lambda: _vpn(service, ctx, cgw, EnableAcceleration=True), "InvalidParameterCombination")
    assert _vpn(service, ctx, cgw, TunnelBandwidth="large")[0]  # large tunnels: TGW and Cloud WAN


def test_the_edge_must_be_in_the_connections_region_and_unassociated_connections_are_limited(twin):
    service, wan, ctx, core, cgw = twin
    elsewhere = gateways.Context(ctx.account, "us-west-1")
    cgw_there = gateways.ec2(elsewhere).create_customer_gateway(gateway_type="ipsec.1", ip_address="198.51.100.11", bgp_asn="65011").id
    _vpn_id, arn = _vpn(service, elsewhere, cgw_there)
    assert "no edge location in us-west-1" in _refused(lambda: _attach(wan, ctx, core, arn), "ValidationException").message
    for _n in range(vpn.UNASSOCIATED_PER_REGION - 1):
        _vpn(service, elsewhere, cgw_there)
    _refused(lambda: _vpn(service, elsewhere, cgw_there), "VpnConnectionLimitExceeded")
