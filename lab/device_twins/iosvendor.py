# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE twin's crypto and tunnel-interface grammar, derived from Cisco's YANG (issue 16).

``tests/fixtures/vendor/ios/crypto-commands.json`` is Cisco's IOS-XE 17.9 native model reduced by
``lab/docgen/ios_yang_fixture.py`` (its source, commit and date are in the file). The keywords, enumerations and
ranges of the commands below come from it, not from the collection's crypto vocabulary, so the twin refuses what
IOS-XE refuses (``dpd 5 ...``, ``replay window-size 100``, ``esp-gcm 256 esp-sha256-hmac``) and accepts what it
accepts even where the collection would never write it (``encryption aes-cbc-192``).
"""

from __future__ import annotations

import itertools
import json
import pathlib

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "vendor" / "ios" / "crypto-commands.json"
_DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
COMMANDS, LIMITS = _DATA["commands"], _DATA["limits"]


def keywords(command):
    """``<a|b|c>``: one of the CLI words of a container of empty leaves."""
    return "<%s>" % "|".join(sorted(COMMANDS[command]["keywords"]))


def enum(command):
    return "<%s>" % "|".join(COMMANDS[command]["enum"])


def span(command):
    """``<lo..hi>``: the leaf's range (each of these leaves has one)."""
    (low, high), = COMMANDS[command]["range"]
    return "<%d..%d>" % (low, high)


def _transform_sets():
    """`crypto ipsec transform-set <tag> <esp> [<key-bit>] [<esp-hmac>]`: the YANG's `when` rules say which ESP
    transforms take a key size and which an HMAC (none with GCM/GMAC)."""
    key_bits, hmac = COMMANDS["crypto ipsec transform-set / key-bit"], COMMANDS["crypto ipsec transform-set / esp-hmac"]
    rows = []
    for esp in COMMANDS["crypto ipsec transform-set / esp"]["enum"]:
        options = [[""] + (["<%s>" % "|".join(key_bits["enum"])] if esp not in key_bits["when_not"] else []),
                   [""] + (["<%s>" % "|".join(hmac["enum"])] if esp not in hmac["when_not"] else [])]
        for bits, mac in itertools.product(*options):
            text = " ".join(w for w in ("crypto ipsec transform-set <name>", esp, bits, mac) if w)
            rows.append((text, "cfg-crypto-trans", (0, 1, 2, 3)))
    return rows


def _transform_set_list():
    """`set transform-set A [B ... F]`: at most as many as Cisco's command reference allows; a new line replaces."""
    most = LIMITS["crypto ipsec profile / set transform-set"]["max"]
    return [("set transform-set" + " <name>" * count, "", (0, 1)) for count in range(1, most + 1)]


# The twin's word type for a YANG leaf type of the fixture (typedef first: ios-types:ipv6-prefix is a string).
_ADDRESS_TYPES = {"ios-types:ipv6-prefix": "prefix6", "inet:ipv6-address": "ipv6", "inet:ip-address": "ipany"}


def address(command):
    """``<type>``: the twin's word type for an address leaf of the fixture."""
    leaf = COMMANDS[command]
    return "<%s>" % _ADDRESS_TYPES[leaf.get("typedef") or leaf["base"]]


def _overlay(command):
    """`tunnel mode ipsec ipv6 [v4-overlay]`: the presence container alone, or with its one keyword."""
    return ["%s%s" % (command, "".join(" " + k for k in keywords)) for keywords in ([], sorted(COMMANDS[
        "interface Tunnel / " + command]["keywords"]))]


def rows():
    """Grammar rows per twin mode for the commands the fixture covers."""
    proposal = "crypto ikev2 proposal / "
    profile = "crypto ipsec profile / set security-association "
    return {
        "config": _transform_sets(),
        # one line per setting: a new `group ...` replaces the old one (the keyword is the key)
        "config-ikev2-proposal": [("%s %s+" % (word, keywords(proposal + word)), "", (0,))
                                  for word in ("encryption", "integrity", "prf", "group")],
        "config-ikev2-profile": [
            "match identity remote address %s" % address("crypto ikev2 profile / match identity remote address ipv6"),
            "identity local address %s" % address("crypto ikev2 profile / identity local address"),
            "lifetime %s" % span("crypto ikev2 profile / lifetime"),
            "dpd %s %s %s" % (span("crypto ikev2 profile / dpd / interval"), span("crypto ikev2 profile / dpd / retry"),
                              enum("crypto ikev2 profile / dpd / query")),
        ],
        "cfg-crypto-trans": ["mode %s" % keywords("crypto ipsec transform-set / mode")],
        "ipsec-profile": _transform_set_list() + [
            "set pfs %s" % enum("crypto ipsec profile / set pfs group"),
            ("set security-association lifetime seconds %s" % span(profile + "lifetime seconds"), "", (0, 1, 2, 3)),
            "set security-association dfbit %s" % enum(profile + "dfbit"),
            "set security-association replay window-size %s" % enum(profile + "replay window-size"),
        ],
        "config-if": [
            "ip mtu %s" % span("interface Tunnel / ip mtu"),
            "ip tcp adjust-mss %s" % span("interface Tunnel / ip tcp adjust-mss"),
            # IPv6 outside addresses (issue 19): the IPv6 destination and the IPsec-over-IPv6 mode
            "tunnel destination %s" % address("interface Tunnel / tunnel destination ipv6"),
            # the YANG's tunnel/source is a string; Cisco's command reference: an interface, an IPv4 or an IPv6 address
            "tunnel source <ipv6>",
        ] + [(line, "", (0, 1)) for line in _overlay("tunnel mode ipsec ipv6")],
        "config-ikev2-keyring-peer": ["address %s" % address("crypto ikev2 keyring / peer / address ipv6")],
        "config-ikev2-policy": ["match address local %s" % address("crypto ikev2 policy / match address local")],
    }
