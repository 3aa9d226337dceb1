# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Junos twin's committed config (its set tree) -> the structured model.

Paths and their meanings are Juniper's configuration YANG (tests/fixtures/vendor/junos/yang-cgw.json): an ``st0.N``
unit is bound by ``security ipsec vpn <v> bind-interface``, the VPN names its ``ike gateway`` and ``ipsec-policy``;
the gateway its ``ike-policy``, ``address``, ``external-interface``/``local-address``, ``version`` (v1-only when
unset) and ``dead-peer-detection`` (interval 10 s, threshold 5 when the container is given without them, Juniper
CLI reference "dead-peer-detection"); the policy its ``proposals [ ... ]`` and the key (``pre-shared-key ascii-text``,
stored as ``$9$``: secret9.py); an IPsec policy ``perfect-forward-secrecy keys groupN``. BGP hold time is the
group's unless the neighbour sets one, keepalive a third of it (Juniper, "hold-time (Protocols BGP)").
"""

from __future__ import annotations

from lab.device_twins import secret9
from lab.device_twins.running import shape, words
from lab.device_twins.running.shape import below, integer, value


def _listed(node, *path):
    """A ``[ a b c ]`` list: the set tree keeps it as the path a -> b -> c."""
    out, node = [], below(node, *path)
    while node:
        out.append(next(iter(node)))
        node = node[out[-1]]
    return out


def _named(word, meaning):
    return [meaning(word)] if word else []


def _ike(security, salt, out):
    for name, node in below(security, "ike", "proposal").items():
        out["ike"]["proposals"].append(shape.proposal(
            name, encryption=_named(value(node, "encryption-algorithm"), lambda w: words.cipher("junos", w)),
            integrity=_named(value(node, "authentication-algorithm"), lambda w: words.hash_("junos", w)),
            dh_groups=_named(value(node, "dh-group"), words.group), lifetime=integer(node, "lifetime-seconds"),
            authentication=value(node, "authentication-method")))
    for name, node in below(security, "ike", "policy").items():
        secret = value(node, "pre-shared-key", "ascii-text")
        secret = secret9.reveal(secret) if secret9.looks_encoded(secret) else secret
        out["ike"]["policies"].append({"name": name, "mode": value(node, "mode"), "proposals": _listed(node, "proposals"),
                                       "psk": words.key(secret, salt)})
    for name, node in below(security, "ike", "gateway").items():
        dpd = below(node, "dead-peer-detection")
        out["ike"]["gateways"].append({
            "name": name, "address": value(node, "address"), "ike_policy": value(node, "ike-policy"),
            "external_interface": value(node, "external-interface"), "local_address": value(node, "local-address"),
            "local_id": _identity(node), "version": words.ike_version(value(node, "version")),
            "dpd": {"interval": integer(dpd, "interval") or 10, "threshold": integer(dpd, "threshold") or 5}
            if "dead-peer-detection" in node else None})


def _identity(gateway):
    """The gateway's local-identity address: Juniper's YANG offers inet or inet6 (IPv6 outside addresses)."""
    return value(gateway, "local-identity", "inet") or value(gateway, "local-identity", "inet6")


def _ipsec(security, out):
    for name, node in below(security, "ipsec", "proposal").items():
        out["ipsec"]["proposals"].append(shape.proposal(
            name, encryption=_named(value(node, "encryption-algorithm"), lambda w: words.cipher("junos", w)),
            integrity=_named(value(node, "authentication-algorithm"), lambda w: words.hash_("junos", w)),
            lifetime=integer(node, "lifetime-seconds"), protocol=value(node, "protocol")))
    for name, node in below(security, "ipsec", "policy").items():
        pfs = value(node, "perfect-forward-secrecy", "keys")
        out["ipsec"]["policies"].append({"name": name, "proposals": _listed(node, "proposals"),
                                         "pfs": words.group(pfs) if pfs else None})
    out["ipsec"]["vpns"] = [{"name": name, "bind_interface": value(node, "bind-interface"),
                             "ike_gateway": value(node, "ike", "gateway"), "ipsec_policy": value(node, "ike", "ipsec-policy"),
                             "establish_tunnels": value(node, "establish-tunnels")}
                            for name, node in below(security, "ipsec", "vpn").items()]


def build(config, spec):
    root = config.root
    out = shape.empty(spec)
    out["hostname"] = value(root, "system", "host-name") or spec.hostname
    security = below(root, "security")
    _ike(security, spec.psk_salt, out)
    _ipsec(security, out)
    _interfaces(root, out, integer(security, "flow", "tcp-mss", "ipsec-vpn", "mss"))
    _zones(security, out)
    _routing(root, out)
    return out


def _interfaces(root, out, mss):
    vpns = {vpn["bind_interface"]: vpn for vpn in out["ipsec"]["vpns"]}
    gateways = {gateway["name"]: gateway for gateway in out["ike"]["gateways"]}
    for physical, node in below(root, "interfaces").items():
        for unit, unit_node in below(node, "unit").items():
            name, inet = "%s.%s" % (physical, unit), below(unit_node, "family", "inet")
            address = value(inet, "address") or ("dhcp" if "dhcp" in inet else None)
            if not physical.startswith("st"):
                out["interfaces"].append({"name": name, "address": address, "enabled": True})
                continue
            vpn = vpns.get(name, {})
            gateway = gateways.get(vpn.get("ike_gateway"), {})
            item = shape.tunnel(name, inside_address=address, mtu=integer(inet, "mtu"), mss=mss, mode="ipsec ipv4",
                                ipsec_policy=vpn.get("ipsec_policy"), ike_gateway=vpn.get("ike_gateway"),
                                peer=gateway.get("address"), description=value(unit_node, "description"),
                                source=gateway.get("local_address") or gateway.get("external_interface"))
            item["crypto"] = _crypto(out, gateway, vpn) if gateway else {}
            out["tunnels"].append(item)


def _crypto(out, gateway, vpn):
    """gateway -> IKE policy -> its proposals; VPN -> IPsec policy -> its proposals and PFS."""
    ike_policy = next((p for p in out["ike"]["policies"] if p["name"] == gateway["ike_policy"]), {})
    ipsec_policy = next((p for p in out["ipsec"]["policies"] if p["name"] == vpn.get("ipsec_policy")), {})
    ike = _in_order(out["ike"]["proposals"], ike_policy.get("proposals", []))
    esp = _in_order(out["ipsec"]["proposals"], ipsec_policy.get("proposals", []))
    return {"ike_version": gateway["version"], "ike_proposals": ike, "dpd": gateway["dpd"],
            "ike_lifetime": next((p["lifetime"] for p in ike if p["lifetime"]), None),
            "psk": ike_policy.get("psk"), "local_id": gateway["local_id"], "ipsec_proposals": esp,
            "pfs": ipsec_policy.get("pfs"), "ipsec_lifetime": next((p["lifetime"] for p in esp if p["lifetime"]), None)}


def _in_order(proposals, names):
    by_name = {p["name"]: p for p in proposals}
    return [by_name[n] for n in names if n in by_name]


def _services(node):
    """A host-inbound-traffic system-services list (``ike except`` kept as one entry)."""
    return [name + (" except" if "except" in sub else "")
            for name, sub in below(node, "host-inbound-traffic", "system-services").items()]


def _zones(security, out):
    for zone, node in below(security, "zones", "security-zone").items():
        interfaces = below(node, "interfaces")
        out["security"]["zones"][zone] = {
            "interfaces": list(interfaces), "system_services": _services(node),
            "protocols": list(below(node, "host-inbound-traffic", "protocols")),
            # an interface with its own system-services list: that list, not the zone's, applies to it
            "interface_services": {name: _services(iface) for name, iface in interfaces.items()
                                   if below(iface, "host-inbound-traffic", "system-services")}}
    for from_zone, node in below(security, "policies", "from-zone").items():
        for to_zone, to_node in below(node, "to-zone").items():
            for name, policy in below(to_node, "policy").items():
                out["security"]["policies"].append({
                    "from_zone": from_zone, "to_zone": to_zone, "name": name, "then": value(policy, "then"),
                    "match": {what: list(values) for what, values in below(policy, "match").items()}})


def _routing(root, out):
    options = below(root, "routing-options")
    for prefix, node in below(options, "static", "route").items():
        out["static_routes"].append({"prefix": prefix, "next_hop": value(node, "next-hop")})
    groups = below(root, "protocols", "bgp", "group")
    if groups or "autonomous-system" in options:
        bgp = shape.bgp(integer(options, "autonomous-system"))
        bgp["router_id"] = value(options, "router-id")
        for group, node in groups.items():
            if "multipath" in node:
                bgp["maximum_paths"] = 64
            for address, peer in below(node, "neighbor").items():
                def either(*path, peer=peer, node=node):     # the neighbour's own setting, else its group's
                    return integer(peer, *path) or integer(node, *path)
                hold = either("hold-time")
                bgp["neighbors"].append(shape.neighbor(
                    address, group=group, remote_as=either("peer-as"), hold_time=hold,
                    keepalive=hold // 3 if hold else None, description=value(peer, "description"),
                    import_policies=list(below(peer, "import")) or list(below(node, "import")),
                    export_policies=list(below(peer, "export")) or list(below(node, "export")),
                    maximum_prefix=either("family", "inet", "unicast", "prefix-limit", "maximum")))
        out["bgp"] = bgp
    policy = below(root, "policy-options")
    for name, node in below(policy, "prefix-list").items():
        out["prefix_lists"][name] = [{"seq": i, "action": "permit", "prefix": p, "ge": None, "le": None}
                                     for i, p in enumerate(node, 1)]
    for name, node in below(policy, "policy-statement").items():
        terms = [{"seq": term, "action": value(t, "then") if value(t, "then") in ("accept", "reject") else None,
                  "match": {what: list(values) for what, values in below(t, "from").items()},
                  "set": {what: value(t, "then", what) for what in below(t, "then") if what not in ("accept", "reject")}}
                 for term, t in below(node, "term").items()]
        if value(node, "then"):
            terms.append({"seq": None, "action": value(node, "then"), "match": {}, "set": {}})
        out["route_maps"][name] = terms
