# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twin's own table of AWS's VPN request rules, read at import from AWS's EC2 API model.

botocore ships AWS's EC2 model with AWS's documentation of every member ("Valid values: a | b",
"A value between 900 and 28,800", "Default: 28800", ...). The rules here are parsed from that text,
so the twin judges requests by what AWS says, never by the collection's own tables
(plugins/module_utils/model): a product bug cannot hide behind a twin that shares its code.

Each rule names its source (``botocore <version> <Shape>.<Member>``). Rules the text states in prose
(a lifetime below another, PSK characters, reserved CIDRs, ...) are written by hand beside the
sentence they come from (QUOTES); tests/unit/lab/test_twin_api_rules.py asserts each sentence is
still in the model, so a botocore upgrade that changes a rule fails loudly. Rules AWS states
elsewhere (the user guide) carry that page as their source (HAND_SOURCES).
"""

from __future__ import annotations

import dataclasses
import html
import ipaddress
import re
import string

import botocore
import botocore.session

BOTOCORE = "botocore %s" % botocore.__version__
CREATE_TUNNEL = "VpnTunnelOptionsSpecification"
MODIFY_TUNNEL = "ModifyVpnTunnelOptionsSpecification"
CONNECTION = "VpnConnectionOptionsSpecification"
LOGS = "CloudWatchLogOptionsSpecification"
KEX = "VpnAdditionalKeyExchangeRequest"
READ_TUNNEL = "TunnelOption"

# Sentences of AWS's documentation the hand-written rules below stand on: (shape, member, quote).
QUOTES = {
    "lifetime_order": (CREATE_TUNNEL, "Phase2LifetimeSeconds",
                       "The value must be less than the value for Phase1LifetimeSeconds."),
    "rekey_margin": (CREATE_TUNNEL, "RekeyMarginTimeSeconds", "A value between 60 and half of Phase2LifetimeSeconds."),
    "psk_charset": (CREATE_TUNNEL, "PreSharedKey",
                    "Allowed characters are alphanumeric characters, periods (.), and underscores (_)."),
    "psk_length": (CREATE_TUNNEL, "PreSharedKey", "Must be between 8 and 64 characters in length"),
    "psk_leading_zero": (CREATE_TUNNEL, "PreSharedKey", "cannot start with zero (0)."),
    "inside_cidr": (CREATE_TUNNEL, "TunnelInsideCidr", "A size /30 CIDR block from the 169.254.0.0/16 range."),
    "inside_cidr_reserved": (CREATE_TUNNEL, "TunnelInsideCidr",
                             "The following CIDR blocks are reserved and cannot be used:"),
    "inside_cidr_unique": (CREATE_TUNNEL, "TunnelInsideCidr", "Any specified CIDR blocks must be unique across all VPN"
                           " connections that use the same virtual private gateway."),
    "inside_ipv6_cidr": (CREATE_TUNNEL, "TunnelInsideIpv6Cidr", "A size /126 CIDR block from the local fd00::/8 range."),
    "kex_unique_round": (CREATE_TUNNEL, "Phase1AdditionalKeyExchanges", "Each round must have a unique round number."),
    "kex_ikev2_only": (CREATE_TUNNEL, "Phase1AdditionalKeyExchanges",
                       "You can't specify a required round if IKEVersions contains only ikev1."),
    "kex_round_range": (KEX, "AdditionalKeyExchangeRound", "Valid range: Minimum value of 1. Maximum value of 7."),
    "kex_required_methods": (KEX, "KeyExchangeMethods", "A required round must specify at least one method."),
    "kex_distinct": (KEX, "KeyExchangeMethods", "The permitted methods must allow a distinct method to be selected for each"
                     " of them."),
    "transport_attachment": (CONNECTION, "TransportTransitGatewayAttachmentId",
                             "Required if OutsideIpAddressType is set to PrivateIpv4."),
    "large_bandwidth_tgw": ("ModifyVpnConnectionOptionsRequest", "TunnelBandwidth",
                            "Large bandwidth is only available for VPN connections attached to a transit gateway"
                            " or to Cloud WAN."),
    "bandwidth_default": (CONNECTION, "TunnelBandwidth", "The default value is standard."),
    "psk_storage": ("CreateVpnConnectionRequest", "PreSharedKeyStorage",
                    "Valid values are Standard\" (stored in the Site-to-Site VPN service) or SecretsManager"),
    "vpn_type": ("CreateVpnConnectionRequest", "Type", "The type of VPN connection (ipsec.1)."),
    "cgw_private_ipv4": ("CreateCustomerGatewayRequest", "IpAddress", "If OutsideIpAddressType in your VPN connection"
                         " options is set to PrivateIpv4, you can use an RFC6598 or RFC1918 private IPv4 address."),
    "cgw_ipv6": ("CreateCustomerGatewayRequest", "IpAddress",
                 "If OutsideIpAddressType is set to Ipv6, you can use an IPv6 address."),
    "cgw_public_ipv4": ("CustomerGateway", "IpAddress",
                        "If OutsideIpAddressType is set to PublicIpv4, you can use a public IPv4 address."),
}
# Rules AWS states outside the API model; the twin keeps them with the page they come from.
USER_GUIDE = "https://docs.aws.amazon.com/vpn/latest/s2svpn/"
HAND_SOURCES = {
    "startup_ikev2": (USER_GUIDE + "initiate-vpn-tunnels.html (Rules and limitations);"
                      " shared/reference/aws-vpn-api.md: 'start (IKEv2 only)'"),
    "log_group_needed": ("not in AWS's API text: the twin assumes logging needs a log group"
                         " (shared/reference/aws-vpn-api.md, LogOptions row)"),
    "list_defaults": ("shared/reference/aws-vpn-api.md ('Unset options mean AWS accepts every listed value',"
                      " botocore 1.43 lists); ML-KEM methods 35-37 (botocore 1.44) are assumed opt-in: AWS does not say"),
    "tgw_only": ("acceleration, IPv6 inside and outside addresses on a transit gateway only: AWS user guide " + USER_GUIDE
                 + "; shared/reference/aws-vpn-api.md, aws-vpn-2026.md"),
    "two_tunnels": "shared/reference/aws-vpn-api.md ('TunnelOptions (at most 2 entries)')",
    "large_not_accelerated": ("AWS's announcement of large-bandwidth tunnels (2025-11): transit gateway or Cloud WAN,"
                              " not with acceleration (shared/reference/aws-vpn-2026.md); the code is assumed:"
                              " InvalidParameterCombination"),
    "concentrator": ("AWS's announcement of Site-to-Site VPN Concentrator (2025-11-19) and user guide: a concentrator"
                     " on a transit gateway takes BGP connections to that transit gateway only (shared/reference/"
                     "aws-vpn-2026.md); the error codes are assumed: InvalidParameterCombination,"
                     " InvalidVpnConcentratorId.NotFound, IncorrectState while connections remain"),
    "outside_family": (USER_GUIDE + "ipv4-ipv6.html ('When using IPv6 for outer tunnel IPs, you must assign IPv6"
                       " addresses on both the AWS side of the VPN connection and your customer gateway'); the code"
                       " is assumed: InvalidParameterCombination"),
    "dx_transport": ("https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-aws-site-to-site-vpn-"
                     "private-ip-vpns/ (the transport is the transit gateway's Direct Connect gateway attachment;"
                     " accelerated VPN is not supported); the code is assumed: InvalidParameterValue"),
    "cloudwan": ("Cloud WAN user guide https://docs.aws.amazon.com/network-manager/latest/cloudwan/"
                 "cloudwan-s2s-vpn-attachment.html (a connection created with no target gateway, 'Not associated';"
                 " the attachment in the account that owns the core network) and " + USER_GUIDE + "create-cwan-vpn-"
                 "connection.html ('static routing is not supported'); accelerated-vpn.html (transit gateway only);"
                 " vpn-limits.html (10 unassociated connections per Region); the edge location is the connection's Region"
                 " and the segment comes from the core network policy's attachment-policies (cloudwan-policies-json.html);"
                 " assumed: ValidationException for a rule broken, ResourceNotFoundException for an unknown VPN,"
                 " IncorrectState when an attached connection is deleted or moved to a gateway"),
    "log_group_arn": ("https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html"
                      " (resource type log-group: arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName});"
                      " the name's pattern and length from botocore's CloudWatch Logs model (LogGroupName);"
                      " the error code AWS answers is assumed: InvalidParameterValue"),
}
# RFC 1918 and RFC 6598 (shared address space): the private IPv4 a PrivateIpv4 customer gateway may hold (cgw_private_ipv4).
PRIVATE_IPV4 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"))
# IANA IKEv2 transform type 4 ids of ML-KEM-512/768/1024 (RFC 9370 additional key exchanges, botocore 1.44).
ML_KEM = (35, 36, 37)

_MODEL = botocore.session.get_session().get_service_model("ec2")


def _log_group_arn() -> tuple:
    """HAND_SOURCES log_group_arn: the ARN layout, with the log group name rule read from CloudWatch Logs' own model."""
    name = botocore.session.get_session().get_service_model("logs").shape_for("LogGroupName").metadata
    return re.compile(r"arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):logs:[a-z0-9-]+:[0-9]{12}:log-group:(%s)(:\*)?"
                      % name["pattern"]), (name["min"], name["max"])


LOG_GROUP_ARN, LOG_GROUP_NAME_LENGTH = _log_group_arn()


def documentation(shape: str, member: str) -> str:
    """AWS's documentation of one member as plain text (tags dropped, whitespace collapsed)."""
    text = re.sub(r"</?(?:p|li|ul|ol|br)\b[^>]*>", " ", _MODEL.shape_for(shape).members[member].documentation)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _snake(member: str) -> str:
    """The twin's storage key of a member: DPDTimeoutSeconds -> dpd_timeout_seconds."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", member).lower()


# The twin stores tunnel options under these keys (what config_xml, samples and telemetry read).
KEY_OF = {"TunnelInsideCidr": "inside_cidr", "TunnelInsideIpv6Cidr": "inside_ipv6_cidr"}


@dataclasses.dataclass(frozen=True)
class Rule:
    """One member's rules as AWS documents them."""
    member: str
    key: str
    kind: str  # int | str | bool | list | cidr | psk | log | kex
    source: str
    minimum: int = None
    maximum: int = None
    choices: tuple = None  # allowed values (every item of a list)
    default: object = None  # what AWS applies when the member is not sent
    read: str = None  # the Describe (TunnelOption) spelling


_VALID = re.compile(r"Valid [Vv]alues: (.+?)(?: Default:|$)")
_BETWEEN = re.compile(r"A value between ([\d,]+) and ([\d,]+)\b")
_AT_LEAST = re.compile(r"greater than or equal to ([\d,]+)")
_FROM = re.compile(r"A value between ([\d,]+) and half of")
_DEFAULT = re.compile(r"Default: (\S+)")


def valid_values(shape: str, member: str, integer: bool = False) -> tuple:
    """The "Valid values: a | b | c" of a member, in AWS's order."""
    found = _VALID.search(documentation(shape, member))
    if not found:
        return None
    values = tuple(v.strip() for v in found.group(1).split("|"))
    return tuple(int(v) for v in values) if integer else values


def _scalar_rule(shape: str, member: str, model) -> Rule:
    text = documentation(shape, member)
    source = "%s %s.%s" % (BOTOCORE, shape, member)
    kind = {"integer": "int", "boolean": "bool"}.get(model.type_name, "str")
    minimum = maximum = None
    between, at_least, start = _BETWEEN.search(text), _AT_LEAST.search(text), _FROM.search(text)
    if between:
        minimum, maximum = _number(between.group(1)), _number(between.group(2))
    elif at_least:
        minimum = _number(at_least.group(1))
    elif start:
        minimum = _number(start.group(1))
    default = _DEFAULT.search(text) or re.search(r"Default (?:value|format) is (\w+)", text)
    if default and kind == "int":
        default = _number(default.group(1))
    elif kind == "bool":
        # "Default: false", "Default value is False"; "Turn on or off ..." (no default said): AWS answers false
        default = bool(default) and default.group(1).lower() == "true"
    elif default:
        default = default.group(1)
    choices = valid_values(shape, member) if kind == "str" else None
    return Rule(member, _snake(member), kind, source, minimum, maximum, choices, default)


def _list_rule(shape: str, member: str, model) -> Rule:
    integer = model.member.members["Value"].type_name == "integer"
    allowed = valid_values(shape, member, integer)
    default = tuple(v for v in allowed if v not in ML_KEM)
    return Rule(member, _snake(member), "list", "%s %s.%s; unset: HAND_SOURCES list_defaults" % (BOTOCORE, shape, member),
                choices=allowed, default=default)


def _tunnel_rules(shape: str) -> dict:
    rules = {}
    read = {m.lower(): m for m in _MODEL.shape_for(READ_TUNNEL).members}
    for member, model in _MODEL.shape_for(shape).members.items():
        source = "%s %s.%s" % (BOTOCORE, shape, member)
        if member in ("TunnelInsideCidr", "TunnelInsideIpv6Cidr"):
            rule = Rule(member, KEY_OF[member], "cidr", source)
        elif member == "PreSharedKey":
            rule = Rule(member, "pre_shared_key", "psk", source)
        elif member == "LogOptions":
            rule = Rule(member, "log_options", "log", source)
        elif member.endswith("AdditionalKeyExchanges"):
            rule = Rule(member, _snake(member), "kex", source)
        elif model.type_name == "list":
            rule = _list_rule(shape, member, model)
        else:
            rule = _scalar_rule(shape, member, model)
        rules[member] = dataclasses.replace(rule, read=read[member.lower()])
    return rules


TUNNEL = _tunnel_rules(CREATE_TUNNEL)
MODIFY = _tunnel_rules(MODIFY_TUNNEL)
BY_KEY = {r.key: r for r in TUNNEL.values()}
LOG = {m: _scalar_rule(LOGS, m, model) for m, model in _MODEL.shape_for(LOGS).members.items()}
LOG_BY_KEY = {r.key: r for r in LOG.values()}


def _connection_rules() -> dict:
    rules = {}
    for member, model in _MODEL.shape_for(CONNECTION).members.items():
        if member == "TunnelOptions":
            continue
        rule = _scalar_rule(CONNECTION, member, model)
        if getattr(model, "enum", None):
            rule = dataclasses.replace(rule, choices=tuple(model.enum), source=rule.source + " (enum)")
        rules[member] = rule
    bandwidth = rules["TunnelBandwidth"]
    rules["TunnelBandwidth"] = dataclasses.replace(bandwidth, default=re.search(
        r"The default value is (\w+)\.", documentation(CONNECTION, "TunnelBandwidth")).group(1))
    return rules


CONNECTION_OPTIONS = _connection_rules()


def _kex() -> dict:
    members = _MODEL.shape_for(KEX).members
    rounds = re.search(r"Minimum value of (\d+)\. Maximum value of (\d+)\.", documentation(KEX, "AdditionalKeyExchangeRound"))
    requirement = _scalar_rule(KEX, "Requirement", members["Requirement"])
    return {
        "rounds": (int(rounds.group(1)), int(rounds.group(2))),
        "methods": valid_values(KEX, "KeyExchangeMethods", integer=True),
        "requirements": tuple(members["Requirement"].enum),
        "default_requirement": requirement.default,
    }


KEY_EXCHANGE = _kex()


def _psk() -> dict:
    text = documentation(CREATE_TUNNEL, "PreSharedKey")
    length = re.search(r"Must be between (\d+) and (\d+) characters in length", text)
    return {
        # QUOTES["psk_charset"]: "alphanumeric characters, periods (.), and underscores (_)"
        "alphabet": string.ascii_letters + string.digits + "._",
        "min_length": int(length.group(1)),
        "max_length": int(length.group(2)),
        # QUOTES["psk_leading_zero"]
        "forbidden_first": "0",
    }


PSK = _psk()


def _inside(member: str) -> dict:
    text = documentation(CREATE_TUNNEL, member)
    size = re.search(r"A size /(\d+) CIDR block from the (?:local )?(\S+) range", text)
    reserved = text.split("reserved and cannot be used:")[1].split() if "reserved and cannot be used:" in text else []
    return {
        "prefixlen": int(size.group(1)),
        "pool": ipaddress.ip_network(size.group(2)),
        "reserved": tuple(ipaddress.ip_network(c) for c in reserved),
    }


INSIDE = {"ipv4": _inside("TunnelInsideCidr"), "ipv6": _inside("TunnelInsideIpv6Cidr")}
VPN_TYPE = re.search(r"\((ipsec\.\d+)\)", documentation("CreateVpnConnectionRequest", "Type")).group(1)
PSK_STORAGES = tuple(re.findall(r"\b(Standard|SecretsManager)\b",
                                documentation("CreateVpnConnectionRequest", "PreSharedKeyStorage")))[:2]
MAX_TUNNELS = 2  # HAND_SOURCES["two_tunnels"]


def defaults() -> dict:
    """What AWS runs for a tunnel whose request left a member out (twin storage keys)."""
    out = {}
    for rule in TUNNEL.values():
        if rule.default is not None:
            out[rule.key] = list(rule.default) if isinstance(rule.default, tuple) else rule.default
    return out
