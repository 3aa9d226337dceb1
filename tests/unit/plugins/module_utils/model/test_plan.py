# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import copy
import inspect
import json

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent as intent_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors, S2SError

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


def _device(conn, platform):
    """What the CGW role renders from a planned connection (AWS running the planned options)."""
    facts = {"vpn_connection_id": "vpn-0123", "cgw_asn": conn["cgw"]["asn"], "amazon_side_asn": 64512,
             "local_address": conn["cgw"]["public_ip"],
             "tunnels": [{"index": t["index"], "outside_ip": "203.0.113.%d" % t["index"], "inside_cidr": t["inside_cidr"],
                          "aws_inside_ip": t["aws_inside_ip"], "cgw_inside_ip": t["cgw_inside_ip"],
                          "pre_shared_key": None, "options": t["options"]} for t in conn["tunnels"]]}
    return render.build([facts], platform)


def test_device_proposals_follow_the_planned_options(intent):
    conn = plan.build(intent)["connections"][1]  # junos, strict
    assert "device" not in conn  # proposals are derived once, by the CGW model, from the options AWS runs
    tunnel = _device(conn, "junos")["tunnels"][0]
    assert {p["encryption"] for p in tunnel["ike_proposals"]} == {"aes-256-gcm", "aes-256-cbc"}
    assert {p["dh_group"] for p in tunnel["ike_proposals"]} == {"group20", "group21"}


def test_overrides_flow_to_both_ends(intent):
    intent["sites"][0]["cgws"][0]["tunnel_options"] = {"phase2_dh_group_numbers": [19]}
    conn = plan.build(intent)["connections"][0]
    assert conn["tunnels"][1]["options"]["phase2_dh_group_numbers"] == [19]
    assert _device(conn, "ios")["tunnels"][1]["pfs_group"] == "group19"


def test_profile_site_cgw_and_tunnel_layers_merge_in_the_plan(intent):
    intent["crypto_profile"] = "aws_default"  # the site's strict wins over the intent's profile
    cgw = intent["sites"][1]["cgws"][0]
    cgw["tunnel_options"] = {"dpd_timeout_seconds": 40, "phase2_lifetime_seconds": 1800}
    cgw["connections"] = [{"tunnels": [{}, {"dpd_timeout_seconds": 45}]}]
    conn = plan.build(intent)["connections"][1]
    strict = profiles.get("strict").tunnel_options()
    one, two = (t["options"] for t in conn["tunnels"])
    assert conn["crypto_profile"] == "strict"
    assert one["phase1_dh_group_numbers"] == two["phase1_dh_group_numbers"] == strict["phase1_dh_group_numbers"]
    assert (one["dpd_timeout_seconds"], two["dpd_timeout_seconds"]) == (40, 45)
    assert one["phase2_lifetime_seconds"] == two["phase2_lifetime_seconds"] == 1800
    assert one["phase1_lifetime_seconds"] == strict["phase1_lifetime_seconds"]


def test_layered_is_the_precedence():
    profile = profiles.get("recommended")
    merged = plan.layered(profile, {"dpd_timeout_seconds": 40, "replay_window_size": 512},
                          {"dpd_timeout_seconds": 45, "replay_window_size": None})
    assert merged == dict(profile.tunnel_options(), dpd_timeout_seconds=45, replay_window_size=512)


def test_the_intent_checks_structure_and_the_plan_judges_the_merged_options(intent):
    intent["sites"][0]["cgws"][0]["tunnel_options"] = {"dpd_timeout_seconds": 5}
    intent_model.validate(intent)  # the structure is fine: intent.py resolves no profile and merges nothing
    with pytest.raises(IntentErrors) as err:
        plan.validate(intent)
    assert [(e.field, e.rule) for e in err.value.errors] == [
        ("s2s_intent.sites[0].cgws[0].tunnel_options.dpd_timeout_seconds", "tunnel_option.range")]
    source = inspect.getsource(intent_model)
    assert "tunnel_options()" not in source and "PROFILES.get(" not in source and "profiles.get(" not in source


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


def _keyed(intent):
    intent["sites"][0]["cgws"][0]["connections"] = [{"tunnels": [{}, {"pre_shared_key": SECRET}]}, {}]
    intent["sites"][1]["cgws"][1]["connection_options"] = {"psk_storage": "SecretsManager"}
    return intent


def test_each_tunnel_names_where_its_key_comes_from(intent):
    result = plan.build(_keyed(intent))
    refs = [(t["psk_source"], t["psk_ref"]) for c in result["connections"] for t in c["tunnels"]]
    assert refs == [("generated", None), ("intent", "s2s_intent.sites[0].cgws[0].connections[0].tunnels[1].pre_shared_key"),
                    ("generated", None), ("generated", None),
                    ("generated", None), ("generated", None),
                    ("secretsmanager", None), ("secretsmanager", None)]
    assert SECRET not in json.dumps(result)


def test_one_rule_gives_each_tunnel_its_key(intent):
    result = plan.build(_keyed(intent))
    first, second = result["connections"][:2]
    assert plan.connection_keys(first, intent) == [None, SECRET]  # tunnel 1 first; AWS generates tunnel 1's
    assert plan.connection_keys(second, intent) == [None, None]
    # Tunnels in any order: the key goes by tunnel index, not by list position.
    assert plan.connection_keys(dict(first, tunnels=first["tunnels"][::-1]), intent) == [None, SECRET]
    assert plan.tunnel_keys(result, intent) == {"br1/r-ios/1": [None, SECRET]}


def test_a_plan_and_an_intent_that_differ_fail_without_the_key(intent):
    result = plan.build(_keyed(intent))
    other = copy.deepcopy(intent)
    other["sites"][0]["cgws"][0]["connections"] = [{}]
    with pytest.raises(S2SError) as err:
        plan.tunnel_keys(result, other)
    assert err.value.field.endswith("tunnels[1].pre_shared_key") and err.value.rule == "psk.reference"
    assert SECRET not in str(err.value)


def test_keys_are_placed_by_tunnel_slot():
    placed = psk.place([{"dpd_timeout_seconds": 40}], [None, SECRET])
    assert placed == [{"dpd_timeout_seconds": 40}, {"pre_shared_key": SECRET}]
    assert psk.place([{"pre_shared_key": "Own.key.1"}, {}], [None, None]) == [{"pre_shared_key": "Own.key.1"}, {}]
    assert psk.place(None, []) == []
