# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shape of the structured model every dialect's config is read into.

    {"name", "platform", "version", "hostname",
     "interfaces": [{"name", "address", "enabled"}],
     "tunnels": [{"name", "inside_address", "source", "peer", "mode", "ipsec_policy", "ike_gateway",
                  "mtu", "mss", "enabled", "description",
                  "crypto": {"ike_version", "also_accepts": [other IKE versions the device accepts from the peer],
                             "ike_proposals": [proposal], "ike_lifetime", "dpd", "psk", "local_id",
                             "ipsec_proposals": [proposal], "pfs", "ipsec_lifetime"}}],
     "ike":   {"proposals": [proposal], "policies": [...], "keyrings"|"gateways": [...], "profiles": [...],
               IOS-XE IKEv1 also "isakmp_policies": [proposal], "isakmp_keyrings", "isakmp_profiles", "isakmp_keys",
               "isakmp_keepalive"},
     "ipsec": {"proposals": [proposal], "policies": [...], IOS-XE also "crypto_maps": [...]},
     "bgp": {"local_as", "router_id", "maximum_paths", "networks", "neighbors": [neighbor]} | None,
     "prefix_lists": {name: [{"seq", "action", "prefix", "ge", "le"}]},
     "route_maps": {name: [{"seq", "action", "match", "set"}]},
     "static_routes": [{"prefix", "next_hop"}],
     "security": {...}  (Junos zones/policies)}
    proposal = {"name", "encryption": [..], "integrity": [..], "prf": [..], "dh_groups": [..], ...}
Algorithm names are crypto_vocab canonical names (AES256, SHA2-256, 14, ikev2). A pre-shared
key appears only as {"fingerprint": psk.fingerprint(key, spec.psk_salt)}.
"""

from __future__ import annotations


def empty(spec):
    return {"name": spec.name, "platform": spec.platform, "version": spec.version, "hostname": spec.hostname,
            "interfaces": [], "tunnels": [],
            "ike": {"proposals": [], "policies": [], "keyrings": [], "profiles": [], "gateways": []},
            "ipsec": {"proposals": [], "policies": []}, "bgp": None, "prefix_lists": {}, "route_maps": {},
            "static_routes": [], "security": {"zones": {}, "policies": []}}


def proposal(name):
    return {"name": name, "encryption": [], "integrity": [], "prf": [], "dh_groups": [], "lifetime": None}


def tunnel(name):
    return {"name": name, "inside_address": None, "source": None, "peer": None, "mode": None,
            "ipsec_policy": None, "ike_gateway": None, "mtu": None, "mss": None, "enabled": True,
            "description": None, "crypto": {}}


def bgp(asn):
    return {"local_as": asn, "router_id": None, "maximum_paths": None, "networks": [], "neighbors": []}


def neighbor(address):
    return {"address": address, "remote_as": None, "keepalive": None, "hold_time": None, "description": None,
            "route_map_in": None, "route_map_out": None, "prefix_list_in": None, "prefix_list_out": None,
            "maximum_prefix": None}


def resolve_tunnels(out, resolver):
    """Attach the crypto each tunnel actually uses (the dialect knows how the objects chain)."""
    for item in out["tunnels"]:
        item["crypto"] = resolver(item)
