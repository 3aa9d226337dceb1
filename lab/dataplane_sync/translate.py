# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS tunnels + CGW tunnels -> one lab.dataplane spec, paired by outside IPs.

Each side keeps its own settings: AWS's endpoint gets AWS's accepted algorithms, key and behaviour,
the CGW's endpoint gets what the device's committed config says. The spec is the data plane's
input; the map (tunnel -> VPN id, outside IP, twin, device tunnel name, neighbor) is what report.py
needs to write state back, and holds no key.
"""

from __future__ import annotations

import ipaddress
import re

from lab.dataplane_sync import proposals

LAB_NAME = "s2s"


def router_name(name: str) -> str:
    """A lab router name ([a-z][a-z0-9]{0,11}) from a gateway's or twin's name."""
    cleaned = re.sub(r"[^a-z0-9]", "", name.lower())
    return (cleaned if cleaned[:1].isalpha() else "r" + cleaned)[:12]


def _lan(cidr: str, position: int = 0) -> dict:
    """The LAN of the ``position``-th router on it: router .1, .2, ...; the host's address for it .10, .11, ..."""
    net = ipaddress.ip_network(cidr)
    return {"cidr": str(net), "router_ip": str(net.network_address + 1 + position), "host_ip": str(net.network_address + 10 + position)}


def _cgw_router(routers: dict, name: str, cidr: str) -> dict:
    """A CGW router; CGWs announcing the same on-prem LAN (an HA pair of one site) share one LAN segment."""
    if name not in routers:
        partners = [r for r in routers.values() if r["side"] == "cgw" and r["lan"]["cidr"] == str(ipaddress.ip_network(cidr))]
        routers[name] = {"name": name, "side": "cgw", "kind": "cgw", "lan": _lan(cidr, len(partners))}
        if partners:
            for router in partners + [routers[name]]:
                router["lan"]["segment"] = partners[0]["name"]
    return routers[name]


def _aws_endpoint(router: str, aws: dict, cgw: dict) -> dict:
    phase1, phase2 = aws["phase1"], aws["phase2"]
    version = 2 if "ikev2" in aws["ike_versions"] else 1
    return {
        "router": router, "outside_ip": aws["outside_ip"], "inside": aws["inside"],
        "ike": {"version": version, "psk": aws["psk"], "proposals": proposals.merged(1, *phase1), "esp_proposals": proposals.merged(2, *phase2),
                "dpd_delay": 10, "dpd_timeout": aws["dpd_timeout"], "dpd_action": aws["dpd_action"],
                "ike_rekey_time": aws["phase1_lifetime"] - aws["rekey_margin"], "child_rekey_time": aws["phase2_lifetime"] - aws["rekey_margin"],
                "child_life_time": aws["phase2_lifetime"], "start_action": "start" if aws["start"] else "none"},
        "bgp": {"asn": aws["asn"], "peer_asn": cgw["asn"] or aws["peer_asn"], "keepalive": 10, "hold": 30, "advertise": aws["advertise"]},
    }


def _cgw_endpoint(router: str, cgw: dict, aws: dict) -> dict:
    neighbor = cgw["neighbor"] or {}
    keepalive, hold = neighbor.get("keepalive") or 10, neighbor.get("hold_time") or 30
    bgp = {"asn": cgw["asn"], "peer_asn": neighbor.get("remote_as") or aws["asn"], "keepalive": keepalive, "hold": hold,
           "advertise": cgw["networks"], "import_allow": cgw["import_allow"], "prepend": cgw["prepend"]}
    if cgw["local_pref"] is not None:
        bgp["local_pref"] = cgw["local_pref"]
    if neighbor.get("maximum_prefix"):
        bgp["maximum_prefix"] = int(neighbor["maximum_prefix"])
    return {
        "router": router, "outside_ip": cgw["outside_ip"], "inside": cgw["inside"],
        "ike": {"version": cgw["ike_version"], "psk": cgw["psk"] or "", "proposals": cgw["ike_proposals"], "esp_proposals": cgw["esp_proposals"],
                "dpd_delay": cgw["dpd_delay"], "dpd_timeout": cgw["dpd_timeout"], "dpd_action": "restart",
                "ike_rekey_time": int(cgw["ike_lifetime"] * 0.9), "child_rekey_time": int(cgw["ipsec_lifetime"] * 0.9),
                "child_life_time": cgw["ipsec_lifetime"], "start_action": "start", "local_id": cgw["local_id"]},
        "bgp": bgp,
    }


def _behind_nat(source, cgw_ip: str) -> bool:
    """Whether the device binds an address other than AWS's customer gateway: it then sits behind a 1:1 NAT that
    shows AWS the customer gateway address (docs/nat.md). A source naming an interface (IOS-XE cgw_source_interface,
    Junos external-interface) is taken to hold the customer gateway address, as before."""
    try:
        return ipaddress.IPv4Address(source) != ipaddress.IPv4Address(cgw_ip)
    except ValueError:
        return False


def build(connections: list, cgws: dict, name: str = LAB_NAME) -> tuple:
    """(spec dict, map list, unpaired list). cgws: {twin name: cgw_side.endpoints()}; a device tunnel pairs with
    the AWS tunnel whose outside IP is its IKE peer, on a connection whose customer gateway is that device's. An AWS
    tunnel is unpaired (with the reason) when no device tunnel has it as peer or the device drops its IKE."""
    routers, tunnels, mapping, unpaired = {}, [], [], []
    by_peer = {e["peer_outside_ip"]: (twin, e) for twin, ends in cgws.items() for e in ends}
    for conn in connections:
        gateway = conn["gateway"]
        arouter = router_name(gateway["name"])
        for aws in conn["tunnels"]:
            twin, cgw = by_peer.get(aws["outside_ip"], (None, None))
            if cgw is None or cgw["ike_refused"]:
                # a device that drops IKE (its zone does not admit it) never answers AWS: no data plane endpoint for it
                reason = "%s drops IKE: %s" % (twin, cgw["ike_refused"]) if cgw else "no device tunnel has it as IKE peer"
                unpaired.append({"vpn_connection_id": conn["vpn_connection_id"], "outside_ip": aws["outside_ip"],
                                 "cgw_ip": conn["cgw_ip"], "reason": reason})
                continue
            routers.setdefault(arouter, {"name": arouter, "side": "aws", "kind": gateway["kind"], "lan": _lan(gateway["vpc_cidrs"][0])})
            crouter = router_name(twin)
            lan_cidr = cgw["networks"][0] if cgw["networks"] else "192.168.%d.0/24" % (100 + len(routers))
            _cgw_router(routers, crouter, lan_cidr)
            if cgw["maximum_paths"]:
                routers[crouter]["maximum_paths"] = int(cgw["maximum_paths"])
            nat = _behind_nat(cgw["source"], conn["cgw_ip"])
            cgw = dict(cgw, outside_ip=cgw["source"] if nat else conn["cgw_ip"])
            tname = "t%d" % (len(tunnels) + 1)
            cgw_end = _cgw_endpoint(crouter, cgw, aws)
            if nat:   # AWS knows (and authenticates) the customer gateway address; the device binds its own
                cgw_end["nat_public_ip"] = conn["cgw_ip"]
            # as_configured: each end as its device has it; a mismatch between them runs as it would on real gear
            tunnels.append({"name": tname, "aws": _aws_endpoint(arouter, aws, cgw), "cgw": cgw_end, "as_configured": True})
            mapping.append({"tunnel": tname, "vpn_connection_id": conn["vpn_connection_id"], "aws_outside_ip": aws["outside_ip"],
                            "twin": twin, "device_tunnel": cgw["device_tunnel"], "cgw_outside_ip": cgw["outside_ip"],
                            "aws_inside_ip": aws["inside"].split("/")[0], "cgw_inside_ip": cgw["inside"].split("/")[0],
                            "aws_router": arouter, "cgw_router": crouter, "gateway": gateway["name"],
                            "vpc_host": routers[arouter]["lan"]["host_ip"], "onprem_host": routers[crouter]["lan"]["host_ip"]})
    return {"name": name, "routers": list(routers.values()), "tunnels": tunnels}, mapping, unpaired
