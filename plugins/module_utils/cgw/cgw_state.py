# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel state as a CGW reports it: IKE SA, IPsec SA and BGP per tunnel, with a reason.

Reads the vendors' own show command output: the platform dialect's ``state_commands``, in that order. The dialect
reads its lines (which word says an SA is up, where a BGP row keeps its state); the verdict and the reason are the
same for every platform.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base, registry


def commands(platform: str) -> list:
    """The show commands of ``platform``'s tunnel state, in the order ``assess`` takes their outputs."""
    return list(registry.dialect_for(platform).state_commands)


def _bgp_state(dialect, text, neighbor):
    """(established, prefixes received or the state word) for one neighbour."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        fields = line.split()
        if fields and fields[0] == neighbor:
            return dialect.bgp_state(lines, i)
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
    """Per tunnel state from the outputs of ``commands(platform)`` (same order)."""
    dialect = registry.dialect_for(platform)
    outputs = list(outputs) + [""] * (len(dialect.state_commands) - len(outputs))
    ike_text, ipsec_text, bgp_text = dialect.state_texts(outputs)
    neighbors = {n["tunnel"]: n["address"] for n in render["bgp"]["neighbors"]}
    tunnels = []
    for tunnel in render["tunnels"]:
        ike = any(dialect.ike_is_up(line) for line in base.peer_lines(ike_text, tunnel["peer_address"]))
        ipsec = ike and dialect.ipsec_up(ipsec_text, tunnel)
        neighbor = neighbors.get(tunnel["name"])
        bgp_up, bgp_word = _bgp_state(dialect, bgp_text, neighbor) if neighbor else (True, None)
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
