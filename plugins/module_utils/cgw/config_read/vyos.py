# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VyOS committed config (set-tree, 1.4+ or 1.3 syntax) -> the structured model (see shape.py)."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import shape
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read.set_tree import kids, number, one

D = "vyos"


def _group(name, node, phase):
    """An ike-group or esp-group: every algorithm it names, and each ``proposal N`` entry as it stands (VyOS hands
    strongSwan one proposal per entry, so the entries, not the union, are what goes on the wire)."""
    item = shape.proposal(name)
    item["entries"] = []
    enc, integ, dh = ("enc1", "integ1", "dh1") if phase == 1 else ("enc2", "integ2", None)
    for _seq, prop in sorted(kids(node, "proposal").items(), key=lambda kv: int(kv[0])):
        entry = shape.proposal(name)
        for field, kind, word in (("encryption", enc, one(prop, "encryption")), ("integrity", integ, one(prop, "hash")),
                                  ("dh_groups", dh, one(prop, "dh-group") if dh else None)):
            if word:
                value = vocab.canonical(kind, word, D)
                entry[field].append(value)
                if value not in item[field]:
                    item[field].append(value)
        item["entries"].append({k: entry[k] for k in ("encryption", "integrity", "dh_groups")})
    item["lifetime"] = number(node, "lifetime")
    return item


def build(config, spec):
    root = config.root
    legacy = spec.platform == "vyos13"
    out = shape.empty(spec)
    out["hostname"] = one(root, "system", "host-name") or spec.hostname
    ipsec = kids(root, "vpn", "ipsec")
    ike_groups = {}
    for name, node in kids(ipsec, "ike-group").items():
        item = _group(name, node, 1)
        item.update(version=vocab.canonical("ikever", one(node, "key-exchange"), D) if one(node, "key-exchange") else "ikev1",
                    dpd={"interval": number(node, "dead-peer-detection", "interval"),
                         "timeout": number(node, "dead-peer-detection", "timeout"),
                         "action": one(node, "dead-peer-detection", "action")} if "dead-peer-detection" in node else None,
                    close_action=one(node, "close-action"))
        ike_groups[name] = item
        out["ike"]["proposals"].append(item)
    esp_groups = {}
    for name, node in kids(ipsec, "esp-group").items():
        item = _group(name, node, 2)
        pfs = one(node, "pfs")
        item.update(mode=one(node, "mode"), pfs=vocab.canonical("dh2", pfs, D) if pfs not in (None, "enable", "disable") else pfs)
        esp_groups[name] = item
        out["ipsec"]["proposals"].append(item)
    psks = {}
    for node in kids(ipsec, "authentication", "psk").values():
        for ident in kids(node, "id"):
            psks[ident] = vocab.fingerprint(one(node, "secret"), spec.psk_salt)
    for name, node in kids(ipsec, "site-to-site", "peer").items():
        remote = name if legacy else one(node, "remote-address")
        secret = one(node, "authentication", "pre-shared-secret")
        psk = vocab.fingerprint(secret, spec.psk_salt) if legacy else \
            psks.get(one(node, "authentication", "remote-id")) or psks.get(remote)
        out["ike"]["gateways"].append({
            "name": name, "address": remote, "local_address": one(node, "local-address"),
            "local_id": one(node, "authentication", "id" if legacy else "local-id"),
            "ike_group": one(node, "ike-group"), "esp_group": one(node, "vti", "esp-group") or one(node, "default-esp-group"),
            "vti": one(node, "vti", "bind"), "connection_type": one(node, "connection-type"),
            "authentication": one(node, "authentication", "mode"), "psk": psk})
    _interfaces(root, out)
    _bgp(root, out, legacy)
    _policy(root, out)

    gateways_by_vti = {g["vti"]: g for g in out["ike"]["gateways"] if g["vti"]}

    def resolve(tunnel):
        gateway = gateways_by_vti.get(tunnel["name"])
        if not gateway:
            return {}
        ike = ike_groups.get(gateway["ike_group"], {})
        esp = esp_groups.get(gateway["esp_group"], {})
        pfs = esp.get("pfs")
        return {"ike_version": ike.get("version"), "ike_proposals": [ike] if ike else [], "ike_lifetime": ike.get("lifetime"),
                "dpd": ike.get("dpd"), "psk": gateway["psk"], "local_id": gateway["local_id"], "ipsec_proposals": [esp] if esp else [],
                "pfs": pfs if isinstance(pfs, int) else None, "ipsec_lifetime": esp.get("lifetime")}
    for tunnel in out["tunnels"]:
        gateway = gateways_by_vti.get(tunnel["name"], {})
        tunnel.update(peer=gateway.get("address"), source=gateway.get("local_address"), ike_gateway=gateway.get("name"),
                      ipsec_policy=gateway.get("esp_group"))
    shape.resolve_tunnels(out, resolve)
    return out


def _interfaces(root, out):
    for name, node in kids(root, "interfaces", "ethernet").items():
        out["interfaces"].append({"name": name, "address": one(node, "address"), "enabled": True})
    for name, node in kids(root, "interfaces", "vti").items():
        tunnel = shape.tunnel(name)
        # 1.3 clamps MSS under firewall options, 1.4 on the interface
        mss = number(node, "ip", "adjust-mss") or number(kids(root, "firewall", "options", "interface").get(name) or {}, "adjust-mss")
        tunnel.update(inside_address=one(node, "address"), mtu=number(node, "mtu"), mss=mss,
                      mode="vti", enabled="disable" not in node, description=one(node, "description"))
        out["tunnels"].append(tunnel)


def _bgp(root, out, legacy):
    bgp_root = kids(root, "protocols", "bgp")
    if not bgp_root:
        return
    if legacy:
        asn = one(bgp_root)
        bgp_root = kids(bgp_root, asn)
    else:
        asn = one(bgp_root, "system-as")
    bgp = shape.bgp(int(asn) if asn else None)
    bgp["router_id"] = one(bgp_root, "parameters", "router-id")
    bgp["networks"] = list(kids(bgp_root, "address-family", "ipv4-unicast", "network"))
    paths = kids(bgp_root, "address-family", "ipv4-unicast", "maximum-paths")
    bgp["maximum_paths"] = number(paths, "ebgp") or number(paths, "ibgp")
    for address, node in kids(bgp_root, "neighbor").items():
        peer = shape.neighbor(address)
        remote = one(node, "remote-as")
        af = kids(node, "address-family", "ipv4-unicast")
        peer.update(remote_as=int(remote) if remote and remote.isdigit() else remote,
                    keepalive=number(node, "timers", "keepalive"), hold_time=number(node, "timers", "holdtime"),
                    description=one(node, "description"), update_source=one(node, "update-source"),
                    route_map_in=one(af, "route-map", "import"), route_map_out=one(af, "route-map", "export"),
                    prefix_list_in=one(af, "prefix-list", "import"), prefix_list_out=one(af, "prefix-list", "export"),
                    maximum_prefix=number(af, "maximum-prefix"), ipv4_unicast="address-family" in node)
        bgp["neighbors"].append(peer)
    out["bgp"] = bgp


def _policy(root, out):
    for name, node in kids(root, "policy", "prefix-list").items():
        out["prefix_lists"][name] = [{"seq": int(seq), "action": one(rule, "action"), "prefix": one(rule, "prefix"),
                                      "ge": number(rule, "ge"), "le": number(rule, "le")}
                                     for seq, rule in kids(node, "rule").items()]
    for name, node in kids(root, "policy", "route-map").items():
        out["route_maps"][name] = [{"seq": int(seq), "action": one(rule, "action"),
                                    "match": {"prefix_lists": list(kids(rule, "match", "ip", "address", "prefix-list"))},
                                    "set": {k: (one(v) if k != "as-path" else one(v, "prepend"))
                                            for k, v in kids(rule, "set").items()}}
                                   for seq, rule in kids(node, "rule").items()]
    for prefix, node in kids(root, "protocols", "static", "route").items():
        out["static_routes"].append({"prefix": prefix, "next_hop": one(node, "next-hop")})
