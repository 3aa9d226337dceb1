# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vyos.vyos's own resource-module parsers (``state: parsed``, called in-process) read every VyOS config the role
renders back with the values the render data asked for, in 1.4 and 1.3 syntax: BGP (global and address family),
prefix-lists, route-maps, the VTI interfaces and their addresses. The parsers are Red Hat's / VyOS's reading of
VyOS (vyos.vyos 6.0.0, bundled with ansible 12.3.0), not ours (issue 16); each gets the set lines the module would
read on a device (``show configuration commands``). vyos.vyos picks its 1.4 or 1.3 parser by the device's version,
which it asks the connection for: here the version is given instead."""

from __future__ import annotations

import functools
import importlib

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from tests.unit.lab.test_vyos_render_vs_vendor_tree import FEATURES, rendered

_FACTS = "ansible_collections.vyos.vyos.plugins.module_utils.network.vyos.facts.%s.%s"
RESOURCES = {"bgp_global": "Bgp_globalFacts", "bgp_address_family": "Bgp_address_familyFacts",
             "prefix_lists": "Prefix_listsFacts", "route_maps": "Route_mapsFacts",
             "interfaces": "InterfacesFacts", "l3_interfaces": "L3_interfacesFacts"}
# every routing shape the role renders (static routing has no BGP, checked apart); crypto lines are not read here
CASES = [(feature, legacy) for feature in ("bgp", "active_passive", "ecmp", "accept_nothing", "two_connections", "behind_nat")
         for legacy in (False, True)]


class _ParsedModule:
    """What a resource module hands its facts class under ``state: parsed``: no connection is opened."""

    params = {"state": "parsed"}
    no_log_values = set()

    def fail_json(self, **kwargs):
        raise AssertionError(kwargs)


@functools.lru_cache(maxsize=None)
def _parse(resource, text, version):
    module = importlib.import_module(_FACTS % (resource, resource))
    if hasattr(module, "get_os_version"):     # the version vyos.vyos would ask the connection for
        module.get_os_version = lambda _module: version
    facts = getattr(module, RESOURCES[resource])(_ParsedModule())
    out = facts.populate_facts(None, {"ansible_network_resources": {}}, data=text)
    return out["ansible_network_resources"].get(resource)


def _case(feature, legacy):
    connections = FEATURES[feature]("recommended")
    data = render.build(connections, "vyos")
    text = "\n".join(rendered(connections, legacy))
    return data, (lambda resource: _parse(resource, text, "1.3" if legacy else "1.4"))


def _by(items, key):
    return {item[key]: item for item in items or []}


@pytest.mark.parametrize("feature,legacy", CASES)
def test_bgp_reads_back_as_rendered(feature, legacy):
    data, parsed = _case(feature, legacy)
    bgp = data["bgp"]
    glob, family = parsed("bgp_global"), parsed("bgp_address_family")
    assert glob["as_number"] == bgp["local_asn"] == family["as_number"]
    neighbors, families = _by(glob["neighbor"], "address"), _by(family["neighbors"], "neighbor_address")
    assert set(neighbors) == set(families) == {n["address"] for n in bgp["neighbors"]}
    for wanted in bgp["neighbors"]:
        read = neighbors[wanted["address"]]
        assert (read["remote_as"], read["timers"]) == (wanted["remote_as"], {"holdtime": wanted["hold"], "keepalive": wanted["keepalive"]})
        (ipv4,) = families[wanted["address"]]["address_family"]
        assert ipv4["afi"] == "ipv4" and ipv4["soft_reconfiguration"] is True
        assert ipv4["maximum_prefix"] == wanted["maximum_prefix"]
        assert {m["action"]: m["route_map"] for m in ipv4["route_map"]} == {"import": wanted["route_map_in"], "export": wanted["route_map_out"]}
    (networks,) = family["address_family"]
    assert [n["prefix"] for n in networks["networks"]] == bgp["networks"]


@pytest.mark.parametrize("feature,legacy", CASES)
def test_prefix_lists_and_route_maps_read_back_as_rendered(feature, legacy):
    data, parsed = _case(feature, legacy)
    (ipv4,) = parsed("prefix_lists")
    lists = {p["name"]: [e["prefix"] for e in sorted(p["entries"], key=lambda e: e["sequence"])] for p in ipv4["prefix_lists"]}
    assert lists == {p["name"]: p["prefixes"] for p in data["prefix_lists"] if p["prefixes"]}
    assert all(e["action"] == "permit" for p in ipv4["prefix_lists"] for e in p["entries"])
    maps = _by(parsed("route_maps"), "route_map")
    for wanted in data["bgp"]["neighbors"]:
        (into,) = maps[wanted["route_map_in"]]["entries"]
        if wanted["prefix_list_in"] in lists:
            assert into["action"] == "permit" and into["set"]["local_preference"] == str(wanted["local_preference"])
            assert into["match"]["ip"]["address"] == {"list_type": "prefix-list", "value": wanted["prefix_list_in"]}
        else:     # the connection accepts nothing: the import map is one deny
            assert into["action"] == "deny" and "match" not in into
        (out,) = maps[wanted["route_map_out"]]["entries"]
        assert out["action"] == "permit" and out["match"]["ip"]["address"] == {"list_type": "prefix-list", "value": wanted["prefix_list_out"]}
        prepend = out.get("set", {}).get("as_path_prepend")
        assert prepend == (" ".join([str(data["bgp"]["local_asn"])] * wanted["prepend"]) if wanted["prepend"] else None)


@pytest.mark.parametrize("feature,legacy", CASES + [("static", False), ("static", True)])
def test_tunnel_interfaces_read_back_as_rendered(feature, legacy):
    data, parsed = _case(feature, legacy)
    interfaces, addresses = _by(parsed("interfaces"), "name"), _by(parsed("l3_interfaces"), "name")
    for tunnel in data["tunnels"]:
        vti = "vti%d" % tunnel["number"]
        assert (interfaces[vti]["description"], interfaces[vti]["mtu"], interfaces[vti]["enabled"]) == (tunnel["id"], tunnel["mtu"], True)
        assert addresses[vti]["ipv4"] == [{"address": "%s/%d" % (tunnel["local_inside_ip"], tunnel["prefixlen"])}]
    assert set(interfaces) == {"vti%d" % t["number"] for t in data["tunnels"]}


@pytest.mark.parametrize("legacy", [False, True])
def test_static_routing_renders_no_bgp(legacy):
    _data, parsed = _case("static", legacy)
    assert not parsed("bgp_global") and not parsed("bgp_address_family")
