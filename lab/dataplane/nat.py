# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A 1:1 NAT in front of a CGW endpoint (issue 16): nftables in a namespace of its own maps the endpoint's private
address to its public one, as the NAT device in front of a real CGW does (AWS: the customer gateway is then the NAT
device's address, and NAT traversal carries IKE and ESP over UDP 4500).

Source NAT on the way out and destination NAT on the way in, so either end may initiate; conntrack keeps the
ports of a flow, as a 1:1 NAT does.
"""

from __future__ import annotations

from . import system

NFT = "nft"
TABLE = "ip s2s_nat"


def ruleset(private_ip: str, public_ip: str) -> str:
    """One nft command line that (re)writes the NAT table whole: running it again changes nothing."""
    return "; ".join([
        "add table %s" % TABLE,
        "flush table %s" % TABLE,
        "add chain %s prerouting { type nat hook prerouting priority dstnat; policy accept; }" % TABLE,
        "add rule %s prerouting ip daddr %s dnat to %s" % (TABLE, public_ip, private_ip),
        "add chain %s postrouting { type nat hook postrouting priority srcnat; policy accept; }" % TABLE,
        "add rule %s postrouting ip saddr %s snat to %s" % (TABLE, private_ip, public_ip),
    ])


def one_to_one(ns: str, private_ip: str, public_ip: str) -> None:
    system.ns_run(ns, NFT, ruleset(private_ip, public_ip))
