# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cisco.ios's own resource-module parsers (``state: parsed``, called in-process) read every rendered IOS-XE config
back with the values the render data asked for: BGP (global and address family), tunnel interfaces (description,
address, ip mtu), prefix-lists, route-maps and static routes. The parsers are Red Hat's reading of IOS, not ours
(issue 16); each gets the text the module would read on a device (its ``show running-config | section``)."""

from __future__ import annotations

import functools
import importlib
import ipaddress
import re

import pytest

from ansible_collections.hybridvpn.s2s.tests.unit.roles.cgw_ios.rendered import CASE_IDS, rendered

_FACTS = "ansible_collections.cisco.ios.plugins.module_utils.network.ios.facts.%s.%s"
# resource -> (facts class, what the module reads on a device: cisco.ios's get_<resource>_data)
RESOURCES = {
    "bgp_global": ("Bgp_globalFacts", r"^router bgp"),
    "bgp_address_family": ("Bgp_address_familyFacts", r"^router bgp"),
    "interfaces": ("InterfacesFacts", r"^interface"),
    "l3_interfaces": ("L3_InterfacesFacts", r"^interface"),
    "prefix_lists": ("Prefix_listsFacts", r"^ip prefix-list|^ipv6 prefix-list"),
    "route_maps": ("Route_mapsFacts", r"^route-map"),
    "static_routes": ("Static_routesFacts", None),     # `| include ^ip route .+`: the lines alone
}


class _ParsedModule:
    """What a resource module hands its facts class under ``state: parsed``: no connection is opened."""

    params = {"state": "parsed"}
    no_log_values = set()

    def fail_json(self, **kwargs):
        raise AssertionError(kwargs)


def _section(text, pattern):
    """IOS ``| section``: the top-level lines matching ``pattern`` with the lines indented under them."""
    out, inside = [], False
    for line in text.splitlines():
        if not line.startswith(" "):
            inside = bool(re.search(pattern, line)) if pattern else line.startswith("ip route ")
        if inside:
            out.append(line)
    return "\n".join(out)


def parsed(resource, text):
    """The resource's facts as cisco.ios's parser reads ``text`` (None: the device shows nothing of it)."""
    section = _section(text, RESOURCES[resource][1])
    return _parse(resource, section) if section else None


@functools.lru_cache(maxsize=None)
def _parse(resource, section):
    """Cached by the exact text: the profiles differ only in crypto lines, which none of these parsers reads."""
    facts = getattr(importlib.import_module(_FACTS % (resource, resource)), RESOURCES[resource][0])(_ParsedModule())
    out = facts.populate_facts(None, {"ansible_network_resources": {}}, data=section)
    return out["ansible_network_resources"][resource]


def _by(items, key):
    return {item[key]: item for item in items or []}


@pytest.mark.parametrize("case", CASE_IDS)
def test_bgp_reads_back_as_rendered(case):
    data, text = rendered(case)
    bgp = data["bgp"]
    if not bgp["neighbors"]:     # static routing: no BGP at all
        assert not _section(text, RESOURCES["bgp_global"][1])
        return
    glob = parsed("bgp_global", text)
    assert int(glob["as_number"]) == bgp["local_asn"] and glob["bgp"]["log_neighbor_changes"] is True
    neighbors = _by(glob["neighbors"], "neighbor_address")
    assert set(neighbors) == {n["address"] for n in bgp["neighbors"]}
    for n in bgp["neighbors"]:
        got = neighbors[n["address"]]
        assert int(got["remote_as"]) == n["remote_as"] and got["description"] == n["description"].strip()
        assert got["timers"] == {"interval": n["keepalive"], "holdtime": n["hold"], "min_holdtime": n["hold"]}
    family = parsed("bgp_address_family", text)
    assert int(family["as_number"]) == bgp["local_asn"]
    (ipv4,) = family["address_family"]
    assert ipv4["afi"] == "ipv4" and ipv4["maximum_paths"] == {"paths": bgp["maximum_paths"]}
    assert [ipaddress.ip_network("%(address)s/%(mask)s" % net) for net in ipv4["networks"]] == \
        [ipaddress.ip_network(p) for p in bgp["networks"]]
    af_neighbors = _by(ipv4["neighbors"], "neighbor_address")
    for n in bgp["neighbors"]:
        got = af_neighbors[n["address"]]
        assert got["activate"] is True and got["soft_reconfiguration"] is True
        assert got["route_maps"] == [{"name": n["route_map_in"], "in": True}, {"name": n["route_map_out"], "out": True}]
        assert got["maximum_prefix"] == {"number": n["maximum_prefix"]}


@pytest.mark.parametrize("case", CASE_IDS)
def test_tunnel_interfaces_read_back_as_rendered(case):
    data, text = rendered(case)
    interfaces = _by(parsed("interfaces", text), "name")
    l3 = _by(parsed("l3_interfaces", text), "name")
    assert set(interfaces) == set(l3) == {"Tunnel%d" % t["number"] for t in data["tunnels"]}
    for t in data["tunnels"]:
        name = "Tunnel%d" % t["number"]
        assert interfaces[name]["enabled"] is True
        assert interfaces[name]["description"] == "%s %s tunnel %d" % (t["id"], t["vpn_connection_id"], t["index"])
        assert l3[name]["ipv4"] == [{"address": "%s/%d" % (t["local_inside_ip"], t["prefixlen"])}, {"mtu": t["mtu"]}]


@pytest.mark.parametrize("case", CASE_IDS)
def test_prefix_lists_read_back_as_rendered(case):
    data, text = rendered(case)
    (ipv4,) = list(parsed("prefix_lists", text))
    lists = _by(ipv4["prefix_lists"], "name")
    wanted = {pl["name"]: pl["prefixes"] for pl in data["prefix_lists"] if pl["prefixes"]}
    assert ipv4["afi"] == "ipv4" and set(lists) == set(wanted)
    for name, prefixes in wanted.items():
        assert lists[name]["entries"] == [{"sequence": 10 * i, "action": "permit", "prefix": p}
                                          for i, p in enumerate(prefixes, 1)]


@pytest.mark.parametrize("case", CASE_IDS)
def test_route_maps_read_back_as_rendered(case):
    data, text = rendered(case)
    maps = _by(parsed("route_maps", text) or [], "route_map")
    neighbors = data["bgp"]["neighbors"]
    assert set(maps) == {n[key] for n in neighbors for key in ("route_map_in", "route_map_out")}
    for n in neighbors:
        (inbound,) = maps[n["route_map_in"]]["entries"]
        assert (inbound["action"], inbound["sequence"]) == ("permit", 10)
        assert inbound["match"] == {"ip": {"address": {"prefix_lists": [n["prefix_list_in"]]}}}
        assert inbound["set"] == {"local_preference": n["local_preference"]}
        (outbound,) = maps[n["route_map_out"]]["entries"]
        assert outbound["match"] == {"ip": {"address": {"prefix_lists": [n["prefix_list_out"]]}}}
        prepend = outbound.get("set", {}).get("as_path", {}).get("prepend", {}).get("as_number", [])
        assert prepend == [str(data["bgp"]["local_asn"])] * n["prepend"]


@pytest.mark.parametrize("case", CASE_IDS)
def test_static_routes_read_back_as_rendered(case):
    data, text = rendered(case)
    routes = parsed("static_routes", text) or []
    got = sorted((r["dest"], hop["interface"]) for vrf in routes for af in vrf["address_families"]
                 for r in af["routes"] for hop in r["next_hops"])
    assert got == sorted((r["prefix"], "Tunnel%d" % r["number"]) for r in data["static_routes"])
