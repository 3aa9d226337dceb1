# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos committed config (set-tree) -> the structured model (see shape.py)."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import junos_secret
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import shape
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read.set_tree import kids, number, one

D = "junos"


def chain(node, *path):
    """Values of a ``[ a b c ]`` list: the set-tree keeps them as a path a -> b -> c."""
    out, node = [], kids(node, *path)
    while node:
        word = next(iter(node))
        out.append(word)
        node = node[word]
    return out


def _canon(kind, word):
    return [vocab.canonical(kind, word, D)] if word else []


def build(config, spec):
    root = config.root
    out = shape.empty(spec)
    out["hostname"] = one(root, "system", "host-name") or spec.hostname
    security = kids(root, "security")
    for name, node in kids(security, "ike", "proposal").items():
        item = shape.proposal(name)
        item.update(encryption=_canon("enc1", one(node, "encryption-algorithm")),
                    integrity=_canon("integ1", one(node, "authentication-algorithm")),
                    dh_groups=_canon("dh1", one(node, "dh-group")), lifetime=number(node, "lifetime-seconds"),
                    authentication=one(node, "authentication-method"))
        out["ike"]["proposals"].append(item)
    for name, node in kids(security, "ike", "policy").items():
        key = one(node, "pre-shared-key", "ascii-text")
        key = junos_secret.decode(key) if junos_secret.is_encoded(key) else key     # Junos stores keys as $9$
        out["ike"]["policies"].append({"name": name, "mode": one(node, "mode"), "proposals": chain(node, "proposals"),
                                       "psk": vocab.fingerprint(key, spec.psk_salt)})
    for name, node in kids(security, "ike", "gateway").items():
        dpd = kids(node, "dead-peer-detection")
        out["ike"]["gateways"].append({
            "name": name, "address": one(node, "address"), "ike_policy": one(node, "ike-policy"),
            "external_interface": one(node, "external-interface"), "local_address": one(node, "local-address"),
            "local_id": one(node, "local-identity", "inet") or one(node, "local-identity", "inet6"),
            "version": vocab.canonical("ikever", one(node, "version"), D) if one(node, "version") else "ikev1",
            "dpd": {"interval": number(dpd, "interval") or 10, "threshold": number(dpd, "threshold") or 5}
            if "dead-peer-detection" in node else None})
    for name, node in kids(security, "ipsec", "proposal").items():
        item = shape.proposal(name)
        item.update(encryption=_canon("enc2", one(node, "encryption-algorithm")),
                    integrity=_canon("integ2", one(node, "authentication-algorithm")),
                    lifetime=number(node, "lifetime-seconds"), protocol=one(node, "protocol"))
        out["ipsec"]["proposals"].append(item)
    for name, node in kids(security, "ipsec", "policy").items():
        pfs = one(node, "perfect-forward-secrecy", "keys")
        out["ipsec"]["policies"].append({"name": name, "proposals": chain(node, "proposals"),
                                         "pfs": vocab.canonical("dh2", pfs, D) if pfs else None})
    vpns = [{"name": name, "bind_interface": one(node, "bind-interface"), "ike_gateway": one(node, "ike", "gateway"),
             "ipsec_policy": one(node, "ike", "ipsec-policy"), "establish_tunnels": one(node, "establish-tunnels")}
            for name, node in kids(security, "ipsec", "vpn").items()]
    out["ipsec"]["vpns"] = vpns
    _interfaces(root, out, vpns, number(security, "flow", "tcp-mss", "ipsec-vpn", "mss"))
    _security(security, out)
    _routing(root, out)
    shape.resolve_tunnels(out, _resolver(out))
    return out


def _interfaces(root, out, vpns, mss):
    by_bind = {vpn["bind_interface"]: vpn for vpn in vpns}
    gateways = {g["name"]: g for g in out["ike"]["gateways"]}
    for iface, node in kids(root, "interfaces").items():
        for unit, unit_node in kids(node, "unit").items():
            name = "%s.%s" % (iface, unit)
            inet = kids(unit_node, "family", "inet")
            address = one(inet, "address") or ("dhcp" if "dhcp" in inet else None)
            if iface.startswith("st"):
                tunnel = shape.tunnel(name)
                vpn = by_bind.get(name, {})
                gateway = gateways.get(vpn.get("ike_gateway"), {})
                tunnel.update(inside_address=address, mtu=number(inet, "mtu"), mss=mss, ipsec_policy=vpn.get("ipsec_policy"),
                              ike_gateway=vpn.get("ike_gateway"), peer=gateway.get("address"),
                              source=gateway.get("local_address") or gateway.get("external_interface"),
                              mode="ipsec ipv4", description=one(unit_node, "description"))
                out["tunnels"].append(tunnel)
            else:
                out["interfaces"].append({"name": name, "address": address, "enabled": True})


def _services(node) -> list:
    """The system services a host-inbound-traffic list names (``ike except`` kept as one entry)."""
    return [name + (" except" if "except" in sub else "") for name, sub in kids(node, "host-inbound-traffic", "system-services").items()]


def _security(security, out):
    for zone, node in kids(security, "zones", "security-zone").items():
        interfaces = kids(node, "interfaces")
        out["security"]["zones"][zone] = {
            "interfaces": list(interfaces),
            "system_services": _services(node),
            "protocols": list(kids(node, "host-inbound-traffic", "protocols")),
            # an interface with a system-services list of its own: that list, not the zone's, applies to it
            "interface_services": {name: _services(iface) for name, iface in interfaces.items()
                                   if kids(iface, "host-inbound-traffic", "system-services")}}
    for from_zone, node in kids(security, "policies", "from-zone").items():
        for to_zone, to_node in kids(node, "to-zone").items():
            for name, policy in kids(to_node, "policy").items():
                out["security"]["policies"].append({
                    "from_zone": from_zone, "to_zone": to_zone, "name": name,
                    "match": {k: list(v) for k, v in kids(policy, "match").items()}, "then": one(policy, "then")})


def _routing(root, out):
    options = kids(root, "routing-options")
    for prefix, node in kids(options, "static", "route").items():
        out["static_routes"].append({"prefix": prefix, "next_hop": one(node, "next-hop")})
    groups = kids(root, "protocols", "bgp", "group")
    if groups or "autonomous-system" in options:
        bgp = shape.bgp(number(options, "autonomous-system"))
        bgp["router_id"] = one(options, "router-id")
        for group, node in groups.items():
            if "multipath" in node:
                bgp["maximum_paths"] = 64
            for address, peer_node in kids(node, "neighbor").items():
                peer = shape.neighbor(address)
                hold = number(peer_node, "hold-time") or number(node, "hold-time")
                peer.update(group=group, remote_as=number(peer_node, "peer-as") or number(node, "peer-as"), hold_time=hold,
                            keepalive=hold // 3 if hold else None, description=one(peer_node, "description"),
                            import_policies=list(kids(peer_node, "import")) or list(kids(node, "import")),
                            export_policies=list(kids(peer_node, "export")) or list(kids(node, "export")),
                            maximum_prefix=number(peer_node, "family", "inet", "unicast", "prefix-limit", "maximum")
                            or number(node, "family", "inet", "unicast", "prefix-limit", "maximum"))
                bgp["neighbors"].append(peer)
        out["bgp"] = bgp
    policy = kids(root, "policy-options")
    for name, node in kids(policy, "prefix-list").items():
        out["prefix_lists"][name] = [{"seq": i, "action": "permit", "prefix": p, "ge": None, "le": None}
                                     for i, p in enumerate(node, 1)]
    for name, node in kids(policy, "policy-statement").items():
        terms = [{"seq": term, "action": one(t, "then") if one(t, "then") in ("accept", "reject") else None,
                  "match": {k: list(v) for k, v in kids(t, "from").items()},
                  "set": {k: one(t, "then", k) for k in kids(t, "then") if k not in ("accept", "reject")}}
                 for term, t in kids(node, "term").items()]
        if one(node, "then"):
            terms.append({"seq": None, "action": one(node, "then"), "match": {}, "set": {}})
        out["route_maps"][name] = terms


def _resolver(out):
    gateways = {g["name"]: g for g in out["ike"]["gateways"]}
    ike_policies = {p["name"]: p for p in out["ike"]["policies"]}
    ike_proposals = {p["name"]: p for p in out["ike"]["proposals"]}
    ipsec_policies = {p["name"]: p for p in out["ipsec"]["policies"]}
    ipsec_proposals = {p["name"]: p for p in out["ipsec"]["proposals"]}

    def resolve(tunnel):
        gateway = gateways.get(tunnel["ike_gateway"])
        if not gateway:
            return {}
        ike_policy = ike_policies.get(gateway["ike_policy"], {})
        ike_list = [ike_proposals[n] for n in ike_policy.get("proposals", []) if n in ike_proposals]
        ipsec_policy = ipsec_policies.get(tunnel["ipsec_policy"], {})
        return {"ike_version": gateway["version"], "ike_proposals": ike_list,
                "ike_lifetime": next((p["lifetime"] for p in ike_list if p["lifetime"]), None),
                "dpd": gateway["dpd"], "psk": ike_policy.get("psk"), "local_id": gateway["local_id"],
                "ipsec_proposals": [ipsec_proposals[n] for n in ipsec_policy.get("proposals", []) if n in ipsec_proposals],
                "pfs": ipsec_policy.get("pfs"), "ipsec_lifetime": next(
                    (ipsec_proposals[n]["lifetime"] for n in ipsec_policy.get("proposals", [])
                     if n in ipsec_proposals and ipsec_proposals[n]["lifetime"]), None)}
    return resolve
