# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What AWS picks when the request leaves it open: outside IPs, inside CIDRs, pre-shared keys.

Pools, sizes, reserved blocks and the PSK alphabet are the twin's own (api_rules, from AWS's model).
"""

from __future__ import annotations

import ipaddress
import secrets

from lab.aws_twin import api_rules
from lab.aws_twin.query import ApiError

PSK_LENGTH = 32  # what AWS generates (shared/reference/aws-vpn-api.md: "random 32 chars")


def outside_ip(pool: str, used: set) -> str:
    """The lowest free host address of the pool (each tunnel gets its own)."""
    for host in ipaddress.ip_network(pool).hosts():
        if str(host) not in used:
            return str(host)
    raise ApiError("InsufficientAddressCapacity", "No tunnel outside address left in the twin's pool %s" % pool, 500)


def inside_block(version: str, used: set) -> str:
    """A random valid inside CIDR (/30 in 169.254.0.0/16, not reserved; /126 in fd00::/8), not in ``used``."""
    inside = api_rules.INSIDE[version]
    pool, prefixlen = inside["pool"], inside["prefixlen"]
    slots = 2 ** (prefixlen - pool.prefixlen)
    size = 2 ** (pool.max_prefixlen - prefixlen)
    for _attempt in range(10000):
        net = ipaddress.ip_network((int(pool.network_address) + secrets.randbelow(slots) * size, prefixlen))
        if str(net) not in used and not any(net.overlaps(r) for r in inside["reserved"]):
            return str(net)
    raise ApiError("InternalError", "no free inside CIDR found", 500)


def inside_addresses(cidr: str) -> dict:
    """The two ends of an inside block: AWS takes the first host address, the customer gateway the second
    (AWS's configuration files; shared/reference/aws-vpn-api.md "AWS side: inside address .1 of the /30, the CGW .2")."""
    net = ipaddress.ip_network(cidr)
    return {"aws": str(net.network_address + 1), "cgw": str(net.network_address + 2),
            "prefixlen": net.prefixlen, "netmask": str(net.netmask)}


def pre_shared_key(used: set) -> str:
    """A random key AWS would accept (api_rules.PSK), not in ``used``."""
    psk = api_rules.PSK
    while True:
        key = secrets.choice(psk["alphabet"].replace(psk["forbidden_first"], ""))
        key += "".join(secrets.choice(psk["alphabet"]) for _position in range(PSK_LENGTH - 1))
        if key not in used:
            return key
