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
GATEWAY_KINDS = {"vgw": "VGW", "tgw": "transit gateway", "cloudwan": "Cloud WAN core network"}
ROUTE_QUOTAS = {"vgw": (100, 1000, 100), "tgw": (1000, 5000, 1000), "cloudwan": (1000, 5000, 1000)}  # Cloud WAN: static is refused on its own
CONNECTIONS_PER_VGW = 10
# Cloud WAN connections are created on no gateway: AWS's quota of "unassociated VPN connections per Region".
UNASSOCIATED_PER_REGION = 10
CORE_NETWORK_ID = re.compile(r"^core-network-([0-9a-f]{8,17})$")  # botocore networkmanager CoreNetworkId pattern
CONNECTIONS_PER_REGION = 50
CGWS_PER_REGION = 50
# A Region name (us-east-1, us-gov-west-1, eusc-de-east-1, ...) and an IAM role's ARN (account id: 12 digits).
REGION_NAME = re.compile(r"^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$")
ROLE_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$")

TUNNEL_OPTION_SPEC = {f.name: {"type": "raw"} for f in topts.FIELDS}
TUNNEL_OPTION_SPEC["pre_shared_key"] = {"type": "str", "no_log": True}

CONNECTION_OPTION_SPEC = {
    "tunnel_inside_ip_version": {"type": "str", "choices": ["ipv4", "ipv6"], "default": "ipv4"},
    "local_ipv4_network_cidr": {"type": "str"},
    "remote_ipv4_network_cidr": {"type": "str"},
    "outside_ip_address_type": {"type": "str", "choices": ["PublicIpv4", "PrivateIpv4", "Ipv6"],
                                "default": "PublicIpv4"},
    # A private IP VPN (outside_ip_address_type PrivateIpv4) runs over the TGW's Direct Connect gateway attachment.
    "transport_transit_gateway_attachment_id": {"type": "str"},
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
    # Accounts by name: the IAM role to assume in each (gateways[].account names one).
    "accounts": {"type": "dict", "default": {}},
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
            # Where the gateway is: its Region (default: the intent's) and account (a role to assume, given here
            # or by its name in accounts; default: the play's credentials). Its sites and CGWs follow it.
            "region": {"type": "str"},
            "account": {"type": "str"},
            "account_role_arn": {"type": "str"},
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
                    # The address AWS's customer gateway holds: public IPv4, private IPv4 over Direct Connect
                    # (PrivateIpv4) or IPv6 (Ipv6), after connection_options.outside_ip_address_type.
                    "public_ip": {"type": "str", "required": True, "aliases": ["outside_ip"]},
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


def _check_gateway(i, gw, data, errors):
    path = "s2s_intent.gateways[%d]" % i
    _place_gateway(path, gw, data, errors)
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


def _place_gateway(path, gw, data, errors):
    """Fill in the gateway's Region and role (``account`` resolved through ``accounts``) and check both."""
    gw["region"] = gw["region"] or data["region"]
    if not REGION_NAME.match(gw["region"]):
        errors.add(path + ".region", "gateway.region", "%r is not an AWS Region name (like us-east-1)" % gw["region"])
    if gw["account"] is not None and gw["account_role_arn"] is not None:
        errors.add(path + ".account", "gateway.account_twice", "give account (a name in accounts) or account_role_arn, not both")
    elif gw["account"] is not None:
        if gw["account"] not in data["accounts"]:
            errors.add(path + ".account", "gateway.account_unknown", "unknown account %r; defined in accounts: %s"
                       % (gw["account"], ", ".join(sorted(data["accounts"])) or "none"))
        gw["account_role_arn"] = data["accounts"].get(gw["account"])
    elif gw["account_role_arn"] is not None:
        _check_role_arn(path + ".account_role_arn", gw["account_role_arn"], errors)


def _check_role_arn(path, arn, errors):
    if not isinstance(arn, str) or not ROLE_ARN.match(arn):
        errors.add(path, "account.role_arn", "%r is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)" % (arn,))


def placement(gw) -> tuple:
    """(account role ARN or None, Region): what one AWS client serves; quotas count per placement."""
    return gw["account_role_arn"], gw["region"]


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


# RFC 1918 and RFC 6598: the private IPv4 a customer gateway of a private IP VPN may hold (AWS's CreateCustomerGateway).
PRIVATE_OUTSIDE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"))


def outside_ip_problem(address, outside_type):
    """(rule, message) when ``address`` cannot be the customer gateway's address for ``outside_type``
    (OutsideIpAddressType), else None: IPv6 for Ipv6, RFC 1918/6598 IPv4 for PrivateIpv4, IPv4 for PublicIpv4."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError as exc:
        return "cgw.public_ip", "%r is not an IP address: %s" % (address, exc)
    if (ip.version == 6) != (outside_type == "Ipv6"):
        return "cgw.outside_ip_family", ("%s is IPv%d, but outside_ip_address_type %s needs an IPv%d address"
                                         % (ip, ip.version, outside_type, 6 if outside_type == "Ipv6" else 4))
    if outside_type == "PrivateIpv4" and not any(ip in net for net in PRIVATE_OUTSIDE):
        return "cgw.outside_ip_private", ("%s is not an RFC 1918 or RFC 6598 address, which a private IP VPN"
                                          " (PrivateIpv4, over Direct Connect) needs" % ip)
    return None


def _check_outside(path, cgw, gw, errors):
    """AWS's rules on IPv6 and private IP outside addresses: a transit gateway, the Direct Connect transport, no
    acceleration over Direct Connect, no NAT (the device owns the address AWS knows)."""
    copts, where = cgw["connection_options"], path + ".connection_options."
    outside, transport = copts["outside_ip_address_type"], copts.get("transport_transit_gateway_attachment_id")
    allowed = ("tgw", "cloudwan") if outside == "Ipv6" else ("tgw",)  # private IP rides a TGW's Direct Connect attachment
    if outside != "PublicIpv4" and gw is not None and gw["type"] not in allowed:
        errors.add(where + "outside_ip_address_type", "connection.outside_tgw_only",
                   "%s outside addresses need a transit gateway%s; %s is a %s"
                   % (outside, " or Cloud WAN" if outside == "Ipv6" else "", gw["name"], GATEWAY_KINDS[gw["type"]]))
    if outside == "PrivateIpv4" and not transport:
        errors.add(where + "transport_transit_gateway_attachment_id", "connection.private_ip_transport",
                   "a private IP VPN needs the transit gateway's Direct Connect gateway attachment (tgw-attach-...)")
    if transport and outside != "PrivateIpv4":
        errors.add(where + "transport_transit_gateway_attachment_id", "connection.private_ip_transport",
                   "is only valid with outside_ip_address_type PrivateIpv4")
    if outside == "PrivateIpv4" and copts["enable_acceleration"]:
        errors.add(where + "enable_acceleration", "connection.private_ip_accelerated",
                   "a private IP VPN over Direct Connect cannot be accelerated")
    if outside != "PublicIpv4" and cgw["private_ip"] is not None:
        errors.add(path + ".private_ip", "cgw.private_ip_nat_public_only",
                   "private_ip is a NATed CGW's own address; with %s outside addresses the CGW holds %s itself"
                   % (outside, cgw["public_ip"]))


def _check_cgw(path, cgw, site, gw, region, errors):
    if cgw["platform"] not in PLATFORMS:
        errors.add(path + ".platform", "platform.unknown",
                   "unknown platform %r; valid: %s" % (cgw["platform"], ", ".join(PLATFORMS)))
    copts = cgw["connection_options"]
    problem = outside_ip_problem(cgw["public_ip"], copts["outside_ip_address_type"])
    if problem:
        errors.add(path + ".public_ip", *problem)
    problem = cgw["private_ip"] is not None and private_ip_problem(cgw["private_ip"], cgw["public_ip"])
    if problem:
        errors.add(path + ".private_ip", *problem)
    _check_outside(path, cgw, gw, errors)
    asn = cgw["asn"]
    if not _in_ranges(asn, (CGW_ASN_RANGE,)):
        errors.add(path + ".asn", "asn.range", "%d must be within %d-%d" % ((asn,) + CGW_ASN_RANGE))
    if gw is not None and asn == gw["amazon_side_asn"]:
        errors.add(path + ".asn", "asn.equals_amazon",
                   "%d equals the amazon side ASN of gateway %s; eBGP needs different ASNs" % (asn, gw["name"]))
    if asn in RESERVED_ASNS and RESERVED_ASNS[asn] in (None, region):
        errors.add(path + ".asn", "asn.reserved",
                   "%d is reserved by AWS%s" % (asn, " in " + region if RESERVED_ASNS[asn] else ""))
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
    for name, arn in data["accounts"].items():
        _check_role_arn("s2s_intent.accounts.%s" % name, arn, errors)
    gateways = {}
    for i, gw in enumerate(data["gateways"]):
        if gw["name"] in gateways:
            errors.add("s2s_intent.gateways[%d].name" % i, "gateway.duplicate", "%s is defined twice" % gw["name"])
        gateways[gw["name"]] = gw
        _check_gateway(i, gw, data, errors)

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
            _check_cgw(cpath, cgw, site, gw, gw["region"] if gw else region, errors)
            # A CGW serving gateways in two Regions or accounts is a customer gateway in each.
            cgw_identities.add((placement(gw) if gw else None, cgw["public_ip"], cgw["asn"]))
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
    _check_region_quotas(gateways, connections_per_gateway, cgw_identities, errors)
    _check_inside_pins(data, errors)
    if not collect:
        errors.raise_if_any()
    return data


def _place_label(place) -> str:
    role, region = place
    return region + (" of account %s" % role.split(":")[4] if role else "")


def _check_region_quotas(gateways, connections_per_gateway, cgw_identities, errors):
    """The per-Region quotas count in each account and Region apart."""
    totals = {}
    for name, count in connections_per_gateway.items():
        place = placement(gateways[name])
        totals[place] = totals.get(place, 0) + count
    for place, total in sorted(totals.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        if total > CONNECTIONS_PER_REGION:
            errors.add("s2s_intent.sites", "quota.connections_per_region", "%d VPN connections exceed the default quota "
                       "of %d per Region (%s)" % (total, CONNECTIONS_PER_REGION, _place_label(place)))
    cgws = {}
    for place, _ip, _asn in cgw_identities:
        if place is not None:  # a site on an unknown gateway: reported as such
            cgws[place] = cgws.get(place, 0) + 1
    for place, count in sorted(cgws.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        if count > CGWS_PER_REGION:
            errors.add("s2s_intent.sites", "quota.cgws_per_region", "%d customer gateways exceed the default quota "
                       "of %d per Region (%s)" % (count, CGWS_PER_REGION, _place_label(place)))
    unassociated = {}  # Cloud WAN connections sit on no gateway: their own, smaller quota per Region
    for name, count in connections_per_gateway.items():
        if gateways[name]["type"] == "cloudwan":
            place = placement(gateways[name])
            unassociated[place] = unassociated.get(place, 0) + count
    for place, count in sorted(unassociated.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        if count > UNASSOCIATED_PER_REGION:
            errors.add("s2s_intent.sites", "quota.unassociated_per_region", "%d Cloud WAN connections exceed the default "
                       "quota of %d unassociated VPN connections per Region (%s)"
                       % (count, UNASSOCIATED_PER_REGION, _place_label(place)))


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
