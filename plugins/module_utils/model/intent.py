# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPN intent: its argument spec, defaults and its structural validation rules.

``validate(intent)`` returns the intent with defaults applied or raises IntentErrors that
list every broken rule with the field path and a rule id. Nothing in a message is a PSK.
The tunnel options are judged where the profile is resolved and the options merged: in
``plan.validate`` (the whole validation, what the filters call).
The spec is an Ansible argument spec so the same structure documents the roles
(``docs/intent.md`` is generated from it) and needs nothing beyond ansible-core.
"""

from __future__ import annotations

import copy
import ipaddress
import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import ErrorCollector

PLATFORMS = crypto_vocab.DEVICE_PLATFORMS
# ASNs AWS reserves: 7224 everywhere, and one per Region where AWS peers from it.
RESERVED_ASNS = {7224: None, 9059: "eu-west-1", 10124: "ap-northeast-1", 17943: "ap-southeast-1"}
AMAZON_ASN_RANGES = ((64512, 65534), (4200000000, 4294967294))
CGW_ASN_RANGE = (1, 4294967294)
# Route quotas per VPN connection: (CGW -> AWS dynamic, AWS -> CGW, static to the gateway).
ROUTE_QUOTAS = {"vgw": (100, 1000, 100), "tgw": (1000, 5000, 1000), "cloudwan": (1000, 5000, 1000)}  # Cloud WAN: static is refused on its own
CONNECTIONS_PER_VGW = 10
# Cloud WAN connections are created on no gateway: AWS's quota of "unassociated VPN connections per Region".
UNASSOCIATED_PER_REGION = 10
CORE_NETWORK_ID = re.compile(r"^core-network-([0-9a-f]{8,17})$")  # botocore networkmanager CoreNetworkId pattern
CONNECTIONS_PER_REGION = 50
CGWS_PER_REGION = 50

TUNNEL_OPTION_SPEC = {f.name: {"type": "raw"} for f in topts.FIELDS}
TUNNEL_OPTION_SPEC["pre_shared_key"] = {"type": "str", "no_log": True}

CONNECTION_OPTION_SPEC = {
    "tunnel_inside_ip_version": {"type": "str", "choices": ["ipv4", "ipv6"], "default": "ipv4"},
    "local_ipv4_network_cidr": {"type": "str"},
    "remote_ipv4_network_cidr": {"type": "str"},
    "outside_ip_address_type": {"type": "str", "choices": ["PublicIpv4", "PrivateIpv4", "Ipv6"],
                                "default": "PublicIpv4"},
    "enable_acceleration": {"type": "bool", "default": False},
    "tunnel_bandwidth": {"type": "str", "choices": ["standard", "large"], "default": "standard"},
    "psk_storage": {"type": "str", "choices": ["Standard", "SecretsManager"], "default": "Standard"},
}

INTENT_SPEC = {
    "region": {"type": "str", "required": True},
    "crypto_profile": {"type": "str", "default": "recommended"},
    # Overrides the profiles' distinct_keys rule (AWS accepts one key on several tunnels).
    "allow_psk_reuse": {"type": "bool", "default": False},
    "tags": {"type": "dict", "default": {}},
    "gateways": {
        "type": "list", "elements": "dict", "required": True,
        "options": {
            "name": {"type": "str", "required": True},
            "type": {"type": "str", "required": True, "choices": ["vgw", "tgw", "cloudwan"]},
            "amazon_side_asn": {"type": "int", "default": 64512},
            "vpc_cidrs": {"type": "list", "elements": "str", "required": True},
            "vpc_id": {"type": "str"},
            "ecmp": {"type": "bool"},
            # A VPN concentrator on the TGW carries the gateway's site connections (BGP only).
            "concentrator": {"type": "bool", "default": False},
            # Cloud WAN: the core network whose edge in the intent's Region takes the connections, the segment its
            # policy must put them in, and the attachment tags its attachment policies match.
            "core_network_id": {"type": "str"},
            "segment": {"type": "str"},
            "attachment_tags": {"type": "dict", "default": {}},
        },
    },
    "sites": {
        "type": "list", "elements": "dict", "required": True,
        "options": {
            "name": {"type": "str", "required": True},
            "gateway": {"type": "str", "required": True},
            "prefixes": {"type": "list", "elements": "str", "required": True},
            "routing": {"type": "str", "choices": ["bgp", "static"], "default": "bgp"},
            "redundancy": {"type": "str", "choices": ["active_active", "active_passive"],
                           "default": "active_active"},
            "crypto_profile": {"type": "str"},
            "cgws": {
                "type": "list", "elements": "dict", "required": True,
                "options": {
                    "name": {"type": "str", "required": True},
                    "public_ip": {"type": "str", "required": True},
                    "private_ip": {"type": "str"},
                    "asn": {"type": "int", "required": True},
                    "platform": {"type": "str", "required": True},
                    "version": {"type": "str"},
                    "device_name": {"type": "str"},
                    "tunnel_options": {"type": "dict", "default": {}, "options": TUNNEL_OPTION_SPEC},
                    "connection_options": {"type": "dict", "default": {}, "options": CONNECTION_OPTION_SPEC},
                    "connections": {
                        "type": "list", "elements": "dict", "default": [{}],
                        "options": {
                            "tunnels": {"type": "list", "elements": "dict", "default": [],
                                        "options": TUNNEL_OPTION_SPEC},
                        },
                    },
                },
            },
        },
    },
}

_FOUND_IN = re.compile(r" found in '?([^'.]+)'?\.?")


def _schema_errors(intent, errors: ErrorCollector) -> dict:
    # A copy: the validator fills nested options into the spec's own default dicts ({} becomes every option: None),
    # which then leaked into the next validation and the generated reference page.
    result = ArgumentSpecValidator(copy.deepcopy(INTENT_SPEC)).validate(intent)
    for err in result.errors:
        text = str(err)
        where = _FOUND_IN.search(text)
        field = "s2s_intent" + ("." + where.group(1).replace(" -> ", ".") if where else "")
        errors.add(field, "schema." + type(err).__name__.replace("Error", "").lower(), text)
    return result.validated_parameters


def _check_network(field, value, errors, version=None):
    try:
        net = ipaddress.ip_network(str(value), strict=True)
    except ValueError as exc:
        errors.add(field, "prefix.syntax", "%r is not a network: %s" % (value, exc))
        return None
    if version and net.version != version:
        errors.add(field, "prefix.version", "%s must be IPv%d" % (net, version))
        return None
    return net


def _in_ranges(value, ranges):
    return any(lo <= value <= hi for lo, hi in ranges)


def _check_gateway(i, gw, errors):
    path = "s2s_intent.gateways[%d]" % i
    asn = gw["amazon_side_asn"]
    if not _in_ranges(asn, AMAZON_ASN_RANGES):
        errors.add(path + ".amazon_side_asn", "asn.amazon_range",
                   "%d must be within 64512-65534 or 4200000000-4294967294" % asn)
    for j, cidr in enumerate(gw["vpc_cidrs"]):
        _check_network("%s.vpc_cidrs[%d]" % (path, j), cidr, errors)
    if gw["ecmp"] is None:
        gw["ecmp"] = gw["type"] != "vgw"  # a TGW's default; a core network's policy has vpn-ecmp-support true by default
    elif gw["ecmp"] and gw["type"] == "vgw":
        errors.add(path + ".ecmp", "gateway.ecmp_tgw_only", "ECMP across VPN tunnels needs a transit gateway or Cloud WAN")
    if gw["concentrator"] and gw["type"] != "tgw":
        errors.add(path + ".concentrator", "gateway.concentrator_tgw_only", "a VPN concentrator is on a transit gateway")
    _check_cloudwan_gateway(path, gw, errors)


def _check_cloudwan_gateway(path, gw, errors):
    """A cloudwan gateway is a core network (its edge in the intent's Region); the Cloud WAN fields belong to it only."""
    if gw["type"] != "cloudwan":
        for key in ("core_network_id", "segment", "attachment_tags"):
            if gw[key]:
                errors.add("%s.%s" % (path, key), "gateway.cloudwan_only", "is for a gateway of type cloudwan")
        return
    if not gw["core_network_id"]:
        errors.add(path + ".core_network_id", "gateway.core_network_required", "is required for a gateway of type cloudwan")
    elif not CORE_NETWORK_ID.match(gw["core_network_id"]):
        errors.add(path + ".core_network_id", "gateway.core_network_id",
                   "%r is not a core network ID (core-network- and 8 to 17 hex digits)" % gw["core_network_id"])


def private_ip_problem(private_ip, public_ip):
    """(rule, message) when ``private_ip`` cannot be a NATed CGW's own address, else None.

    A CGW behind NAT binds IKE and sources its tunnels from its own (inside) address; AWS's customer
    gateway and the IKE identity stay the public one. The cgw layer applies the same rule to the
    ``cgw_connections`` users give directly.
    """
    try:
        ip = ipaddress.ip_address(private_ip)
    except ValueError as exc:
        return "cgw.private_ip", "%r is not an IPv4 address: %s" % (private_ip, exc)
    if ip.version != 4 or ip.is_unspecified or ip.is_multicast or ip.is_loopback or ip.is_reserved:
        return "cgw.private_ip", "%s is not an IPv4 host address a device can bind" % ip
    if str(ip) == public_ip:
        return "cgw.private_ip_is_public", "%s equals the public address; give it only for a CGW behind NAT" % ip
    return None


def _check_cgw(path, cgw, site, gw, region, errors):
    if cgw["platform"] not in PLATFORMS:
        errors.add(path + ".platform", "platform.unknown",
                   "unknown platform %r; valid: %s" % (cgw["platform"], ", ".join(PLATFORMS)))
    try:
        ip = ipaddress.ip_address(cgw["public_ip"])
        if ip.version != 4:
            raise ValueError("must be IPv4")
    except ValueError as exc:
        errors.add(path + ".public_ip", "cgw.public_ip", "%r is not an IPv4 address: %s" % (cgw["public_ip"], exc))
    problem = cgw["private_ip"] is not None and private_ip_problem(cgw["private_ip"], cgw["public_ip"])
    if problem:
        errors.add(path + ".private_ip", *problem)
    asn = cgw["asn"]
    if not _in_ranges(asn, (CGW_ASN_RANGE,)):
        errors.add(path + ".asn", "asn.range", "%d must be within %d-%d" % ((asn,) + CGW_ASN_RANGE))
    if gw is not None and asn == gw["amazon_side_asn"]:
        errors.add(path + ".asn", "asn.equals_amazon",
                   "%d equals the amazon side ASN of gateway %s; eBGP needs different ASNs" % (asn, gw["name"]))
    if asn in RESERVED_ASNS and RESERVED_ASNS[asn] in (None, region):
        errors.add(path + ".asn", "asn.reserved",
                   "%d is reserved by AWS%s" % (asn, " in " + region if RESERVED_ASNS[asn] else ""))
    copts = cgw["connection_options"]
    if gw is not None and gw["type"] == "cloudwan" and copts.get("enable_acceleration"):
        errors.add(path + ".connection_options.enable_acceleration", "connection.acceleration_tgw_only",
                   "True needs a transit gateway; %s is a Cloud WAN core network (AWS accelerates TGW connections only)"
                   % gw["name"])
    if gw is not None and gw["type"] == "vgw":
        for key, bad, rule in (("enable_acceleration", True, "connection.acceleration_tgw_only"),
                               ("tunnel_bandwidth", "large", "connection.bandwidth_tgw_only"),
                               ("tunnel_inside_ip_version", "ipv6", "connection.ipv6_tgw_only")):
            if copts.get(key) == bad:
                errors.add("%s.connection_options.%s" % (path, key), rule,
                           "%r needs a transit gateway; %s is a VGW" % (bad, gw["name"]))
    for key in ("local_ipv4_network_cidr", "remote_ipv4_network_cidr"):
        if copts.get(key):
            _check_network("%s.connection_options.%s" % (path, key), copts[key], errors, 4)


def validate(intent, errors: ErrorCollector | None = None) -> dict:
    """Validate the intent's structure; returns it with defaults applied, or raises IntentErrors.

    Tunnel options are judged by ``plan.validate`` (the whole validation), which resolves each site's
    profile and merges the options once: this module never merges them. With ``errors`` given the
    problems found here go there and the caller raises (schema errors still raise at once: nothing
    else can be checked without a valid structure).
    """
    collect = errors is not None
    errors = errors if collect else ErrorCollector()
    if not isinstance(intent, dict):
        errors.add("s2s_intent", "schema.type", "must be a mapping")
        errors.raise_if_any()
    data = _schema_errors(intent, errors)
    errors.raise_if_any()

    region = data["region"]
    if data["crypto_profile"] not in profiles.PROFILES:
        errors.add("s2s_intent.crypto_profile", "profile.unknown", "unknown crypto profile %r; valid: %s"
                   % (data["crypto_profile"], ", ".join(sorted(profiles.PROFILES))))
    gateways = {}
    for i, gw in enumerate(data["gateways"]):
        if gw["name"] in gateways:
            errors.add("s2s_intent.gateways[%d].name" % i, "gateway.duplicate", "%s is defined twice" % gw["name"])
        gateways[gw["name"]] = gw
        _check_gateway(i, gw, errors)

    seen_sites, seen_cgws = set(), set()
    ips_per_gateway, connections_per_gateway, cgw_identities = {}, {}, set()
    for i, site in enumerate(data["sites"]):
        spath = "s2s_intent.sites[%d]" % i
        if site["name"] in seen_sites:
            errors.add(spath + ".name", "site.duplicate", "%s is defined twice" % site["name"])
        seen_sites.add(site["name"])
        gw = gateways.get(site["gateway"])
        if gw is None:
            errors.add(spath + ".gateway", "site.gateway_unknown", "unknown gateway %r; defined: %s"
                       % (site["gateway"], ", ".join(sorted(gateways)) or "none"))
        if site["crypto_profile"] and site["crypto_profile"] not in profiles.PROFILES:
            errors.add(spath + ".crypto_profile", "profile.unknown", "unknown crypto profile %r; valid: %s"
                       % (site["crypto_profile"], ", ".join(sorted(profiles.PROFILES))))
        for j, prefix in enumerate(site["prefixes"]):
            _check_network("%s.prefixes[%d]" % (spath, j), prefix, errors)
        if gw is not None:
            to_aws, from_aws, static = ROUTE_QUOTAS[gw["type"]]
            limit = static if site["routing"] == "static" else to_aws
            if len(site["prefixes"]) > limit:
                errors.add(spath + ".prefixes", "quota.routes_to_aws",
                           "%d prefixes exceed the %d %s routes a %s accepts per VPN connection"
                           % (len(site["prefixes"]), limit, site["routing"], gw["type"].upper()))
            if len(gw["vpc_cidrs"]) > from_aws:
                errors.add("s2s_intent.gateways.%s.vpc_cidrs" % gw["name"], "quota.routes_to_cgw",
                           "%d prefixes exceed the %d routes a %s advertises to a CGW"
                           % (len(gw["vpc_cidrs"]), from_aws, gw["type"].upper()))
            if site["redundancy"] == "active_active" and site["routing"] == "static" and gw["ecmp"]:
                errors.add(spath + ".routing", "routing.ecmp_needs_bgp", "ECMP across tunnels needs BGP routing")
            if site["routing"] == "static" and gw["type"] == "cloudwan":
                errors.add(spath + ".routing", "routing.cloudwan_needs_bgp",
                           "gateway %s is a Cloud WAN core network, which attaches BGP connections only" % gw["name"])
            if site["routing"] == "static" and gw["concentrator"]:
                errors.add(spath + ".routing", "routing.concentrator_needs_bgp",
                           "gateway %s puts its connections on a VPN concentrator, which takes BGP connections only" % gw["name"])
        for k, cgw in enumerate(site["cgws"]):
            cpath = "%s.cgws[%d]" % (spath, k)
            if cgw["name"] in seen_cgws:
                errors.add(cpath + ".name", "cgw.duplicate", "%s is defined twice" % cgw["name"])
            seen_cgws.add(cgw["name"])
            _check_cgw(cpath, cgw, site, gw, region, errors)
            cgw_identities.add((cgw["public_ip"], cgw["asn"]))
            if gw is not None:
                owners = ips_per_gateway.setdefault(gw["name"], {})
                if cgw["public_ip"] in owners:
                    errors.add(cpath + ".public_ip", "cgw.duplicate_ip",
                               "%s is already used by %s on gateway %s"
                               % (cgw["public_ip"], owners[cgw["public_ip"]], gw["name"]))
                owners[cgw["public_ip"]] = cgw["name"]
                connections_per_gateway[gw["name"]] = (
                    connections_per_gateway.get(gw["name"], 0) + len(cgw["connections"]))
            if cgw["tunnel_options"].get("pre_shared_key") is not None:
                errors.add(cpath + ".tunnel_options.pre_shared_key", "psk.per_tunnel",
                           "a key is one tunnel's: give it under connections[].tunnels[], not for the whole CGW")
            for c, conn in enumerate(cgw["connections"]):
                if len(conn["tunnels"]) > 2:
                    errors.add("%s.connections[%d].tunnels" % (cpath, c), "connection.tunnel_count",
                               "a VPN connection has two tunnels; %d given" % len(conn["tunnels"]))

    for name, count in connections_per_gateway.items():
        if gateways[name]["type"] == "vgw" and count > CONNECTIONS_PER_VGW:
            errors.add("s2s_intent.gateways.%s" % name, "quota.connections_per_vgw",
                       "%d VPN connections exceed the %d a VGW takes" % (count, CONNECTIONS_PER_VGW))
    unassociated = sum(n for name, n in connections_per_gateway.items() if gateways[name]["type"] == "cloudwan")
    if unassociated > UNASSOCIATED_PER_REGION:
        errors.add("s2s_intent.sites", "quota.unassociated_per_region",
                   "%d Cloud WAN connections exceed the default quota of %d unassociated VPN connections per Region"
                   % (unassociated, UNASSOCIATED_PER_REGION))
    total = sum(connections_per_gateway.values())
    if total > CONNECTIONS_PER_REGION:
        errors.add("s2s_intent.sites", "quota.connections_per_region",
                   "%d VPN connections exceed the default quota of %d per Region" % (total, CONNECTIONS_PER_REGION))
    if len(cgw_identities) > CGWS_PER_REGION:
        errors.add("s2s_intent.sites", "quota.cgws_per_region",
                   "%d customer gateways exceed the default quota of %d per Region"
                   % (len(cgw_identities), CGWS_PER_REGION))
    _check_inside_pins(data, errors)
    if not collect:
        errors.raise_if_any()
    return data


def _check_inside_pins(data, errors):
    """Pinned inside CIDRs must be unique per gateway (AWS refuses duplicates on one VGW/TGW)."""
    seen = {}
    for i, site in enumerate(data["sites"]):
        for k, cgw in enumerate(site["cgws"]):
            for c, conn in enumerate(cgw["connections"]):
                for t, tunnel in enumerate(conn["tunnels"]):
                    cidr = tunnel.get("inside_cidr")
                    if not cidr:
                        continue
                    try:
                        net = inside_cidr.check(cidr)
                    except inside_cidr.InsideCidrError:
                        continue  # reported by the tunnel option checks
                    path = "s2s_intent.sites[%d].cgws[%d].connections[%d].tunnels[%d].inside_cidr" % (i, k, c, t)
                    owner = seen.get((site["gateway"], net))
                    if owner:
                        errors.add(path, "inside_cidr.duplicate",
                                   "%s is already pinned at %s on gateway %s" % (net, owner, site["gateway"]))
                    seen[(site["gateway"], net)] = path
