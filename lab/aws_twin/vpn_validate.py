# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS's request rules for VPN connections, answered with AWS's error codes.

Every rule comes from the twin's own table (api_rules: AWS's EC2 model documentation as botocore
ships it, plus hand rules with their sources), never from the collection's model: the twin judges
what the product sends independently. Broken rules get the code AWS answers:
InvalidParameterValue for a bad value, InvalidParameterCombination for values that cannot go
together, MissingParameter.
"""

from __future__ import annotations

import ipaddress

from lab.aws_twin import api_rules as rules
from lab.aws_twin.query import ApiError

VALUE = "InvalidParameterValue"
COMBINATION = "InvalidParameterCombination"
MISSING = "MissingParameter"
CONNECTION = rules.CONNECTION_OPTIONS
OUTSIDE_TYPES = CONNECTION["OutsideIpAddressType"].choices
BANDWIDTHS = CONNECTION["TunnelBandwidth"].choices
PSK_STORAGES = rules.PSK_STORAGES
MAX_TUNNELS = rules.MAX_TUNNELS


def _cidr(value: str, version: int, field: str) -> str:
    try:
        net = ipaddress.ip_network(value, strict=True)
    except ValueError as exc:
        raise ApiError(VALUE, "Invalid value '%s' for %s: not a valid CIDR block" % (value, field)) from exc
    if net.version != version:
        raise ApiError(VALUE, "Invalid value '%s' for %s: must be an IPv%d CIDR block" % (value, field, version))
    return str(net)


def _default(member: str):
    return CONNECTION[member].default


def _choice(member: str, value) -> None:
    allowed = CONNECTION[member].choices
    if value not in allowed:
        raise ApiError(VALUE, "Invalid value '%s' for %s. Valid values: %s" % (value, member, " | ".join(allowed)))


def connection_options(opts: dict, on_tgw: bool) -> tuple:
    """(connection options with AWS's defaults, API spelling; validated tunnel specs), or ApiError."""
    opts = dict(opts or {})
    specs = opts.pop("TunnelOptions", None) or []
    if len(specs) > MAX_TUNNELS:
        raise ApiError(VALUE, "TunnelOptions: a VPN connection has %d tunnels, got %d entries" % (MAX_TUNNELS, len(specs)))
    version = opts.get("TunnelInsideIpVersion", _default("TunnelInsideIpVersion"))
    _choice("TunnelInsideIpVersion", version)
    if version == "ipv6" and not on_tgw:  # HAND_SOURCES tgw_only
        raise ApiError(COMBINATION, "TunnelInsideIpVersion ipv6 is only supported on a transit gateway")
    outside = _outside_type(opts, on_tgw)
    bandwidth = opts.get("TunnelBandwidth", _default("TunnelBandwidth"))
    check_bandwidth(bandwidth, on_tgw, bool(opts.get("EnableAcceleration")))
    if opts.get("EnableAcceleration"):  # HAND_SOURCES tgw_only
        if not on_tgw:
            raise ApiError(COMBINATION, "EnableAcceleration is only supported for a VPN connection on a transit gateway")
        if outside == "PrivateIpv4":
            raise ApiError(COMBINATION, "EnableAcceleration is not supported with OutsideIpAddressType PrivateIpv4")
    out = {
        "EnableAcceleration": bool(opts.get("EnableAcceleration", _default("EnableAcceleration"))),
        "StaticRoutesOnly": bool(opts.get("StaticRoutesOnly", _default("StaticRoutesOnly"))),
        "OutsideIpAddressType": outside,
        "TunnelInsideIpVersion": version,
        "TunnelBandwidth": bandwidth,
    }
    if opts.get("TransportTransitGatewayAttachmentId"):
        out["TransportTransitGatewayAttachmentId"] = opts["TransportTransitGatewayAttachmentId"]
    out.update(network_cidrs(opts, version))
    return out, [tunnel_spec(s, i, version) for i, s in enumerate(specs, 1)]


def _outside_type(opts: dict, on_tgw: bool) -> str:
    outside = opts.get("OutsideIpAddressType", _default("OutsideIpAddressType"))
    _choice("OutsideIpAddressType", outside)
    if outside != _default("OutsideIpAddressType") and not on_tgw:  # HAND_SOURCES tgw_only
        raise ApiError(COMBINATION, "OutsideIpAddressType %s is only supported on a transit gateway" % outside)
    if outside == "PrivateIpv4" and not opts.get("TransportTransitGatewayAttachmentId"):  # QUOTES transport_attachment
        raise ApiError(MISSING, "OutsideIpAddressType PrivateIpv4 requires TransportTransitGatewayAttachmentId")
    if outside != "PrivateIpv4" and opts.get("TransportTransitGatewayAttachmentId"):
        raise ApiError(COMBINATION, "TransportTransitGatewayAttachmentId is only valid with OutsideIpAddressType PrivateIpv4")
    return outside


def outside_peer(outside: str, cgw_ip: str, transport=None, tgw_id: str = None) -> None:
    """The customer gateway's address and the transport attachment against OutsideIpAddressType: an IPv6 customer
    gateway for Ipv6, an IPv4 one otherwise, RFC 1918/6598 for PrivateIpv4 (QUOTES cgw_*, HAND_SOURCES outside_family),
    whose transport is the transit gateway's own Direct Connect gateway attachment (HAND_SOURCES dx_transport)."""
    try:
        address = ipaddress.ip_address(cgw_ip or "")
    except ValueError:
        address = None  # a certificate-only customer gateway: nothing to judge
    if address is not None and (address.version == 6) != (outside == "Ipv6"):
        raise ApiError(COMBINATION, "The customer gateway's IP address %s does not match OutsideIpAddressType %s"
                       % (cgw_ip, outside))
    if outside == "PrivateIpv4" and address is not None and not any(address in net for net in rules.PRIVATE_IPV4):
        raise ApiError(COMBINATION, "OutsideIpAddressType PrivateIpv4 needs a customer gateway with an RFC 1918 or"
                       " RFC 6598 address, not %s" % cgw_ip)
    if transport is not None and (transport.resource_type != "direct-connect-gateway"
                                  or transport.transit_gateway_id != tgw_id):
        raise ApiError(VALUE, "Invalid value '%s' for TransportTransitGatewayAttachmentId: it must be a Direct Connect"
                       " gateway attachment of %s" % (transport.id, tgw_id))


def check_bandwidth(bandwidth: str, on_tgw: bool, accelerated: bool) -> None:
    _choice("TunnelBandwidth", bandwidth)
    if bandwidth == "large" and not on_tgw:  # QUOTES large_bandwidth_tgw
        raise ApiError(COMBINATION, "TunnelBandwidth large is only supported on a transit gateway or Cloud WAN")
    if bandwidth == "large" and accelerated:  # HAND_SOURCES large_not_accelerated
        raise ApiError(COMBINATION, "TunnelBandwidth large is not supported with EnableAcceleration")


def network_cidrs(opts: dict, version: int) -> dict:
    """Local/remote network CIDRs of the IP version in use (the other version's are refused)."""
    mine, other = ("Ipv4", "Ipv6") if version == "ipv4" else ("Ipv6", "Ipv4")
    out = {}
    for side in ("Local", "Remote"):
        if opts.get("%s%sNetworkCidr" % (side, other)):
            raise ApiError(COMBINATION, "%s%sNetworkCidr does not match TunnelInsideIpVersion %s" % (side, other, version))
        key = "%s%sNetworkCidr" % (side, mine)
        out[key] = _cidr(opts.get(key, _default(key)), 4 if mine == "Ipv4" else 6, key)
    return out


def _log_options(value: dict) -> dict:
    cloudwatch = (value or {}).get("CloudWatchLogOptions") or {}
    return {rules.LOG[m].key: v for m, v in cloudwatch.items() if m in rules.LOG}


def _key_exchanges(value: list) -> list:
    """Additional key exchange rounds as the twin keeps (and Describe returns) them: Requirement filled in."""
    out = []
    for entry in value:
        entry = dict(entry)
        entry.setdefault("Requirement", rules.KEY_EXCHANGE["default_requirement"])
        entry["KeyExchangeMethods"] = [m if isinstance(m, dict) else {"Value": m} for m in entry.get("KeyExchangeMethods") or []]
        out.append(entry)
    return out


def spec_to_snake(spec: dict) -> dict:
    """A VpnTunnelOptionsSpecification (boto3 shape) to the twin's storage keys, values as sent."""
    out = {}
    for member, value in spec.items():
        rule = rules.TUNNEL.get(member)
        if rule is None:
            continue  # the wire parser only reads members of AWS's model
        if rule.kind == "list":
            out[rule.key] = [v.get("Value") if isinstance(v, dict) else v for v in value]
        elif rule.kind == "log":
            out[rule.key] = _log_options(value)
        elif rule.kind == "kex":
            out[rule.key] = _key_exchanges(value)
        else:
            out[rule.key] = value
    return out


def tunnel_spec(spec: dict, index: int, version: str) -> dict:
    """One tunnel's requested options, checked against AWS's rules (storage keys, canonical CIDRs)."""
    snake = spec_to_snake(spec)
    check_tunnel(snake, index, version)
    return canonical(snake)


def canonical(snake: dict) -> dict:
    """Checked options with CIDRs compressed, so equal blocks compare equal (inside CIDRs must be
    unique per gateway). Algorithm names are kept as sent: AWS's values are exact."""
    out = dict(snake)
    for key in ("inside_cidr", "inside_ipv6_cidr"):
        if out.get(key):
            out[key] = str(ipaddress.ip_network(out[key]))
    return out


def _bad(problems: list, rule, code: str, message: str) -> None:
    problems.append((rule.member, code, message))


def _check_int(rule, value, problems: list) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        return _bad(problems, rule, VALUE, "Expected an integer, got '%s'" % (value,))
    if rule.minimum is not None and value < rule.minimum:
        return _bad(problems, rule, VALUE, "%d is below the minimum of %d" % (value, rule.minimum))
    if rule.maximum is not None and value > rule.maximum:
        return _bad(problems, rule, VALUE, "%d is above the maximum of %d" % (value, rule.maximum))
    return None


def _check_list(rule, value, problems: list) -> None:
    if not isinstance(value, (list, tuple)) or not value:
        return _bad(problems, rule, VALUE, "at least one value is required")
    for item in value:
        if item not in rule.choices:
            return _bad(problems, rule, VALUE, "'%s' is not supported. Valid values: %s"
                        % (item, " | ".join(str(c) for c in rule.choices)))
    if len(set(value)) != len(value):
        return _bad(problems, rule, VALUE, "a value is listed more than once")
    return None


def _check_cidr(rule, value, problems: list) -> None:
    inside = rules.INSIDE["ipv4" if rule.key == "inside_cidr" else "ipv6"]
    try:
        net = ipaddress.ip_network(str(value), strict=True)
    except ValueError:
        return _bad(problems, rule, VALUE, "'%s' is not a valid CIDR block" % (value,))
    if net.version != inside["pool"].version or net.prefixlen != inside["prefixlen"] or not net.subnet_of(inside["pool"]):
        return _bad(problems, rule, VALUE, "'%s': a size /%d CIDR block from the %s range is required"
                    % (value, inside["prefixlen"], inside["pool"]))
    if any(net.overlaps(r) for r in inside["reserved"]):
        return _bad(problems, rule, VALUE, "'%s' is reserved and cannot be used" % (value,))
    return None


def _check_psk(rule, value, problems: list) -> None:
    """AWS's PSK constraints; the key itself never goes into a message."""
    psk = rules.PSK
    if not isinstance(value, str):
        return _bad(problems, rule, VALUE, "the pre-shared key must be a string")
    if not psk["min_length"] <= len(value) <= psk["max_length"]:
        return _bad(problems, rule, VALUE, "the pre-shared key must be between %d and %d characters in length"
                    % (psk["min_length"], psk["max_length"]))
    if any(c not in psk["alphabet"] for c in value):
        return _bad(problems, rule, VALUE, "allowed characters are alphanumeric characters, periods (.), and underscores (_)")
    if value.startswith(psk["forbidden_first"]):
        return _bad(problems, rule, VALUE, "the pre-shared key cannot start with zero (0)")
    return None


def _check_log(rule, value, problems: list) -> None:
    for key, setting in value.items():
        log_rule = rules.LOG_BY_KEY[key]
        if log_rule.choices and setting not in log_rule.choices:
            _bad(problems, rule, VALUE, "%s '%s' is not supported. Valid values: %s"
                 % (log_rule.member, setting, " | ".join(log_rule.choices)))
    for flag, arn in (("log_enabled", "log_group_arn"), ("bgp_log_enabled", "bgp_log_group_arn")):
        if value.get(flag) and not value.get(arn):  # HAND_SOURCES log_group_needed
            _bad(problems, rule, VALUE, "%s requires %s" % (rules.LOG_BY_KEY[flag].member, rules.LOG_BY_KEY[arn].member))
        if value.get(arn) and not _log_group_arn(value[arn]):  # HAND_SOURCES log_group_arn
            _bad(problems, rule, VALUE, "%s '%s' is not a valid log group ARN" % (rules.LOG_BY_KEY[arn].member, value[arn]))


def _log_group_arn(arn) -> bool:
    found = rules.LOG_GROUP_ARN.fullmatch(str(arn))
    low, high = rules.LOG_GROUP_NAME_LENGTH
    return bool(found) and low <= len(found.group(2)) <= high


def _check_kex(rule, value, problems: list) -> None:
    kex, seen = rules.KEY_EXCHANGE, set()
    low, high = kex["rounds"]
    for entry in value:
        number = entry.get("AdditionalKeyExchangeRound")
        methods = [m["Value"] for m in entry["KeyExchangeMethods"]]
        if not isinstance(number, int) or not low <= number <= high:  # QUOTES kex_round_range
            return _bad(problems, rule, VALUE, "AdditionalKeyExchangeRound must be between %d and %d" % (low, high))
        if number in seen:  # QUOTES kex_unique_round
            return _bad(problems, rule, VALUE, "each round must have a unique round number (%d twice)" % number)
        seen.add(number)
        if entry["Requirement"] not in kex["requirements"]:
            return _bad(problems, rule, VALUE, "Requirement '%s' is not supported. Valid values: %s"
                        % (entry["Requirement"], " | ".join(kex["requirements"])))
        if entry["Requirement"] == "required" and not methods:  # QUOTES kex_required_methods
            return _bad(problems, rule, VALUE, "a required round must specify at least one method")
        bad = [m for m in methods if m not in kex["methods"]]
        if bad:
            return _bad(problems, rule, VALUE, "key exchange method %s is not supported. Valid values: %s"
                        % (bad[0], " | ".join(str(m) for m in kex["methods"])))
    return None


CHECKS = {"int": _check_int, "list": _check_list, "cidr": _check_cidr, "psk": _check_psk, "log": _check_log, "kex": _check_kex}


def _check_field(rule, value, problems: list) -> None:
    if rule.kind in CHECKS:
        CHECKS[rule.kind](rule, value, problems)
    elif rule.kind == "str" and value not in rule.choices:
        _bad(problems, rule, VALUE, "'%s' is not supported. Valid values: %s" % (value, " | ".join(rule.choices)))
    elif rule.kind == "bool" and not isinstance(value, bool):
        _bad(problems, rule, VALUE, "Expected a boolean, got '%s'" % (value,))


def tunnel_problems(snake: dict) -> list:
    """(member, AWS error code, message) for every rule one tunnel's options break."""
    found = []
    for key, value in snake.items():
        if value is not None:
            _check_field(rules.BY_KEY[key], value, found)
    # Rules across members, checked where the members themselves are valid (AWS's defaults for the rest).
    invalid = {member for member, _code, _msg in found}
    merged = rules.defaults()
    merged.update({k: v for k, v in snake.items() if v is not None and rules.BY_KEY[k].member not in invalid})
    by = rules.BY_KEY
    p1, p2 = merged["phase1_lifetime_seconds"], merged["phase2_lifetime_seconds"]
    if p2 >= p1:  # QUOTES lifetime_order
        _bad(found, by["phase2_lifetime_seconds"], VALUE,
             "The value must be less than the value for Phase1LifetimeSeconds (%d >= %d)" % (p2, p1))
    margin = merged["rekey_margin_time_seconds"]
    if margin * 2 > p2:  # QUOTES rekey_margin
        _bad(found, by["rekey_margin_time_seconds"], VALUE,
             "A value between 60 and half of Phase2LifetimeSeconds is required (%d > %d / 2)" % (margin, p2))
    ikev1_only = "ikev2" not in merged["ike_versions"]
    if merged["startup_action"] == "start" and "ikev1" in merged["ike_versions"]:  # HAND_SOURCES startup_ikev2
        _bad(found, by["startup_action"], COMBINATION, "StartupAction start is only supported with IKEVersions ikev2")
    for phase in (1, 2):
        key = "phase%d_additional_key_exchanges" % phase
        required = [e for e in merged.get(key) or () if e.get("Requirement") == "required"]
        if ikev1_only and required:  # QUOTES kex_ikev2_only
            _bad(found, by[key], COMBINATION, "You can't specify a required round if IKEVersions contains only ikev1")
        initial = merged["phase%d_dh_group_numbers" % phase]
        if required and not _distinct_methods([initial] + [[m["Value"] for m in e["KeyExchangeMethods"]] for e in required]):
            _bad(found, by[key], COMBINATION, "The permitted methods must allow a distinct method to be selected for the "
                 "initial exchange and each required round")  # QUOTES kex_distinct
    return found


def _distinct_methods(exchanges: list) -> bool:
    """Whether each exchange can get its own method: a matching of exchanges to methods (augmenting paths)."""
    owner = {}

    def place(index, seen):
        for method in exchanges[index]:
            if method in seen:
                continue
            seen.add(method)
            if method not in owner or place(owner[method], seen):
                owner[method] = index
                return True
        return False
    return all(place(i, set()) for i in range(len(exchanges)))


def check_tunnel(snake: dict, index, version: str) -> None:
    """AWS's rules for one tunnel's options; ``index`` names the tunnel in messages."""
    if version == "ipv4" and snake.get("inside_ipv6_cidr"):
        raise ApiError(COMBINATION, "TunnelOptions.%s.TunnelInsideIpv6Cidr needs TunnelInsideIpVersion ipv6" % index)
    if version == "ipv6" and snake.get("inside_cidr"):
        raise ApiError(COMBINATION, "TunnelOptions.%s.TunnelInsideCidr is not valid with TunnelInsideIpVersion ipv6" % index)
    found = tunnel_problems(snake)
    if found:
        member, code, message = found[0]
        raise ApiError(code, "Invalid value for TunnelOptions.%s.%s: %s" % (index, member, message))


def check_psk_storage(value) -> str:
    value = value or PSK_STORAGES[0]
    if value not in PSK_STORAGES:
        raise ApiError(VALUE, "Invalid value '%s' for PreSharedKeyStorage. Valid values: %s" % (value, " | ".join(PSK_STORAGES)))
    return value


def dry_run(params: dict) -> None:
    """After every check passed: a DryRun request answers DryRunOperation and changes nothing."""
    if params.get("DryRun"):
        raise ApiError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412)


def not_found(vpn_id: str) -> ApiError:
    return ApiError("InvalidVpnConnectionID.NotFound", "The vpnConnection ID '%s' does not exist" % vpn_id)


def tunnel_of(conn, outside_ip: str):
    """The tunnel of ``conn`` with this outside IP (how every per-tunnel action names a tunnel)."""
    tunnel = conn.tunnel(outside_ip)
    if tunnel is None:
        raise ApiError(VALUE, "Invalid value '%s' for VpnTunnelOutsideIpAddress: no tunnel of %s has this address" % (outside_ip, conn.id))
    return tunnel
