# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import copy

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors, S2SError
from tests.unit.roles.role_render import DEVICE_PROFILES

STRICT = profiles.get("strict").tunnel_options()


def _conn(vpn="vpn-0a1b2c3d", options=None, **extra):
    conn = {
        "vpn_connection_id": vpn, "name": "lab-ios-vpn1", "cgw_asn": 65011, "amazon_side_asn": 64512,
        "local_address": "198.51.100.11", "gateway_type": "vgw", "routing": "bgp",
        "advertise": ["192.168.11.0/24"], "accept": ["10.10.0.0/16"],
        "tunnels": [
            {"index": i, "outside_ip": "203.0.113.%d" % (10 + i), "inside_cidr": "169.254.%d.0/30" % (40 + i),
             "aws_inside_ip": "169.254.%d.1" % (40 + i), "cgw_inside_ip": "169.254.%d.2" % (40 + i),
             "pre_shared_key": "Key.%d_abcdefgh" % i, "options": copy.deepcopy(options if options is not None else STRICT)}
            for i in (1, 2)],
    }
    conn.update(extra)
    return conn


def test_names_are_derived_from_the_connection_and_tunnel():
    data = render.build([_conn()], "ios")
    assert [t["name"] for t in data["tunnels"]] == ["S2S-0a1b2c3d-T1", "S2S-0a1b2c3d-T2"]
    assert [t["id"] for t in data["tunnels"]] == ["s2s:vpn-0a1b2c3d:1", "s2s:vpn-0a1b2c3d:2"]


def test_interface_numbers_are_stable_and_avoid_foreign_tunnels():
    first = render.build([_conn()], "ios")
    numbers = {t["id"]: t["number"] for t in first["tunnels"]}
    second = render.build([_conn("vpn-99"), _conn()], "ios", existing_numbers=numbers)
    assert {t["id"]: t["number"] for t in second["tunnels"] if t["id"] in numbers} == numbers
    foreign = render.build([_conn()], "ios", used_numbers=list(numbers.values()))
    assert not set(t["number"] for t in foreign["tunnels"]) & set(numbers.values())
    assert all(100 <= t["number"] < 1000 for t in second["tunnels"])


@pytest.mark.parametrize("platform", ["ios", "junos", "vyos"])
def test_device_proposals_are_within_the_aws_options(platform):
    data = render.build([_conn()], platform)
    tunnel = data["tunnels"][0]
    allowed = {vocab.to_dialect("encryption", e, platform, 1) for e in STRICT["phase1_encryption_algorithms"]}
    for prop in tunnel["ike_proposals"]:
        encs = prop["encryption"] if isinstance(prop["encryption"], list) else [prop["encryption"]]
        assert set(encs) <= allowed
    assert tunnel["pfs_group"] == vocab.to_dialect("dh_group", 20, platform, 2)
    assert tunnel["ike_version"] == vocab.to_dialect("ike_version", "ikev2", platform, 1)


def test_junos_gets_one_algorithm_per_proposal_and_no_hash_with_gcm():
    tunnel = render.build([_conn()], "junos")["tunnels"][0]
    assert {"encryption": "aes-256-gcm", "integrity": None, "dh_group": "group20", "aead": True} in tunnel["ike_proposals"]
    assert {"encryption": "aes-256-cbc", "integrity": "sha-384", "dh_group": "group21", "aead": False} in tunnel["ike_proposals"]
    assert {"encryption": "aes-256-gcm", "integrity": None, "aead": True} in tunnel["ipsec_proposals"]


def test_ios_transform_sets_are_capped_at_six():
    wide = dict(STRICT, phase2_encryption_algorithms=["AES128", "AES256"],
                phase2_integrity_algorithms=["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"])
    tunnel = render.build([_conn(options=wide)], "ios")["tunnels"][0]
    assert len(tunnel["ipsec_proposals"]) == registry.dialect_for("ios").max_esp_proposals


def test_bgp_defaults_follow_aws_samples():
    data = render.build([_conn()], "ios")
    n = data["bgp"]["neighbors"][0]
    assert (n["address"], n["remote_as"], n["keepalive"], n["hold"]) == ("169.254.41.1", 64512, 10, 30)
    assert n["maximum_prefix"] == 1000 and n["prepend"] == 0
    assert data["bgp"]["maximum_paths"] == 1
    assert data["tunnels"][0]["mtu"] == 1436 and data["tunnels"][0]["mss"] == 1379


def test_active_passive_prepends_and_lowers_preference_on_tunnel_two():
    data = render.build([_conn(redundancy="active_passive")], "vyos")
    first, second = data["bgp"]["neighbors"]
    assert (first["prepend"], first["local_preference"]) == (0, 100)
    assert (second["prepend"], second["local_preference"]) == (2, 90)


@pytest.mark.parametrize("redundancy", ["active_active", "active_passive"])
def test_a_drained_tunnel_is_the_less_preferred_one_and_its_partner_carries_the_traffic(redundancy):
    """Maintenance drain (issue 20): the drained tunnel gets the standby's prepend and local preference, its
    partner the active's, whatever the connection's redundancy; other connections are left as they are."""
    other = _conn("vpn-other", redundancy=redundancy)
    for tunnel in other["tunnels"]:
        tunnel["outside_ip"] = tunnel["outside_ip"].replace("203.0.113.", "192.0.2.")  # AWS's outside IPs are unique
    conns = [_conn(redundancy=redundancy), other]
    data = render.build(conns, "ios", settings={"drained": ["203.0.113.11"]})
    neighbors = {(n["connection"], n["address"]): (n["prepend"], n["local_preference"]) for n in data["bgp"]["neighbors"]}
    assert neighbors[("S2S-0a1b2c3d", "169.254.41.1")] == (2, 90)
    assert neighbors[("S2S-0a1b2c3d", "169.254.42.1")] == (0, 100)
    undrained = render.build(conns, "ios")
    assert [n for n in data["bgp"]["neighbors"] if n["connection"] == "S2S-other"] == \
        [n for n in undrained["bgp"]["neighbors"] if n["connection"] == "S2S-other"]


def test_tgw_ecmp_sets_maximum_paths_for_every_tunnel():
    conns = [_conn(gateway_type="tgw", ecmp=True), _conn("vpn-2", gateway_type="tgw", ecmp=True)]
    data = render.build(conns, "junos")
    assert data["bgp"]["maximum_paths"] == 4 and data["bgp"]["neighbors"][0]["maximum_prefix"] == 5000


def test_absent_connections_list_exactly_their_objects():
    data = render.build([_conn(), _conn("vpn-gone", state="absent")], "ios")
    assert data["remove"] == [{"vpn_connection_id": "vpn-gone", "names": ["S2S-gone-T1", "S2S-gone-T2"],
                               "tunnel_ids": ["s2s:vpn-gone:1", "s2s:vpn-gone:2"]}]
    assert all(t["vpn_connection_id"] == "vpn-0a1b2c3d" for t in data["tunnels"])


def test_static_routing_routes_the_aws_prefixes_over_both_tunnels():
    data = render.build([_conn(routing="static")], "ios")
    assert data["bgp"]["neighbors"] == []
    assert [(r["prefix"], r["next_hop"]) for r in data["static_routes"]] == [
        ("10.10.0.0/16", "169.254.41.1"), ("10.10.0.0/16", "169.254.42.1")]


def test_bad_input_names_the_field():
    with pytest.raises(IntentErrors) as err:
        render.build([_conn(), _conn("vpn-2", cgw_asn=65099)], "ios")
    assert err.value.errors[0].rule == "cgw.asn_mismatch"
    broken = _conn()
    broken["tunnels"].pop()
    with pytest.raises(IntentErrors) as err:
        render.build([broken], "eos")
    assert {e.rule for e in err.value.errors} == {"platform.unknown", "connection.tunnel_count"}


def test_behind_nat_binds_the_private_address_and_keeps_the_public_identity():
    tunnels = render.build([_conn(private_address="10.0.11.11")], "vyos")["tunnels"]
    assert [(t["bind_address"], t["local_address"]) for t in tunnels] == [("10.0.11.11", "198.51.100.11")] * 2
    assert {t["bind_address"] for t in render.build([_conn()], "vyos")["tunnels"]} == {"198.51.100.11"}


@pytest.mark.parametrize("private, rule", [("198.51.100.11", "cgw.private_ip_is_public"), ("224.0.0.5", "cgw.private_ip")])
def test_a_private_address_that_cannot_be_bound_names_the_field(private, rule):
    with pytest.raises(IntentErrors) as err:
        render.build([_conn(private_address=private)], "ios")
    assert [(e.field, e.rule) for e in err.value.errors] == [("cgw_connections[0].private_address", rule)]


def test_ipv6_outside_addresses_run_ike_between_ipv6_addresses_and_keep_the_inside_ipv4():
    """AWS's Ipv6 outside type (issue 19 item 6): the tunnels say so (the templates print the platform's IPv6 words)."""
    conn = _conn(local_address="2001:db8:51::11")
    for tunnel in conn["tunnels"]:
        tunnel["outside_ip"] = "2001:db8:ffff::1%d" % tunnel["index"]
    tunnels = render.build([conn], "junos")["tunnels"]
    assert [(t["outside_version"], t["bind_address"], t["peer_address"], t["local_inside_ip"]) for t in tunnels] == [
        (6, "2001:db8:51::11", "2001:db8:ffff::11", "169.254.41.2"), (6, "2001:db8:51::11", "2001:db8:ffff::12", "169.254.42.2")]
    assert {t["outside_version"] for t in render.build([_conn()], "junos")["tunnels"]} == {4}


def test_outside_addresses_of_two_families_name_the_tunnel():
    conn = _conn()
    conn["tunnels"][1]["outside_ip"] = "2001:db8:ffff::12"
    with pytest.raises(IntentErrors) as err:
        render.build([conn], "vyos")
    assert [(e.field, e.rule) for e in err.value.errors] == [("cgw_connections[0].tunnels[2].outside_ip", "cgw.outside_ip_family")]


def test_ikev1_only_tunnels_are_refused():
    with pytest.raises(vocab.VocabularyError, match="IKEv2"):
        render.build([_conn(options=dict(STRICT, ike_versions=["ikev1"]))], "ios")


def test_aws_defaults_give_platform_supported_proposals():
    data = render.build([_conn(options={})], "ios")  # AWS default: every algorithm allowed
    groups = data["tunnels"][0]["ike_proposals"][0]["dh_groups"]
    assert "17" not in groups and "2" in groups


@pytest.mark.parametrize("platform,text", [
    ("ios", "interface Tunnel7\n description uplink\n!\ninterface Tunnel345\n description s2s:vpn-0a:1 lab\n"
            " ip mtu 1436\n!\ninterface GigabitEthernet1\n description s2s:vpn-zz:9\n"),
    ("junos", "set interfaces st0 unit 7 family inet\nset interfaces st0 unit 345 description \"s2s:vpn-0a:1 lab\"\n"
              "set interfaces ge-0/0/0 description s2s:vpn-zz:9\n"),
    ("vyos", "set interfaces vti vti7 address '10.0.0.1/30'\nset interfaces vti vti345 description 's2s:vpn-0a:1 lab'\n"
             "set interfaces ethernet eth0 description 's2s:vpn-zz:9'\n"),
])
def test_discover_finds_owned_and_used_tunnel_numbers(platform, text):
    assert render.discover(text, platform) == {"owned": {"s2s:vpn-0a:1": 345}, "used": [7, 345], "prepended": []}


def test_tunnels_and_neighbors_name_their_connection():
    data = render.build([_conn()], "junos")
    assert {t["connection"] for t in data["tunnels"]} == {"S2S-0a1b2c3d"}
    assert {n["connection"] for n in data["bgp"]["neighbors"]} == {"S2S-0a1b2c3d"}


@pytest.mark.parametrize("name", DEVICE_PROFILES)
def test_junos_policies_stay_within_four_proposals_and_keep_every_algorithm_they_can(name):
    """Juniper documents up to four proposals per IKE policy (dialects/junos.py); the render keeps the four that offer
    the most of the profile's algorithms, strongest first, and every algorithm family of AWS's recommended sample."""
    options = profiles.get(name).tunnel_options()
    tunnel = render.build([_conn(options=options)], "junos")["tunnels"][0]
    limit = registry.dialect_for("junos").max_policy_proposals
    assert limit == 4
    assert 1 <= len(tunnel["ike_proposals"]) <= limit and 1 <= len(tunnel["ipsec_proposals"]) <= limit
    if name == "recommended":
        offered = {key: {p[key] for p in tunnel["ike_proposals"]} for key in ("encryption", "integrity", "dh_group")}
        assert {"aes-256-cbc", "aes-256-gcm"} <= offered["encryption"] and {"sha-256", "sha-384"} <= offered["integrity"]
        assert {"group14", "group19", "group20"} <= offered["dh_group"]


def test_within_limit_keeps_the_order_and_covers_before_it_fills():
    props = [{"e": "a", "d": 1}, {"e": "a", "d": 2}, {"e": "a", "d": 3}, {"e": "b", "d": 1}, {"e": "c", "d": 4}]
    # the first (two new), then the one adding two more (c, 4), then the earliest adding one: in their order
    assert render.within_limit(props, 3) == [props[0], props[1], props[4]]
    same = [{"e": "a"}, {"e": "a"}, {"e": "a"}]
    assert render.within_limit(same, 2) == same[:2]          # nothing more to offer: the next in order fills
    assert render.within_limit(props, 9) is props and render.within_limit(props, None) is props


@pytest.mark.parametrize("platform", registry.platforms())
def test_a_required_additional_key_exchange_is_refused_with_the_platforms_reason(platform):
    """AWS brings the tunnel up only if the CGW runs the round; no supported release of any platform does."""
    with pytest.raises(S2SError) as err:
        render.build([_conn(options=profiles.get("cnsa2").tunnel_options())], platform)
    assert (err.value.rule, err.value.field) == (render.KEX_RULE, "vpn-0a1b2c3d.tunnels[1].phase1_additional_key_exchanges")
    assert registry.dialect_for(platform).no_additional_key_exchanges in str(err.value)


def test_an_optional_round_is_left_to_aws():
    optional = [{"round": 1, "methods": [37], "requirement": "optional"}]
    options = dict(STRICT, phase1_additional_key_exchanges=optional, phase2_additional_key_exchanges=optional)
    assert render.build([_conn(options=options)], "vyos")["tunnels"][0]["ike_proposals"]
