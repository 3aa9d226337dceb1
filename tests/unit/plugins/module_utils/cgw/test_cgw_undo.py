# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The record of what pushes change in shared settings (issue 22) and the removal that puts them back."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_removal, cgw_undo
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load

# -- IOS-XE: the operator's archive settings and router bgp, the role's network, maximum-paths and an address family
IOS_BEFORE = """\
hostname r
archive
 path flash:probe-arch
 maximum 5
router bgp 65011
 neighbor 10.9.9.9 remote-as 65099
event manager applet WATCH
 event timer watchdog time 60
"""
IOS_WANTED = """\
archive
 path flash:s2s-archive
 maximum 14
router bgp 65011
 bgp log-neighbor-changes
 neighbor 169.254.41.1 remote-as 64512
 neighbor 169.254.41.1 description s2s:vpn-0a1b:1 lab
 address-family ipv4
  network 192.168.11.0 mask 255.255.255.0
  neighbor 169.254.41.1 activate
  maximum-paths 4
"""
IOS_RECORD = [
    "event manager environment s2s_undo_271692c9 archive | path = path flash:probe-arch",
    "event manager environment s2s_undo_52cef8c3 archive | maximum = maximum 5",
    "event manager environment s2s_undo_44f5ca14 router bgp 65011 | bgp log-neighbor-changes",
    "event manager environment s2s_undo_ccb6c05c router bgp 65011 | address-family ipv4",
    "event manager environment s2s_undo_e665a770 router bgp 65011 | address-family ipv4 | network 192.168.11.0 mask 255.255.255.0",
    "event manager environment s2s_undo_dda93abd router bgp 65011 | address-family ipv4 | maximum-paths",
]
# The device after the push: the role's settings, the record, and the tunnel of vpn-0a1b (Tunnel313).
IOS_AFTER = """\
hostname r
archive
 path flash:s2s-archive
 maximum 14
interface Tunnel313
 description s2s:vpn-0a1b:1 vpn-0a1b tunnel 1
router bgp 65011
 bgp log-neighbor-changes
 neighbor 10.9.9.9 remote-as 65099
 neighbor 169.254.41.1 remote-as 64512
 neighbor 169.254.41.1 description s2s:vpn-0a1b:1 lab
 address-family ipv4
  network 192.168.11.0 mask 255.255.255.0
  neighbor 169.254.41.1 activate
  maximum-paths 4
 exit-address-family
""" + "\n".join(IOS_RECORD) + """
event manager applet WATCH
 event timer watchdog time 60
"""
REMOVE = [{"vpn_connection_id": "vpn-0a1b", "names": ["S2S-0a1b-T1", "S2S-0a1b-T2"],
           "tunnel_ids": ["s2s:vpn-0a1b:1", "s2s:vpn-0a1b:2"]}]
DISCOVERED = {"owned": {"s2s:vpn-0a1b:1": 313}, "used": [313]}


def test_a_push_records_what_it_changes_in_shared_settings_once():
    assert cgw_undo.record("ios", IOS_BEFORE, IOS_WANTED) == IOS_RECORD
    assert cgw_undo.record("ios", IOS_AFTER, IOS_WANTED) == []                    # second run: nothing new
    assert cgw_undo.record("ios", IOS_AFTER, IOS_WANTED.replace("maximum-paths 4", "maximum-paths 2")) == []
    assert not any("k3y" in line for line in IOS_RECORD)


def test_ios_removal_of_the_last_connection_puts_back_the_pre_push_settings():
    assert cgw_removal.commands("ios", IOS_AFTER, REMOVE, DISCOVERED, "", []) == [
        "no interface Tunnel313",
        "router bgp 65011",
        " no neighbor 169.254.41.1",
        "archive",
        " maximum 5",
        " path flash:probe-arch",
        "router bgp 65011",
        " no address-family ipv4",      # held only the role's lines: goes whole
        " no bgp log-neighbor-changes",
    ] + ["no event manager environment s2s_undo_%s" % i
         for i in sorted(("271692c9", "52cef8c3", "44f5ca14", "ccb6c05c", "e665a770", "dda93abd"))]


def test_ios_settings_a_kept_connection_needs_stay():
    kept = IOS_WANTED.replace("169.254.41.1", "169.254.51.1")
    assert cgw_removal.commands("ios", IOS_AFTER, REMOVE, DISCOVERED, kept, ["s2s:vpn-5e6f:1"])[-1] == " no neighbor 169.254.41.1"
    # a network only the removed connection announced goes, the rest stays
    other = kept.replace("192.168.11.0", "192.168.12.0")
    assert cgw_undo.restore("ios", IOS_AFTER, other) == [
        "router bgp 65011", " address-family ipv4", "  no network 192.168.11.0 mask 255.255.255.0",
        "no event manager environment s2s_undo_e665a770"]


def test_nothing_shared_is_touched_while_the_device_holds_a_connection_the_run_does_not_name():
    unnamed = dict(DISCOVERED, owned={"s2s:vpn-0a1b:1": 313, "s2s:vpn-9999:1": 400})
    assert cgw_removal.commands("ios", IOS_AFTER, REMOVE, unnamed, "", [])[-1] == " no neighbor 169.254.41.1"
    assert cgw_removal.commands("ios", IOS_AFTER, REMOVE, DISCOVERED)[-1] == " no neighbor 169.254.41.1"     # no wanted: as before


def test_an_ios_block_that_holds_other_config_stays():
    after = IOS_AFTER.replace("  maximum-paths 4\n", "  maximum-paths 4\n  redistribute connected\n")
    assert cgw_undo.restore("ios", after, "", ["neighbor 169.254.41.1 "])[3:7] == [
        "router bgp 65011", " address-family ipv4", "  no maximum-paths 4", "  no network 192.168.11.0 mask 255.255.255.0"]


# -- Junos: the operator's AS and another forwarding-table export policy
JUNOS_BEFORE = """\
set routing-options autonomous-system 65000
set routing-options forwarding-table export CORP-LB
set policy-options policy-statement CORP-LB then load-balance per-flow
"""
JUNOS_WANTED = """\
set security flow tcp-mss ipsec-vpn mss 1379
set routing-options autonomous-system 65011
set protocols bgp group S2S-0a1b type external
set policy-options policy-statement S2S-ECMP then load-balance per-packet
set routing-options forwarding-table export S2S-ECMP
"""
JUNOS_RECORD = [
    'set apply-macro s2s-undo k480918a4 "security flow tcp-mss ipsec-vpn mss"',
    'set apply-macro s2s-undo k568d631a "routing-options autonomous-system = 65000"',
    'set apply-macro s2s-undo k022d8a6f "policy-options policy-statement S2S-ECMP"',
    'set apply-macro s2s-undo kf46f2727 "routing-options forwarding-table export S2S-ECMP"',
]
JUNOS_AFTER = JUNOS_BEFORE.replace("65000", "65011").replace(
    "export CORP-LB", "export [ CORP-LB S2S-ECMP ]") + JUNOS_WANTED + "\n".join(JUNOS_RECORD)


def test_junos_records_the_prior_as_and_puts_it_back():
    assert cgw_undo.record("junos", JUNOS_BEFORE, JUNOS_WANTED) == JUNOS_RECORD
    assert cgw_undo.record("junos", JUNOS_AFTER, JUNOS_WANTED) == []
    assert cgw_undo.restore("junos", JUNOS_AFTER, "") == [
        "delete policy-options policy-statement S2S-ECMP",
        "set routing-options autonomous-system 65000",
        "delete routing-options forwarding-table export S2S-ECMP",
        "delete security flow tcp-mss ipsec-vpn mss",
        "delete apply-macro s2s-undo",
    ]
    # a kept connection without ECMP: the AS and the MSS stay, the ECMP policy goes
    kept = "set routing-options autonomous-system 65011\nset security flow tcp-mss ipsec-vpn mss 1379\n"
    assert cgw_undo.restore("junos", JUNOS_AFTER, kept) == [
        "delete policy-options policy-statement S2S-ECMP",
        "delete routing-options forwarding-table export S2S-ECMP",
        "delete apply-macro s2s-undo k022d8a6f", "delete apply-macro s2s-undo kf46f2727"]


# -- Junos: IKE admitted on the external interface, beside the factory default's services there
JUNOS_ZONE_BEFORE = """\
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services dhcp
"""
JUNOS_ZONE_WANTED = """\
set security zones security-zone S2S-0a1b interfaces st0.313 host-inbound-traffic protocols bgp
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
"""


def test_junos_ike_on_the_external_interface_goes_with_the_last_tunnel_and_the_factory_services_stay():
    record = cgw_undo.record("junos", JUNOS_ZONE_BEFORE, JUNOS_ZONE_WANTED)
    assert record == ['set apply-macro s2s-undo k%s "security zones security-zone untrust interfaces ge-0/0/0.0 '
                      'host-inbound-traffic system-services ike"' % record[0].split()[3][1:]]
    after = JUNOS_ZONE_BEFORE + JUNOS_ZONE_WANTED + record[0]
    assert cgw_undo.restore("junos", after, JUNOS_ZONE_WANTED) == []      # a tunnel is kept: IKE stays admitted
    assert cgw_undo.restore("junos", after, "") == [
        "delete security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike",
        "delete apply-macro s2s-undo"]
    # IKE already admitted there before the push (by the operator): nothing recorded, so a removal leaves it
    assert cgw_undo.record("junos", JUNOS_ZONE_BEFORE + JUNOS_ZONE_WANTED, JUNOS_ZONE_WANTED) == []


# -- VyOS 1.4 and 1.3
VYOS_BEFORE = "set protocols bgp neighbor 10.9.9.9 remote-as '65099'\nset protocols bgp system-as '65011'\n"
VYOS_WANTED = """\
set vpn ipsec interface 'eth0'
set vpn ipsec options disable-route-autoinstall
set protocols bgp system-as '65011'
set protocols bgp address-family ipv4-unicast network '192.168.11.0/24'
set protocols bgp address-family ipv4-unicast maximum-paths ebgp '4'
"""


def test_vyos_records_and_deletes_what_it_added():
    record = cgw_undo.record("vyos", VYOS_BEFORE, VYOS_WANTED)
    assert record == [
        "set policy prefix-list S2S-UNDO-7113abb6 description 'vpn ipsec interface eth0'",
        "set policy prefix-list S2S-UNDO-7d74a6b7 description 'vpn ipsec options disable-route-autoinstall'",
        "set policy prefix-list S2S-UNDO-9ede210e description 'protocols bgp address-family ipv4-unicast network 192.168.11.0/24'",
        "set policy prefix-list S2S-UNDO-2f2b769e description 'protocols bgp address-family ipv4-unicast maximum-paths ebgp'",
    ]
    after = VYOS_BEFORE + VYOS_WANTED + "\n".join(record)
    assert cgw_undo.restore("vyos", after, "") == [
        "delete protocols bgp address-family ipv4-unicast maximum-paths ebgp",
        "delete protocols bgp address-family ipv4-unicast network 192.168.11.0/24",
        "delete vpn ipsec interface eth0",
        "delete vpn ipsec options disable-route-autoinstall",
    ] + ["delete policy prefix-list S2S-UNDO-%s" % i for i in ("2f2b769e", "7113abb6", "7d74a6b7", "9ede210e")]


def test_vyos13_spelling():
    wanted = "set vpn ipsec ipsec-interfaces interface 'eth0'\nset protocols bgp 65011 address-family ipv4-unicast network '192.168.11.0/24'\n"
    record = cgw_undo.record("vyos", "set protocols bgp 65011 neighbor 10.9.9.9 remote-as '65099'\n", wanted)
    assert [line.split(" description ")[1] for line in record] == [
        "'vpn ipsec ipsec-interfaces interface eth0'", "'protocols bgp 65011 address-family ipv4-unicast network 192.168.11.0/24'"]


def test_the_record_is_not_drift_for_the_compliance_model():
    for platform, text, record in (("ios", IOS_BEFORE, IOS_RECORD), ("junos", JUNOS_BEFORE, JUNOS_RECORD),
                                   ("vyos", VYOS_BEFORE, cgw_undo.record("vyos", VYOS_BEFORE, VYOS_WANTED))):
        source = load.Source(name="r", platform=platform, version="1.4" if platform == "vyos" else None)
        plain, recorded = load.parse(text, source), load.parse(text + "\n".join(record) + "\n", source)
        recorded["prefix_lists"] = {k: v for k, v in recorded["prefix_lists"].items() if not k.startswith("S2S-UNDO-")}
        assert recorded == plain, platform
