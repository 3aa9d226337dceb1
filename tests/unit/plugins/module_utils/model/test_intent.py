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
    ("ipv6 outside on vgw", lambda i: _cgw(i).update(public_ip="2001:db8:1::11", connection_options={"outside_ip_address_type": "Ipv6"}),
     "sites[0].cgws[0].connection_options.outside_ip_address_type", "connection.outside_tgw_only"),
    ("ipv6 outside, ipv4 cgw", lambda i: _cgw(i, 1).update(connection_options={"outside_ip_address_type": "Ipv6"}),
     "sites[1].cgws[0].public_ip", "cgw.outside_ip_family"),
    ("ipv6 cgw, ipv4 outside", lambda i: _cgw(i, 1).update(public_ip="2001:db8:1::21"), "sites[1].cgws[0].public_ip",
     "cgw.outside_ip_family"),
    ("private ip vpn, public cgw", lambda i: _cgw(i, 1).update(connection_options=_private_ip()),
     "sites[1].cgws[0].public_ip", "cgw.outside_ip_private"),
    ("private ip vpn without transport", lambda i: _cgw(i, 1).update(
        outside_ip="10.30.0.1", connection_options={"outside_ip_address_type": "PrivateIpv4"}),
     "sites[1].cgws[0].connection_options.transport_transit_gateway_attachment_id", "connection.private_ip_transport"),
    ("transport without private ip vpn", lambda i: _cgw(i, 1).update(
        connection_options={"transport_transit_gateway_attachment_id": "tgw-attach-0dx"}),
     "sites[1].cgws[0].connection_options.transport_transit_gateway_attachment_id", "connection.private_ip_transport"),
    ("private ip vpn accelerated", lambda i: _cgw(i, 1).update(
        public_ip="10.30.0.1", connection_options=dict(_private_ip(), enable_acceleration=True)),
     "sites[1].cgws[0].connection_options.enable_acceleration", "connection.private_ip_accelerated"),
    ("nat with ipv6 outside", lambda i: _cgw(i, 1).update(
        public_ip="2001:db8:1::21", private_ip="10.0.0.5", connection_options={"outside_ip_address_type": "Ipv6"}),
     "sites[1].cgws[0].private_ip", "cgw.private_ip_nat_public_only"),
    ("vgw connection quota", lambda i: _cgw(i).update(connections=[{}] * 11), "gateways.vgw-a",
     "quota.connections_per_vgw"),
]


def _private_ip():
    return {"outside_ip_address_type": "PrivateIpv4", "transport_transit_gateway_attachment_id": "tgw-attach-0dx"}


def test_ipv6_and_private_ip_outside_addresses_reach_the_plan(intent):
    """Issue 19 item 6: an IPv6 CGW (outside_ip, the alias of public_ip) and a private IP VPN over Direct Connect."""
    _cgw(intent, 1, 0).update(public_ip="2001:db8:1::21", connection_options={"outside_ip_address_type": "Ipv6"})
    _cgw(intent, 1, 1).pop("public_ip")
    _cgw(intent, 1, 1).update(outside_ip="100.64.0.22", connection_options=_private_ip())
    by_cgw = {c["cgw"]["name"]: c for c in plan.build(intent)["connections"]}
    assert by_cgw["r-junos"]["cgw"]["public_ip"] == "2001:db8:1::21"
    assert by_cgw["r-junos"]["options"]["outside_ip_address_type"] == "Ipv6"
    assert by_cgw["r-vyos"]["cgw"]["public_ip"] == "100.64.0.22"
    assert by_cgw["r-vyos"]["options"]["transport_transit_gateway_attachment_id"] == "tgw-attach-0dx"


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


ROLE = "arn:aws:iam::222222222222:role/s2s-network"


def test_gateways_name_their_region_and_account_and_the_plan_carries_them(intent):
    intent["accounts"] = {"network": ROLE}
    intent["gateways"][1].update(region="eu-west-1", account="network")
    planned = plan.build(intent)
    where = {c["key"]: (c["gateway"]["region"], c["gateway"]["account_role_arn"]) for c in planned["connections"]}
    assert where == {"br1/r-ios/1": ("us-east-1", None), "dc/r-junos/1": ("eu-west-1", ROLE), "dc/r-vyos/1": ("eu-west-1", ROLE)}
    intent["gateways"][1].update(account=None, account_role_arn=ROLE)
    assert plan.build(intent)["connections"][1]["gateway"]["account_role_arn"] == ROLE


def test_bad_regions_and_accounts_are_refused_by_field_and_rule(intent):
    intent["accounts"] = {"network": ROLE, "broken": "arn:aws:iam::2222:role/short-account"}
    intent["gateways"][0].update(region="Europe", account="nowhere")
    intent["gateways"][1].update(account="network", account_role_arn=ROLE)
    assert sorted((e.field, e.rule) for e in _errors(intent).errors) == [
        ("s2s_intent.accounts.broken", "account.role_arn"),
        ("s2s_intent.gateways[0].account", "gateway.account_unknown"),
        ("s2s_intent.gateways[0].region", "gateway.region"),
        ("s2s_intent.gateways[1].account", "gateway.account_twice")]


def test_region_rules_follow_the_gateways_region(intent):
    intent["gateways"][0]["region"] = "eu-west-1"
    _cgw(intent).update(asn=9059)  # reserved by AWS in eu-west-1 only
    assert [(e.field, e.rule) for e in _errors(intent).errors] == [("s2s_intent.sites[0].cgws[0].asn", "asn.reserved")]
    intent["gateways"][0]["region"] = "us-east-1"
    plan.validate(intent)


def test_region_quotas_count_per_account_and_region(intent):
    # 30 connections on each TGW: 60 in one Region break the quota of 50, 30 in each of two Regions do not.
    intent["gateways"].append(dict(intent["gateways"][1], name="tgw-b"))
    intent["sites"].append({"name": "dc2", "gateway": "tgw-b", "prefixes": ["192.168.30.0/24"],
                            "cgws": [{"name": "r-dc2", "public_ip": "198.51.100.31", "asn": 65030, "platform": "vyos"}]})
    _cgw(intent, 1, 0).update(connections=[{}] * 30)
    _cgw(intent, 2, 0).update(connections=[{}] * 30)
    assert [e.rule for e in _errors(intent).errors] == ["quota.connections_per_region"]
    intent["gateways"][2]["account_role_arn"] = ROLE  # the same Region in another account
    plan.validate(intent)
    intent["gateways"][2].update(account_role_arn=None, region="us-west-2")
    plan.validate(intent)


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
