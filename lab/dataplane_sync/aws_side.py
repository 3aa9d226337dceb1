# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the AWS twin runs, read the way a program reads AWS: boto3 Describe calls (PSKs included, as
DescribeVpnConnections returns them), tunnel options through the shared model (tunnel_options.from_api)."""

from __future__ import annotations

import boto3

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr, tunnel_options

AMAZON_KEEPALIVE, AMAZON_HOLD = 10, 30


def client(url: str, region: str = "us-east-1"):
    return boto3.client("ec2", endpoint_url=url, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")


def _name(resource: dict, default: str) -> str:
    return next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == "Name"), default)


def _vpc_cidrs(ec2, vpc_ids) -> list:
    if not vpc_ids:
        return []
    vpcs = ec2.describe_vpcs(VpcIds=sorted(vpc_ids))["Vpcs"]
    return sorted({a["CidrBlock"] for v in vpcs for a in v.get("CidrBlockAssociationSet", [{"CidrBlock": v["CidrBlock"]}])})


def gateways(ec2) -> dict:
    """{gateway id: {name, kind vgw|tgw, asn, vpc_cidrs}} of every gateway a VPN can end on."""
    out = {}
    for vgw in ec2.describe_vpn_gateways()["VpnGateways"]:
        if vgw["State"] != "available":
            continue
        vpcs = [a["VpcId"] for a in vgw.get("VpcAttachments", []) if a["State"] == "attached"]
        out[vgw["VpnGatewayId"]] = {"name": _name(vgw, vgw["VpnGatewayId"]), "kind": "vgw", "asn": int(vgw["AmazonSideAsn"]),
                                    "vpc_cidrs": _vpc_cidrs(ec2, vpcs)}
    for tgw in ec2.describe_transit_gateways()["TransitGateways"]:
        if tgw["State"] != "available":
            continue
        attachments = ec2.describe_transit_gateway_attachments(
            Filters=[{"Name": "transit-gateway-id", "Values": [tgw["TransitGatewayId"]]}, {"Name": "resource-type", "Values": ["vpc"]}])
        vpcs = [a["ResourceId"] for a in attachments["TransitGatewayAttachments"] if a["State"] == "available"]
        out[tgw["TransitGatewayId"]] = {"name": _name(tgw, tgw["TransitGatewayId"]), "kind": "tgw", "asn": int(tgw["Options"]["AmazonSideAsn"]),
                                        "vpc_cidrs": _vpc_cidrs(ec2, vpcs)}
    return out


def endpoint(option: dict, gateway: dict, cgw_asn: int) -> dict:
    """One AWS tunnel endpoint: what AWS accepts (its option lists) and how it behaves (responder unless start)."""
    opts = tunnel_options.effective(tunnel_options.from_api(option))
    addrs = inside_cidr.addresses(opts["inside_cidr"])
    return {
        "outside_ip": option["OutsideIpAddress"], "inside": "%s/%d" % (addrs["aws"], addrs["prefixlen"]), "peer_inside_ip": addrs["cgw"],
        "psk": opts["pre_shared_key"], "ike_versions": opts["ike_versions"],
        "phase1": (opts["phase1_encryption_algorithms"], opts["phase1_integrity_algorithms"], opts["phase1_dh_group_numbers"]),
        "phase2": (opts["phase2_encryption_algorithms"], opts["phase2_integrity_algorithms"], opts["phase2_dh_group_numbers"]),
        "phase1_lifetime": opts["phase1_lifetime_seconds"], "phase2_lifetime": opts["phase2_lifetime_seconds"],
        "rekey_margin": opts["rekey_margin_time_seconds"], "dpd_timeout": opts["dpd_timeout_seconds"],
        "dpd_action": opts["dpd_timeout_action"], "start": opts["startup_action"] == "start",
        "asn": gateway["asn"], "peer_asn": cgw_asn, "advertise": gateway["vpc_cidrs"],
    }


def connections(ec2) -> list:
    """Every available VPN connection with its gateway and CGW, tunnels as endpoint() dicts."""
    gws = gateways(ec2)
    cgws = {c["CustomerGatewayId"]: c for c in ec2.describe_customer_gateways()["CustomerGateways"]}
    out = []
    for conn in ec2.describe_vpn_connections()["VpnConnections"]:
        gateway_id = conn.get("VpnGatewayId") or conn.get("TransitGatewayId")
        if conn["State"] != "available" or gateway_id not in gws:
            continue
        cgw = cgws[conn["CustomerGatewayId"]]
        out.append({"vpn_connection_id": conn["VpnConnectionId"], "gateway_id": gateway_id, "gateway": gws[gateway_id],
                    "cgw_ip": cgw["IpAddress"], "cgw_name": _name(cgw, cgw["CustomerGatewayId"]),
                    "tunnels": [endpoint(o, gws[gateway_id], int(cgw["BgpAsn"])) for o in conn["Options"]["TunnelOptions"]]})
    return out
