# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Data-plane lab: real IKEv2/IPsec (strongSwan, kernel-libipsec) and BGP (FRR) in network namespaces.

Packet path, on-prem host 192.168.11.10 to VPC host 10.10.0.10 over tunnel t1::

    onprem host ns --eth0/lan--> CGW router ns
        FRR's best (or ECMP) route to 10.10.0.0/24: next hop = AWS inside address 169.254.10.1,
        on the connected /30 of the router's "tunnel interface" tun0 (a veth, MTU 1400)
    --tun0/transit--> CGW endpoint ns of t1 (no address on transit: a bump in the wire)
        main table: default dev ipsec0 -> charon (libipsec) encrypts: ESP in UDP 4500,
        selectors 0.0.0.0/0 <-> 0.0.0.0/0 like a VTI
    --under/uNc--> inet ns (underlay): rule "from <CGW outside> to <AWS outside>" -> per-endpoint table
    --uNa/under--> AWS endpoint ns of t1: charon decrypts and writes the packet to ipsec0
        rule "iif ipsec0 lookup 100": default via 169.254.10.1 dev transit (the AWS router)
    --transit/tun0--> AWS router ns (VGW/TGW): connected 10.10.0.0/24 --lan/eth0--> VPC host ns

The reply takes whatever tunnel the AWS router's BGP picks: a VGW one egress (shortest AS_PATH,
then lowest MED), a TGW ECMP over all established tunnels. BGP runs only in the two router
namespaces, one eBGP session per tunnel between the inside addresses, so tunnel choice, ECMP,
MED, prepend and failover are FRR's real decisions; endpoint namespaces hold no routing state
beyond "into the tunnel" / "out to the router". Neighbours on the tunnel and underlay veths are
pinned (permanent entries, stable MACs) because the endpoints own no address on those links.

Why not the inside /30 on ipsec0 with FRR in every endpoint: it needs six FRR instances for two
tunnels and iBGP next-hop-self between endpoint and router to get the same decisions; here the
router sees the tunnel as an interface, exactly like a VTI on IOS-XE/Junos/VyOS.
"""
