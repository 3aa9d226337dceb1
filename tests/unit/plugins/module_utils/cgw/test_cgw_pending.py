# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_pending leaves out exactly the lines a device already has."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_pending, junos_secret

JUNOS_RUNNING = "\n".join([
    "## Last commit: 2026-11-25 by admin",
    "set interfaces st0 unit 100 family inet address 169.254.10.2/30",
    "set interfaces st0 unit 100 family inet mtu 1436",
    'set security ike policy S2S-T1 pre-shared-key ascii-text "%s"' % junos_secret.encode("key.one_1"),
    "set security ike gateway S2S-T1 dead-peer-detection interval 10",
    "set security ike gateway S2S-T1 dead-peer-detection threshold 3",
    'set policy-options policy-statement OUT term A then as-path-prepend "65011 65011"',
])


def test_junos_lines_in_place_are_left_out_and_a_stored_key_counts_decoded():
    lines = ["set interfaces st0 unit 100 family inet mtu 1436",
             "set interfaces st0 unit 100 family inet mtu 1400",
             "set security ike policy S2S-T1 pre-shared-key ascii-text key.one_1",
             "set security ike policy S2S-T1 pre-shared-key ascii-text key.two_2",
             "set security ike gateway S2S-T1 dead-peer-detection interval 10 threshold 3",
             'set policy-options policy-statement OUT term A then as-path-prepend "65011 65011"',
             "delete security ike policy OLD"]
    assert cgw_pending.set_lines(lines, JUNOS_RUNNING, "junos") == [
        "set interfaces st0 unit 100 family inet mtu 1400",
        "set security ike policy S2S-T1 pre-shared-key ascii-text key.two_2",
        "delete security ike policy OLD"]


def test_junos_bracketed_lists_match_the_same_values_in_the_same_order():
    running = JUNOS_RUNNING + "\nset security ike policy S2S-T1 proposals P1 P2\nset security ipsec policy S2S-T1 proposals [ E1 \"E 2\" ]"
    lines = ["set security ike policy S2S-T1 proposals [ P1 P2 ]", "set security ike policy S2S-T1 proposals [ P2 P1 ]",
             "set security ike policy S2S-T1 proposals [ P1 P3 ]", 'set security ipsec policy S2S-T1 proposals [ E1 "E 2" ]',
             "set security ipsec policy S2S-T1 proposals E1"]   # a value the list has: a no-op on Junos
    assert cgw_pending.set_lines(lines, running, "junos") == lines[1:3]


def test_vyos_quoted_values_match_unquoted_lines():
    running = "set interfaces vti vti100 address '169.254.10.2/30'\nset vpn ipsec authentication psk P secret 'k.1'"
    lines = ["set interfaces vti vti100 address 169.254.10.2/30", "set vpn ipsec authentication psk P secret k.1",
             "set interfaces vti vti100 mtu 1436"]
    assert cgw_pending.set_lines(lines, running, "vyos") == ["set interfaces vti vti100 mtu 1436"]


def test_ios_returns_missing_lines_with_their_parents():
    running = "interface Tunnel100\n ip mtu 1436\n ip address 169.254.10.2 255.255.255.252\nrouter bgp 65011\n neighbor 169.254.10.1 remote-as 64512\n"
    same = "interface Tunnel100\n ip address 169.254.10.2 255.255.255.252\n ip mtu 1436\n"
    assert cgw_pending.ios_lines(same, running) == []
    assert cgw_pending.ios_lines(same.replace("1436", "1400"), running) == ["interface Tunnel100", "ip mtu 1400"]


def test_unknown_platform_is_named():
    with pytest.raises(ValueError, match="platform 'ios' has no set-line config"):
        cgw_pending.set_lines([], "", "ios")


def test_filter_takes_an_empty_template():
    from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_pending import cgw_pending   # pylint: disable=import-outside-toplevel
    assert cgw_pending(None, "hostname r1\n", "ios") == [] and cgw_pending(None, "", "junos") == []
