# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel inside CIDRs: AWS's rules and a deterministic, stable allocator.

Each tunnel key (``gateway/site/cgw/connection/tunnel``) gets a /30 slot from stable_slots.
Pins (user-given CIDRs, or what AWS already runs, fed back by the aws_vpn role) are placed
first and never move, so adding or removing a site never moves an existing tunnel. The AWS side takes the first host address, the CGW the second.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import stable_slots
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

IPV4_POOL = ipaddress.ip_network("169.254.0.0/16")
IPV6_POOL = ipaddress.ip_network("fd00::/8")
IPV4_PREFIXLEN = 30
IPV6_PREFIXLEN = 126
# AWS refuses these /30s as tunnel inside CIDRs.
RESERVED_IPV4 = tuple(ipaddress.ip_network(c) for c in (
    "169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
    "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30",
))


class InsideCidrError(S2SError):
    def __init__(self, rule: str, message: str):
        super().__init__(message, rule=rule)


def check(cidr, version: int = 4):
    """Validate one inside CIDR against AWS's rules; returns the network or raises InsideCidrError."""
    pool, prefixlen = (IPV4_POOL, IPV4_PREFIXLEN) if version == 4 else (IPV6_POOL, IPV6_PREFIXLEN)
    try:
        net = ipaddress.ip_network(str(cidr), strict=True)
    except ValueError as exc:
        raise InsideCidrError("inside_cidr.syntax", "%r is not a network address: %s" % (cidr, exc))
    if net.version != version or net.prefixlen != prefixlen or not net.subnet_of(pool):
        raise InsideCidrError("inside_cidr.range",
                              "%s must be a /%d inside %s" % (net, prefixlen, pool))
    if version == 4 and any(net.overlaps(r) for r in RESERVED_IPV4):
        raise InsideCidrError("inside_cidr.reserved",
                              "%s is reserved by AWS (reserved: %s)"
                              % (net, ", ".join(str(r) for r in RESERVED_IPV4)))
    return net


def addresses(cidr) -> dict:
    """AWS and CGW inside addresses of a /30 or /126: AWS takes .1, the CGW .2."""
    net = ipaddress.ip_network(str(cidr))
    return {
        "cidr": str(net),
        "aws": str(net.network_address + 1),
        "cgw": str(net.network_address + 2),
        "prefixlen": net.prefixlen,
        "netmask": str(net.netmask),
    }


def _slot_network(pool, prefixlen: int, slot: int):
    size = 2 ** (pool.max_prefixlen - prefixlen)
    return ipaddress.ip_network((int(pool.network_address) + slot * size, prefixlen))


def _network_slot(pool, net) -> int:
    return (int(net.network_address) - int(pool.network_address)) // net.num_addresses


def allocate(keys, pins=None, version: int = 4) -> dict:
    """Map every key to a unique inside CIDR (see stable_slots for the stability rules).

    ``pins`` maps keys to CIDRs that must be kept (validated; duplicates fail).
    Deterministic: the same keys and pins always give the same result.
    """
    pool, prefixlen = (IPV4_POOL, IPV4_PREFIXLEN) if version == 4 else (IPV6_POOL, IPV6_PREFIXLEN)
    slot_pins = {key: _network_slot(pool, check(cidr, version)) for key, cidr in (pins or {}).items()}
    excluded = {_network_slot(pool, r) for r in RESERVED_IPV4} if version == 4 else set()
    try:
        slots = stable_slots.assign(keys, 2 ** (prefixlen - pool.prefixlen), slot_pins, excluded)
    except stable_slots.SlotError as exc:
        raise InsideCidrError(exc.rule.replace("slot.", "inside_cidr."), "inside CIDR %s" % exc)
    return {key: str(_slot_network(pool, prefixlen, slot)) for key, slot in slots.items()}
