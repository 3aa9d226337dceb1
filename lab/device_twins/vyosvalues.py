# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The value rules of VyOS's command tree: whether a node of the fixture accepts a value, and VyOS's message.

Sources (facts, re-implemented here):
- vyatta-cfg src/cli_new.c ``validate_value`` (vyos/vyatta-cfg 0a5b58a0f9a2c907092c6420312bda030beccb73): no
  single quote, double quote or newline in a value; the node's type (1.3 ``type: u32|ipv4|ipv4net|...``) before
  its ``syntax:expression`` checks, all of which must pass; the message printed is the expression's own.
- vyos-1x scripts/build-command-templates (sagitta c3f688653511881a2270d83cd0f098b45bfa7148): an XML
  ``<constraint>`` passes when any of its regexes or validators accepts the value; the message is
  ``constraintErrorMessage`` or "Invalid value". Regexes are anchored at both ends (validate-value).
- vyos-1x src/validators/* (same commit): ip-address = ipaddrcheck --is-any-single, ip-host = --is-any-host,
  ipv4-address = --is-ipv4-single, ipv4-prefix = --is-ipv4-net, ipv6-* likewise, ip-prefix = --is-any-net.
- vyos/ipaddrcheck src/ipaddrcheck_functions.c (258753a9d848e0157457086b0d6fa17ee6900786): a single address has no
  prefix length, a host is an address/length that is not the network address (or /31, /32), a net is exactly
  the network address.
- vyatta-cfg-system src/valid_address.c (equuleus b66838f36190a672ea8aa7c91921d2125750c1e5): an interface address is
  dhcp, dhcpv6, or address/length (IPv4 /1-/32, neither network nor broadcast address below /31).
- vyatta-cfg-quagga scripts (equuleus fa7b0412c16b8ac861337eb2e993cb68540fdaf6): vyatta-bgp.pl --check-remote-as
  (1-4294967294, external, internal) and --check-peergroup-name, vyatta-check-as-prepend.pl (numbers 1-4294967294, at most 24).
"""

from __future__ import annotations

import ipaddress
import re

_DISALLOWED = (("'", "single quote (')"), ("\n", "newline"), ('"', 'double quote (")'))
_V4 = r"(?:(?:[1-9]\d{0,2}|0)\.){3}(?:[1-9]\d{0,2}|0)"


def _net(value, version=None):
    if not re.fullmatch(r"[0-9a-fA-F:.]+/\d{1,3}", value):
        return None
    try:
        found = ipaddress.ip_interface(value)
    except ValueError:
        return None
    return found if version in (None, found.version) else None


def _single(value, version=None):
    if "/" in value:
        return False
    try:
        return version in (None, ipaddress.ip_address(value).version)
    except ValueError:
        return False


def _host(value, version=None):
    found = _net(value, version)
    return bool(found) and (found.ip != found.network.network_address or found.network.prefixlen >= found.max_prefixlen - 1)


def _network(value, version=None):
    found = _net(value, version)
    return bool(found) and found.ip == found.network.network_address


def _numeric(value, argument):
    """vyos-utils numeric: an integer (signed with --relative), inside one of the --range bounds if any."""
    args = argument.split()
    sign = "[+-]?" if "--relative" in args else "-?"
    if not re.fullmatch(sign + r"\d+", value):
        return False
    number = int(value)
    if "--non-negative" in args and number < 0 or "--positive" in args and number <= 0:
        return False
    ranges = [args[i + 1] for i, a in enumerate(args) if a == "--range" and i + 1 < len(args)]
    return not ranges or any(int(lo) <= number <= int(hi) for lo, hi in (r.split("-") for r in ranges))


# vyos-1x validators by name (src/validators/<name>): (value, argument) -> bool. as-number-list runs numeric
# --range 1-4294967294 on its unquoted argument, so each word of "65020 65020" is checked.
VALIDATORS = {
    "numeric": _numeric,
    "as-number-list": lambda v, a: bool(v.split()) and all(_numeric(n, "--range 1-4294967294") for n in v.split()),
    "ip-address": lambda v, a: _single(v),
    "ipv4-address": lambda v, a: _single(v, 4) and bool(re.fullmatch(_V4, v)),
    "ipv6-address": lambda v, a: _single(v, 6),
    "ip-host": lambda v, a: _host(v),
    "ipv4-host": lambda v, a: _host(v, 4),
    "ipv6-host": lambda v, a: _host(v, 6),
    "ip-prefix": lambda v, a: _network(v),
    "ipv4-prefix": lambda v, a: _network(v, 4),
    "ipv6-prefix": lambda v, a: _network(v, 6),
    "fqdn": lambda v, a: bool(re.fullmatch(r"[A-Za-z0-9][-.A-Za-z0-9]*", v)),
}

# Vyatta value types (vyatta-cfg src/cli_val.l): the value must be one of the node's types.
TYPES = {
    "txt": lambda v: True,
    "u32": lambda v: bool(re.fullmatch(r"\d+", v)) and int(v) <= 4294967295,
    "ipv4": lambda v: bool(re.fullmatch(_V4, v)) and _single(v, 4),
    "ipv4net": lambda v: bool(re.fullmatch(_V4 + r"/\d+", v)) and _net(v, 4) is not None,
    "ipv6": lambda v: _single(v, 6),
    "ipv6net": lambda v: _net(v, 6) is not None,
}

# POSIX classes of the 1.3 ``pattern`` expressions, in Python's spelling.
_POSIX = {"[:print:]": r"\x20-\x7e", "[:alnum:]": "A-Za-z0-9", "[:alpha:]": "A-Za-z", "[:digit:]": "0-9",
          "[:space:]": r"\s"}


def _posix(pattern):
    for name, spelled in _POSIX.items():
        pattern = pattern.replace(name, spelled)
    return pattern


def _ipaddrcheck(flags, value):
    checks = {"--is-ipv4-net": lambda: _network(value, 4), "--is-ipv6-net": lambda: _network(value, 6),
              "--is-any-net": lambda: _network(value), "--is-any-single": lambda: _single(value),
              "--is-ipv4-single": lambda: _single(value, 4), "--is-any-host": lambda: _host(value)}
    wanted = [f for f in flags if f.startswith("--is-")]
    return all(f in checks and checks[f]() for f in wanted) if wanted else None


def _interface_address(value):
    if value in ("dhcp", "dhcpv6"):
        return True
    found = _net(value)
    if found is None or found.network.prefixlen == 0:
        return False
    net = found.network
    if found.version == 6:
        return not (found.ip.is_link_local or found.ip.is_multicast or found.ip.is_unspecified) and net.prefixlen > 1
    return net.prefixlen >= 31 or found.ip not in (net.network_address, net.broadcast_address)


def _as_prepend(value):
    numbers = value.split()
    return all(n.isdigit() and 1 <= int(n) <= 4294967294 for n in numbers) and 0 < len(numbers) <= 24


def _validate_value(text, value):
    """1.3's calls of validate-value: any --regex or --exec accepts (the same rule as the XML constraints)."""
    regexes = re.findall(r"--regex \\?'(.*?)\\?'(?= |$)", text)
    execs = re.findall(r'--exec \\"(.*?)\\"', text)
    for regex in regexes:
        if re.fullmatch(regex.replace("\\\\", "\\"), value):
            return True
    for command in execs:
        words = command.replace("${vyos_validators_dir}/", "").split()
        if words[0] == "ipaddrcheck":
            if _ipaddrcheck(words[1:], value):
                return True
        elif words[0] in VALIDATORS and VALIDATORS[words[0]](value, " ".join(words[1:])):
            return True
    return False


def _check(text, value):
    """One 1.3 ``exec`` check: True, False, or None when the twin cannot evaluate it."""
    body = text.strip('"').strip()
    if "validate-value" in body:
        return _validate_value(body, value)
    if body.startswith("ipaddrcheck"):
        return _ipaddrcheck(body.split(), value)
    if "--check-remote-as" in body:
        return value in ("external", "internal") or (value.isdigit() and 1 <= int(value) <= 4294967294)
    if "--check-peergroup-name" in body:     # neither an IP address nor a non-word character
        return not _single(value) and bool(re.fullmatch(r"\w+", value))
    if "--check-neighbor-ip" in body:
        return True     # refuses only an address of the router itself: the twin's own addresses are never peers
    if "/valid_address " in body:
        return _interface_address(value)
    if "vyatta-check-as-prepend.pl" in body:
        return _as_prepend(value)
    return None


def _substitute(node, value):
    return (node.get("error") or "Invalid value").replace("$VAR(@)", value)


def refusal(node, value):
    """None when ``node`` accepts ``value``, else what VyOS prints before "Value validation failed"."""
    for char, name in _DISALLOWED:
        if char in value:
            return "Cannot use the %s character in a value string" % name
    types = node.get("types")
    if types and not any(TYPES[t](value) for t in types if t in TYPES):
        return '"%s" is not a valid value of type "%s"' % (value, types[0])
    if node.get("regex") or node.get("validators"):
        passed = any(re.fullmatch(r, value) for r in node.get("regex", ())) or any(
            VALIDATORS.get(name, lambda v, a: False)(value, argument) for name, argument in node.get("validators", ()))
        if not passed:
            return _substitute(node, value)
    if "enum" in node and value not in node["enum"]:
        return _substitute(node, value)
    if "ranges" in node and not (value.isdigit() and any(lo <= int(value) <= hi for lo, hi in node["ranges"])):
        return _substitute(node, value)
    if any(not re.search(_posix(p), value) for p in node.get("patterns", ())):
        return _substitute(node, value)
    for text in node.get("checks", ()):
        verdict = _check(text, value)
        if verdict is None:
            return "twin: cannot evaluate %s" % text
        if not verdict:
            return _substitute(node, value)
    return None
