# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""From a validated intent to the plan: one entry per VPN connection, two tunnels each.

The plan is what both ends are built from: AWS tunnel options (snake-case) and inside
addresses; the devices' proposals are derived from the options AWS runs (cgw/render.py), so the
CGW always proposes what AWS accepts. This is the one walk of the intent: each site's crypto
profile is resolved here (``profile_of``) and the option precedence written once (``layered``:
profile < CGW tunnel_options < the tunnel's own). It never holds a pre-shared key:
``psk_source`` says where the key of each tunnel comes from and ``psk_ref`` names the intent's
field that gives it; ``connection_keys`` is the one place that turns these into keys.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent as intent_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk as psk_rules
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import ErrorCollector, S2SError

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


# ---- the one walk: profile resolution, option precedence, option checks --------------------------

def profile_of(data: dict, site: dict):
    """The crypto profile of a site: its own, else the intent's (None when the name is unknown)."""
    return profiles.PROFILES.get(site["crypto_profile"] or data["crypto_profile"])


def layered(profile, *layers) -> dict:
    """The option precedence, written once: the profile's tunnel options, then each layer over the
    previous one (a CGW's ``tunnel_options``, then the tunnel's own); None means not set."""
    options = profile.tunnel_options()
    for layer in layers:
        options.update({k: v for k, v in layer.items() if v is not None})
    return options


def _judge(path, profile, options, errors, merged=None, already=frozenset()):
    """Check one layer of options (with the profile applied) against AWS and the profile; returns the
    (field, rule) pairs found. With ``merged`` (the tunnel's options after every layer) only AWS's
    rules are checked on them, and only what no layer reported already is added, so nothing is
    blamed twice."""
    found = set()
    for field, rule, message in topts.problems(merged if merged is not None else layered(profile, options)):
        found.add((field, rule))
        if (field, rule) not in already:
            errors.add("%s.%s" % (path, field), rule, message)
    if merged is not None:
        return found
    for f in topts.FIELDS:
        value = options.get(f.name)
        if value is None or f.kind not in ("list", "kex") or (f.name, "tunnel_option.key_exchange") in found:
            continue
        verdicts = [profile.judge(f.family or vocab.DH_GROUP, f.phase, item) for item in _judged_items(f, value)]
        if f.kind == "kex" and isinstance(value, list):
            verdicts.append(profile.judge_key_exchanges(f.phase, value))
        for verdict in verdicts:
            if verdict.level == "fail":
                errors.add("%s.%s" % (path, f.name), "profile.weak_algorithm",
                           "%s (%s)" % (verdict.reason, verdict.rule))
    for phase in (1, 2):
        value = options.get("phase%d_lifetime_seconds" % phase)
        limit = getattr(profile, "phase%d_lifetime_max" % phase)
        if isinstance(value, int) and value > limit:
            errors.add("%s.phase%d_lifetime_seconds" % (path, phase), "profile.lifetime",
                       "%d exceeds the %d s that profile %s allows" % (value, limit, profile.name))
    return found


def _judged_items(f, value) -> list:
    """The algorithms a list option names, or the methods of an option's key exchange rounds; names the
    vocabulary does not know are left out (AWS's rules above report them)."""
    items = value if f.kind == "list" else [m for r in value if isinstance(r, dict) for m in r.get("methods") or ()]
    family = f.family or vocab.DH_GROUP
    return [item for item in items if _known(family, item)]


def _known(family, item) -> bool:
    try:
        vocab.canonical(family, item)
    except vocab.VocabularyError:
        return False
    return True


def _check_key_reuse(data: dict, profile, path: str, key, owners: dict, errors) -> None:
    """One key per tunnel is the profiles' rule (``distinct_keys``), not AWS's: AWS accepts a reused key, so
    the intent's ``allow_psk_reuse`` lifts it. The message names the tunnel holding the key, never the key."""
    if key is None or psk_rules.problems(key):
        return
    if key in owners and profile.distinct_keys and not data["allow_psk_reuse"]:
        errors.add(path, "profile.distinct_keys",
                   "the same key is already used by %s; crypto profile %s wants one key per tunnel "
                   "(AWS accepts a reused key: set s2s_intent.allow_psk_reuse to allow it)" % (owners[key], profile.name))
    owners.setdefault(key, path)


def _resolve(data: dict, errors) -> list:
    """Walk the validated intent once: per connection its site, CGW, index, profile and the merged options
    of both tunnels (keys included: they are taken out when the tunnel is planned), checking each layer
    of options where it is written."""
    out, key_owners = [], {}
    for i, site in enumerate(data["sites"]):
        profile = profile_of(data, site) or profiles.PROFILES["aws_default"]  # unknown: reported by intent
        for k, cgw in enumerate(site["cgws"]):
            cpath = "s2s_intent.sites[%d].cgws[%d]" % (i, k)
            inherited = _judge(cpath + ".tunnel_options", profile, cgw["tunnel_options"], errors)
            for c, conn in enumerate(cgw["connections"]):
                merged, refs = [], []
                for t in range(TUNNELS_PER_CONNECTION):
                    own = {key: v for key, v in (conn["tunnels"][t] if t < len(conn["tunnels"]) else {}).items()
                           if v is not None}
                    tpath = "%s.connections[%d].tunnels[%d]" % (cpath, c, t)
                    merged.append(layered(profile, cgw["tunnel_options"], own))
                    refs.append(tpath + ".pre_shared_key" if "pre_shared_key" in own else None)
                    if t < len(conn["tunnels"]):
                        _check_key_reuse(data, profile, tpath + ".pre_shared_key", own.get("pre_shared_key"),
                                         key_owners, errors)
                        reported = _judge(tpath, profile, own, errors)
                        _judge(tpath, profile, own, errors, merged[t], inherited | reported)
                out.append({"site": site, "cgw": cgw, "index": c + 1, "profile": profile, "options": merged,
                            "psk_refs": refs})
    return out


def _validated(intent) -> tuple:
    errors = ErrorCollector()
    data = intent_model.validate(intent, errors)
    resolved = _resolve(data, errors)
    errors.raise_if_any()
    return data, resolved


def validate(intent) -> dict:
    """The whole validation (the intent's structure, then every tunnel's options with its profile
    applied); returns the intent with defaults applied or raises IntentErrors naming every problem."""
    return _validated(intent)[0]


def _tunnel(gateway, ckey, t, options, psk_ref, copts, cidrs, cidrs6):
    options = dict(options)
    options.pop("pre_shared_key", None)
    tkey = tunnel_key(gateway, ckey, t)
    options["inside_cidr"] = cidrs[tkey]
    ipv6 = copts["tunnel_inside_ip_version"] == "ipv6"
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
        "psk_source": "intent" if psk_ref else (
            "secretsmanager" if copts["psk_storage"] == "SecretsManager" else "generated"),
        "psk_ref": psk_ref,
    }


def build(intent, existing=None) -> dict:
    """Validate ``intent`` and return the plan.

    ``existing`` ({"ipv4": {connection key: [inside CIDRs]}, "ipv6": {...}}) holds what AWS
    already runs (``existing_cidrs`` builds it), so re-planning an estate never moves a live tunnel.
    """
    data, resolved = _validated(intent)
    gateways = {g["name"]: g for g in data["gateways"]}
    cidrs = _allocate(data, (existing or {}).get("ipv4"), "inside_cidr", 4)
    cidrs6 = _allocate(data, (existing or {}).get("ipv6"), "inside_ipv6_cidr", 6)
    connections = []
    for entry in resolved:
        site, cgw, index = entry["site"], entry["cgw"], entry["index"]
        gw = gateways[site["gateway"]]
        ckey = connection_key(site["name"], cgw["name"], index)
        copts = dict(cgw["connection_options"])
        tunnels = [_tunnel(gw["name"], ckey, t, entry["options"][t - 1], entry["psk_refs"][t - 1], copts, cidrs, cidrs6)
                   for t in range(1, TUNNELS_PER_CONNECTION + 1)]
        copts["static_routes_only"] = site["routing"] == "static"
        connections.append({
            "key": ckey,
            "name": "%s-vpn%d" % (cgw["name"], index),
            "site": site["name"],
            "gateway": {"name": gw["name"], "type": gw["type"], "amazon_side_asn": gw["amazon_side_asn"],
                        "ecmp": gw["ecmp"], "vpc_id": gw["vpc_id"], "concentrator": gw["concentrator"],
                        "region": gw["region"], "account_role_arn": gw["account_role_arn"],
                        "core_network_id": gw["core_network_id"], "segment": gw["segment"],
                        "attachment_tags": gw["attachment_tags"]},
            "cgw": {k: cgw[k] for k in ("name", "public_ip", "private_ip", "asn", "platform", "version", "device_name")},
            "routing": site["routing"],
            "redundancy": site["redundancy"],
            "crypto_profile": entry["profile"].name,
            "options": copts,
            "aws_prefixes": list(gw["vpc_cidrs"]),
            "cgw_prefixes": list(site["prefixes"]),
            "tunnels": tunnels,
        })
    return {
        "region": data["region"],
        "tags": data["tags"],
        "gateways": data["gateways"],
        "connections": connections,
        "cgws": sorted({c["cgw"]["name"] for c in connections}),
    }


# ---- keys: the plan names where each tunnel's key comes from; this decides which tunnel gets which --

_INDEX = re.compile(r"\[(\d+)\]")


def _given_key(intent: dict, ref: str):
    """The key the intent gives at ``ref`` (a field path the plan recorded, ``s2s_intent.sites[i]...``)."""
    try:
        site, cgw, conn, tunnel = (int(n) for n in _INDEX.findall(ref))
        key = intent["sites"][site]["cgws"][cgw]["connections"][conn]["tunnels"][tunnel]["pre_shared_key"]
    except (ValueError, KeyError, IndexError, TypeError):
        key = None
    if not key:
        raise S2SError("the plan takes this tunnel's key from the intent, which gives none there "
                       "(plan and intent must be the same)", field=ref, rule="psk.reference")
    return key


def connection_keys(conn: dict, intent: dict) -> list:
    """The one rule of which tunnel gets which key: [key of tunnel 1, key of tunnel 2]. A tunnel whose
    ``psk_ref`` names a field of the intent gets the key given there; every other tunnel gets None
    (AWS generates its key, or keeps it in Secrets Manager). The result holds keys: never log it."""
    return [_given_key(intent, t["psk_ref"]) if t.get("psk_ref") else None
            for t in sorted(conn["tunnels"], key=lambda t: t["index"])]


def tunnel_keys(plan: dict, intent: dict) -> dict:
    """{connection key: [key of tunnel 1, key of tunnel 2]} for the connections with a key from the intent."""
    out = {}
    for conn in plan["connections"]:
        keys = connection_keys(conn, intent) if any(t.get("psk_ref") for t in conn["tunnels"]) else []
        if any(keys):
            out[conn["key"]] = keys
    return out


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
