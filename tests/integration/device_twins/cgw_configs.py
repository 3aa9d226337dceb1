# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route-based IPsec/BGP customer-gateway configs in each dialect, shaped like AWS's samples.

The keys are test keys that follow AWS's PSK rules; the tests check that they never leave
the twin except through its own running config.
"""

from __future__ import annotations

PSK = {"ios": "Twin.ios_Psk_4f8a2c9e1b7d3a6f", "junos": "Twin.junos_Psk_9c1e4b7a2d8f3e6a",
       "vyos": "Twin.vyos_Psk_2b7e9a4c1f6d8e3b", "vyos13": "Twin.vyos13_Psk_7d2c9e4a1b8f6e3c"}

IOS = """\
crypto ikev2 proposal AWS-PROP
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy AWS-POLICY
 proposal AWS-PROP
crypto ikev2 keyring AWS-KEYRING
 peer AWS-T1
  address 203.0.113.10
  pre-shared-key {psk}
crypto ikev2 profile AWS-T1
 match identity remote address 203.0.113.10 255.255.255.255
 identity local address 198.51.100.2
 authentication remote pre-share
 authentication local pre-share
 keyring local AWS-KEYRING
 lifetime 28800
 dpd 10 10 on-demand
crypto ipsec transform-set AWS-TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile AWS-IPSEC-T1
 set transform-set AWS-TS
 set pfs group14
 set ikev2-profile AWS-T1
 set security-association lifetime seconds 3600
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 ip mtu 1436
 ip tcp adjust-mss 1379
 tunnel source 198.51.100.2
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile AWS-IPSEC-T1
ip prefix-list AWS-IN seq 10 permit 10.0.0.0/16 le 24
route-map AWS-IN permit 10
 match ip address prefix-list AWS-IN
router bgp 65010
 bgp log-neighbor-changes
 neighbor 169.254.10.1 remote-as 64512
 neighbor 169.254.10.1 timers 10 30 30
 address-family ipv4 unicast
  neighbor 169.254.10.1 activate
  neighbor 169.254.10.1 route-map AWS-IN in
  neighbor 169.254.10.1 maximum-prefix 100
  maximum-paths 2
""".format(psk=PSK["ios"])

JUNOS = """\
set interfaces st0 unit 1 family inet address 169.254.10.6/30
set interfaces st0 unit 1 family inet mtu 1436
set security ike proposal AWS-IKE authentication-method pre-shared-keys
set security ike proposal AWS-IKE dh-group group14
set security ike proposal AWS-IKE authentication-algorithm sha-256
set security ike proposal AWS-IKE encryption-algorithm aes-256-cbc
set security ike proposal AWS-IKE lifetime-seconds 28800
set security ike policy AWS-IKE-POL mode main
set security ike policy AWS-IKE-POL proposals AWS-IKE
set security ike policy AWS-IKE-POL pre-shared-key ascii-text "{psk}"
set security ike gateway AWS-GW1 ike-policy AWS-IKE-POL
set security ike gateway AWS-GW1 address 203.0.113.20
set security ike gateway AWS-GW1 dead-peer-detection interval 10
set security ike gateway AWS-GW1 dead-peer-detection threshold 3
set security ike gateway AWS-GW1 external-interface ge-0/0/0.0
set security ike gateway AWS-GW1 version v2-only
set security ipsec proposal AWS-ESP protocol esp
set security ipsec proposal AWS-ESP authentication-algorithm hmac-sha-256-128
set security ipsec proposal AWS-ESP encryption-algorithm aes-256-cbc
set security ipsec proposal AWS-ESP lifetime-seconds 3600
set security ipsec policy AWS-ESP-POL perfect-forward-secrecy keys group14
set security ipsec policy AWS-ESP-POL proposals AWS-ESP
set security ipsec vpn AWS-VPN1 bind-interface st0.1
set security ipsec vpn AWS-VPN1 ike gateway AWS-GW1
set security ipsec vpn AWS-VPN1 ike ipsec-policy AWS-ESP-POL
set security ipsec vpn AWS-VPN1 df-bit clear
set security ipsec vpn AWS-VPN1 establish-tunnels immediately
set security flow tcp-mss ipsec-vpn mss 1379
set security zones security-zone trust interfaces st0.1
set policy-options prefix-list AWS-IN 10.1.0.0/16
set policy-options policy-statement AWS-IMPORT term 1 from prefix-list AWS-IN
set policy-options policy-statement AWS-IMPORT term 1 then accept
set policy-options policy-statement AWS-IMPORT then reject
set routing-options autonomous-system 65020
set protocols bgp group aws type external
set protocols bgp group aws hold-time 30
set protocols bgp group aws peer-as 64512
set protocols bgp group aws import AWS-IMPORT
set protocols bgp group aws neighbor 169.254.10.5
""".format(psk=PSK["junos"])

VYOS = """\
set interfaces vti vti1 address '169.254.10.10/30'
set interfaces vti vti1 mtu '1436'
set interfaces vti vti1 ip adjust-mss '1379'
set vpn ipsec interface 'eth0'
set vpn ipsec options disable-route-autoinstall
set vpn ipsec ike-group AWS-IKE key-exchange 'ikev2'
set vpn ipsec ike-group AWS-IKE lifetime '28800'
set vpn ipsec ike-group AWS-IKE dead-peer-detection action 'restart'
set vpn ipsec ike-group AWS-IKE dead-peer-detection interval '10'
set vpn ipsec ike-group AWS-IKE dead-peer-detection timeout '30'
set vpn ipsec ike-group AWS-IKE proposal 1 dh-group '14'
set vpn ipsec ike-group AWS-IKE proposal 1 encryption 'aes256'
set vpn ipsec ike-group AWS-IKE proposal 1 hash 'sha256'
set vpn ipsec esp-group AWS-ESP lifetime '3600'
set vpn ipsec esp-group AWS-ESP mode 'tunnel'
set vpn ipsec esp-group AWS-ESP pfs 'dh-group14'
set vpn ipsec esp-group AWS-ESP proposal 1 encryption 'aes256'
set vpn ipsec esp-group AWS-ESP proposal 1 hash 'sha256'
set vpn ipsec authentication psk AWS-T1 id '198.51.100.30'
set vpn ipsec authentication psk AWS-T1 id '203.0.113.30'
set vpn ipsec authentication psk AWS-T1 secret '{psk}'
set vpn ipsec site-to-site peer AWS-T1 authentication local-id '198.51.100.30'
set vpn ipsec site-to-site peer AWS-T1 authentication mode 'pre-shared-secret'
set vpn ipsec site-to-site peer AWS-T1 authentication remote-id '203.0.113.30'
set vpn ipsec site-to-site peer AWS-T1 connection-type 'initiate'
set vpn ipsec site-to-site peer AWS-T1 ike-group 'AWS-IKE'
set vpn ipsec site-to-site peer AWS-T1 local-address '198.51.100.30'
set vpn ipsec site-to-site peer AWS-T1 remote-address '203.0.113.30'
set vpn ipsec site-to-site peer AWS-T1 vti bind 'vti1'
set vpn ipsec site-to-site peer AWS-T1 vti esp-group 'AWS-ESP'
set policy prefix-list AWS-IN rule 10 action 'permit'
set policy prefix-list AWS-IN rule 10 prefix '10.2.0.0/16'
set policy route-map AWS-IN rule 10 action 'permit'
set policy route-map AWS-IN rule 10 match ip address prefix-list 'AWS-IN'
set protocols bgp system-as '65030'
set protocols bgp neighbor 169.254.10.9 remote-as '64512'
set protocols bgp neighbor 169.254.10.9 timers holdtime '30'
set protocols bgp neighbor 169.254.10.9 timers keepalive '10'
set protocols bgp neighbor 169.254.10.9 address-family ipv4-unicast route-map import 'AWS-IN'
""".format(psk=PSK["vyos"])

VYOS13 = """\
set interfaces vti vti1 address '169.254.10.14/30'
set vpn ipsec ipsec-interfaces interface 'eth0'
set vpn ipsec ike-group AWS-IKE key-exchange 'ikev2'
set vpn ipsec ike-group AWS-IKE proposal 1 dh-group '14'
set vpn ipsec ike-group AWS-IKE proposal 1 encryption 'aes128'
set vpn ipsec ike-group AWS-IKE proposal 1 hash 'sha1'
set vpn ipsec esp-group AWS-ESP proposal 1 encryption 'aes128'
set vpn ipsec esp-group AWS-ESP proposal 1 hash 'sha1'
set vpn ipsec site-to-site peer 203.0.113.40 authentication mode 'pre-shared-secret'
set vpn ipsec site-to-site peer 203.0.113.40 authentication pre-shared-secret '{psk}'
set vpn ipsec site-to-site peer 203.0.113.40 ike-group 'AWS-IKE'
set vpn ipsec site-to-site peer 203.0.113.40 local-address '198.51.100.40'
set vpn ipsec site-to-site peer 203.0.113.40 vti bind 'vti1'
set vpn ipsec site-to-site peer 203.0.113.40 vti esp-group 'AWS-ESP'
set protocols bgp 65040 neighbor 169.254.10.13 remote-as '64512'
set protocols bgp 65040 neighbor 169.254.10.13 timers holdtime '30'
""".format(psk=PSK["vyos13"])
