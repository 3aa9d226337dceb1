# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE twin starts from IOS-XE's IKEv2 smart defaults and ignores a keyring peer for another address, in its
own model and in what the lab's dataplane_sync hands strongSwan (lab/device_twins/iosike.py, issue 16)."""

from __future__ import annotations

import json

from lab.dataplane_sync import cgw_side
from lab.device_twins import iosike, ios
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk
from lab.device_twins.iostree import IosConfig
from lab.device_twins.spec import TwinSpec

SALT = "salt"
KEY = "Tunnel.key_0001"
CGW, AWS = "198.51.100.11", "203.0.113.11"


def _config(text):
    """An IOS running-config text (one space per level) as the twin's tree."""
    root = []
    stack = [root]
    for line in text.strip("\n").splitlines():
        depth = len(line) - len(line.lstrip(" "))
        node = [line.strip(), []]
        del stack[depth + 1:]
        stack[depth].append(node)
        stack.append(node[1])
    return IosConfig(root)


def _running(policy_local=CGW, peer_address=AWS, mask=""):
    return _config("""
crypto ikev2 proposal P1
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 match address local %s
 proposal P1
crypto ikev2 keyring K
 peer AWS
  address %s%s
  pre-shared-key %s
crypto ikev2 profile PROF
 match identity remote address %s 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local K
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile IPSEC
 set transform-set TS
 set pfs group14
 set ikev2-profile PROF
interface Tunnel1
 ip address 169.254.41.2 255.255.255.252
 tunnel source %s
 tunnel mode ipsec ipv4
 tunnel destination %s
 tunnel protection ipsec profile IPSEC
""" % (policy_local, peer_address, mask, KEY, AWS, CGW, AWS))


def _tunnel(config):
    (tunnel,) = ios.model(config, TwinSpec(name="r1", platform="ios", port=0, psk_salt=SALT))["tunnels"]
    return tunnel["crypto"]


def test_a_policy_matching_the_local_address_offers_its_proposals_and_the_peer_key_is_used():
    crypto = _tunnel(_running())
    assert [p["name"] for p in crypto["ike_proposals"]] == ["P1"]
    assert crypto["psk"] == {"fingerprint": psk.fingerprint(KEY, SALT)}


def test_no_policy_for_the_local_address_leaves_the_smart_default_policy_and_proposal():
    crypto = _tunnel(_running(policy_local="198.51.100.99"))
    (default,) = crypto["ike_proposals"]
    assert default["name"] == "default"
    assert (default["encryption"], default["integrity"], default["prf"], default["dh_groups"]) == (
        ["AES256"], ["SHA2-512", "SHA2-384"], ["SHA2-512", "SHA2-384"], [19, 14, 21, 5])


def test_a_keyring_peer_for_another_address_is_ignored():
    assert _tunnel(_running(peer_address="203.0.113.99"))["psk"] is None
    assert _tunnel(_running(peer_address="203.0.113.0", mask=" 255.255.255.0"))["psk"] == {"fingerprint": psk.fingerprint(KEY, SALT)}


def test_the_tunnel_source_interface_gives_the_local_address():
    config = _running()
    config.nodes.append(["interface GigabitEthernet1", [["ip address %s 255.255.255.0" % CGW, []]]])
    tunnel = dict(config.nodes)["interface Tunnel1"]
    tunnel[tunnel.index(["tunnel source %s" % CGW, []])] = ["tunnel source GigabitEthernet1", []]
    assert iosike.tunnel_crypto(config, tunnel) == (["P1"], KEY)


def _endpoint(tmp_path, config):
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"running": config.to_json()}), encoding="utf-8")
    twin = TwinSpec(name="r1", platform="ios", port=0, state_file=str(state), psk_salt=SALT)
    (endpoint,) = cgw_side.endpoints(twin)
    return endpoint


def test_dataplane_sync_hands_strongswan_no_key_for_an_ignored_keyring_peer(tmp_path):
    assert _endpoint(tmp_path, _running())["psk"] == KEY
    assert _endpoint(tmp_path, _running(peer_address="203.0.113.99"))["psk"] is None


def test_dataplane_sync_offers_the_smart_default_proposal_when_no_policy_matches(tmp_path):
    offered = _endpoint(tmp_path, _running(policy_local="198.51.100.99"))["ike_proposals"]
    assert offered and all(p.startswith("aes256-") for p in offered)
    assert _endpoint(tmp_path, _running())["ike_proposals"] != offered


def test_show_commands_print_the_smart_defaults():
    assert "Encryption : AES-CBC-256" in iosike.show_proposal_default()
    assert "DH_GROUP_256_ECP/Group 19" in iosike.show_proposal_default()
    assert "Match address local : any" in iosike.show_policy_default()
