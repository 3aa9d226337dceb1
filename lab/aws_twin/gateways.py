# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""In-process access to moto's backends, so VPN connections see the same CGWs, VGWs and TGWs
(and the same IDs) that moto serves over HTTP."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ec2.models import ec2_backends
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachment
from moto.cloudwatch.models import cloudwatch_backends
from moto.secretsmanager.models import secretsmanager_backends
from moto.logs.models import logs_backends
from moto.sns.models import sns_backends

from lab.aws_twin.query import ApiError

DEFAULT_REGION = "us-east-1"
LEGACY_AMAZON_ASN = 7224


@dataclass(frozen=True)
class Context:
    account: str = DEFAULT_ACCOUNT_ID
    region: str = DEFAULT_REGION


def ec2(ctx: Context):
    return ec2_backends[ctx.account][ctx.region]


def cloudwatch(ctx: Context):
    return cloudwatch_backends[ctx.account][ctx.region]


def customer_gateway(ctx: Context, cgw_id: str):
    cgw = ec2(ctx).customer_gateways.get(cgw_id)
    if cgw is None or cgw.state in ("deleting", "deleted"):
        raise ApiError("InvalidCustomerGatewayID.NotFound", "The customerGateway ID '%s' does not exist" % cgw_id)
    return cgw


def vpn_gateway(ctx: Context, vgw_id: str):
    vgw = ec2(ctx).vpn_gateways.get(vgw_id)
    if vgw is None or vgw.state in ("deleting", "deleted"):
        raise ApiError("InvalidVpnGatewayID.NotFound", "The vpnGateway ID '%s' does not exist" % vgw_id)
    return vgw


def transit_gateway(ctx: Context, tgw_id: str):
    tgw = ec2(ctx).transit_gateways.get(tgw_id)
    if tgw is None or tgw.state in ("deleting", "deleted"):
        raise ApiError("InvalidTransitGatewayID.NotFound", "Transit Gateway %s was deleted or does not exist." % tgw_id)
    return tgw


def transit_gateway_attachment(ctx: Context, attachment_id: str):
    att = ec2(ctx).transit_gateway_attachments.get(attachment_id)
    if att is None or att.state in ("deleting", "deleted"):
        raise ApiError("InvalidTransitGatewayAttachmentID.NotFound",
                       "Transit Gateway Attachment %s was deleted or does not exist." % attachment_id)
    return att


def direct_connect_attachment(ctx: Context, tgw_id: str) -> dict:
    """The transit gateway attachment AWS makes when a Direct Connect gateway is associated with ``tgw_id`` (moto has
    no Direct Connect gateways): the transport of a private IP VPN (OutsideIpAddressType PrivateIpv4)."""
    backend = ec2(ctx)
    tgw = transit_gateway(ctx, tgw_id)
    attachment = TransitGatewayAttachment(backend, resource_id=str(uuid.uuid4()), resource_type="direct-connect-gateway",
                                          transit_gateway=tgw)
    backend.transit_gateway_attachments[attachment.id] = attachment
    return {"TransitGatewayAttachmentId": attachment.id, "TransitGatewayId": tgw.id, "ResourceType": attachment.resource_type}


def amazon_side_asn(ctx: Context, vgw_id: str = None, tgw_id: str = None) -> int:
    if tgw_id:
        return int(transit_gateway(ctx, tgw_id).options.get("AmazonSideAsn", 64512))
    asn = vpn_gateway(ctx, vgw_id).amazon_side_asn
    return int(asn) if asn else LEGACY_AMAZON_ASN


def notify(ctx: Context, topic_arn: str, subject: str, message: str) -> bool:
    """Publish to an SNS topic of moto (subscribers such as SQS queues receive it); False if no such topic."""
    backend = sns_backends[ctx.account][ctx.region]
    if topic_arn not in backend.topics:
        return False
    backend.publish(message, arn=topic_arn, subject=subject)
    return True


def write_log(ctx: Context, log_group_arn: str, stream: str, timestamp_ms: int, message: str) -> bool:
    """Append one event to a CloudWatch Logs group of moto, as AWS's log delivery does; False if the group is missing."""
    backend = logs_backends[ctx.account][ctx.region]
    group = log_group_arn.split(":log-group:", 1)[-1]
    group = group[:-2] if group.endswith(":*") else group
    if group not in backend.groups:
        return False
    backend.ensure_log_stream(group, stream)
    backend.put_log_events(group, stream, [{"timestamp": timestamp_ms, "message": message}])
    return True


def tags(ctx: Context, resource_id: str) -> list:
    return [{"Key": k, "Value": v} for k, v in ec2(ctx).tags.get(resource_id, {}).items()]


def store_psks(ctx: Context, name: str, keys: dict, arn: str = None) -> str:
    """Keep a connection's PSKs (outside IP -> key) in Secrets Manager (PreSharedKeyStorage=SecretsManager).

    Creates the secret, or with ``arn`` stores a new version of it; returns the ARN."""
    backend = secretsmanager_backends[ctx.account][ctx.region]
    if arn:
        backend.put_secret_value(secret_id=arn, secret_string=json.dumps(keys), secret_binary=None,
                                 client_request_token=None, version_stages=["AWSCURRENT"])
        return arn
    answer = backend.create_secret(
        name=name, secret_string=json.dumps(keys), secret_binary=None, description="VPN pre-shared keys",
        tags=None, kms_key_id=None, client_request_token=None, replica_regions=[], force_overwrite=False)
    return json.loads(answer)["ARN"]


def record_customer_gateway_fields(ctx: Context, form: dict, created_ids) -> None:
    """Keep what moto's CreateCustomerGateway drops (DeviceName, CertificateArn, BgpAsnExtended);
    moto's serializer then returns them in DescribeCustomerGateways, as AWS does."""
    for cgw_id in created_ids:
        cgw = ec2(ctx).customer_gateways.get(cgw_id)
        if cgw is None:
            continue
        for field, attribute in (("DeviceName", "device_name"), ("CertificateArn", "certificate_arn"),
                                 ("BgpAsnExtended", "bgp_asn_extended")):
            if form.get(field):
                setattr(cgw, attribute, form[field])
