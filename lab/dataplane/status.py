# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-tunnel status: IKE/CHILD SA state and algorithms from each charon, BGP from each router, and a reason when down."""

from __future__ import annotations

import os

from . import frr, spec as specmod, strongswan, system

# When both endpoints explain a failure, the more specific reason wins.
REASON_RANK = ["NO_PROPOSAL_CHOSEN", "AUTHENTICATION_FAILED", "TS_UNACCEPTABLE", "no matching connection", "no IKE response"]


def _rank(reason: str) -> int:
    for i, prefix in enumerate(REASON_RANK):
        if reason.startswith(prefix):
            return i
    return len(REASON_RANK) if reason else len(REASON_RANK) + 1


def endpoint_status(lab, tunnel, side: str) -> dict:
    ens = lab.endpoint_ns(tunnel, side)
    run_dir = lab.charon_dir(tunnel, side)
    running = lab.charon_running(tunnel, side)
    result = {"namespace": ens, "outside_ip": tunnel.endpoint(side).outside_ip, "charon": "running" if running else "stopped"}
    if running:
        try:
            result.update(strongswan.sas(run_dir))
        except OSError as exc:
            result.update(ike_state="UNKNOWN", child_state="UNKNOWN", reason="VICI unreachable: %s" % exc)
            return result
    else:
        result.update(ike_state="NONE", child_state="NONE")
    result["reason"] = strongswan.reason(os.path.join(run_dir, "charon.log"))
    return result


def bgp_status(lab, tunnel, side: str, summaries: dict) -> dict:
    end, peer = tunnel.endpoint(side), tunnel.peer(side)
    rns = lab.router_ns(end.router)
    if rns not in summaries:
        try:
            summaries[rns] = frr.neighbors(rns)
        except (system.CommandError, ValueError) as exc:
            summaries[rns] = {"error": str(exc)}
    if "error" in summaries[rns]:
        return {"state": "unknown", "error": summaries[rns]["error"]}
    neighbor = summaries[rns].get(peer.inside_ip, {"state": "missing", "accepted": 0, "sent": 0})
    result = dict(neighbor, router=rns, peer=peer.inside_ip)
    result["received"] = frr.received(rns, peer.inside_ip) if neighbor["state"] == "Established" else 0
    return result


def tunnel_status(lab, tunnel, summaries: dict) -> dict:
    sides = {s: endpoint_status(lab, tunnel, s) for s in specmod.SIDES}
    bgp = {s: bgp_status(lab, tunnel, s, summaries) for s in specmod.SIDES}
    ipsec_up = all(sides[s]["ike_state"] == "ESTABLISHED" and sides[s]["child_state"] == "INSTALLED" for s in specmod.SIDES)
    bgp_up = all(bgp[s]["state"] == "Established" for s in specmod.SIDES)
    routes = all(bgp[s].get("accepted", 0) > 0 for s in specmod.SIDES)
    status = {"tunnel": tunnel.name, "ipsec_up": ipsec_up, "bgp_up": bgp_up, "up": ipsec_up and bgp_up and routes,
              "drained": tunnel.name in lab.state.data["drained"], "endpoints": sides, "bgp": bgp,
              "cut": [r for r in lab.state.data["cuts"] if tunnel.aws.outside_ip in r],
              # Where to probe from: each side's LAN host namespace (an HA pair's CGWs share one).
              "lan": {s: lab.host_ns(tunnel.endpoint(s).router) for s in specmod.SIDES}}
    status["reason"] = _reason(status, sides, bgp, ipsec_up, bgp_up)
    return status


def _reason(status, sides, bgp, ipsec_up, bgp_up) -> str:
    if status["up"]:
        return ""
    prefix = "underlay cut; " if status["cut"] else ""
    stopped = [s for s in specmod.SIDES if sides[s]["charon"] != "running"]
    if stopped:
        return prefix + "charon stopped on the %s side" % " and ".join(stopped)
    if not ipsec_up:
        why = min((sides[s]["reason"] for s in specmod.SIDES), key=_rank)
        states = ", ".join("%s IKE %s/CHILD %s" % (s, sides[s]["ike_state"], sides[s]["child_state"]) for s in specmod.SIDES)
        return prefix + (why + " (" + states + ")" if why else "IPsec not established (" + states + ")")
    if not bgp_up:
        return prefix + "BGP " + ", ".join("%s %s" % (s, bgp[s]["state"]) for s in specmod.SIDES)
    return prefix + "no routes accepted (" + ", ".join("%s accepted %d" % (s, bgp[s].get("accepted", 0)) for s in specmod.SIDES) + ")"


def lab_status(lab) -> dict:
    summaries = {}
    return {"lab": lab.spec.name, "tunnels": [tunnel_status(lab, t, summaries) for t in lab.spec.tunnels]}


def render(report: dict) -> str:
    """Human-readable table, one block per tunnel."""
    lines = ["lab %s" % report["lab"]]
    for tun in report["tunnels"]:
        lines.append("%-10s %s%s" % (tun["tunnel"], "UP" if tun["up"] else "DOWN", " (drained)" if tun["drained"] else ""))
        for side in specmod.SIDES:
            end, bgp = tun["endpoints"][side], tun["bgp"][side]
            lines.append("  %-3s %-15s IKE %-11s %-40s CHILD %-9s %-28s BGP %-11s rcvd %s acc %s" % (
                side, end["outside_ip"], end["ike_state"], end.get("ike_algorithms", ""), end["child_state"],
                end.get("esp_algorithms", ""), bgp["state"], bgp.get("received", "-"), bgp.get("accepted", "-")))
        if tun["reason"]:
            lines.append("  reason: %s" % tun["reason"])
    return "\n".join(lines)
