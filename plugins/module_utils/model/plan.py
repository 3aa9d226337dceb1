# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From a validated intent to the plan: one entry per VPN connection, two tunnels each.

The plan is what both ends are built from: AWS tunnel options (snake-case), inside
addresses, and the device proposals derived from those same options, so the CGW always
proposes what AWS accepts. It never holds a pre-shared key: ``psk_source`` says where the
key of each tunnel comes from.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent as intent_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

TUNNELS_PER_CONNECTION = 2
# Tags the aws_vpn role puts on what it creates: the connection key finds a connection again.
KEY_TAG = "s2s:key"


def connection_key(site: str, cgw: str, index: int) -> str:
    """Stable identity of a VPN connection in the intent (also its ``s2s:key`` tag on AWS)."""
    return "%s/%s/%d" % (site, cgw, index)


def tunnel_key(gateway: str, conn_key: str, tunnel: int) -> str:
    return "%s/%s/%d" % (gateway, conn_key, tunnel)


def _walk(intent):
    """Yield (site, cgw, connection index, connection) in intent order."""
    for site in intent["sites"]:
        for cgw in site["cgws"]:
            for index, conn in enumerate(cgw["connections"], start=1):
                yield site, cgw, index, conn


def _pins(intent, existing, family):
    """Inside CIDR pins per gateway: the user's first, then what AWS already runs.

    ``existing`` maps connection keys to the inside CIDRs AWS reports for that connection; they
    are pinned in ascending order, the order a new connection's tunnels get (see _allocate).
    """
    pins = {}
    for site, cgw, index, conn in _walk(intent):
        ckey = connection_key(site["name"], cgw["name"], index)
        given = [(conn["tunnels"][t - 1].get(family) if len(conn["tunnels"]) >= t else None)
                 for t in range(1, TUNNELS_PER_CONNECTION + 1)]
        running = sorted((existing or {}).get(ckey) or [], key=_cidr_order)
        running = [c for c in running if c not in given]
        for t in range(1, TUNNELS_PER_CONNECTION + 1):
            cidr = given[t - 1] or (running.pop(0) if running else None)
            if cidr:
                pins.setdefault(site["gateway"], {})[tunnel_key(site["gateway"], ckey, t)] = cidr
    return pins


def _cidr_order(cidr):
    net = ipaddress.ip_network(cidr)
    return (net.version, int(net.network_address))


def _allocate(intent, existing, family, version):
    """Inside CIDRs for every tunnel; a connection's unpinned tunnels get theirs in ascending order."""
    pins = _pins(intent, existing, family)
    keys = {}
    for site, cgw, index, _conn in _walk(intent):
        ckey = connection_key(site["name"], cgw["name"], index)
        keys.setdefault(site["gateway"], []).extend(
            tunnel_key(site["gateway"], ckey, t) for t in range(1, TUNNELS_PER_CONNECTION + 1))
    out = {}
    for gateway, gw_keys in keys.items():
        gw_pins = pins.get(gateway) or {}
        allocated = inside_cidr.allocate(gw_keys, gw_pins, version)
        for i in range(0, len(gw_keys), TUNNELS_PER_CONNECTION):
            tkeys = gw_keys[i:i + TUNNELS_PER_CONNECTION]
            free = [k for k in tkeys if k not in gw_pins]
            for key, cidr in zip(free, sorted((allocated[k] for k in free), key=_cidr_order)):
                allocated[key] = cidr
        out.update(allocated)
    return out


def _tunnel(gateway, ckey, t, conn, cgw, profile, cidrs, cidrs6, ipv6):
    spec = dict(conn["tunnels"][t - 1]) if len(conn["tunnels"]) >= t else {}
    options = profile.tunnel_options()
    options.update({k: v for k, v in cgw["tunnel_options"].items() if v is not None})
    options.update({k: v for k, v in spec.items() if v is not None})
    has_key = options.pop("pre_shared_key", None) is not None
    tkey = tunnel_key(gateway, ckey, t)
    options["inside_cidr"] = cidrs[tkey]
    if ipv6:
        options["inside_ipv6_cidr"] = cidrs6[tkey]
    addr = inside_cidr.addresses(options["inside_ipv6_cidr"] if ipv6 else options["inside_cidr"])
    return {
        "index": t,
        "key": tkey,
        "inside_cidr": addr["cidr"],
        "aws_inside_ip": addr["aws"],
        "cgw_inside_ip": addr["cgw"],
        "inside_prefixlen": addr["prefixlen"],
        "options": {k: topts.canonical_value(k, v) for k, v in options.items()},
        "psk_source": "intent" if has_key else (
            "secretsmanager" if cgw["connection_options"]["psk_storage"] == "SecretsManager" else "generated"),
    }


def _device(tunnel_options: dict, platform: str) -> dict:
    """Device proposals derived from what AWS will accept on this tunnel."""
    effective = topts.effective(tunnel_options)
    return {
        "ike_versions": effective["ike_versions"],
        "ike_proposals": profiles.device_proposals(profiles.proposal_from_options(effective, 1), 1, platform),
        "ipsec_proposals": profiles.device_proposals(profiles.proposal_from_options(effective, 2), 2, platform),
        "phase1_lifetime_seconds": effective["phase1_lifetime_seconds"],
        "phase2_lifetime_seconds": effective["phase2_lifetime_seconds"],
        "dpd_interval_seconds": 10,
    }


def build(intent, existing=None) -> dict:
    """Validate ``intent`` and return the plan.

    ``existing`` ({"ipv4": {connection key: [inside CIDRs]}, "ipv6": {...}}) holds what AWS
    already runs (``existing_cidrs`` builds it), so re-planning an estate never moves a live tunnel.
    """
    data = intent_model.validate(intent)
    gateways = {g["name"]: g for g in data["gateways"]}
    cidrs = _allocate(data, (existing or {}).get("ipv4"), "inside_cidr", 4)
    cidrs6 = _allocate(data, (existing or {}).get("ipv6"), "inside_ipv6_cidr", 6)
    connections = []
    for site, cgw, index, conn in _walk(data):
        gw = gateways[site["gateway"]]
        profile = profiles.get(site["crypto_profile"] or data["crypto_profile"])
        ckey = connection_key(site["name"], cgw["name"], index)
        copts = dict(cgw["connection_options"])
        ipv6 = copts["tunnel_inside_ip_version"] == "ipv6"
        tunnels = [_tunnel(gw["name"], ckey, t, conn, cgw, profile, cidrs, cidrs6, ipv6)
                   for t in range(1, TUNNELS_PER_CONNECTION + 1)]
        copts["static_routes_only"] = site["routing"] == "static"
        connections.append({
            "key": ckey,
            "name": "%s-vpn%d" % (cgw["name"], index),
            "site": site["name"],
            "gateway": {"name": gw["name"], "type": gw["type"], "amazon_side_asn": gw["amazon_side_asn"],
                        "ecmp": gw["ecmp"], "vpc_id": gw["vpc_id"]},
            "cgw": {k: cgw[k] for k in ("name", "public_ip", "asn", "platform", "version", "device_name")},
            "routing": site["routing"],
            "redundancy": site["redundancy"],
            "crypto_profile": profile.name,
            "options": copts,
            "aws_prefixes": list(gw["vpc_cidrs"]),
            "cgw_prefixes": list(site["prefixes"]),
            "tunnels": tunnels,
            "device": [_device(t["options"], cgw["platform"]) for t in tunnels],
        })
    return {
        "region": data["region"],
        "tags": data["tags"],
        "gateways": data["gateways"],
        "connections": connections,
        "cgws": sorted({c["cgw"]["name"] for c in connections}),
    }


def existing_cidrs(connections) -> dict:
    """The ``existing`` argument of ``build`` from normalised VPN connections (vpn_connection_info),
    recognised by their ``s2s:key`` tag; deleted connections do not count."""
    out = {"ipv4": {}, "ipv6": {}}
    for conn in connections or []:
        key = (conn.get("tags") or {}).get(KEY_TAG)
        if not key or conn.get("state") in ("deleting", "deleted"):
            continue
        for family, field in (("ipv4", "inside_cidr"), ("ipv6", "inside_ipv6_cidr")):
            cidrs = [t[field] for t in conn.get("tunnels") or [] if t.get(field)]
            if cidrs:
                out[family][key] = cidrs
    return out


def for_cgw(plan: dict, cgw_name: str) -> list:
    """The connections one CGW terminates (what a CGW role needs, minus the keys)."""
    return [c for c in plan["connections"] if c["cgw"]["name"] == cgw_name]
