# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE reader on the IKE layouts real configs use: IKEv1 (AWS's own sample), isakmp defaults, keyrings with
several peers, IKEv1 accepted beside IKEv2, smart defaults, crypto maps."""

from __future__ import annotations

import os

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "fixtures", "compliance-corpus")
SALT = "s"


def _parse(text):
    return load.parse(text, load.Source(name="r1", platform="ios", psk_salt=SALT))


def _fp(key):
    return psk.fingerprint(key, SALT)


TUNNELS = """
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile P1
interface Tunnel2
 ip address 169.254.10.6 255.255.255.252
 tunnel destination 203.0.113.11
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile P2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
"""


IKEV2_TUNNELS = """crypto ipsec profile P1
 set transform-set TS
 set ikev2-profile AWS
crypto ipsec profile P2
 set transform-set TS
 set ikev2-profile AWS
""" + TUNNELS


def test_aws_ikev1_sample_reads_as_ikev1_with_its_policy_keys_per_peer_and_keepalive_as_dpd():
    with open(os.path.join(CORPUS, "aws-docs-cisco-ios-nobgp.cfg"), encoding="utf-8") as handle:
        model = _parse(handle.read())
    t1, t2 = model["tunnels"]
    for tunnel, peer in ((t1, "205.251.233.121"), (t2, "205.251.233.122")):
        crypto = tunnel["crypto"]
        assert tunnel["peer"] == peer and crypto["ike_version"] == "ikev1"
        assert {(p["encryption"][0], p["integrity"][0], p["dh_groups"][0]) for p in crypto["ike_proposals"]} == {("AES128", "SHA1", 2)}
        assert crypto["ike_lifetime"] == 28800 and crypto["pfs"] == 2
        assert crypto["dpd"] == {"interval": 10, "retry_interval": 10, "mode": "on-demand"}
        assert crypto["psk"]["fingerprint"] == _fp("PASSWORD")
    assert t1["crypto"]["isakmp_profile"] == "isakmp-vpn-1a2b3c4d-0" and t2["crypto"]["isakmp_profile"] == "isakmp-vpn-1a2b3c4d-1"


def test_an_isakmp_policy_field_left_out_takes_the_ios_default_suite():
    model = _parse("crypto isakmp policy 10\n authentication pre-share\ncrypto isakmp key 0 Abc.def_123 address 203.0.113.10\n"
                   "crypto ipsec profile P1\n set transform-set TS\n" + TUNNELS)
    [policy] = model["tunnels"][0]["crypto"]["ike_proposals"]
    assert (policy["encryption"], policy["integrity"], policy["dh_groups"], policy["lifetime"]) == (["DES"], ["SHA1"], [1], 86400)
    assert policy["defaults"] == ["encryption", "group", "hash", "lifetime"]
    assert model["tunnels"][0]["crypto"]["psk"]["fingerprint"] == _fp("Abc.def_123")
    assert model["tunnels"][0]["crypto"]["dpd"] is None  # no keepalive anywhere


def test_one_ikev2_keyring_with_a_peer_per_tunnel_gives_each_tunnel_its_own_key():
    model = _parse("""crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group 20
crypto ikev2 policy POL
 proposal PROP
crypto ikev2 keyring KR
 peer AWS-T1
  address 203.0.113.10
  pre-shared-key Key.One_1234567890abcdef
 peer AWS-T2
  address 203.0.113.11 255.255.255.255
  pre-shared-key Key.Two_1234567890abcdef
crypto ikev2 profile AWS
 match identity remote address 203.0.113.10 255.255.255.255
 match identity remote address 203.0.113.11 255.255.255.255
 keyring local KR
""" + IKEV2_TUNNELS)
    t1, t2 = model["tunnels"]
    assert t1["crypto"]["psk"]["fingerprint"] == _fp("Key.One_1234567890abcdef")
    assert t2["crypto"]["psk"]["fingerprint"] == _fp("Key.Two_1234567890abcdef")
    assert t1["crypto"]["also_accepts"] == []


def test_an_isakmp_key_for_the_ikev2_peer_means_ikev1_is_accepted_too():
    model = _parse("""crypto isakmp policy 5
 encryption 3des
 hash md5
 authentication pre-share
 group 2
crypto keyring LEGACY
 pre-shared-key address 203.0.113.0 255.255.255.0 key 0 Old.Key_123
crypto ikev2 keyring KR
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB
crypto ikev2 profile AWS
 match identity remote address 0.0.0.0
 keyring local KR
""" + IKEV2_TUNNELS)
    crypto = model["tunnels"][0]["crypto"]
    assert crypto["ike_version"] == "ikev2" and crypto["also_accepts"] == ["ikev1"]
    # no IKEv2 policy: the router offers its smart-default proposal
    assert [p["name"] for p in crypto["ike_proposals"]] == ["default"] and 5 in crypto["ike_proposals"][0]["dh_groups"]
    assert crypto["psk"]["strength"] is None  # a type 6 key is stored encrypted: its strength cannot be read


def test_crypto_map_entries_keep_their_transform_sets_and_peers():
    model = _parse("crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set PARTNER TS\n set pfs group14\n"
                   " match address 101\n" + TUNNELS)
    [entry] = model["ipsec"]["crypto_maps"]
    assert (entry["name"], entry["seq"], entry["peers"], entry["proposals"], entry["pfs"]) == ("VPN", 10, ["192.0.2.1"], ["PARTNER", "TS"], 14)
