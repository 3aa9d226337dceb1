# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Eventual consistency for moto's EC2 answers: new resources left out of Describe for a while.

The created resource's ID is read from the Create* answer (``<customerGateway><customerGatewayId>``);
a later Describe* answer drops every ``item`` carrying a hidden ID, and a Describe that names a
hidden ID explicitly fails with the NotFound code AWS uses for that resource type.
"""

from __future__ import annotations

from xml.etree import ElementTree

NOT_FOUND = {
    "vpn": "InvalidVpnConnectionID.NotFound", "cgw": "InvalidCustomerGatewayID.NotFound",
    "vgw": "InvalidVpnGatewayID.NotFound", "tgw": "InvalidTransitGatewayID.NotFound",
    "tgw-attach": "InvalidTransitGatewayAttachmentID.NotFound", "tgw-rtb": "InvalidRouteTableID.NotFound",
    "vpc": "InvalidVpcID.NotFound", "subnet": "InvalidSubnetID.NotFound", "rtb": "InvalidRouteTableID.NotFound",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def created_ids(body: bytes) -> list:
    """IDs of the resources a Create* answer describes (element <x> with child <xId>)."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return []
    found = []
    for elem in root:
        for child in elem:
            if _local(child.tag) == _local(elem.tag) + "Id" and child.text:
                found.append(child.text.strip())
    return found


def not_found_code(resource_id: str) -> str:
    prefix = resource_id.rsplit("-", 1)[0]
    return NOT_FOUND.get(prefix, "InvalidID.NotFound")


def named(form: dict, hidden: set):
    """The first hidden ID the request names as an ID (a filter on it just finds nothing), if any."""
    for key, value in form.items():
        if key != "Action" and not key.startswith("Filter.") and value in hidden:
            return value
    return None


def strip(body: bytes, hidden: set) -> bytes:
    """The Describe answer without the items of hidden resources."""
    if not hidden:
        return body
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return body
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace:
        ElementTree.register_namespace("", namespace)
    for parent in root.iter():
        for item in list(parent):
            if _local(item.tag) == "item" and any((c.text or "").strip() in hidden for c in item):
                parent.remove(item)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8")
