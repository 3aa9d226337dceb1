# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

SECRET = "Plan.Secret_Never_Shown_7"


def test_one_connection_per_cgw_with_two_tunnels(intent):
    result = plan.build(intent)
    assert [c["key"] for c in result["connections"]] == ["br1/r-ios/1", "dc/r-junos/1", "dc/r-vyos/1"]
    assert all(len(c["tunnels"]) == 2 for c in result["connections"])
    assert result["cgws"] == ["r-ios", "r-junos", "r-vyos"]


def test_tunnel_options_are_valid_for_aws_and_follow_the_profile(intent):
    result = plan.build(intent)
    for conn in result["connections"]:
        for tunnel in conn["tunnels"]:
            assert topts.problems(tunnel["options"]) == []
    strict = result["connections"][1]["tunnels"][0]["options"]
    assert strict["phase1_dh_group_numbers"] == [20, 21] and strict["ike_versions"] == ["ikev2"]


def test_device_proposals_match_the_aws_options(intent):
    conn = plan.build(intent)["connections"][1]  # junos, strict
    device = conn["device"][0]
    assert [p["encryption"] for p in device["ike_proposals"]] == [["aes-256-gcm"], ["aes-256-cbc"]]
    assert device["ipsec_proposals"][1]["integrity"] == ["hmac-sha-384", "hmac-sha-512"]
    assert device["ike_proposals"][0]["dh_groups"] == ["group20", "group21"]


def test_overrides_flow_to_both_ends(intent):
    intent["sites"][0]["cgws"][0]["tunnel_options"] = {"phase2_dh_group_numbers": [19]}
    conn = plan.build(intent)["connections"][0]
    assert conn["tunnels"][1]["options"]["phase2_dh_group_numbers"] == [19]
    assert conn["device"][1]["ipsec_proposals"][0]["dh_groups"] == ["group19"]


def test_plan_never_holds_a_key(intent):
    intent["sites"][0]["cgws"][0]["connections"] = [{"tunnels": [{"pre_shared_key": SECRET}]}]
    result = plan.build(intent)
    assert SECRET not in json.dumps(result)
    tunnels = result["connections"][0]["tunnels"]
    assert [t["psk_source"] for t in tunnels] == ["intent", "generated"]


def test_inside_addresses_are_unique_per_gateway_and_pins_are_kept(intent):
    intent["sites"][1]["cgws"][0]["connections"] = [{"tunnels": [{"inside_cidr": "169.254.44.0/30"}]}]
    result = plan.build(intent)
    cidrs = [t["inside_cidr"] for c in result["connections"] for t in c["tunnels"]]
    assert len(set(cidrs)) == len(cidrs)
    first = result["connections"][1]["tunnels"][0]
    assert (first["inside_cidr"], first["aws_inside_ip"], first["cgw_inside_ip"]) == \
        ("169.254.44.0/30", "169.254.44.1", "169.254.44.2")


def test_existing_allocations_survive_a_new_site(intent):
    before = plan.build(intent)
    existing = plan.existing_cidrs([{"tags": {"s2s:key": c["key"]}, "state": "available",
                                     "tunnels": [{"inside_cidr": t["inside_cidr"]} for t in reversed(c["tunnels"])]}
                                    for c in before["connections"]])
    intent["sites"].append({"name": "br2", "gateway": "vgw-a", "prefixes": ["192.168.12.0/24"],
                            "cgws": [{"name": "r-new", "public_ip": "198.51.100.31", "asn": 65031, "platform": "vyos"}]})
    after = plan.build(intent, existing)
    old = {t["key"]: t["inside_cidr"] for c in before["connections"] for t in c["tunnels"]}
    new = {t["key"]: t["inside_cidr"] for c in after["connections"] for t in c["tunnels"]}
    assert all(new[k] == v for k, v in old.items())
    assert len(new) == len(old) + 2


def test_ipv6_inside_tunnels_on_tgw(intent):
    intent["sites"][1]["cgws"][0]["connection_options"] = {"tunnel_inside_ip_version": "ipv6"}
    conn = plan.build(intent)["connections"][1]
    assert conn["tunnels"][0]["inside_cidr"].startswith("fd") and conn["tunnels"][0]["inside_prefixlen"] == 126


def test_static_routing_sets_static_routes_only(intent):
    intent["sites"][0]["routing"] = "static"
    assert plan.build(intent)["connections"][0]["options"]["static_routes_only"] is True


def test_a_connections_tunnels_get_ascending_cidrs(intent):
    for conn in plan.build(intent)["connections"]:
        first, second = (t["inside_cidr"] for t in conn["tunnels"])
        assert tuple(int(p) for p in first.split("/")[0].split(".")) < tuple(int(p) for p in second.split("/")[0].split("."))


def test_existing_ignores_deleted_and_untagged_connections():
    conns = [{"tags": {"s2s:key": "a/b/1"}, "state": "deleted", "tunnels": [{"inside_cidr": "169.254.9.0/30"}]},
             {"tags": {}, "state": "available", "tunnels": [{"inside_cidr": "169.254.8.0/30"}]},
             {"tags": {"s2s:key": "a/c/1"}, "state": "available",
              "tunnels": [{"inside_cidr": "169.254.7.0/30"}, {"inside_ipv6_cidr": "fd00::/126", "inside_cidr": None}]}]
    assert plan.existing_cidrs(conns) == {"ipv4": {"a/c/1": ["169.254.7.0/30"]}, "ipv6": {"a/c/1": ["fd00::/126"]}}
