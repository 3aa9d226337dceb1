# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_removal

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
    assert cgw_removal.commands("ios", RUNNING, REMOVE, DISCOVERED) == [
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
    assert cgw_removal.commands("ios", "hostname x\n", REMOVE, {"owned": {}, "used": []}) == []


JUNOS = """\
set system host-name lab-srx
set interfaces st0 unit 5 description corporate
set interfaces st0 unit 5 family inet address 10.255.0.1/30
set interfaces st0 unit 313 description s2s:vpn-0a1b:1
set interfaces st0 unit 313 family inet address 169.254.41.2/30
set security ike proposal S2S-0a1b-T1-IKE1 dh-group group20
set security ike proposal S2S-0a1bc-T1-IKE1 dh-group group20
set security ike proposal CORP dh-group group14
set security ike policy S2S-0a1b-T1 proposals S2S-0a1b-T1-IKE1
set security ike gateway S2S-0a1b-T1 ike-policy S2S-0a1b-T1
set security ipsec vpn S2S-0a1b-T1 bind-interface st0.313
set security ipsec vpn CORP bind-interface st0.5
set security flow tcp-mss ipsec-vpn mss 1379
set security zones security-zone S2S-0a1b interfaces st0.313 host-inbound-traffic protocols bgp
set security zones security-zone trust interfaces ge-0/0/1.0
set security policies from-zone trust to-zone S2S-0a1b policy S2S-0a1b-OUT then permit
set security policies from-zone S2S-0a1b to-zone trust policy S2S-0a1b-IN then permit
set security policies from-zone trust to-zone untrust policy default then permit
set policy-options prefix-list S2S-0a1b-IN 10.10.0.0/16
set policy-options policy-statement S2S-0a1b-T1-IN then reject
set policy-options policy-statement CORP-EXPORT then accept
set routing-options autonomous-system 65011
set routing-options static route 10.20.0.0/16 next-hop st0.313
set routing-options static route 10.99.0.0/16 next-hop st0.5
set protocols bgp group S2S-0a1b neighbor 169.254.41.1 description "s2s:vpn-0a1b:1 lab"
set protocols bgp group CORP neighbor 10.255.0.2
"""


def test_junos_deletes_only_the_connection():
    assert cgw_removal.commands("junos", JUNOS, REMOVE, DISCOVERED) == [
        "delete interfaces st0 unit 313",
        "delete security ike proposal S2S-0a1b-T1-IKE1",
        "delete security ike policy S2S-0a1b-T1",
        "delete security ike gateway S2S-0a1b-T1",
        "delete security ipsec vpn S2S-0a1b-T1",
        "delete security zones security-zone S2S-0a1b",
        "delete security policies from-zone trust to-zone S2S-0a1b",
        "delete security policies from-zone S2S-0a1b to-zone trust",
        "delete policy-options prefix-list S2S-0a1b-IN",
        "delete policy-options policy-statement S2S-0a1b-T1-IN",
        "delete routing-options static route 10.20.0.0/16",
        "delete protocols bgp group S2S-0a1b",
    ]


VYOS14 = """\
set interfaces vti vti5 description 'corporate'
set interfaces vti vti313 address '169.254.41.2/30'
set interfaces vti vti313 description 's2s:vpn-0a1b:1'
set vpn ipsec authentication psk S2S-0a1b-T1 id '198.51.100.11'
set vpn ipsec ike-group S2S-0a1b-T1 key-exchange 'ikev2'
set vpn ipsec ike-group CORP key-exchange 'ikev2'
set vpn ipsec esp-group S2S-0a1b-T1 pfs 'dh-group20'
set vpn ipsec interface 'eth0'
set vpn ipsec site-to-site peer S2S-0a1b-T1 vti bind 'vti313'
set vpn ipsec site-to-site peer CORP vti bind 'vti5'
set policy prefix-list S2S-0a1b-IN rule 10 prefix '10.10.0.0/16'
set policy route-map S2S-0a1b-T1-IN rule 10 action 'permit'
set policy route-map CORP rule 10 action 'permit'
set protocols bgp system-as '65011'
set protocols bgp neighbor 169.254.41.1 description 's2s:vpn-0a1b:1 lab'
set protocols bgp neighbor 10.255.0.2 description 'corp'
set protocols static route 10.20.0.0/16 next-hop 169.254.41.1
set protocols static route 10.99.0.0/16 next-hop 10.255.0.2
"""
VYOS13 = """\
set firewall options interface vti313 adjust-mss '1379'
set interfaces vti vti313 address '169.254.41.2/30'
set vpn ipsec site-to-site peer 203.0.113.11 ike-group 'S2S-0a1b-T1'
set vpn ipsec site-to-site peer 203.0.113.11 vti bind 'vti313'
set vpn ipsec site-to-site peer 203.0.113.99 vti bind 'vti5'
set protocols bgp 65011 neighbor 169.254.41.1 description 's2s:vpn-0a1b:1 lab'
set protocols bgp 65011 neighbor 10.255.0.2 remote-as '65100'
"""


def test_vyos14_deletes_only_the_connection():
    assert cgw_removal.commands("vyos", VYOS14, REMOVE, DISCOVERED) == [
        "delete interfaces vti vti313",
        "delete vpn ipsec authentication psk S2S-0a1b-T1",
        "delete vpn ipsec ike-group S2S-0a1b-T1",
        "delete vpn ipsec esp-group S2S-0a1b-T1",
        "delete vpn ipsec site-to-site peer S2S-0a1b-T1",
        "delete policy prefix-list S2S-0a1b-IN",
        "delete policy route-map S2S-0a1b-T1-IN",
        "delete protocols bgp neighbor 169.254.41.1",
        "delete protocols static route 10.20.0.0/16",
    ]


def test_vyos13_finds_peers_by_their_vti_and_neighbours_under_the_asn():
    assert cgw_removal.commands("vyos", VYOS13, REMOVE, DISCOVERED) == [
        "delete firewall options interface vti313",
        "delete interfaces vti vti313",
        "delete vpn ipsec site-to-site peer 203.0.113.11",
        "delete protocols bgp 65011 neighbor 169.254.41.1",
    ]


def test_junos_and_vyos_with_nothing_to_remove():
    assert cgw_removal.commands("junos", JUNOS, [], DISCOVERED) == []
    assert cgw_removal.commands("vyos", VYOS14, [], DISCOVERED) == []
