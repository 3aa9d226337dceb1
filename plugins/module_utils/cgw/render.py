# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a customer gateway must run, from the tunnel facts AWS gave: render-ready data.

Input: the ``cgw_connections`` of one device (the aws_vpn role publishes them; users who build
the AWS side another way pass the same structure). Output: tunnels with deterministic object
names and interface numbers, proposals already in the platform's spelling (derived from the
tunnel's effective AWS options, so the device proposes a subset of what AWS accepts), and the
BGP neighbours and policy. The CGW role templates only print this; they spell nothing.
"""

from __future__ import annotations

import ipaddress
import itertools
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import ike_init
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import stable_slots
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import ErrorCollector, S2SError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.intent import private_ip_problem

# Every object the roles create carries this marker, so they find (and only remove) their own.
OWNER_MARK = "s2s"
# AWS -> CGW route quotas: the inbound maximum-prefix guard (AWS never legitimately sends more).
INBOUND_QUOTA = {"vgw": 1000, "tgw": 5000}

DEFAULTS = {
    "tunnel_number_base": 100,   # interface numbers are base .. base + span - 1
    "tunnel_number_span": 900,
    "mtu": 1436,                 # AWS sample configs: ip mtu 1436, adjust-mss 1379
    "mss": 1379,
    "dpd_interval": 10,          # AWS samples: DPD every 10 s
    "dpd_retries": 3,
    "bgp_keepalive": 10,         # AWS: keepalive 10 / hold 30
    "bgp_hold": 30,
    "passive_prepend": 2,        # active_passive: AS-path prepends on the standby tunnel
    "passive_local_preference": 90,
    "local_preference": 100,
    "drained": (),               # AWS outside IPs of tunnels drained for maintenance: the standby's prepend and local preference
}


def object_name(vpn_connection_id: str, index: int) -> str:
    """Name of every per-tunnel object (proposal, keyring, profile...): ``S2S-<vpn id>-T<n>``."""
    return "S2S-%s-T%d" % (vpn_connection_id.replace("vpn-", ""), index)


def connection_name(vpn_connection_id: str) -> str:
    return "S2S-%s" % vpn_connection_id.replace("vpn-", "")


def tunnel_id(vpn_connection_id: str, index: int) -> str:
    """The ownership tag written into each tunnel interface's description."""
    return "%s:%s:%d" % (OWNER_MARK, vpn_connection_id, index)


def interface_numbers(tunnel_ids, existing=None, base=DEFAULTS["tunnel_number_base"],
                      span=DEFAULTS["tunnel_number_span"], used=()):
    """Stable interface numbers: what the device already runs for a tunnel (``existing``) is kept;
    numbers of interfaces the collection does not own (``used``) are never taken."""
    pins = {tid: n - base for tid, n in (existing or {}).items() if tid in tunnel_ids}
    excluded = {n - base for n in used if base <= n < base + span} - set(pins.values())
    slots = stable_slots.assign(tunnel_ids, span, pins, excluded)
    return {tid: base + slot for tid, slot in slots.items()}


def _spell_all(family, values, dialect, phase):
    return [vocab.to_dialect(family, v, dialect, phase) for v in values if vocab.supported(family, v, dialect, phase)]


def _first_pfs(dh_groups, dialect):
    spelled = _spell_all(vocab.DH_GROUP, dh_groups, dialect, 2)
    if not spelled:
        raise vocab.VocabularyError("no phase 2 DH group in %s is supported by %s" % (list(dh_groups), dialect))
    return spelled[0]


def within_limit(proposals, limit):
    """At most ``limit`` proposals, kept in their order of preference. Chosen greedily so that together they offer as
    many of the list's algorithms as they can (each pick the proposal adding the most algorithms not offered yet, the
    earlier on a tie), then the next in order: a peer that accepts any one algorithm of a family still finds it where
    the limit allows, and the strongest stay first."""
    if not limit or len(proposals) <= limit:
        return proposals
    algorithms = [{(key, value) for key, value in prop.items() if key != "aead"} for prop in proposals]
    chosen, offered = [], set()
    while len(chosen) < limit:
        gain, index = max((len(algos - offered), -i) for i, algos in enumerate(algorithms) if i not in chosen)
        if not gain:
            break
        chosen.append(-index)
        offered |= algorithms[-index]
    chosen += [i for i in range(len(proposals)) if i not in chosen][:limit - len(chosen)]
    return [proposals[i] for i in sorted(chosen)]


def _ike_proposals(effective, dialect):
    """IKE proposals: lists per proposal where the platform groups them (IOS-XE); else one algorithm each."""
    spec = registry.dialect_for(dialect)
    prop = profiles.proposal_from_options(effective, 1)
    grouped = profiles.device_proposals(prop, 1, dialect)
    if spec.grouped_ike_proposals:
        return grouped
    out = []
    for group in grouped:
        hashes = [None] if (group["aead"] and not spec.ike_aead_integrity) else group["integrity"]
        for enc, integ, dh in itertools.product(group["encryption"], hashes, group["dh_groups"]):
            out.append({"encryption": enc, "integrity": integ, "dh_group": dh, "aead": group["aead"]})
    return within_limit(out, spec.max_policy_proposals)


IKE_INIT_RULE = "ike_init.too_large"


def _ike_init_problem(proposals, dialect):
    """Why the platform cannot offer these IKE proposals (their IKE_SA_INIT is too large), or None."""
    limit = registry.dialect_for(dialect).max_ike_init_octets
    if not limit or not proposals:
        return None
    first_dh = vocab.from_dialect(vocab.DH_GROUP, proposals[0]["dh_group"], dialect, 1)
    octets = ike_init.request_octets(proposals, int(first_dh))
    if octets <= limit:
        return None
    return ("%d IKE proposals (one algorithm of each kind per proposal on %s) make an IKE_SA_INIT of about %d "
            "octets; it must stay within %d (RFC 7296 section 2; IKE cannot fragment IKE_SA_INIT, RFC 7383). "
            "Narrow phase1_encryption_algorithms, phase1_integrity_algorithms or phase1_dh_group_numbers "
            "(a crypto profile such as recommended, or the CGW's or tunnel's options)" % (len(proposals), dialect, octets, limit))


def _within_ike_init(proposals, dialect, where):
    """The platform's IKE proposals, refused before anything is pushed when their IKE_SA_INIT is too large."""
    problem = _ike_init_problem(proposals, dialect)
    if problem:
        raise S2SError("%s: %s" % (where, problem), field="%s.phase1_dh_group_numbers" % where, rule=IKE_INIT_RULE)
    return proposals


def check_plan(intent, connections) -> None:
    """Refuse, before anything changes on either side, a planned tunnel its device could not be configured for
    (an IKE_SA_INIT over the platform's limit, an additional key exchange AWS requires). ``connections``: vpn_plan's; raises IntentErrors naming the
    intent path (``sites[i].cgws[j].tunnel_options.phase1_dh_group_numbers``) of each CGW that breaks the rule."""
    paths = {(site["name"], cgw["name"]): "sites[%d].cgws[%d]" % (i, j)
             for i, site in enumerate(intent.get("sites") or []) for j, cgw in enumerate(site.get("cgws") or [])}
    errors = ErrorCollector()
    for conn in connections:
        cgw = conn["cgw"]
        path = paths[(conn["site"], cgw["name"])]
        for tunnel in conn["tunnels"]:
            effective = topts.effective(tunnel["options"])
            kex = _key_exchange_problem(effective, cgw["platform"])
            if kex:
                errors.add("%s.tunnel_options.%s" % (path, kex[0]), KEX_RULE,
                           "tunnel %d of %s: %s" % (tunnel["index"], conn["name"], kex[1]))
            problem = _ike_init_problem(_ike_proposals(effective, cgw["platform"]), cgw["platform"])
            if problem:
                errors.add("%s.tunnel_options.phase1_dh_group_numbers" % path, IKE_INIT_RULE,
                           "tunnel %d of %s: %s" % (tunnel["index"], conn["name"], problem))
            if kex or problem:
                break   # both tunnels of a connection offer the CGW's proposals: one finding per connection
    errors.raise_if_any()


def _ipsec_proposals(effective, dialect):
    """ESP proposals as (encryption, integrity) pairs; AEAD ciphers carry no integrity (VyOS still wants one hash
    keyword, which strongSwan ignores for AEAD)."""
    spec = registry.dialect_for(dialect)
    prop = profiles.proposal_from_options(effective, 2)
    out = []
    for group in profiles.device_proposals(prop, 2, dialect):
        hashes = group["integrity"] if (not group["aead"] or spec.esp_aead_integrity) else [None]
        if group["aead"] and spec.esp_aead_integrity:
            hashes = hashes[:1]
        for enc, integ in itertools.product(group["encryption"], hashes):
            out.append({"encryption": enc, "integrity": integ, "aead": group["aead"]})
    out = out[:spec.max_esp_proposals] if spec.max_esp_proposals else out
    return within_limit(out, spec.max_policy_proposals)


KEX_RULE = "cgw.additional_key_exchange"


def _key_exchange_problem(effective, dialect):
    """(option name, why) when AWS requires an additional key exchange round (RFC 9370) the platform cannot run, or
    None. AWS brings such a tunnel up only if the CGW runs every required round, and no platform release supported
    here does (the dialect says why); optional rounds are left to AWS, which skips them when the CGW does not offer them."""
    for phase in vocab.PHASES:
        name = "phase%d_additional_key_exchanges" % phase
        for entry in effective[name]:
            if entry["requirement"] == "required":
                spec = registry.dialect_for(dialect)
                methods = ", ".join(vocab.describe(vocab.DH_GROUP, m) for m in entry["methods"])
                return name, ("AWS requires additional key exchange round %d (%s) in phase %d, which %s cannot run: %s"
                              % (entry["round"], methods, phase, spec.title, spec.no_additional_key_exchanges))
    return None


def _refuse_required_key_exchanges(conn, tunnel, effective, dialect):
    problem = _key_exchange_problem(effective, dialect)
    if problem:
        where = "%s.tunnels[%d]" % (conn["vpn_connection_id"], tunnel["index"])
        raise S2SError("%s: %s" % (where, problem[1]), field="%s.%s" % (where, problem[0]), rule=KEX_RULE)


def _tunnel(conn, tunnel, number, dialect, settings):
    effective = topts.effective(tunnel.get("options") or {})
    if "ikev2" not in effective["ike_versions"]:
        raise vocab.VocabularyError("tunnel %d of %s does not allow IKEv2; route-based CGW config needs it"
                                    % (tunnel["index"], conn["vpn_connection_id"]))
    _refuse_required_key_exchanges(conn, tunnel, effective, dialect)
    net = ipaddress.ip_network(tunnel["inside_cidr"])
    return {
        "id": tunnel_id(conn["vpn_connection_id"], tunnel["index"]),
        "name": object_name(conn["vpn_connection_id"], tunnel["index"]),
        "connection": connection_name(conn["vpn_connection_id"]),  # per-connection objects (Junos zone, BGP group)
        "number": number,
        "vpn_connection_id": conn["vpn_connection_id"],
        "index": tunnel["index"],
        "local_address": conn["local_address"],   # the IKE identity: the public address AWS knows
        # Behind NAT the device binds IKE and sources its tunnels from its own (private) address.
        "bind_address": conn.get("private_address") or conn["local_address"],
        "peer_address": tunnel["outside_ip"],
        # 6 with AWS's OutsideIpAddressType Ipv6: IKE and ESP run between IPv6 addresses (the inside stays IPv4)
        "outside_version": ipaddress.ip_address(tunnel["outside_ip"]).version,
        "inside_cidr": str(net),
        "local_inside_ip": tunnel["cgw_inside_ip"],
        "peer_inside_ip": tunnel["aws_inside_ip"],
        "prefixlen": net.prefixlen,
        "netmask": str(net.netmask),
        "pre_shared_key": tunnel["pre_shared_key"],
        "ike_version": vocab.to_dialect(vocab.IKE_VERSION, "ikev2", dialect, 1),
        "ike_proposals": _within_ike_init(_ike_proposals(effective, dialect), dialect,
                                          "%s.tunnels[%d]" % (conn["vpn_connection_id"], tunnel["index"])),
        "ipsec_proposals": _ipsec_proposals(effective, dialect),
        "pfs_group": _first_pfs(effective["phase2_dh_group_numbers"], dialect),
        "ike_lifetime": effective["phase1_lifetime_seconds"],
        "ipsec_lifetime": effective["phase2_lifetime_seconds"],
        "initiate": True,  # AWS only responds unless its startup action is 'start'
        "dpd_interval": settings["dpd_interval"],
        "dpd_retries": settings["dpd_retries"],
        # IOS-XE's dpd takes a retry interval in seconds (2..60), not a count: AWS's sample retries every interval
        "dpd_retry_interval": min(settings["dpd_interval"], 60),
        "mtu": settings["mtu"],
        "mss": settings["mss"],
    }


def _standby(conn, tunnel, drained) -> bool:
    """Is the tunnel's BGP session the less preferred one? A drained tunnel is (traffic moves to its partner, as
    AWS's own maintenance does with MED); else tunnel 2 of an active_passive connection, unless its partner is drained."""
    if tunnel["outside_ip"] in drained:
        return True
    partner_drained = any(t["outside_ip"] in drained for t in conn["tunnels"])
    return conn.get("redundancy") == "active_passive" and tunnel["index"] == 2 and not partner_drained


def _neighbor(conn, tunnel, settings, standby, prepended):
    prepend = settings["passive_prepend"] if standby else 0
    return {
        "address": tunnel["peer_inside_ip"],
        "remote_as": conn["amazon_side_asn"],
        "description": "%s %s" % (tunnel["id"], conn.get("name") or ""),
        "tunnel": tunnel["name"],
        "connection": tunnel["connection"],
        "keepalive": settings["bgp_keepalive"],
        "hold": settings["bgp_hold"],
        "prefix_list_in": connection_name(conn["vpn_connection_id"]) + "-IN",
        "prefix_list_out": connection_name(conn["vpn_connection_id"]) + "-OUT",
        "route_map_in": tunnel["name"] + "-IN",
        "route_map_out": tunnel["name"] + "-OUT",
        "maximum_prefix": settings.get("maximum_prefix") or INBOUND_QUOTA[conn.get("gateway_type", "vgw")],
        "local_preference": settings["passive_local_preference"] if standby else settings["local_preference"],
        "prepend": prepend,
        # the device's export policy still prepends (an undrained tunnel, a former standby): the render removes it
        "stale_prepend": not prepend and tunnel["name"] + "-OUT" in prepended,
    }


def _prefix_lists(conn):
    name = connection_name(conn["vpn_connection_id"])
    return [
        {"name": name + "-OUT", "prefixes": list(conn.get("advertise") or [])},
        {"name": name + "-IN", "prefixes": list(conn.get("accept") or [])},
    ]


def _check(connections, platform):
    errors = ErrorCollector()
    if platform not in registry.platforms():
        errors.add("platform", "platform.unknown", "unknown platform %r; valid: %s" % (platform, ", ".join(registry.platforms())))
    asns = {c.get("cgw_asn") for c in connections if c.get("state", "present") == "present"}
    if len(asns) > 1:
        errors.add("cgw_connections", "cgw.asn_mismatch",
                   "one device runs one BGP AS, but the connections use %s" % ", ".join(str(a) for a in sorted(asns)))
    for i, conn in enumerate(connections):
        if conn.get("state", "present") == "present" and len(conn.get("tunnels") or []) != 2:
            errors.add("cgw_connections[%d].tunnels" % i, "connection.tunnel_count",
                       "a VPN connection has two tunnels; %d given" % len(conn.get("tunnels") or []))
        problem = conn.get("private_address") and private_ip_problem(conn["private_address"], conn.get("local_address"))
        if problem:
            errors.add("cgw_connections[%d].private_address" % i, *problem)
        if conn.get("state", "present") == "present":
            _check_outside_family(i, conn, errors)
    errors.raise_if_any()


def _check_outside_family(i, conn, errors):
    """IKE runs between the device's address and AWS's outside address: one family (AWS: both IPv6 with
    OutsideIpAddressType Ipv6, both IPv4 otherwise)."""
    try:
        local = ipaddress.ip_address(conn.get("local_address") or "")
    except ValueError:
        return  # a missing or malformed address fails where it is used, as before
    for tunnel in conn.get("tunnels") or []:
        peer = ipaddress.ip_address(tunnel["outside_ip"])
        if peer.version != local.version:
            errors.add("cgw_connections[%d].tunnels[%d].outside_ip" % (i, tunnel["index"]), "cgw.outside_ip_family",
                       "AWS's outside address %s is IPv%d, the device's %s IPv%d" % (peer, peer.version, local, local.version))


def build(connections, platform, settings=None, existing_numbers=None, used_numbers=(), prepended=()) -> dict:
    """Render data for one CGW.

    ``existing_numbers`` maps tunnel ids (see ``tunnel_id``) to the interface numbers the device
    already uses for them; ``used_numbers`` are interface numbers of other, unrelated tunnels;
    ``prepended`` names the device's BGP export policies that prepend the AS path (``discover``).
    Connections with ``state: absent`` are returned as ``remove`` (their object names), so the
    role deletes exactly what it created.
    """
    _check(connections, platform)
    settings = dict(DEFAULTS, **{k: v for k, v in (settings or {}).items() if v is not None})
    present = [c for c in connections if c.get("state", "present") == "present"]
    ids = [tunnel_id(c["vpn_connection_id"], t["index"]) for c in present for t in c["tunnels"]]
    numbers = interface_numbers(ids, existing_numbers, settings["tunnel_number_base"],
                                settings["tunnel_number_span"], used_numbers)
    drained, prepended = set(settings["drained"]), set(prepended)
    tunnels, neighbors, prefix_lists = [], [], []
    for conn in present:
        for tunnel in sorted(conn["tunnels"], key=lambda t: t["index"]):
            data = _tunnel(conn, tunnel, numbers[tunnel_id(conn["vpn_connection_id"], tunnel["index"])],
                           platform, settings)
            tunnels.append(data)
            standby = _standby(conn, tunnel, drained)
            if conn.get("routing", "bgp") == "bgp":
                neighbors.append(_neighbor(conn, data, settings, standby, prepended))
        prefix_lists.extend(_prefix_lists(conn))
    ecmp = any(c.get("ecmp") for c in present)
    return {
        "platform": platform,
        "tunnels": tunnels,
        "bgp": {
            "local_asn": present[0]["cgw_asn"] if present else None,
            "router_id": present[0]["local_address"] if present else None,
            "neighbors": neighbors,
            "networks": sorted({p for c in present for p in c.get("advertise") or []}),
            "maximum_paths": len(tunnels) if ecmp else 1,
        },
        "prefix_lists": prefix_lists,
        "static_routes": [
            {"prefix": prefix, "tunnel": t["name"], "number": t["number"], "next_hop": t["peer_inside_ip"]}
            for c in present if c.get("routing") == "static"
            for t in tunnels if t["vpn_connection_id"] == c["vpn_connection_id"]
            for prefix in c.get("accept") or []
        ],
        "remove": [
            {"vpn_connection_id": c["vpn_connection_id"],
             "names": [object_name(c["vpn_connection_id"], i) for i in (1, 2)],
             "tunnel_ids": [tunnel_id(c["vpn_connection_id"], i) for i in (1, 2)]}
            for c in connections if c.get("state", "present") == "absent"
        ],
        "settings": settings,
    }


def discover(config_text: str, platform: str) -> dict:
    """Tunnel interfaces in a device's config (the platform's ``interface_head``): the ones this collection owns (by
    the ``s2s:<vpn id>:<n>`` description, ``interface_description``) and the numbers of all of them; and the BGP
    export policies that prepend the AS path (``prepended``: a drain or a standby tunnel left them so)."""
    dialect = registry.dialect_for(platform)
    head_re, desc_re = re.compile(dialect.interface_head), re.compile(dialect.interface_description)
    owned, used, current = {}, set(), None
    for line in (config_text or "").splitlines():
        head = head_re.match(line)
        if head:
            current = int(head.group(1))
            used.add(current)
        elif dialect.indented and line and not line.startswith(" "):
            current = None
        desc = desc_re.match(line)
        if desc and current is not None:
            tag = desc.group(1).split()[0] if desc.group(1).split() else ""
            if tag.startswith(OWNER_MARK + ":"):
                owned[tag] = current
    return {"owned": owned, "used": sorted(used), "prepended": _prepended(config_text, dialect)}


def _prepended(config_text: str, dialect) -> list:
    prepend_re = re.compile(dialect.prepend_line)
    policy_re = re.compile(dialect.policy_head) if dialect.policy_head else None
    found, policy = set(), None
    for line in (config_text or "").splitlines():
        head = policy_re and policy_re.match(line)
        if head:
            policy = head.group(1)
        elif not line.startswith(" "):
            policy = None
        prepend = prepend_re.match(line)
        if prepend:
            found.add(prepend.group(1) if prepend.groups() else policy)
    return sorted(p for p in found if p)
