# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The structured model's building blocks (the shape lab/dataplane_sync, the twins' show commands and the tests read).

    {"name", "platform", "version", "hostname", "interfaces": [{"name", "address", "enabled"}],
     "tunnels": [{"name", "inside_address", "source", "peer", "mode", "ipsec_policy", "ike_gateway", "mtu", "mss",
                  "enabled", "description",
                  "crypto": {"ike_version", "ike_proposals", "ike_lifetime", "dpd", "psk", "local_id",
                             "ipsec_proposals", "pfs", "ipsec_lifetime", ...}}],
     "ike": {...}, "ipsec": {...}, "bgp": {"local_as", "router_id", "maximum_paths", "networks", "neighbors"} | None,
     "prefix_lists": {name: [{"seq", "action", "prefix", "ge", "le"}]}, "route_maps": {name: [{"seq", "action",
     "match", "set"}]}, "static_routes": [{"prefix", "next_hop"}], "security": {"zones", "policies"} (Junos)}
    proposal = {"name", "encryption": [..], "integrity": [..], "prf": [..], "dh_groups": [..], "lifetime"}

Algorithms carry words.py's names; a pre-shared key only its fingerprint (words.key).
"""

from __future__ import annotations


def empty(spec):
    return {"name": spec.name, "platform": spec.platform, "version": spec.version, "hostname": spec.hostname,
            "interfaces": [], "tunnels": [],
            "ike": {"proposals": [], "policies": [], "keyrings": [], "profiles": [], "gateways": []},
            "ipsec": {"proposals": [], "policies": []}, "bgp": None, "prefix_lists": {}, "route_maps": {},
            "static_routes": [], "security": {"zones": {}, "policies": []}}


def proposal(name, **fields):
    return dict({"name": name, "encryption": [], "integrity": [], "prf": [], "dh_groups": [], "lifetime": None}, **fields)


def tunnel(name, **fields):
    return dict({"name": name, "inside_address": None, "source": None, "peer": None, "mode": None, "ipsec_policy": None,
                 "ike_gateway": None, "mtu": None, "mss": None, "enabled": True, "description": None, "crypto": {}},
                **fields)


def bgp(asn):
    return {"local_as": asn, "router_id": None, "maximum_paths": None, "networks": [], "neighbors": []}


def neighbor(address, **fields):
    return dict({"address": address, "remote_as": None, "keepalive": None, "hold_time": None, "description": None,
                 "route_map_in": None, "route_map_out": None, "prefix_list_in": None, "prefix_list_out": None,
                 "maximum_prefix": None}, **fields)


# set-style trees (Junos, VyOS): nested word dicts, a leaf's value is its only key
def below(node, *path):
    for word in path:
        node = (node or {}).get(word)
    return node or {}


def value(node, *path):
    return next(iter(below(node, *path)), None)


def integer(node, *path):
    found = value(node, *path)
    return int(found) if found is not None and str(found).isdigit() else None
