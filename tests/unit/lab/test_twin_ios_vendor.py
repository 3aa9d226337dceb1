# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE twin accepts exactly what Cisco's YANG (tests/fixtures/vendor/ios/crypto-commands.json) accepts for the
crypto and tunnel-interface commands the role renders, and every such line of every rendered config passes (issue 16).

The oracle below reads the fixture directly (keywords, enums, ranges, the transform-set `when` rules); the twin's
grammar is built by lab/device_twins/iosvendor.py, so the two are compared, not assumed equal."""

from __future__ import annotations

import json
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lab.device_twins import grammar, ios, iosvendor

from ansible_collections.hybridvpn.s2s.tests.unit.roles.cgw_ios.rendered import CASE_IDS, rendered

FIXTURE = json.loads((pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "vendor" / "ios" /
                      "crypto-commands.json").read_text(encoding="utf-8"))
C = FIXTURE["commands"]
SETTINGS = settings(max_examples=150, derandomize=True, deadline=None)
# submode of each block the rendered config opens (the twin's modes)
BLOCKS = {"crypto ikev2 proposal": "config-ikev2-proposal", "crypto ikev2 policy": "config-ikev2-policy",
          "crypto ikev2 keyring": "config-ikev2-keyring", "crypto ikev2 profile": "config-ikev2-profile",
          "crypto ipsec transform-set": "cfg-crypto-trans", "crypto ipsec profile": "ipsec-profile",
          "interface": "config-if", "route-map": "config-route-map", "router bgp": "config-router"}
VENDOR_PATTERNS = {p.text for rows in iosvendor.rows().values() for p in grammar.compile_table(rows)}


def twin_accepts(mode, line):
    return grammar.match(ios.GRAMMAR[mode], line.split(), "ios").ok


def in_range(command, value):
    return any(low <= value <= high for low, high in C[command]["range"])


def _number_words(command, extra):
    return st.sampled_from(sorted(C[command]["keywords"]) + extra)


@SETTINGS
@given(st.integers(0, 4000), st.integers(0, 100), st.sampled_from(["on-demand", "periodic", "hourly"]))
def test_dpd_accepted_exactly_as_the_yang_ranges(interval, retry, query):
    ok = (in_range("crypto ikev2 profile / dpd / interval", interval) and in_range("crypto ikev2 profile / dpd / retry", retry)
          and query in C["crypto ikev2 profile / dpd / query"]["enum"])
    assert twin_accepts("config-ikev2-profile", "dpd %d %d %s" % (interval, retry, query)) == ok


@SETTINGS
@given(st.integers(0, 100000))
def test_ike_lifetime_accepted_exactly_as_the_yang_range(seconds):
    assert twin_accepts("config-ikev2-profile", "lifetime %d" % seconds) == in_range("crypto ikev2 profile / lifetime", seconds)


@SETTINGS
@given(st.sampled_from(["encryption", "integrity", "prf", "group"]), st.data())
def test_ike_proposal_words_accepted_exactly_as_the_yang(keyword, data):
    extra = {"encryption": ["aes-cbc-512", "aes256", "aes-gcm-192"], "integrity": ["sha224", "md4"],
             "prf": ["sha224"], "group": ["17", "22", "0", "32"]}[keyword]
    words = data.draw(st.lists(_number_words("crypto ikev2 proposal / " + keyword, extra), min_size=1, max_size=4))
    ok = all(w in C["crypto ikev2 proposal / " + keyword]["keywords"] for w in words)
    assert twin_accepts("config-ikev2-proposal", "%s %s" % (keyword, " ".join(words))) == ok


@SETTINGS
@given(st.sampled_from(C["crypto ipsec transform-set / esp"]["enum"] + ["esp-aes256", "esp-chacha"]),
       st.sampled_from([None] + C["crypto ipsec transform-set / key-bit"]["enum"] + ["512"]),
       st.sampled_from([None] + C["crypto ipsec transform-set / esp-hmac"]["enum"] + ["esp-sha224-hmac"]))
def test_transform_sets_accepted_exactly_as_the_yang_when_rules(esp, bits, hmac):
    key_bit, esp_hmac = C["crypto ipsec transform-set / key-bit"], C["crypto ipsec transform-set / esp-hmac"]
    ok = (esp in C["crypto ipsec transform-set / esp"]["enum"]
          and (bits is None or (bits in key_bit["enum"] and esp not in key_bit["when_not"]))
          and (hmac is None or (hmac in esp_hmac["enum"] and esp not in esp_hmac["when_not"])))
    line = " ".join(w for w in ("crypto ipsec transform-set TS", esp, bits, hmac) if w)
    assert twin_accepts("config", line) == ok


@SETTINGS
@given(st.sampled_from(["set pfs", "set security-association dfbit", "set security-association replay window-size"]),
       st.data())
def test_ipsec_profile_enums_accepted_exactly_as_the_yang(command, data):
    key = {"set pfs": "set pfs group"}.get(command, command)
    allowed = C["crypto ipsec profile / " + key]["enum"]
    value = data.draw(st.sampled_from(allowed + ["group17", "group 14", "100", "0", "keep"]))
    assert twin_accepts("ipsec-profile", "%s %s" % (command, value)) == (value in allowed)


@SETTINGS
@given(st.sampled_from(["set security-association lifetime seconds", "ip mtu", "ip tcp adjust-mss"]),
       st.integers(0, 3000000))
def test_ranges_accepted_exactly_as_the_yang(command, value):
    key, mode = {"ip mtu": ("interface Tunnel / ip mtu", "config-if"),
                 "ip tcp adjust-mss": ("interface Tunnel / ip tcp adjust-mss", "config-if")}.get(
        command, ("crypto ipsec profile / " + command, "ipsec-profile"))
    assert twin_accepts(mode, "%s %d" % (command, value)) == in_range(key, value)


def test_transform_set_mode_is_one_of_the_yang_choices():
    for word in ("tunnel", "transport", "tunnel-choice", "gre"):
        assert twin_accepts("cfg-crypto-trans", "mode " + word) == (word in C["crypto ipsec transform-set / mode"]["keywords"])


def _lines_with_modes(text):
    """(twin mode, line) for every line: indented lines in the mode of the block above them."""
    mode = "config"
    for line in text.splitlines():
        if not line.startswith(" "):
            yield "config", line
            mode = next((m for head, m in BLOCKS.items() if line.startswith(head + " ") or line == head), None)
        elif line.startswith("  ") and mode == "config-router":
            yield "config-router-af", line.strip()
        elif mode:
            yield mode, line.strip()


@pytest.mark.parametrize("case", CASE_IDS)
def test_every_rendered_line_passes_the_twin_and_the_crypto_ones_cisco_yang(case):
    _data, text = rendered(case)
    vendor_checked = 0
    for mode, line in _lines_with_modes(text):
        found = grammar.match(ios.GRAMMAR[mode], line.split(), "ios")
        assert found.ok, (case, mode, line)
        vendor_checked += found.pattern.text in VENDOR_PATTERNS
    # per tunnel: encryption, integrity|prf, group per IKE proposal; transform-sets; lifetime, dpd; pfs, SA
    # lifetime, dfbit, replay; ip mtu, adjust-mss
    assert vendor_checked >= 2 * (3 + 1 + 2 + 4 + 2), (case, vendor_checked)


@SETTINGS
@given(st.integers(1, 9))
def test_an_ipsec_profile_takes_as_many_transform_sets_as_the_command_reference_allows(count):
    most = FIXTURE["limits"]["crypto ipsec profile / set transform-set"]["max"]
    line = "set transform-set " + " ".join("TS-%d" % i for i in range(count))
    assert twin_accepts("ipsec-profile", line) == (count <= most)


@pytest.mark.parametrize("mode, line, ok", [
    ("config-ikev2-keyring-peer", "address 2001:db8:ffff::11/128", True),
    ("config-ikev2-keyring-peer", "address 2001:db8:ffff::zz/128", False),
    ("config-ikev2-profile", "match identity remote address 2001:db8:ffff::11/128", True),
    ("config-ikev2-profile", "match identity remote address 2001:db8:ffff::11 255.255.255.255", False),
    ("config-ikev2-profile", "identity local address 2001:db8:51::11", True),
    ("config-ikev2-policy", "match address local 2001:db8:51::11", True),
    ("config-if", "tunnel mode ipsec ipv6 v4-overlay", True),
    ("config-if", "tunnel mode ipsec ipv6 v6-overlay", False),
    ("config-if", "tunnel destination 2001:db8:ffff::11", True),
    ("config-if", "tunnel destination 2001:db8:ffff::11/128", False),
])
def test_ipv6_outside_lines_are_accepted_as_cisco_yang_types_them(mode, line, ok):
    """Issue 19 item 6: the keyring peer and the profile match an IPv6 prefix (ios-types:ipv6-prefix), the tunnel's
    destination is an IPv6 address (inet:ipv6-address) and `tunnel mode ipsec ipv6` takes `v4-overlay` only."""
    assert C["interface Tunnel / tunnel mode ipsec ipv6"]["keywords"] == {"v4-overlay": "v4-overlay"}
    assert twin_accepts(mode, line) == ok
