# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Corrections to moto's EC2 answers where they differ from AWS, installed into the twin's process
(site-packages stay untouched). Each one is small and says what AWS does."""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.models.transit_gateway import TransitGatewayBackend
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment
from moto.networkmanager.models import CoreNetwork

_INSTALLED = []


def _vpc_attachments_only(original):
    def describe(self, *args, **kwargs):
        # AWS: DescribeTransitGatewayVpcAttachments lists VPC attachments only; moto lists VPN ones too.
        return [a for a in original(self, *args, **kwargs) if a.resource_type == "vpc"]
    return describe


def _create_vpc_attachment_with_tags(self):
    # AWS applies TagSpecifications of type transit-gateway-attachment; moto looks under another type.
    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=self._parse_tag_specification().get("transit-gateway-attachment", {}),
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


def _delete_transit_gateway_keeps_it_visible(self, transit_gateway_id):
    # AWS: a deleted TGW stays in DescribeTransitGateways as "deleted" for a while (waiters rely on
    # it); moto forgets it at once.
    tgw = self.transit_gateways[transit_gateway_id]
    tgw.state = "deleted"
    return tgw


def _core_network_id_as_aws(original):
    def init(self, *args, **kwargs):
        # AWS: core network IDs match ^core-network-([0-9a-f]{8,17})$ (botocore's networkmanager model); moto makes
        # 18 hex digits, which CreateSiteToSiteVpnAttachment's pattern refuses. Its ARN has an empty Region field
        # (arn:aws:networkmanager::<account>:core-network/<id>); moto puts the account there.
        original(self, *args, **kwargs)
        self.core_network_id = self.core_network_id[:-1]
        self.core_network_arn = "arn:aws:networkmanager::%s:core-network/%s" % (self.owner_account_id, self.core_network_id)
    return init


def install() -> None:
    if _INSTALLED:
        return
    backend = TransitGatewayAttachmentBackend
    backend.describe_transit_gateway_vpc_attachments = _vpc_attachments_only(
        backend.describe_transit_gateway_vpc_attachments)
    TransitGatewayAttachment.create_transit_gateway_vpc_attachment = _create_vpc_attachment_with_tags
    TransitGatewayBackend.delete_transit_gateway = _delete_transit_gateway_keeps_it_visible
    CoreNetwork.__init__ = _core_network_id_as_aws(CoreNetwork.__init__)
    _INSTALLED.append(True)
