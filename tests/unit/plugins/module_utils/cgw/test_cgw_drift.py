# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_drift: a device's config against the read before a push - volatile lines aside, keys never shown (issue 22)."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_drift

IOS = ("Building configuration...\n\nCurrent configuration : 120 bytes\n!\n! Last configuration change at 10:01:02 UTC Mon Dec 7 2026\n"
       "hostname r1\n!\ncrypto ikev2 keyring S2S-1\n peer S2S-1\n  address 203.0.113.1\n  pre-shared-key Old.Key_123\n!\nend")


def test_volatile_lines_and_line_ends_do_not_count():
    later = IOS.replace("10:01:02", "11:22:33").replace("\n", "\r\n") + "\r\n"
    assert cgw_drift.differences(IOS, later) == []


def test_differences_name_the_lines_with_every_key_masked():
    pushed = IOS.replace("hostname r1\n", "hostname r1\ninterface Tunnel100\n").replace("Old.Key_123", "New.Key_456")
    found = cgw_drift.differences(IOS, pushed, keys=["New.Key_456"])
    assert found == ["+interface Tunnel100", "-  pre-shared-key <key hidden>", "+  pre-shared-key <key hidden>"]
    assert "Old.Key_123" not in str(found) and "New.Key_456" not in str(found)


def test_junos_and_vyos_key_statements_are_masked():
    assert cgw_drift.mask('set security ike policy P pre-shared-key ascii-text "$9$abc"') == \
        "set security ike policy P pre-shared-key ascii-text <key hidden>"
    assert cgw_drift.mask("set vpn ipsec authentication psk P secret 'k3y'") == "set vpn ipsec authentication psk P secret <key hidden>"
    assert cgw_drift.mask("set vpn ipsec site-to-site peer 1.2.3.4 authentication pre-shared-secret 'k3y'").endswith("<key hidden>")


def test_summary_shows_the_first_lines_and_counts_the_rest():
    found = ["+line %d" % i for i in range(cgw_drift.SHOWN + 3)]
    text = cgw_drift.summary(found)
    assert text.startswith("+line 0; +line 1") and text.endswith("... 3 more")
