# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Is a planned gateway already as the aws_vpn role's gateway tasks would leave it?

The role builds each gateway with stock amazon.aws modules (ec2_vpc_net, ec2_vpc_vgw, ec2_vpc_route_table,
ec2_transit_gateway, ec2_vpc_subnet, ec2_transit_gateway_vpc_attachment). Each is a module run of a second
or so even when nothing changes, so the role first reads every gateway once (module vpn_gateway_info) and
runs those tasks only for a gateway that is missing or differs.

``desired`` is the one place the names, tags and CIDRs of a gateway's resources are spelled: the role's
tasks take them from the module's answer. ``drift`` mirrors what each stock module compares and is
conservative: anything unexpected (two matches, a resource not yet available) counts as drift, and drift
only means the stock tasks run as they always did. ``warnings`` are differences those modules never
correct (options of an existing TGW or VGW), which the role reports instead of hiding.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict


def desired(gateway: dict, tags: dict) -> dict:
    """The resources of one planned gateway, as the role's gateway tasks pass them to the stock modules."""
    name = gateway["name"]
    owned = dict(tags, **{"s2s:gateway": name})
    want = {"vpc": {"name": "s2s-" + name, "cidrs": list(gateway["vpc_cidrs"]), "tags": dict(owned, **{"s2s:created": "true"})}}
    if gateway["type"] == "vgw":
        want["vgw"] = {"name": name, "asn": gateway["amazon_side_asn"], "tags": owned}
    else:
        first = next(ipaddress.ip_network(gateway["vpc_cidrs"][0], strict=False).subnets(new_prefix=28))
        want["tgw"] = {"description": name, "asn": gateway["amazon_side_asn"], "ecmp": bool(gateway["ecmp"]),
                       "tags": dict(tags, Name=name, **{"s2s:gateway": name})}
        want["subnet"] = {"cidr": str(first), "tags": dict(tags, Name="s2s-" + name, **{"s2s:gateway": name})}
        want["attachment"] = {"name": "s2s-" + name}
    return want


def core_network_drift(core, core_network_id: str) -> list:
    """A Cloud WAN core network (GetCoreNetwork, None when missing): the network team's, so it is only judged."""
    if core is None:
        return ["core network %s: not found (the collection does not build core networks)" % core_network_id]
    if core.get("State") != "AVAILABLE":
        return ["core network %s: state %s" % (core_network_id, core.get("State"))]
    return []


def _one(found: list, what: str, reasons: list):
    """The single match, or None with the reason (none, or several: the stock module refuses those too)."""
    if len(found) == 1:
        return found[0]
    reasons.append("%s: %s" % (what, "not found" if not found else "%d matches" % len(found)))
    return None


def _available(what: str, resource: dict, reasons: list) -> None:
    if resource.get("State") != "available":
        reasons.append("%s: state %s" % (what, resource.get("State")))


def _single(found: list, what: str, tags: dict, reasons: list):
    """The single match, available and with exactly these tags (the stock modules purge tags they are not given)."""
    resource = _one(found, what, reasons)
    if resource is not None:
        _available(what, resource, reasons)
        if boto3_tag_list_to_ansible_dict(resource.get("Tags") or []) != tags:
            reasons.append("%s: tags differ" % what)
    return resource


def vpc_drift(vpcs: list, want: dict, reasons: list):
    """VPC ``s2s-<gateway>`` (ec2_vpc_net: found by Name tag and first CIDR, adds missing CIDRs, purges tags)."""
    what = "VPC " + want["name"]
    vpc = _single(vpcs, what, dict(want["tags"], Name=want["name"]), reasons)
    if vpc is None:
        return None
    associated = {a["CidrBlock"] for a in vpc.get("CidrBlockAssociationSet") or [] if a.get("CidrBlockState", {}).get("State") == "associated"}
    if not set(want["cidrs"]) <= associated:
        reasons.append("%s: CIDRs %s missing" % (what, ", ".join(sorted(set(want["cidrs"]) - associated))))
    return vpc


def vgw_drift(vgws: list, want: dict, vpc_id: str, main_route_tables: list, reasons: list, warnings: list):
    """The VGW (ec2_vpc_vgw: by type and Name tag; attaches it to the VPC) and its route propagation."""
    what = "VGW " + want["name"]
    vgw = _single(vgws, what, dict(want["tags"], Name=want["name"]), reasons)
    if vgw is None:
        return None
    if {"VpcId": vpc_id, "State": "attached"} not in (vgw.get("VpcAttachments") or []):
        reasons.append("%s: not attached to %s" % (what, vpc_id))
    if vgw.get("AmazonSideAsn") != want["asn"]:
        warnings.append("%s: amazon_side_asn is %s, the intent says %s; an existing VGW keeps its ASN (replace the gateway to change it)"
                        % (what, vgw.get("AmazonSideAsn"), want["asn"]))
    table = _one(main_route_tables, "main route table of " + vpc_id, reasons)
    if table is not None and vgw["VpnGatewayId"] not in [p["GatewayId"] for p in table.get("PropagatingVgws") or []]:
        reasons.append("main route table of %s: no propagation from %s" % (vpc_id, vgw["VpnGatewayId"]))
    return vgw


def tgw_drift(tgws: list, want: dict, reasons: list, warnings: list):
    """The TGW (ec2_transit_gateway: found by description among those not deleted; it only updates tags)."""
    what = "TGW " + want["description"]
    matches = [t for t in tgws if t.get("Description") == want["description"] and t.get("State") != "deleted"]
    tgw = _single(matches, what, want["tags"], reasons)
    if tgw is None:
        return None
    options = tgw.get("Options") or {}
    expected = {"AmazonSideAsn": want["asn"], "VpnEcmpSupport": "enable" if want["ecmp"] else "disable",
                "DefaultRouteTableAssociation": "enable", "DefaultRouteTablePropagation": "enable"}
    for key, value in expected.items():
        if options.get(key) != value:
            warnings.append("%s: %s is %s, the intent needs %s; an existing TGW keeps its options (ModifyTransitGateway, "
                            "or replace the gateway)" % (what, key, options.get(key), value))
    return tgw


def subnet_drift(subnets: list, want: dict, reasons: list):
    """The attachment subnet (ec2_vpc_subnet: by VPC and CIDR; no public IPs, no IPv6; purges tags)."""
    what = "subnet " + want["cidr"]
    subnet = _single(subnets, what, want["tags"], reasons)
    if subnet is None:
        return None
    if subnet.get("MapPublicIpOnLaunch") or subnet.get("AssignIpv6AddressOnCreation"):
        reasons.append("%s: public IP or IPv6 address assignment is on" % what)
    if any(a.get("Ipv6CidrBlockState", {}).get("State") == "associated" for a in subnet.get("Ipv6CidrBlockAssociationSet") or []):
        reasons.append("%s: has an IPv6 CIDR" % what)
    return subnet


def attachment_drift(attachments: list, want: dict, subnet_id: str, reasons: list):
    """The VPC attachment (ec2_transit_gateway_vpc_attachment: by TGW, Name tag and VPC; exactly the subnet)."""
    what = "VPC attachment " + want["name"]
    attachment = _one(attachments, what, reasons)
    if attachment is None:
        return None
    _available(what, attachment, reasons)
    if attachment.get("SubnetIds") != [subnet_id]:
        reasons.append("%s: subnets %s, not [%s]" % (what, attachment.get("SubnetIds"), subnet_id))
    return attachment
