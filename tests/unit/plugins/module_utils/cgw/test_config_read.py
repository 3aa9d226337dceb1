# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped device config parsers read config text into the canonical model."""

from __future__ import annotations

import os

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab

from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils.compliance_corpus import DIR


def _model(path, platform):
    with open(os.path.join(DIR, path), encoding="utf-8") as handle:
        return load.parse(handle.read(), load.Source(name="r1", platform=platform, psk_salt="s"))


def test_ios_running_config_resolves_each_tunnel_crypto_in_canonical_names():
    model = _model("ios/compliant.cfg", "ios")
    assert model["hostname"] == "cgw-ios"
    t1 = model["tunnels"][0]
    assert (t1["name"], t1["peer"], t1["inside_address"]) == ("Tunnel1", "203.0.113.10", "169.254.10.2/30")
    crypto = t1["crypto"]
    assert crypto["ike_proposals"][0]["encryption"] == ["AES256"] and crypto["ike_proposals"][0]["dh_groups"] == [20]
    assert crypto["ipsec_proposals"][0]["integrity"] == ["SHA2-256"] and crypto["pfs"] == 20
    assert crypto["dpd"] == {"interval": 10, "retry_interval": 10, "mode": "on-demand"}
    assert set(crypto["psk"]) == {"fingerprint", "strength"} and crypto["psk"]["strength"]["length"] == 24
    assert model["bgp"]["neighbors"][0]["maximum_prefix"] == 100


def test_junos_display_set_with_quoted_key_and_gcm_esp():
    model = _model("junos/compliant.set", "junos")
    crypto = model["tunnels"][1]["crypto"]
    assert model["tunnels"][1]["peer"] == "203.0.113.21"
    assert crypto["ike_version"] == "ikev2" and crypto["ipsec_proposals"][0]["encryption"] == ["AES256-GCM-16"]
    assert model["bgp"]["neighbors"][0]["maximum_prefix"] == 100 and model["bgp"]["local_as"] == 65020


def test_vyos_commands_with_single_quotes():
    model = _model("vyos/compliant.set", "vyos")
    crypto = model["tunnels"][0]["crypto"]
    assert crypto["ike_proposals"][0]["encryption"] == ["AES256-GCM-16"] and crypto["pfs"] == 20
    # each `proposal N` entry kept as it stands: VyOS offers them one by one
    assert crypto["ike_proposals"][0]["entries"] == [{"encryption": ["AES256-GCM-16"], "integrity": ["SHA2-384"], "dh_groups": [20]}]
    assert model["bgp"]["neighbors"][0]["keepalive"] == 10


def test_every_algorithm_word_goes_through_crypto_vocab():
    with pytest.raises(crypto_vocab.VocabularyError, match="unknown encryption 'aes-cbc-999'"):
        load.parse("crypto ikev2 proposal P\n encryption aes-cbc-999\n", load.Source(name="r1", platform="ios"))


@pytest.mark.parametrize("text, platform, words", [
    ("delete security ike\n", "junos", "line 1: expected a 'set' command"),
    ("set system host-name 'open\n", "vyos", "line 1"),
    ("hostname r1\n", "eos", "platform 'eos' is not supported"),
])
def test_unreadable_text_names_platform_and_line(text, platform, words):
    with pytest.raises(load.DeviceConfigError, match=words):
        load.parse(text, load.Source(name="r1", platform=platform))


def test_pasted_ios_config_merges_repeated_router_bgp_blocks_and_reads_classful_networks():
    text = ("router bgp 65011\n neighbor 169.254.1.1 remote-as 64512\n address-family ipv4 unicast\n  network 0.0.0.0\n"
            "router bgp 65011\n neighbor 169.254.2.1 remote-as 64512\n address-family ipv4 unicast\n  network 10.0.0.0\n"
            "  network 192.168.5.0 mask 255.255.255.0\n")
    bgp = load.parse(text, load.Source(name="r1", platform="ios"))["bgp"]
    assert [n["address"] for n in bgp["neighbors"]] == ["169.254.1.1", "169.254.2.1"]
    assert bgp["networks"] == ["0.0.0.0/0", "10.0.0.0/8", "192.168.5.0/24"]


def test_junos_interface_unit_shorthand_reads_as_the_unit():
    text = ("set interfaces st0.1 family inet address 169.254.1.2/30\n"
            "set security ipsec vpn V bind-interface st0.1\n")
    model = load.parse(text, load.Source(name="r1", platform="junos"))
    assert [(t["name"], t["inside_address"]) for t in model["tunnels"]] == [("st0.1", "169.254.1.2/30")]


def test_junos_several_leaves_on_one_line_read_as_display_set():
    text = ("set security ike gateway G address 203.0.113.1\n"
            "set security ike gateway G dead-peer-detection interval 10 threshold 3\n")
    gateway = load.parse(text, load.Source(name="r1", platform="junos"))["ike"]["gateways"][0]
    assert gateway["dpd"] == {"interval": 10, "threshold": 3}


def test_junos_deactivated_statements_are_not_active_config():
    with open(os.path.join(DIR, "junos", "compliant.set"), encoding="utf-8") as handle:
        text = handle.read()
    text += "deactivate security ike gateway AWS-GW2\ndeactivate interfaces st0.1 family inet address 169.254.20.2/30\n"
    model = load.parse(text, load.Source(name="r1", platform="junos", psk_salt="s"))
    st1, st2 = model["tunnels"]
    assert st1["inside_address"] is None and st1["peer"] == "203.0.113.20"
    assert st2["peer"] is None  # its gateway is inactive: Junos has no peer for st0.2


def _ios_text(text):
    return load.parse(text, load.Source(name="r1", platform="ios", psk_salt="s"))


def test_ios_everyday_lines_a_router_prints_beside_the_vpn():
    """Found by the twins' own reader (tests/unit/lab/test_twin_model_vs_product.py, issue 15): a prefix-list's
    description is no entry, and a secondary address is not the interface's address."""
    model = _ios_text("ip prefix-list LAN description the branch LAN\nip prefix-list LAN seq 5 permit 192.168.0.0/16 le 24\n"
                      "interface GigabitEthernet2\n ip address 10.9.0.1 255.255.255.0\n"
                      " ip address 10.9.1.1 255.255.255.0 secondary\n")
    assert model["prefix_lists"] == {"LAN": [{"seq": 5, "action": "permit", "prefix": "192.168.0.0/16", "ge": None, "le": 24}]}
    assert model["interfaces"] == [{"name": "GigabitEthernet2", "address": "10.9.0.1/24", "enabled": True}]


@pytest.mark.parametrize("transforms", ["esp-aes 192 esp-sha-hmac", "esp-gmac 256", "esp-seal"])
def test_an_esp_transform_the_vocabulary_cannot_name_stops_the_reader_instead_of_a_wrong_reading(transforms):
    with pytest.raises(crypto_vocab.VocabularyError):
        _ios_text("crypto ipsec transform-set TS %s\n mode tunnel\n" % transforms)
