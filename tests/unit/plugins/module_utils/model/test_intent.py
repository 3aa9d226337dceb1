# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent as intent_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors

SECRET = "Unl1kely.Secret_Value_42"


def _errors(intent):
    """The whole validation: the intent's structure and (in the plan, where they are merged) the tunnel options."""
    with pytest.raises(IntentErrors) as err:
        plan.validate(intent)
    return err.value


def _cgw(intent, site=0, cgw=0):
    return intent["sites"][site]["cgws"][cgw]


def test_valid_intent_gets_defaults(intent):
    data = intent_model.validate(intent)
    assert data["crypto_profile"] == "recommended"
    assert data["gateways"][0]["amazon_side_asn"] == 64512
    assert data["gateways"][1]["ecmp"] is True and data["gateways"][0]["ecmp"] is False
    assert data["sites"][0]["routing"] == "bgp"
    assert data["sites"][0]["cgws"][0]["connections"] == [{"tunnels": []}]


BREAKERS = [
    ("cgw asn equals amazon asn", lambda i: _cgw(i).update(asn=64512), "sites[0].cgws[0].asn", "asn.equals_amazon"),
    ("reserved asn", lambda i: _cgw(i).update(asn=7224), "sites[0].cgws[0].asn", "asn.reserved"),
    ("regional reserved asn", lambda i: (i.update(region="ap-southeast-1"), _cgw(i).update(asn=17943)),
     "sites[0].cgws[0].asn", "asn.reserved"),
    ("asn range", lambda i: _cgw(i).update(asn=0), "sites[0].cgws[0].asn", "asn.range"),
    ("amazon asn range", lambda i: i["gateways"][0].update(amazon_side_asn=65535), "gateways[0].amazon_side_asn",
     "asn.amazon_range"),
    ("unknown platform", lambda i: _cgw(i).update(platform="eos"), "sites[0].cgws[0].platform", "platform.unknown"),
    ("duplicate cgw ip", lambda i: _cgw(i, 1, 1).update(public_ip="198.51.100.21"), "sites[1].cgws[1].public_ip",
     "cgw.duplicate_ip"),
    ("bad ip", lambda i: _cgw(i).update(public_ip="300.1.1.1"), "sites[0].cgws[0].public_ip", "cgw.public_ip"),
    ("bad private ip", lambda i: _cgw(i).update(private_ip="10.0.0.300"), "sites[0].cgws[0].private_ip", "cgw.private_ip"),
    ("ipv6 private ip", lambda i: _cgw(i).update(private_ip="fd00::11"), "sites[0].cgws[0].private_ip", "cgw.private_ip"),
    ("private ip no host", lambda i: _cgw(i).update(private_ip="0.0.0.0"), "sites[0].cgws[0].private_ip", "cgw.private_ip"),
    ("private ip is public", lambda i: _cgw(i).update(private_ip=_cgw(i)["public_ip"]), "sites[0].cgws[0].private_ip",
     "cgw.private_ip_is_public"),
    ("dpd below 30", lambda i: _cgw(i).update(tunnel_options={"dpd_timeout_seconds": 20}),
     "sites[0].cgws[0].tunnel_options.dpd_timeout_seconds", "tunnel_option.range"),
    ("phase2 >= phase1", lambda i: _cgw(i).update(tunnel_options={"phase1_lifetime_seconds": 3600}),
     "sites[0].cgws[0].tunnel_options.phase2_lifetime_seconds", "tunnel_option.lifetime_order"),
    ("rekey margin", lambda i: _cgw(i).update(tunnel_options={"rekey_margin_time_seconds": 1801}),
     "sites[0].cgws[0].tunnel_options.rekey_margin_time_seconds", "tunnel_option.rekey_margin"),
    ("weak under strict", lambda i: _cgw(i, 1).update(tunnel_options={"phase2_integrity_algorithms": ["SHA1"]}),
     "sites[1].cgws[0].tunnel_options.phase2_integrity_algorithms", "profile.weak_algorithm"),
    ("reserved inside cidr", lambda i: _cgw(i).update(connections=[{"tunnels": [{"inside_cidr": "169.254.169.252/30"}]}]),
     "sites[0].cgws[0].connections[0].tunnels[0].inside_cidr", "inside_cidr.reserved"),
    ("duplicate inside cidr", lambda i: (_cgw(i, 1, 0).update(connections=[{"tunnels": [{"inside_cidr": "169.254.9.0/30"}]}]),
                                         _cgw(i, 1, 1).update(connections=[{"tunnels": [{"inside_cidr": "169.254.9.0/30"}]}])),
     "sites[1].cgws[1].connections[0].tunnels[0].inside_cidr", "inside_cidr.duplicate"),
    ("three tunnels", lambda i: _cgw(i).update(connections=[{"tunnels": [{}, {}, {}]}]),
     "sites[0].cgws[0].connections[0].tunnels", "connection.tunnel_count"),
    ("prefix quota", lambda i: i["sites"][0].update(prefixes=["10.%d.%d.0/24" % (n // 256, n % 256) for n in range(101)]),
     "sites[0].prefixes", "quota.routes_to_aws"),
    ("static quota", lambda i: i["sites"][0].update(routing="static", prefixes=["10.%d.0.0/24" % n for n in range(101)]),
     "sites[0].prefixes", "quota.routes_to_aws"),
    ("ecmp on vgw", lambda i: i["gateways"][0].update(ecmp=True), "gateways[0].ecmp", "gateway.ecmp_tgw_only"),
    ("acceleration on vgw", lambda i: _cgw(i).update(connection_options={"enable_acceleration": True}),
     "sites[0].cgws[0].connection_options.enable_acceleration", "connection.acceleration_tgw_only"),
    ("large bandwidth on vgw", lambda i: _cgw(i).update(connection_options={"tunnel_bandwidth": "large"}),
     "sites[0].cgws[0].connection_options.tunnel_bandwidth", "connection.bandwidth_tgw_only"),
    ("unknown gateway", lambda i: i["sites"][0].update(gateway="nope"), "sites[0].gateway", "site.gateway_unknown"),
    ("unknown profile", lambda i: i["sites"][0].update(crypto_profile="paranoid"), "sites[0].crypto_profile",
     "profile.unknown"),
    ("bad prefix", lambda i: i["sites"][0].update(prefixes=["192.168.1.1/24"]), "sites[0].prefixes[0]", "prefix.syntax"),
    ("duplicate site", lambda i: i["sites"].append(dict(i["sites"][0], cgws=[])), "sites[2].name", "site.duplicate"),
    ("missing field", lambda i: _cgw(i).pop("asn"), "sites.cgws", "schema.required"),
    ("unknown tunnel option", lambda i: _cgw(i).update(tunnel_options={"dpd_timeout": 30}), "", "schema.unsupported"),
    ("vgw connection quota", lambda i: _cgw(i).update(connections=[{}] * 11), "gateways.vgw-a",
     "quota.connections_per_vgw"),
]


@pytest.mark.parametrize("breaker,field,rule", [b[1:] for b in BREAKERS], ids=[b[0] for b in BREAKERS])
def test_each_rule_names_field_and_rule(intent, breaker, field, rule):
    breaker(intent)
    found = [(e.field, e.rule) for e in _errors(intent).errors]
    assert any(r == rule and f.startswith("s2s_intent") and field in f for f, r in found), found


def test_all_problems_are_reported_at_once(intent):
    _cgw(intent).update(asn=7224, platform="eos")
    intent["gateways"][0]["ecmp"] = True
    assert len(_errors(intent).errors) == 3


def test_psk_errors_never_echo_the_key(intent):
    bad = "0" + SECRET
    _cgw(intent).update(connections=[{"tunnels": [{"pre_shared_key": bad}, {"pre_shared_key": SECRET + "-"}]}])
    err = _errors(intent)
    assert {e.rule for e in err.errors} >= {"psk.leading_zero", "psk.charset"}
    assert SECRET not in str(err)


def test_psk_reuse_breaks_the_profiles_rule_without_the_key(intent):
    _cgw(intent).update(connections=[{"tunnels": [{"pre_shared_key": SECRET}, {"pre_shared_key": SECRET}]}])
    err = _errors(intent)
    assert [(e.field, e.rule) for e in err.errors] == [
        ("s2s_intent.sites[0].cgws[0].connections[0].tunnels[1].pre_shared_key", "profile.distinct_keys")]
    assert "allow_psk_reuse" in str(err) and "recommended" in str(err)
    assert SECRET not in str(err)


def test_psk_reuse_is_the_collections_rule_so_the_intent_can_allow_it(intent):
    """AWS accepts one key on both tunnels: the rule is the profiles', and overridable."""
    _cgw(intent).update(connections=[{"tunnels": [{"pre_shared_key": SECRET}, {"pre_shared_key": SECRET}]}])
    plan.validate(dict(intent, allow_psk_reuse=True))
    intent["sites"][0]["crypto_profile"] = "aws_default"  # describes AWS: no such rule
    plan.validate(intent)


def test_inherited_problems_are_reported_once(intent):
    _cgw(intent).update(tunnel_options={"dpd_timeout_seconds": 5},
                        connections=[{"tunnels": [{"replay_window_size": 128}, {}]}])
    assert [e.rule for e in _errors(intent).errors] == ["tunnel_option.range"]


def test_options_are_judged_with_the_profile_applied(intent):
    _cgw(intent).update(tunnel_options={"startup_action": "start"})
    plan.validate(intent)  # recommended proposes IKEv2 only: AWS accepts 'start'
    intent["sites"][0]["crypto_profile"] = "aws_default"  # leaves IKEv1 allowed
    assert [e.rule for e in _errors(intent).errors] == ["tunnel_option.startup_ikev2"]


def test_a_key_belongs_to_one_tunnel(intent):
    _cgw(intent).update(tunnel_options={"pre_shared_key": SECRET})
    err = _errors(intent)
    assert [(e.field, e.rule) for e in err.errors] == [("s2s_intent.sites[0].cgws[0].tunnel_options.pre_shared_key",
                                                        "psk.per_tunnel")]
    assert SECRET not in str(err)


def test_a_concentrator_is_a_tgw_option_for_bgp_sites(intent):
    intent["gateways"][1]["concentrator"] = True
    plan.validate(intent)
    intent["gateways"][0]["concentrator"] = True
    intent["sites"][1].update(routing="static", redundancy="active_passive")  # static ECMP has its own rule
    assert [(e.field, e.rule) for e in _errors(intent).errors] == [
        ("s2s_intent.gateways[0].concentrator", "gateway.concentrator_tgw_only"),
        ("s2s_intent.sites[1].routing", "routing.concentrator_needs_bgp")]


def test_a_cloudwan_gateway_is_a_core_network_for_bgp_sites_without_acceleration(intent):
    intent["gateways"][1].update(type="cloudwan", core_network_id="core-network-0123456789abcdef0", segment="sites",
                                 attachment_tags={"segment": "sites"})
    gateway = plan.build(intent)["connections"][-1]["gateway"]
    assert (gateway["type"], gateway["core_network_id"], gateway["segment"], gateway["ecmp"]) == \
        ("cloudwan", "core-network-0123456789abcdef0", "sites", True)
    intent["gateways"][1]["core_network_id"] = "cn-0123"
    intent["gateways"][0]["segment"] = "sites"
    intent["sites"][1].update(routing="static", redundancy="active_passive")
    _cgw(intent, 1).update(connection_options={"enable_acceleration": True})
    assert [(e.field, e.rule) for e in _errors(intent).errors] == [
        ("s2s_intent.gateways[0].segment", "gateway.cloudwan_only"),
        ("s2s_intent.gateways[1].core_network_id", "gateway.core_network_id"),
        ("s2s_intent.sites[1].routing", "routing.cloudwan_needs_bgp"),
        ("s2s_intent.sites[1].cgws[0].connection_options.enable_acceleration", "connection.acceleration_tgw_only")]


def test_cloudwan_connections_count_against_the_unassociated_quota(intent):
    intent["gateways"][1].update(type="cloudwan", core_network_id="core-network-0123456789abcdef0")
    _cgw(intent, 1).update(connections=[{}] * 11)
    del intent["gateways"][1]["core_network_id"]
    assert [(e.field, e.rule) for e in _errors(intent).errors] == [
        ("s2s_intent.gateways[1].core_network_id", "gateway.core_network_required"),
        ("s2s_intent.sites", "quota.unassociated_per_region")]
