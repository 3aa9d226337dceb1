# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device twins take the lines a CGW behind NAT adds (issue 16) as the vendors' definitions do: the address
the device binds and its identity are IPv4 addresses, anything else is refused by the twin's own grammar or tree.
(That every rendered NAT line is accepted is shown per platform by the vendor-definition tests; docs/nat.md.)"""

from __future__ import annotations

import pytest

from lab.device_twins import grammar, ios, junos
from lab.device_twins.vyostree import CommandTree

VYOS = {"1.4": CommandTree.load("vyos"), "1.3": CommandTree.load("vyos13")}
GOOD, BAD = "10.0.11.11", "10.0.11.300"


@pytest.mark.parametrize("mode, words", [("config-ikev2-policy", "match address local %s"),
                                         ("config-ikev2-profile", "identity local address %s")])
def test_ios_twin(mode, words):
    assert grammar.match(ios.GRAMMAR[mode], (words % GOOD).split(), "ios").ok
    assert not grammar.match(ios.GRAMMAR[mode], (words % BAD).split(), "ios").ok


@pytest.mark.parametrize("words", ["security ike gateway G local-address %s", "security ike gateway G local-identity inet %s"])
def test_junos_twin(words):
    assert junos.SCHEMA.check((words % GOOD).split()).ok
    assert not junos.SCHEMA.check((words % BAD).split()).ok


@pytest.mark.parametrize("release, words", [
    ("1.4", "vpn ipsec site-to-site peer P local-address %s"), ("1.4", "vpn ipsec site-to-site peer P authentication local-id %s"),
    ("1.3", "vpn ipsec site-to-site peer 203.0.113.11 local-address %s")])
def test_vyos_twin(release, words):
    assert VYOS[release].check((words % GOOD).split()).ok
    refused = VYOS[release].check((words % BAD).split()).ok
    # local-id is free text on VyOS (an FQDN or a key id is as good an identity): only local-address is typed
    assert refused is words.endswith("local-id %s")
