# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VGW route propagation, which moto lacks: Enable/DisableVgwRoutePropagation and the
``propagatingVgwSet`` every DescribeRouteTables item carries on AWS (empty when none)."""

from __future__ import annotations

import re
import threading
from xml.etree import ElementTree

from lab.aws_twin import gateways, query

ACTIONS = ("EnableVgwRoutePropagation", "DisableVgwRoutePropagation")


class Propagation:
    def __init__(self):
        self._lock = threading.Lock()
        self._vgws = {}  # (account, region, route table id) -> [vgw ids]

    def reset(self):
        with self._lock:
            self._vgws.clear()

    def handle(self, ctx, action: str, form: dict) -> dict:
        table, vgw = form.get("RouteTableId"), form.get("GatewayId")
        if not table or not vgw:
            raise query.ApiError("MissingParameter", "RouteTableId and GatewayId are required")
        backend = gateways.ec2(ctx)
        if table not in backend.route_tables:
            raise query.ApiError("InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist" % table)
        if vgw not in backend.vpn_gateways:
            raise query.ApiError("InvalidVpnGatewayID.NotFound", "The vpnGateway ID '%s' does not exist" % vgw)
        key = (ctx.account, ctx.region, table)
        with self._lock:
            current = self._vgws.setdefault(key, [])
            if action == "EnableVgwRoutePropagation" and vgw not in current:
                current.append(vgw)
            elif action == "DisableVgwRoutePropagation" and vgw in current:
                current.remove(vgw)
        return {"Return": True}

    def decorate(self, ctx, payload: bytes) -> bytes:
        """Add ``propagatingVgwSet`` to each route table of a DescribeRouteTables answer."""
        root = ElementTree.fromstring(payload)
        xmlns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""  # moto's differs from AWS's
        ElementTree.register_namespace("", xmlns)
        ns = {"ec2": xmlns}
        for item in root.findall("ec2:routeTableSet/ec2:item", ns):
            table = item.findtext("ec2:routeTableId", default="", namespaces=ns)
            if item.find("ec2:propagatingVgwSet", ns) is not None:
                continue
            vgw_set = ElementTree.SubElement(item, "{%s}propagatingVgwSet" % xmlns)
            with self._lock:
                vgws = list(self._vgws.get((ctx.account, ctx.region, table), []))
            for vgw in vgws:
                ElementTree.SubElement(ElementTree.SubElement(vgw_set, "{%s}item" % xmlns), "{%s}gatewayId" % xmlns).text = vgw
        text = ElementTree.tostring(root, encoding="utf-8")
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + re.sub(rb"^<\?xml[^>]*>\s*", b"", text)
