# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commands that remove one VPN connection's objects from a device, and nothing else.

Objects are found in the device's own config text by the names the collection gives them
(``S2S-<vpn id>-...``) and the ``s2s:<vpn id>:<n>`` descriptions, so user config is never touched.
Given the config rendered for the connections the run keeps (``wanted``), the shared settings the
pushes recorded (cgw_undo) that nothing kept needs are put back as they were before the first push.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_undo

# IOS-XE removes users before what they use: routes, interfaces, then these, in this order.
_IOS_ORDER = ("crypto ipsec profile", "crypto ipsec transform-set", "crypto ikev2 profile", "crypto ikev2 keyring",
              "crypto ikev2 policy", "crypto ikev2 proposal", "route-map", "ip prefix-list")


def _ios_object(line: str, names, interfaces):
    """The `no` form of a top-level IOS line that belongs to one of ``names``, else None."""
    if line.startswith("ip route ") and line.split()[-1] in interfaces:
        return "no " + line.strip()
    if not any(re.search(r"\b%s(?:-|\b)" % re.escape(n), line) for n in names):
        return None
    words = line.split()
    if line.startswith("ip prefix-list "):
        return "no ip prefix-list %s" % words[2]
    if line.startswith("route-map "):
        return "no route-map %s" % words[1]
    if line.startswith("crypto ipsec transform-set "):
        return "no crypto ipsec transform-set %s" % words[3]
    if line.startswith("crypto "):
        return "no " + " ".join(words[:4])
    return None


def _undo(platform, config_text, remove, discovered, wanted, present, gone=()):
    """The shared settings' undo (cgw_undo.restore), when the run names every connection the device still has:
    what an unnamed one needs is unknown, so then every shared setting stays."""
    if wanted is None:
        return []
    named = set(present or ()) | {tid for entry in remove for tid in entry["tunnel_ids"]}
    if set((discovered or {}).get("owned", {})) - named:
        return []
    return cgw_undo.restore(platform, config_text, wanted, gone)


def ios(config_text: str, remove: list, discovered: dict, wanted=None, present=None) -> list:
    """IOS-XE commands (flat, for cli_config) removing the connections in ``remove``; with ``wanted`` (the config
    rendered for the connections the run keeps, ``present`` their tunnel ids) also the shared settings' undo."""
    names = ["S2S-%s" % entry["vpn_connection_id"].replace("vpn-", "") for entry in remove]
    tunnel_ids = {tid for entry in remove for tid in entry["tunnel_ids"]}
    interfaces = ["Tunnel%d" % n for tid, n in sorted((discovered or {}).get("owned", {}).items())
                  if tid in tunnel_ids]
    found, bgp_asn, neighbors = [], None, []
    for line in (config_text or "").splitlines():
        if line.startswith("router bgp "):
            bgp_asn = line.split()[2]
        match = re.match(r"^ neighbor (\S+) description (\S+)", line)
        if match and match.group(2) in tunnel_ids:
            neighbors.append(match.group(1))
        if not line.startswith(" "):
            command = _ios_object(line, names, interfaces)
            if command and command not in found:
                found.append(command)
    commands = [c for c in found if c.startswith("no ip route ")]
    commands.extend("no interface %s" % name for name in interfaces)
    for prefix in _IOS_ORDER:
        commands.extend(c for c in found if c.startswith("no " + prefix))
    if neighbors and bgp_asn:
        commands.append("router bgp %s" % bgp_asn)
        commands.extend(" no neighbor %s" % n for n in neighbors)
    gone = ["neighbor %s " % n for n in neighbors]
    return commands + _undo("ios", config_text, remove, discovered, wanted, present, gone)


def _owned_name(names):
    """Matches an object name that is one of ``names`` or starts with ``<name>-`` (S2S-0a1b, not S2S-0a1bc)."""
    return re.compile(r"^(?:%s)(?:-\S*)?$" % "|".join(re.escape(n) for n in names)) if names else re.compile(r"(?!)")


def _removed(remove, discovered):
    """Connection names and owned interface numbers of the connections in ``remove``."""
    names = ["S2S-%s" % entry["vpn_connection_id"].replace("vpn-", "") for entry in remove]
    tunnel_ids = {tid for entry in remove for tid in entry["tunnel_ids"]}
    numbers = sorted(n for tid, n in (discovered or {}).get("owned", {}).items() if tid in tunnel_ids)
    return names, tunnel_ids, numbers


def _unquote(word):
    return word.strip("'\"")


def _collect(lines, rules):
    """Apply ``rules`` (functions from a line's words to a delete command or None) to set lines, keeping order."""
    out = []
    for line in lines:
        words = line.split()
        if not words or words[0] != "set":
            continue
        for rule in rules:
            command = rule(words[1:])
            if command and command not in out:
                out.append(command)
    return out


# Junos paths whose tag at the given position names an object of the collection.
_JUNOS_NAMED = (("security", "ike", "proposal"), ("security", "ike", "policy"), ("security", "ike", "gateway"),
                ("security", "ipsec", "proposal"), ("security", "ipsec", "policy"), ("security", "ipsec", "vpn"),
                ("security", "zones", "security-zone"), ("policy-options", "prefix-list"),
                ("policy-options", "policy-statement"), ("protocols", "bgp", "group"))


def junos(config_text: str, remove: list, discovered: dict, wanted=None, present=None) -> list:
    """Junos ``delete`` lines removing the connections in ``remove`` (from ``show configuration | display set``),
    with ``wanted`` and ``present`` (see ios) also the shared settings' undo (autonomous-system, tcp-mss, ECMP).

    Everything goes into one commit, so the order does not matter to Junos.
    """
    names, _tunnel_ids, numbers = _removed(remove, discovered)
    owned = _owned_name(names)
    units = {str(n) for n in numbers}
    st0 = {"st0.%s" % n for n in units}

    def named(words):
        for path in _JUNOS_NAMED:
            if tuple(words[:len(path)]) == path and len(words) > len(path) and owned.match(_unquote(words[len(path)])):
                return "delete " + " ".join(words[:len(path) + 1])
        return None

    def unit(words):
        if words[:3] == ["interfaces", "st0", "unit"] and len(words) > 3 and words[3] in units:
            return "delete interfaces st0 unit %s" % words[3]
        return None

    def policies(words):
        # from-zone A to-zone B: the context belongs to the connection when either zone is its zone
        if words[:2] == ["security", "policies"] and len(words) > 5 and words[2] == "from-zone" and words[4] == "to-zone":
            if owned.match(words[3]) or owned.match(words[5]):
                return "delete security policies from-zone %s to-zone %s" % (words[3], words[5])
        return None

    def static(words):
        if words[:3] == ["routing-options", "static", "route"] and len(words) > 5 and words[-1] in st0:
            return "delete routing-options static route %s" % words[3]
        return None

    commands = _collect((config_text or "").splitlines(), (static, policies, named, unit))
    return commands + _undo("junos", config_text, remove, discovered, wanted, present)


# VyOS paths whose tag names an object of the collection (1.3 peers are tagged by address: found by their vti).
_VYOS_NAMED = (("vpn", "ipsec", "ike-group"), ("vpn", "ipsec", "esp-group"), ("vpn", "ipsec", "authentication", "psk"),
               ("vpn", "ipsec", "site-to-site", "peer"), ("policy", "prefix-list"), ("policy", "route-map"))


def _bgp_root(words):
    """Words of the BGP root: ``protocols bgp`` (1.4) or ``protocols bgp <ASN>`` (1.3)."""
    if words[:2] != ["protocols", "bgp"]:
        return None
    return words[:3] if len(words) > 2 and words[2].isdigit() else words[:2]


def vyos(config_text: str, remove: list, discovered: dict, wanted=None, present=None) -> list:
    """VyOS ``delete`` lines removing the connections in ``remove`` (from ``show configuration commands``),
    for 1.4+ and 1.3 syntax alike; with ``wanted`` and ``present`` (see ios) also the shared settings' undo
    (ipsec interface, options, system-as, networks, maximum-paths)."""
    names, tunnel_ids, numbers = _removed(remove, discovered)
    owned = _owned_name(names)
    vtis = {"vti%d" % n for n in numbers}
    lines = (config_text or "").splitlines()
    subnets = []   # inside networks of the removed tunnels: static routes through them go too
    for line in lines:
        words = line.split()
        if words[1:3] == ["interfaces", "vti"] and len(words) > 5 and words[3] in vtis and words[4] == "address":
            subnets.append(ipaddress.ip_interface(_unquote(words[5])).network)

    def named(words):
        for path in _VYOS_NAMED:
            if tuple(words[:len(path)]) == path and len(words) > len(path) and owned.match(words[len(path)]):
                return "delete " + " ".join(words[:len(path) + 1])
        return None

    def interface(words):
        if words[:2] == ["interfaces", "vti"] and len(words) > 2 and words[2] in vtis:
            return "delete interfaces vti %s" % words[2]
        if words[:3] == ["firewall", "options", "interface"] and len(words) > 3 and words[3] in vtis:
            return "delete firewall options interface %s" % words[3]
        return None

    def peer_by_vti(words):
        if words[:4] == ["vpn", "ipsec", "site-to-site", "peer"] and words[5:7] == ["vti", "bind"] and \
                len(words) > 7 and _unquote(words[7]) in vtis:
            return "delete vpn ipsec site-to-site peer %s" % words[4]
        return None

    def neighbor(words):
        root = _bgp_root(words)
        if root is None:
            return None
        rest = words[len(root):]
        if rest[:1] == ["neighbor"] and rest[2:3] == ["description"] and len(rest) > 3 and \
                _unquote(rest[3]) in tunnel_ids:
            return "delete %s neighbor %s" % (" ".join(root), rest[1])
        return None

    def static(words):
        if words[:3] == ["protocols", "static", "route"] and words[4:5] == ["next-hop"] and len(words) > 5:
            hop = ipaddress.ip_address(_unquote(words[5]))
            if any(hop in net for net in subnets):
                return "delete protocols static route %s" % words[3]
        return None

    commands = _collect(lines, (static, neighbor, peer_by_vti, named, interface))
    return commands + _undo("vyos", config_text, remove, discovered, wanted, present)
