# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_connection's input: every rule checked before AWS is called, and the create request.

``problems`` returns (field, rule, message) for everything wrong with the module's
parameters, with the field as the user wrote it (``tunnel_options[1].phase2_lifetime_seconds``),
so a bad input never reaches a mutating call. Messages never contain a pre-shared key.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk as psk_rules
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

MAX_TUNNELS = 2
VPN_TYPE = "ipsec.1"


def target(params: dict) -> str:
    """``tgw``, ``vgw`` or ``cloudwan`` (no gateway: a core network attachment takes it): what the connection terminates on."""
    if params.get("cloudwan"):
        return "cloudwan"
    return "tgw" if params.get("transit_gateway_id") else "vgw"


def actual_target(actual: dict) -> str:
    """What a live connection (normalised) terminates on, in ``target``'s words."""
    if actual.get("transit_gateway_id"):
        return "tgw"
    return "vgw" if actual.get("vpn_gateway_id") else "cloudwan"


def _given(spec) -> dict:
    """One tunnel's options as the user set them: Ansible fills unset suboptions (log_options' too) with None."""
    given = {}
    for key, value in (spec or {}).items():
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None}
        if value is not None:
            given[key] = value
    return given


def tunnel_specs(params: dict) -> list:
    """The user's tunnel options, unset values dropped, algorithm spellings canonical."""
    return [{k: topts.canonical_value(k, v) for k, v in _given(spec).items()} for spec in params.get("tunnel_options") or []]


def _tunnel_problems(params: dict) -> list:
    found = []
    tunnels = params.get("tunnel_options") or []
    if len(tunnels) > MAX_TUNNELS:
        found.append(("tunnel_options", "tunnel_options.count",
                      "a VPN connection has %d tunnels; got %d entries" % (MAX_TUNNELS, len(tunnels))))
    version = (params.get("connection_options") or {}).get("tunnel_inside_ip_version") or "ipv4"
    for i, spec in enumerate(tunnels):
        given = _given(spec)
        for field, rule, message in topts.problems(given):
            found.append(("tunnel_options[%d].%s" % (i, field), rule, message))
        wrong = "inside_ipv6_cidr" if version == "ipv4" else "inside_cidr"
        if wrong in given:
            found.append(("tunnel_options[%d].%s" % (i, wrong), "tunnel_option.ip_version",
                          "does not match tunnel_inside_ip_version %s" % version))
    for name in ("inside_cidr", "inside_ipv6_cidr"):
        seen = [t.get(name) for t in tunnels if t and t.get(name)]
        if len(seen) != len(set(seen)):
            found.append(("tunnel_options[1].%s" % name, "tunnel_option.distinct", "both tunnels use the same %s" % name))
    return found


def _route_problems(params: dict) -> list:
    found = []
    routes = params.get("routes") or []
    static = (params.get("connection_options") or {}).get("static_routes_only")
    if routes and not static:
        found.append(("routes", "routes.static_only", "static routes need connection_options.static_routes_only: true"))
    for i, route in enumerate(routes):
        try:
            ipaddress.ip_network(str(route), strict=True)
        except ValueError as exc:
            found.append(("routes[%d]" % i, "routes.cidr", "%r is not a network address: %s" % (route, exc)))
    return found


INSIDE_CIDR_MEMBERS = (("inside_cidr", "TunnelInsideCidr"), ("inside_ipv6_cidr", "TunnelInsideIpv6Cidr"))


def target_filter(params: dict) -> dict:
    """The Describe filter for every connection on this connection's VGW or TGW (None when neither is known)."""
    if params.get("transit_gateway_id"):
        return {"Name": "transit-gateway-id", "Values": [params["transit_gateway_id"]]}
    if params.get("vpn_gateway_id"):
        return {"Name": "vpn-gateway-id", "Values": [params["vpn_gateway_id"]]}
    return None


def pins_inside_cidrs(specs: list) -> bool:
    return any(spec.get(name) for spec in specs for name, _member in INSIDE_CIDR_MEMBERS)


def inside_cidr_conflicts(specs: list, connections: list) -> list:
    """Pinned inside CIDRs another connection on the same gateway already runs (AWS: "must be unique across all
    VPN connections that use the same virtual private gateway"), found in a Describe already read, so the
    create is never sent to fail."""
    taken = {}
    for conn in connections:
        for tunnel in (conn.get("Options") or {}).get("TunnelOptions") or []:
            for _name, member in INSIDE_CIDR_MEMBERS:
                if tunnel.get(member):
                    taken[ipaddress.ip_network(tunnel[member])] = conn["VpnConnectionId"]
    found = []
    for i, spec in enumerate(specs):
        for name, _member in INSIDE_CIDR_MEMBERS:
            net = ipaddress.ip_network(spec[name]) if spec.get(name) else None
            if net in taken:
                found.append(("tunnel_options[%d].%s" % (i, name), "inside_cidr.taken",
                              "%s is already used by %s on the same gateway" % (net, taken[net])))
    return found


def modify_problems(changes: dict, actual_options: dict, target_kind: str) -> list:
    """The connection option rules the live connection would break after ``changes`` (ModifyVpnConnectionOptions):
    the options it runs with the changes applied, judged by the same rules as a create, only on the changed fields
    (large tunnels on an accelerated connection, say)."""
    merged = dict(actual_options, **changes)
    return [p for p in copts.problems(merged, target_kind, "connection_options.") if p[0][len("connection_options."):] in changes]


def create_problems(params: dict) -> list:
    """What a create needs besides valid options. Checked only when creating for real, because in
    check mode the gateways may themselves be only planned (their IDs not known yet)."""
    found = []
    if not params.get("customer_gateway_id"):
        found.append(("customer_gateway_id", "connection.customer_gateway", "is required to create a VPN connection"))
    if not (params.get("vpn_gateway_id") or params.get("transit_gateway_id") or params.get("cloudwan")):
        found.append(("vpn_gateway_id", "connection.target", "one of vpn_gateway_id or transit_gateway_id is required "
                      "to create a VPN connection (or cloudwan: true for a Cloud WAN core network attachment)"))
    return found


def _cloudwan_problems(params: dict) -> list:
    """A Cloud WAN connection is created with no gateway ("Not associated") and BGP only (AWS Site-to-Site VPN user
    guide, create-cwan-vpn-connection: "static routing is not supported")."""
    if not params.get("cloudwan"):
        return []
    found = [(name, "connection.cloudwan_no_gateway", "must be unset with cloudwan: true (a core network attachment "
              "takes the connection, not a gateway)") for name in ("vpn_gateway_id", "transit_gateway_id") if params.get(name)]
    if (params.get("connection_options") or {}).get("static_routes_only"):
        found.append(("connection_options.static_routes_only", "connection.cloudwan_bgp",
                      "must be false with cloudwan: true: Cloud WAN site-to-site VPN attachments need BGP"))
    return found


def _concentrator_problems(params: dict) -> list:
    """AWS takes a connection on a concentrator only toward its transit gateway and with BGP (AWS user guide,
    "VPN Concentrator"; shared/reference/aws-vpn-2026.md)."""
    if not params.get("vpn_concentrator_id"):
        return []
    found = []
    if not params.get("transit_gateway_id"):
        found.append(("vpn_concentrator_id", "connection.concentrator_tgw", "needs transit_gateway_id: a concentrator is on a transit gateway"))
    if (params.get("connection_options") or {}).get("static_routes_only"):
        found.append(("vpn_concentrator_id", "connection.concentrator_bgp", "needs BGP: not with connection_options.static_routes_only"))
    return found


def problems(params: dict) -> list:
    """Every rule the module parameters break, for state=present."""
    found = _concentrator_problems(params) + _cloudwan_problems(params)
    found.extend(copts.problems(params.get("connection_options") or {}, target(params), "connection_options."))
    found.extend(_tunnel_problems(params))
    found.extend(_route_problems(params))
    return found


def run_problems(params: dict, no_log: bool) -> list:
    """Rules on how the task runs rather than on the connection: keys only under no_log, a real timeout."""
    found = []
    if params.get("return_pre_shared_keys") and not no_log:
        found.append(("return_pre_shared_keys", "psk.no_log", "true needs no_log: true on the task, so the keys are never displayed"))
    if params.get("wait_timeout") is not None and params["wait_timeout"] <= 0:
        found.append(("wait_timeout", "wait.timeout", "must be a positive number of seconds (got %d)" % params["wait_timeout"]))
    return found


def problem_dicts(found: list) -> list:
    return [{"field": f, "rule": r, "message": m} for f, r, m in found]


def format_problems(found: list) -> str:
    return "%d invalid parameter(s): %s" % (len(found), "; ".join("%s: %s [%s]" % (f, m, r) for f, r, m in found))


def with_generated_keys(specs: list, generate: bool) -> list:
    """Tunnel specs for a create; ``generate`` fills missing keys with fresh distinct ones."""
    specs = [dict(s) for s in specs]
    if not generate:
        return specs
    while len(specs) < MAX_TUNNELS:
        specs.append({})
    used = [s["pre_shared_key"] for s in specs if s.get("pre_shared_key")]
    fresh = iter(psk_rules.generate_distinct(MAX_TUNNELS, avoid=used))
    for spec in specs:
        if not spec.get("pre_shared_key"):
            spec["pre_shared_key"] = next(fresh)
    return specs


def create_request(params: dict, specs: list, tag_specifications=None) -> dict:
    """CreateVpnConnection keyword arguments; nothing unset is ever sent."""
    options = copts.to_api(params.get("connection_options") or {})
    if specs:
        options["TunnelOptions"] = [topts.to_api(s) for s in specs]
    request = {"CustomerGatewayId": params["customer_gateway_id"], "Type": VPN_TYPE}
    if params.get("transit_gateway_id"):
        request["TransitGatewayId"] = params["transit_gateway_id"]
        if params.get("vpn_concentrator_id"):
            request["VpnConcentratorId"] = params["vpn_concentrator_id"]
    elif params.get("vpn_gateway_id"):
        request["VpnGatewayId"] = params["vpn_gateway_id"]
    if options:
        request["Options"] = options
    if params.get("pre_shared_key_storage"):
        request["PreSharedKeyStorage"] = params["pre_shared_key_storage"]
    if tag_specifications:
        request["TagSpecifications"] = tag_specifications
    return request
