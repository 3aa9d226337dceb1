# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel state as a CGW reports it: IKE SA, IPsec SA and BGP per tunnel, with a reason.

Reads the vendors' own show command output (the commands each platform role runs, in order):
- ios:   show crypto ikev2 sa, show crypto ipsec sa, show ip bgp summary
- junos: show security ike security-associations, show security ipsec security-associations, show bgp summary
- vyos:  show vpn ipsec sa, show ip bgp summary   (VyOS lists IKE under the IPsec SA table)
"""

from __future__ import annotations

import re

COMMANDS = {
    "ios": ["show crypto ikev2 sa", "show crypto ipsec sa", "show ip bgp summary"],
    "junos": ["show security ike security-associations", "show security ipsec security-associations",
              "show bgp summary"],
    "vyos": ["show vpn ipsec sa", "show ip bgp summary"],
}
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"


def _ike_up(platform, text, peer):
    for line in text.splitlines():
        if not re.search(r"(?<![\d.])%s(?![\d.])" % re.escape(peer), line):
            continue
        if platform == "ios" and re.search(r"\bREADY\b", line):
            return True
        if platform == "junos" and re.search(r"\bUP\b", line):
            return True
        if platform == "vyos" and re.search(r"\bup\b", line):
            return True
    return False


def _ios_ipsec_up(text, interface):
    """`show crypto ipsec sa` is one block per interface; a block with an ACTIVE SA is up."""
    block = re.search(r"interface: %s\b(.*?)(?=\ninterface: |\Z)" % re.escape(interface), text, re.S)
    return bool(block and re.search(r"Status: ACTIVE", block.group(1)))


def _junos_ipsec_up(text, peer):
    """`show security ipsec security-associations`: an SA line (`<131073 ESP:...  GATEWAY`) per direction, no state word."""
    return bool(re.search(r"^\s*[<>]\d+\s.*(?<![\d.])%s(?![\d.])" % re.escape(peer), text, re.M))


def _ipsec_up(platform, text, tunnel):
    if platform == "ios":
        return _ios_ipsec_up(text, "Tunnel%d" % tunnel["number"])
    if platform == "junos":
        return _junos_ipsec_up(text, tunnel["peer_address"])
    return _ike_up("vyos", text, tunnel["peer_address"])


def _bgp_state(platform, text, neighbor):
    """(established, prefixes received or the state word) for one neighbour."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        fields = line.split()
        if not fields or fields[0] != neighbor:
            continue
        if platform == "junos":
            state = fields[-1] if len(fields) > 1 else "Idle"
            if state.startswith("Establ"):
                nxt = lines[i + 1] if i + 1 < len(lines) else ""
                counts = re.search(r"inet\.0: (\d+)/(\d+)/(\d+)", nxt)
                return True, int(counts.group(2)) if counts else 0
            return False, state
        # IOS and FRR: column 10, "State/PfxRcd", is a number once established (FRR adds PfxSnt, Desc).
        state = fields[9] if len(fields) > 9 else "Idle"
        if state.isdigit():
            return True, int(state)
        return False, state
    return False, "not configured"


def _reason(ike, ipsec, bgp_up, bgp_word, routing):
    if not ike:
        return "no IKE SA (peer unreachable, proposal mismatch or authentication failure)"
    if not ipsec:
        return "IKE up but no IPsec SA (phase 2 proposal or PFS mismatch)"
    if routing and not bgp_up:
        return "BGP %s" % bgp_word
    if routing and bgp_word == 0:
        return "BGP established but no routes received"
    return ""


def assess(outputs, platform, render) -> dict:
    """Per tunnel state from the outputs of ``COMMANDS[platform]`` (same order)."""
    outputs = list(outputs) + [""] * (len(COMMANDS[platform]) - len(outputs))
    if platform == "vyos":
        ike_text = ipsec_text = outputs[0]
        bgp_text = outputs[1]
    else:
        ike_text, ipsec_text, bgp_text = outputs[:3]
    neighbors = {n["tunnel"]: n["address"] for n in render["bgp"]["neighbors"]}
    tunnels = []
    for tunnel in render["tunnels"]:
        ike = _ike_up(platform, ike_text, tunnel["peer_address"])
        ipsec = ike and _ipsec_up(platform, ipsec_text, tunnel)
        neighbor = neighbors.get(tunnel["name"])
        bgp_up, bgp_word = _bgp_state(platform, bgp_text, neighbor) if neighbor else (True, None)
        reason = _reason(ike, ipsec, bgp_up, bgp_word, neighbor is not None)
        tunnels.append({
            "name": tunnel["name"], "peer": tunnel["peer_address"], "ike": ike, "ipsec": ipsec,
            "bgp": ("Established" if bgp_up else bgp_word) if neighbor else "static",
            "prefixes_received": bgp_word if (neighbor and bgp_up) else 0,
            "up": not reason, "reason": reason or "up",
        })
    report = ["%s to %s: IKE %s, IPsec %s, BGP %s%s" % (
        t["name"], t["peer"], "up" if t["ike"] else "down", "up" if t["ipsec"] else "down", t["bgp"],
        "" if t["up"] else " -- " + t["reason"]) for t in tunnels]
    return {"tunnels": tunnels, "all_up": all(t["up"] for t in tunnels), "report": report}
