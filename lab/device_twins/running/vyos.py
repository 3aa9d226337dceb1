# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A VyOS twin's running config (its set tree, 1.4 or 1.3 syntax) -> the structured model.

Paths are those of VyOS's command trees (tests/fixtures/vendor/vyos/): ``vpn ipsec ike-group|esp-group <name>
proposal <n> encryption|hash|dh-group``, ``site-to-site peer <name>`` (1.4: named peers with ``remote-address`` and
``authentication local-id``, keys under ``authentication psk <tag> id|secret``; 1.3: the peer is its address, the
key ``authentication pre-shared-secret``, the local identity ``authentication id``), ``interfaces vti``, ``protocols
bgp`` (1.4 ``system-as``; 1.3 ``protocols bgp <asn>``), ``policy prefix-list|route-map``. VyOS hands strongSwan one
proposal per ``proposal <n>`` entry, so a group keeps its entries.
"""

from __future__ import annotations

from lab.device_twins.running import shape, words
from lab.device_twins.running.shape import below, integer, value


def _group(name, node, with_dh):
    group, entries = shape.proposal(name), []
    for _number, prop in sorted(below(node, "proposal").items(), key=lambda item: int(item[0])):
        entry = {"encryption": [words.cipher("vyos", w) for w in below(prop, "encryption")],
                 "integrity": [words.hash_("vyos", w) for w in below(prop, "hash")],
                 "dh_groups": [words.group(w) for w in below(prop, "dh-group")] if with_dh else []}
        entries.append(entry)
        for field, names in entry.items():
            group[field].extend(n for n in names if n not in group[field])
    group.update(entries=entries, lifetime=integer(node, "lifetime"))
    return group


def _ike_group(name, node):
    group = _group(name, node, True)
    dpd = below(node, "dead-peer-detection")
    group.update(version=words.ike_version(value(node, "key-exchange")), close_action=value(node, "close-action"),
                 dpd={"interval": integer(dpd, "interval"), "timeout": integer(dpd, "timeout"), "action": value(dpd, "action")}
                 if "dead-peer-detection" in node else None)
    return group


def _esp_group(name, node):
    group = _group(name, node, False)
    pfs = value(node, "pfs")
    group.update(mode=value(node, "mode"), pfs=words.group(pfs) if pfs not in (None, "enable", "disable") else pfs)
    return group


def _peers(ipsec, legacy, salt):
    keys = {ident: words.key(value(node, "secret"), salt)
            for node in below(ipsec, "authentication", "psk").values() for ident in below(node, "id")}
    out = []
    for name, node in below(ipsec, "site-to-site", "peer").items():
        auth = below(node, "authentication")
        remote = name if legacy else value(node, "remote-address")
        out.append({"name": name, "address": remote, "local_address": value(node, "local-address"),
                    "local_id": value(auth, "id" if legacy else "local-id"), "ike_group": value(node, "ike-group"),
                    "esp_group": value(node, "vti", "esp-group") or value(node, "default-esp-group"),
                    "vti": value(node, "vti", "bind"), "connection_type": value(node, "connection-type"),
                    "authentication": value(auth, "mode"),
                    "psk": words.key(value(auth, "pre-shared-secret"), salt) if legacy
                    else keys.get(value(auth, "remote-id")) or keys.get(remote)})
    return out


def build(config, spec):
    root, legacy = config.sorted().root, spec.platform == "vyos13"     # VyOS keeps its config tree in its own order
    out = shape.empty(spec)
    out["hostname"] = value(root, "system", "host-name") or spec.hostname
    ipsec = below(root, "vpn", "ipsec")
    ike_groups = {name: _ike_group(name, node) for name, node in below(ipsec, "ike-group").items()}
    esp_groups = {name: _esp_group(name, node) for name, node in below(ipsec, "esp-group").items()}
    out["ike"]["proposals"], out["ipsec"]["proposals"] = list(ike_groups.values()), list(esp_groups.values())
    out["ike"]["gateways"] = _peers(ipsec, legacy, spec.psk_salt)
    by_vti = {peer["vti"]: peer for peer in out["ike"]["gateways"] if peer["vti"]}
    firewall_mss = below(root, "firewall", "options", "interface")      # 1.3 clamps MSS here, 1.4 on the interface
    for name, node in below(root, "interfaces", "ethernet").items():
        out["interfaces"].append({"name": name, "address": value(node, "address"), "enabled": True})
    for name, node in below(root, "interfaces", "vti").items():
        peer = by_vti.get(name, {})
        item = shape.tunnel(name, inside_address=value(node, "address"), mtu=integer(node, "mtu"), mode="vti",
                            mss=integer(node, "ip", "adjust-mss") or integer(firewall_mss, name, "adjust-mss"),
                            enabled="disable" not in node, description=value(node, "description"),
                            peer=peer.get("address"), source=peer.get("local_address"), ike_gateway=peer.get("name"),
                            ipsec_policy=peer.get("esp_group"))
        item["crypto"] = _crypto(peer, ike_groups, esp_groups) if peer else {}
        out["tunnels"].append(item)
    out["bgp"] = _bgp(root, legacy)
    _policy(root, out)
    return out


def _crypto(peer, ike_groups, esp_groups):
    ike, esp = ike_groups.get(peer["ike_group"], {}), esp_groups.get(peer["esp_group"], {})
    return {"ike_version": ike.get("version"), "ike_proposals": [ike] if ike else [], "ike_lifetime": ike.get("lifetime"),
            "dpd": ike.get("dpd"), "psk": peer["psk"], "local_id": peer["local_id"],
            "ipsec_proposals": [esp] if esp else [], "ipsec_lifetime": esp.get("lifetime"),
            "pfs": esp.get("pfs") if isinstance(esp.get("pfs"), int) else None}


def _bgp(root, legacy):
    node = below(root, "protocols", "bgp")
    if not node:
        return None
    asn = value(node) if legacy else value(node, "system-as")
    if legacy:
        node = below(node, asn)
    unicast = below(node, "address-family", "ipv4-unicast")
    out = shape.bgp(int(asn) if asn else None)
    out.update(router_id=value(node, "parameters", "router-id"), networks=list(below(unicast, "network")),
               maximum_paths=integer(unicast, "maximum-paths", "ebgp") or integer(unicast, "maximum-paths", "ibgp"))
    for address, peer in below(node, "neighbor").items():
        remote, family = value(peer, "remote-as"), below(peer, "address-family", "ipv4-unicast")
        out["neighbors"].append(shape.neighbor(
            address, remote_as=int(remote) if remote and remote.isdigit() else remote,
            keepalive=integer(peer, "timers", "keepalive"), hold_time=integer(peer, "timers", "holdtime"),
            description=value(peer, "description"), update_source=value(peer, "update-source"),
            route_map_in=value(family, "route-map", "import"), route_map_out=value(family, "route-map", "export"),
            prefix_list_in=value(family, "prefix-list", "import"), prefix_list_out=value(family, "prefix-list", "export"),
            maximum_prefix=integer(family, "maximum-prefix"), ipv4_unicast="address-family" in peer))
    return out


def _policy(root, out):
    for name, node in below(root, "policy", "prefix-list").items():
        out["prefix_lists"][name] = [{"seq": int(seq), "action": value(rule, "action"), "prefix": value(rule, "prefix"),
                                      "ge": integer(rule, "ge"), "le": integer(rule, "le")}
                                     for seq, rule in below(node, "rule").items()]
    for name, node in below(root, "policy", "route-map").items():
        out["route_maps"][name] = [
            {"seq": int(seq), "action": value(rule, "action"),
             "match": {"prefix_lists": list(below(rule, "match", "ip", "address", "prefix-list"))},
             "set": {what: value(setting, "prepend") if what == "as-path" else value(setting)
                     for what, setting in below(rule, "set").items()}}
            for seq, rule in below(node, "rule").items()]
    for prefix, node in below(root, "protocols", "static", "route").items():
        out["static_routes"].append({"prefix": prefix, "next_hop": value(node, "next-hop")})
