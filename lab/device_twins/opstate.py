# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Operational show commands, from the structured model plus the dataplane state file.

The dataplane file (spec ``dataplane_file``) is written by whatever carries the traffic (the
later strongSwan/FRR lab); without it every tunnel is down and every BGP peer Idle/Active:

    {"tunnels": {"<tunnel name: Tunnel1 | st0.1 | vti1>": {"ike": "up", "ipsec": "up",
                  "local": "198.51.100.2", "remote": "203.0.113.1", "uptime": 120, "ipsec_uptime": 100,
                  "bytes_in": 0, "bytes_out": 0, "packets_in": 0, "packets_out": 0}},
     "bgp": {"<neighbor address>": {"state": "Established", "prefixes_received": 2, "uptime": 60, "msg_rcvd": 9, "msg_sent": 8}},
     "routes": [{"prefix": "10.0.0.0/16", "next_hop": "169.254.10.1", "protocol": "bgp"}]}
"""

from __future__ import annotations

import ipaddress
import time


def uptime_text(device):
    minutes = int((time.time() - device.started) // 60)
    return "%d hours, %d minutes" % (minutes // 60, minutes % 60)


def _tunnel_state(dataplane, name):
    return (dataplane.get("tunnels") or {}).get(name) or {}


def _up(state, phase):
    return str(state.get(phase, "down")).lower() == "up"


def _peer_state(dataplane, address, down="Idle"):
    state = (dataplane.get("bgp") or {}).get(address) or {}
    return state.get("state", down), int(state.get("prefixes_received", 0)), int(state.get("uptime", 0))


def _peer_messages(dataplane, address):
    """(messages received, messages sent) on the BGP session, as the router counted them."""
    state = (dataplane.get("bgp") or {}).get(address) or {}
    return int(state.get("msg_rcvd", 0)), int(state.get("msg_sent", 0))


def _clock(seconds):
    if not seconds:
        return "never"
    return "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def _first(values, default="-"):
    return values[0] if values else default


# -- IOS-XE ------------------------------------------------------------------------------
def ios_ikev2_sa(model, dataplane):
    lines = [" IPv4 Crypto IKEv2  SA ", "", "Tunnel-id Local                 Remote                fvrf/ivrf            Status "]
    for index, tunnel in enumerate(model["tunnels"], 1):
        state = _tunnel_state(dataplane, tunnel["name"])
        if not _up(state, "ike"):
            continue
        proposal = (tunnel["crypto"].get("ike_proposals") or [{}])[0]
        local, remote = state.get("local", tunnel["source"]), state.get("remote", tunnel["peer"])
        lines.append("%-9d %-21s %-21s %-20s READY  " % (index, local + "/500", remote + "/500", "none/none"))
        lines.append("      Encr: %s, Hash: %s, DH Grp:%s, Auth sign: PSK, Auth verify: PSK"
                     % (_first(proposal.get("encryption")), _first(proposal.get("integrity")), _first(proposal.get("dh_groups"))))
        lines.append("      Life/Active Time: %s/%d sec" % (tunnel["crypto"].get("ike_lifetime"), int(state.get("uptime", 0))))
    return "\n".join(lines) + "\n"


def ios_ipsec_sa(model, dataplane):
    lines = []
    for tunnel in model["tunnels"]:
        state = _tunnel_state(dataplane, tunnel["name"])
        up = _up(state, "ipsec")
        tunnel = dict(tunnel, source=tunnel["source"] or "0.0.0.0", peer=tunnel["peer"] or "0.0.0.0")
        lines += ["", "interface: %s" % tunnel["name"],
                  "    Crypto map tag: %s-head-0, local addr %s" % (tunnel["name"], tunnel["source"]),
                  "", "   protected vrf: (none)",
                  "   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)",
                  "   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)",
                  "   current_peer %s port 500" % tunnel["peer"],
                  "    #pkts encaps: %d, #pkts encrypt: %d" % (state.get("packets_out", 0), state.get("packets_out", 0)),
                  "    #pkts decaps: %d, #pkts decrypt: %d" % (state.get("packets_in", 0), state.get("packets_in", 0)),
                  "", "     local crypto endpt.: %s, remote crypto endpt.: %s" % (tunnel["source"], tunnel["peer"]),
                  "     current outbound spi: %s" % ("0x%08X" % (0xC0000000 + len(lines)) if up else "0x0(0)"),
                  "     PFS (Y/N): %s, DH group: %s" % ("Y" if tunnel["crypto"].get("pfs") else "N", tunnel["crypto"].get("pfs") or "none"),
                  "", "     inbound esp sas:"]
        if up:
            lines.append("        Status: ACTIVE(ACTIVE)")
        lines.append("     outbound esp sas:")
        if up:
            lines.append("        Status: ACTIVE(ACTIVE)")
    return "\n".join(lines) + "\n"


def ios_bgp_summary(model, dataplane):
    bgp = model["bgp"]
    if not bgp:
        return "% BGP not active"
    lines = ["BGP router identifier %s, local AS number %d" % (bgp["router_id"] or _router_id(model), bgp["local_as"]),
             "BGP table version is 1, main routing table version 1", "",
             "Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd"]
    for peer in bgp["neighbors"]:
        state, received, uptime = _peer_state(dataplane, peer["address"])
        shown = str(received) if state == "Established" else state
        rcvd, sent = _peer_messages(dataplane, peer["address"])
        row = (peer["address"], peer["remote_as"], rcvd, sent, 1, 0, 0, _clock(uptime), shown)
        lines.append("%-15s 4 %12s %7d %7d %8d %4d %4d %-8s %s" % row)
    return "\n".join(lines)


def _router_id(model):
    addresses = [t["inside_address"] for t in model["tunnels"] if t["inside_address"]]
    return str(ipaddress.ip_interface(max(addresses)).ip) if addresses else "0.0.0.0"


def _connected(model):
    for item in model["tunnels"] + model["interfaces"]:
        address = item.get("inside_address") or item.get("address")
        if address and "/" in address and item.get("enabled", True):
            yield item["name"], ipaddress.ip_interface(address)


def ios_ip_route(model, dataplane):
    lines = ["Codes: L - local, C - connected, S - static, B - BGP", "", "Gateway of last resort is not set", ""]
    for name, iface in _connected(model):
        lines.append("C        %s is directly connected, %s" % (iface.network, name))
        lines.append("L        %s/32 is directly connected, %s" % (iface.ip, name))
    for route in model["static_routes"]:
        lines.append("S        %s [1/0] via %s" % (route["prefix"], route["next_hop"]))
    for route in dataplane.get("routes") or []:
        lines.append("B        %s [20/0] via %s" % (route["prefix"], route["next_hop"]))
    return "\n".join(lines)


def ios_ip_int_brief(model):
    lines = ["Interface              IP-Address      OK? Method Status                Protocol"]
    for item in model["interfaces"] + model["tunnels"]:
        address = item.get("inside_address") or item.get("address") or "unassigned"
        address = address.split("/")[0]
        status = "up" if item.get("enabled", True) else "administratively down"
        lines.append("%-22s %-15s YES manual %-21s %s" % (item["name"], address, status, "up" if status == "up" else "down"))
    return "\n".join(lines)


# -- Junos -------------------------------------------------------------------------------
def junos_ike_sa(model, dataplane):
    rows = []
    for index, tunnel in enumerate(model["tunnels"], 1):
        state = _tunnel_state(dataplane, tunnel["name"])
        if _up(state, "ike"):
            rows.append("%-7d UP     %016x  %016x  IKEv2          %s" % (1000000 + index, index, index * 7, tunnel["peer"]))
    if not rows:
        return ""
    return "\n".join(["Index   State  Initiator cookie  Responder cookie  Mode           Remote Address"] + rows)


def junos_ipsec_sa(model, dataplane):
    active = []
    for index, tunnel in enumerate(model["tunnels"], 1):
        state = _tunnel_state(dataplane, tunnel["name"])
        if _up(state, "ipsec"):
            proposal = (tunnel["crypto"].get("ipsec_proposals") or [{}])[0]
            algorithm = "ESP:%s/%s" % (_first(proposal.get("encryption")).lower(), _first(proposal.get("integrity"), "none").lower())
            for arrow in "<>":
                # Life:sec is what is left of the SA's lifetime, as Junos counts it down.
                left = int(tunnel["crypto"].get("ipsec_lifetime") or 3600) - int(state.get("ipsec_uptime", 0))
                active.append("  %s%d %-24s %08x %d/ unlim - root 500 %s" % (arrow, 131072 + index, algorithm, 0x1000 * index, max(left, 0), tunnel["peer"]))
    head = "  Total active tunnels: %d     Total Ipsec sas: %d" % (len(active) // 2, len(active) // 2)
    if not active:
        return head
    return "\n".join([head, "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway"] + active)


def junos_bgp_summary(model, dataplane):
    bgp = model["bgp"]
    if not bgp:
        return "BGP is not running"
    peers = bgp["neighbors"]
    states = [_peer_state(dataplane, p["address"], "Active") for p in peers]
    down = sum(1 for s in states if s[0] != "Established")
    lines = ["Threading mode: BGP I/O", "Default eBGP mode: advertise - accept, receive - accept",
             "Groups: %d Peers: %d Down peers: %d" % (len({p.get("group") for p in peers}), len(peers), down),
             "Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending",
             "inet.0", "               %10d %10d          0          0          0          0" % (
                 sum(s[1] for s in states), sum(s[1] for s in states)),
             "Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State|#Active/Received/Accepted/Damped..."]
    for peer, (state, received, uptime) in zip(peers, states):
        shown = "Establ\n  inet.0: %d/%d/%d/0" % (received, received, received) if state == "Established" else state
        rcvd, sent = _peer_messages(dataplane, peer["address"])
        row = (peer["address"], peer["remote_as"], rcvd, sent, 0, 0, _clock(uptime), shown)
        lines.append("%-20s %9s %10d %10d %7d %7d %11s %s" % row)
    return "\n".join(lines)


# -- VyOS --------------------------------------------------------------------------------
def vyos_ipsec_sa(model, dataplane):
    lines = ["Connection    State    Uptime    Bytes In/Out    Packets In/Out    Remote address    Remote ID    Proposal",
             "------------  -------  --------  --------------  ----------------  ----------------  -----------  ----------"]
    for tunnel in model["tunnels"]:
        state = _tunnel_state(dataplane, tunnel["name"])
        up = _up(state, "ipsec")
        proposal = (tunnel["crypto"].get("ipsec_proposals") or [{}])[0]
        lines.append("%-13s %-8s %-9s %-15s %-17s %-17s %-12s %s" % (
            "%s-%s" % (tunnel.get("ike_gateway") or "peer", tunnel["name"]), "up" if up else "down",
            "%ds" % state.get("ipsec_uptime", state.get("uptime", 0)) if up else "N/A",
            "%dB/%dB" % (state.get("bytes_in", 0), state.get("bytes_out", 0)),
            "%d/%d" % (state.get("packets_in", 0), state.get("packets_out", 0)),
            tunnel["peer"] or "N/A", tunnel["peer"] or "N/A",
            "%s/%s" % (_first(proposal.get("encryption"), "N/A"), _first(proposal.get("integrity"), "N/A")) if up else "N/A"))
    return "\n".join(lines)


def vyos_bgp_summary(model, dataplane):
    bgp = model["bgp"]
    if not bgp:
        return "% BGP instance not found"
    lines = ["", "IPv4 Unicast Summary (VRF default):",
             "BGP router identifier %s, local AS number %d vrf-id 0" % (bgp["router_id"] or _router_id(model), bgp["local_as"]),
             "BGP table version 0", "Peers %d, using %d KiB of memory" % (len(bgp["neighbors"]), 20 * len(bgp["neighbors"])), "",
             "Neighbor        V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   PfxSnt Desc"]
    for peer in bgp["neighbors"]:
        state, received, uptime = _peer_state(dataplane, peer["address"], "Active")
        shown = str(received) if state == "Established" else state
        rcvd, sent = _peer_messages(dataplane, peer["address"])
        row = (peer["address"], peer["remote_as"], rcvd, sent, 0, 0, 0, _clock(uptime), shown, 0)
        lines.append("%-15s 4 %10s %9d %9d %8d %4d %4d %8s %12s %8d N/A" % row)
    lines += ["", "Total number of neighbors %d" % len(bgp["neighbors"])]
    return "\n".join(lines)
