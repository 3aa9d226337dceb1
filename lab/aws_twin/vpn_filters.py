# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DescribeVpnConnections filters (the names AWS documents), applied to the described connections."""

from __future__ import annotations

from lab.aws_twin.query import ApiError


# Filter name -> the values a described connection has for it.
_SIMPLE = {
    "vpn-connection-id": "VpnConnectionId", "state": "State", "type": "Type", "category": "Category",
    "customer-gateway-id": "CustomerGatewayId", "vpn-gateway-id": "VpnGatewayId", "transit-gateway-id": "TransitGatewayId",
    "customer-gateway-configuration": "CustomerGatewayConfiguration",
}
_COMPUTED = {
    "tag-key": lambda d, _asn: [t["Key"] for t in d["Tags"]],
    "tag-value": lambda d, _asn: [t["Value"] for t in d["Tags"]],
    "option.static-routes-only": lambda d, _asn: [str(d["Options"]["StaticRoutesOnly"]).lower()],
    "route.destination-cidr-block": lambda d, _asn: [r["DestinationCidrBlock"] for r in d["Routes"]],
    "bgp-asn": lambda _d, asn: [str(asn)],
}


def _values(described: dict, cgw_asn, name: str) -> list:
    if name.startswith("tag:"):
        return [t["Value"] for t in described["Tags"] if t["Key"] == name[4:]]
    if name in _SIMPLE:
        return [described.get(_SIMPLE[name])]
    if name in _COMPUTED:
        return _COMPUTED[name](described, cgw_asn)
    raise ApiError("InvalidParameterValue", "The filter '%s' is invalid" % name)


def matches(described: dict, cgw_asn, filters: list) -> bool:
    return all(set(_values(described, cgw_asn, f["Name"])) & set(f.get("Values", [])) for f in filters)
