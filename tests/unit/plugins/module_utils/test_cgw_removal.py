# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils import cgw_removal

RUNNING = """\
hostname lab-ios
crypto ikev2 proposal S2S-0a1b-T1-AEAD
 encryption aes-gcm-256
crypto ikev2 proposal CORP-PROPOSAL
 encryption aes-cbc-256
crypto ikev2 keyring S2S-0a1b-T1
 peer S2S-0a1b-T1
crypto ipsec transform-set S2S-0a1b-T1-1 esp-gcm 256
 mode tunnel
crypto ipsec profile S2S-0a1b-T1
crypto ipsec profile S2S-0a1bc-T1
interface Tunnel5
 description corporate
interface Tunnel313
 description s2s:vpn-0a1b:1 vpn-0a1b tunnel 1
ip prefix-list S2S-0a1b-OUT seq 10 permit 192.168.11.0/24
ip prefix-list S2S-0a1b-OUT seq 20 permit 192.168.12.0/24
ip route 10.10.0.0 255.255.0.0 Tunnel313
ip route 10.99.0.0 255.255.0.0 Tunnel5
route-map S2S-0a1b-T1-IN permit 10
router bgp 65011
 neighbor 169.254.41.1 remote-as 64512
 neighbor 169.254.41.1 description s2s:vpn-0a1b:1 lab
 neighbor 10.0.0.1 description s2s:vpn-other:1
"""
REMOVE = [{"vpn_connection_id": "vpn-0a1b", "names": ["S2S-0a1b-T1", "S2S-0a1b-T2"],
           "tunnel_ids": ["s2s:vpn-0a1b:1", "s2s:vpn-0a1b:2"]}]
DISCOVERED = {"owned": {"s2s:vpn-0a1b:1": 313, "s2s:vpn-other:1": 400}, "used": [5, 313, 400]}


def test_ios_removes_only_the_connection_in_dependency_order():
    assert cgw_removal.ios(RUNNING, REMOVE, DISCOVERED) == [
        "no ip route 10.10.0.0 255.255.0.0 Tunnel313",
        "no interface Tunnel313",
        "no crypto ipsec profile S2S-0a1b-T1",
        "no crypto ipsec transform-set S2S-0a1b-T1-1",
        "no crypto ikev2 keyring S2S-0a1b-T1",
        "no crypto ikev2 proposal S2S-0a1b-T1-AEAD",
        "no route-map S2S-0a1b-T1-IN",
        "no ip prefix-list S2S-0a1b-OUT",
        "router bgp 65011",
        " no neighbor 169.254.41.1",
    ]


def test_nothing_to_remove_gives_no_commands():
    assert cgw_removal.ios("hostname x\n", REMOVE, {"owned": {}, "used": []}) == []
