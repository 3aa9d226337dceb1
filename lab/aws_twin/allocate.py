# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What AWS picks when the request leaves it open: outside IPs, inside CIDRs, pre-shared keys."""

from __future__ import annotations

import ipaddress
import secrets

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

from lab.aws_twin.query import ApiError


def outside_ip(pool: str, used: set) -> str:
    """The lowest free host address of the pool (each tunnel gets its own)."""
    for host in ipaddress.ip_network(pool).hosts():
        if str(host) not in used:
            return str(host)
    raise ApiError("InsufficientAddressCapacity", "No tunnel outside address left in the twin's pool %s" % pool, 500)


def inside_block(version: str, used: set) -> str:
    """A random valid inside CIDR (/30 in 169.254.0.0/16, not reserved; /126 in fd00::/8), not in ``used``."""
    pool, prefixlen, number = ((inside_cidr.IPV4_POOL, inside_cidr.IPV4_PREFIXLEN, 4) if version == "ipv4"
                               else (inside_cidr.IPV6_POOL, inside_cidr.IPV6_PREFIXLEN, 6))
    slots = 2 ** (prefixlen - pool.prefixlen)
    size = 2 ** (pool.max_prefixlen - prefixlen)
    for _attempt in range(10000):
        net = ipaddress.ip_network((int(pool.network_address) + secrets.randbelow(slots) * size, prefixlen))
        if str(net) in used:
            continue
        try:
            inside_cidr.check(str(net), number)
        except inside_cidr.InsideCidrError:
            continue
        return str(net)
    raise ApiError("InternalError", "no free inside CIDR found", 500)


def pre_shared_key(used: set) -> str:
    return psk.generate(avoid=used)
