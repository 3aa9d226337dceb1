# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.filter.crypto_profile import crypto_profile
from ansible_collections.hybridvpn.s2s.plugins.filter.crypto_spell import crypto_spell
from ansible_collections.hybridvpn.s2s.plugins.filter.vpn_connection_args import vpn_connection_args
from ansible_collections.hybridvpn.s2s.plugins.filter.vpn_intent_errors import vpn_intent_errors
from ansible_collections.hybridvpn.s2s.plugins.filter.vpn_plan import vpn_plan


def test_vpn_plan_returns_the_plan(intent):
    assert len(vpn_plan(intent)["connections"]) == 3


def test_vpn_plan_refuses_a_cgw_that_cannot_offer_its_profile_before_anything_changes(intent):
    intent["sites"][1]["crypto_profile"] = "aws_default"   # r-junos and r-vyos; VyOS would need 192 IKE proposals
    with pytest.raises(AnsibleFilterError) as caught:
        vpn_plan(intent)
    assert "sites[1].cgws[1].tunnel_options.phase1_dh_group_numbers" in str(caught.value)
    assert "[ike_init.too_large]" in str(caught.value) and "sites[1].cgws[0]" not in str(caught.value)


def test_vpn_plan_refuses_a_required_ml_kem_round_no_platform_can_run(intent):
    """cnsa2 asks AWS for a required ML-KEM-1024 round; AWS accepts it, but no supported release of any platform
    runs RFC 9370 rounds, so the plan refuses every CGW of the site before AWS is changed, saying why per platform."""
    intent["sites"][1]["crypto_profile"] = "cnsa2"   # r-junos and r-vyos
    with pytest.raises(AnsibleFilterError) as caught:
        vpn_plan(intent)
    text = str(caught.value)
    for cgw, platform in ((0, "Junos 23.4"), (1, "VyOS 1.3 and 1.4")):
        assert "sites[1].cgws[%d].tunnel_options.phase1_additional_key_exchanges" % cgw in text
        assert platform in text
    assert "[cgw.additional_key_exchange]" in text and "37 (ML-KEM-1024)" in text and "sites[0]" not in text


def test_vpn_plan_fails_with_every_problem(intent):
    intent["sites"][0]["cgws"][0]["asn"] = 7224
    intent["gateways"][0]["ecmp"] = True
    with pytest.raises(AnsibleFilterError) as err:
        vpn_plan(intent)
    assert "asn.reserved" in str(err.value) and "gateway.ecmp_tgw_only" in str(err.value)


def test_intent_errors_as_data(intent):
    assert vpn_intent_errors(intent) == []
    intent["sites"][0]["cgws"][0]["platform"] = "eos"
    assert vpn_intent_errors(intent) == [{
        "field": "s2s_intent.sites[0].cgws[0].platform", "rule": "platform.unknown",
        "message": "unknown platform 'eos'; valid: ios, junos, vyos"}]


def test_spell_lists():
    assert crypto_spell(["AES256-GCM-16", "AES128"], "encryption", "ios", 2) == ["esp-gcm 256", "esp-aes 128"]


def test_spell_errors_become_filter_errors():
    with pytest.raises(AnsibleFilterError, match="not available on junos"):
        crypto_spell(22, "dh_group", "junos", 1)


def test_profile_with_device_proposals():
    profile = crypto_profile("cnsa1", "vyos")
    assert profile["tunnel_options"]["phase1_dh_group_numbers"] == [20]
    assert profile["device"]["ipsec_proposals"][0]["encryption"] == ["aes256gcm128"]
    with pytest.raises(AnsibleFilterError, match="valid"):
        crypto_profile("nope")


def test_connection_args_give_the_module_each_tunnel_its_own_intent_key(intent):
    """The single-connection module's arguments from a planned connection (docs/intent.md): each tunnel's key is
    the intent's key the plan refers to, tunnel 1's to tunnel 1, next to that tunnel's planned inside CIDR."""
    intent["sites"][0]["cgws"][0]["connections"] = [{"tunnels": [{"pre_shared_key": "first.key_1234"},
                                                                 {"pre_shared_key": "second.key_5678"}]}]
    conn = vpn_plan(intent)["connections"][0]
    options = vpn_connection_args(conn, "tunnel_options", intent=intent)
    assert [(t["pre_shared_key"], t["inside_cidr"]) for t in options] == [
        ("first.key_1234", conn["tunnels"][0]["inside_cidr"]), ("second.key_5678", conn["tunnels"][1]["inside_cidr"])]
    assert vpn_connection_args(conn, "connection_options")["tunnel_inside_ip_version"] == "ipv4"
    with pytest.raises(AnsibleFilterError):
        vpn_connection_args(conn, "no-such-part")


def test_state_commands_and_redact_filters():
    from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_redact import cgw_redact
    from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_state_commands import cgw_state_commands
    assert cgw_state_commands("vyos") == ["show vpn ipsec sa", "show ip bgp summary"]
    with pytest.raises(AnsibleFilterError, match="platform must be one of"):
        cgw_state_commands("eos")
    render = {"tunnels": [{"pre_shared_key": "Key.one_abcdefgh"}, {"pre_shared_key": "Key.two_abcdefgh"}]}
    assert cgw_redact("bad line: secret Key.two_abcdefgh", render) == "bad line: secret <key hidden>"
