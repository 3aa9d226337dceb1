# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Example specs built from the shared model: an AWS gateway, a CGW and N tunnels between them.

Proposals come from crypto_vocab, inside addresses from inside_cidr, keys from psk.generate_distinct,
so an example is what the translator will produce from the AWS twin and a device twin.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab, inside_cidr, psk

AMAZON_ASN = 64512
CGW_ASN = 65000
VPC = {"cidr": "10.10.0.0/24", "router_ip": "10.10.0.1", "host_ip": "10.10.0.10"}
ONPREM = {"cidr": "192.168.11.0/24", "router_ip": "192.168.11.1", "host_ip": "192.168.11.10"}
CGW_OUTSIDE = "198.51.100.10"
CGW_PRIVATE = "10.0.11.10"     # the CGW's own outside address when it sits behind NAT (behind_nat)
CGW_OUTSIDE6 = "2001:db8:51::10"   # the CGW's outside address for OutsideIpAddressType Ipv6 (ipv6_outside)
AWS_OUTSIDE6 = "2001:db8:ffff::%x"  # AWS's tunnel outside addresses then (the AWS twin's ipv6_outside_pool)


def ike(key: str, initiator: bool, timers: dict) -> dict:
    return {
        "version": 2,
        "proposals": [crypto_vocab.strongswan_proposal(1, "AES256", "SHA2-256", 14)],
        "esp_proposals": [crypto_vocab.strongswan_proposal(2, "AES256-GCM-16", None, 14)],
        "psk": key,
        "dpd_delay": timers["dpd_delay"],
        "dpd_timeout": timers["dpd_timeout"],
        # AWS answers (its default startup action is "add"); the CGW initiates.
        "start_action": "start" if initiator else "none",
        "dpd_action": "restart" if initiator else "clear",
    }


def bgp(asn: int, peer_asn: int, advertise: str, timers: dict, med=None) -> dict:
    result = {"asn": asn, "peer_asn": peer_asn, "keepalive": timers["keepalive"], "hold": timers["hold"], "advertise": [advertise]}
    if med is not None:
        result["med"] = med
    return result


def gateway_to_cgw(name: str = "lab", tunnels: int = 2, kind: str = "vgw", timers: dict = None) -> dict:
    """A spec with one AWS gateway (``vgw``/``tgw``) and one CGW joined by ``tunnels`` tunnels.

    VGW: tunnel i advertises MED 100*i in both directions, so tunnel 1 is the preferred path
    (AWS's rule: shortest AS_PATH, then lowest MED) and the others are standby. TGW: no MED, all
    attributes equal, so the TGW spreads traffic over every tunnel (ECMP).
    """
    timers = dict({"keepalive": 10, "hold": 30, "dpd_delay": 10, "dpd_timeout": 30}, **(timers or {}))
    keys = psk.generate_distinct(tunnels)
    cidrs = ["169.254.%d.0/30" % (10 + i) for i in range(tunnels)]
    result = {
        "name": name,
        "routers": [
            {"name": "aws", "side": "aws", "kind": kind, "lan": dict(VPC)},
            {"name": "cgw", "side": "cgw", "kind": "cgw", "lan": dict(ONPREM)},
        ],
        "tunnels": [],
    }
    for index, (key, cidr) in enumerate(zip(keys, cidrs)):
        inside = inside_cidr.addresses(cidr)
        med = 100 * (index + 1) if kind == "vgw" else None
        result["tunnels"].append({
            "name": "t%d" % (index + 1),
            "aws": {"router": "aws", "outside_ip": "203.0.113.%d" % (10 + index), "inside": "%s/%d" % (inside["aws"], inside["prefixlen"]),
                    "ike": ike(key, False, timers), "bgp": bgp(AMAZON_ASN, CGW_ASN, VPC["cidr"], timers, med)},
            "cgw": {"router": "cgw", "outside_ip": CGW_OUTSIDE, "inside": "%s/%d" % (inside["cgw"], inside["prefixlen"]),
                    "ike": ike(key, True, timers), "bgp": bgp(CGW_ASN, AMAZON_ASN, ONPREM["cidr"], timers, med)},
        })
    return result


def ha_pair(name: str = "lab", timers: dict = None) -> dict:
    """A TGW and an HA pair of CGWs on one on-prem LAN: ``cgw`` (t1) and ``cgwb`` (t2), one tunnel each.

    The LAN host holds one address per CGW (.10 leaves via cgw, .11 via cgwb); the TGW spreads its
    traffic over both tunnels (ECMP), so a reply may come back through either CGW.
    """
    result = gateway_to_cgw(name, 2, "tgw", timers)
    lan_b = dict(ONPREM, router_ip="192.168.11.2", host_ip="192.168.11.11", segment="cgw")
    result["routers"].append({"name": "cgwb", "side": "cgw", "kind": "cgw", "lan": lan_b})
    result["tunnels"][1]["cgw"].update(router="cgwb", outside_ip="198.51.100.11")
    return result


def behind_nat(data: dict, index: int = 0, private_ip: str = CGW_PRIVATE) -> dict:
    """Put tunnel ``index``'s CGW endpoint behind a 1:1 NAT: it binds ``private_ip``; the NAT shows AWS its old
    (public) address, which stays the CGW's IKE identity, as AWS's customer gateway holds it (docs/nat.md)."""
    cgw = data["tunnels"][index]["cgw"]
    public = cgw["outside_ip"]
    cgw.update(outside_ip=private_ip, nat_public_ip=public)
    cgw["ike"]["local_id"] = public
    return data


VPC6 = {"cidr6": "2001:db8:10::/64", "router_ip6": "2001:db8:10::1", "host_ip6": "2001:db8:10::10"}
ONPREM6 = {"cidr6": "2001:db8:11::/64", "router_ip6": "2001:db8:11::1", "host_ip6": "2001:db8:11::10"}


def ipv6_inside(name: str = "lab", timers: dict = None) -> dict:
    """A TGW and a CGW, both LANs dual stack, one tunnel with IPv6 inside (AWS's TunnelInsideIpVersion
    ipv6: a /126 from fd00::/8, IPv6 routes over BGP on the inside addresses, IPv4 outside)."""
    result = gateway_to_cgw(name, 1, "tgw", timers)
    result["routers"][0]["lan"].update(VPC6)
    result["routers"][1]["lan"].update(ONPREM6)
    inside = inside_cidr.addresses(inside_cidr.allocate(["t1"], version=6)["t1"])
    tunnel = result["tunnels"][0]
    for side, lan in (("aws", VPC6), ("cgw", ONPREM6)):
        tunnel[side]["inside"] = "%s/%d" % (inside[side], inside["prefixlen"])
        tunnel[side]["bgp"]["advertise"] = [lan["cidr6"]]
    return result


def ipv6_outside(name: str = "lab", timers: dict = None) -> dict:
    """``ipv6_inside`` plus a tunnel t2 with IPv6 outside addresses and IPv4 inside (AWS's OutsideIpAddressType Ipv6,
    TunnelInsideIpVersion ipv4: IKE and ESP between the CGW's IPv6 address and AWS's, BGP and IPv4 routes inside)."""
    result = ipv6_inside(name, timers)
    second = gateway_to_cgw(name, 2, "tgw", timers)["tunnels"][1]
    second["aws"]["outside_ip"] = AWS_OUTSIDE6 % 0x10
    second["cgw"]["outside_ip"] = CGW_OUTSIDE6
    result["tunnels"].append(second)
    return result
