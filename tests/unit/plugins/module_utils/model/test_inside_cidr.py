# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr, stable_slots

keys = st.lists(st.text(alphabet="abcdefgh/0123456789-", min_size=1, max_size=24), unique=True, max_size=120)


@given(keys)
def test_allocations_are_unique_valid_and_never_reserved(names):
    result = inside_cidr.allocate(names)
    assert sorted(result) == sorted(names)
    assert len(set(result.values())) == len(names)
    for cidr in result.values():
        net = inside_cidr.check(cidr)  # raises if reserved or out of range
        assert net.prefixlen == 30


@given(keys, keys)
def test_adding_or_removing_keys_never_moves_a_pinned_tunnel(before, added):
    first = inside_cidr.allocate(before)
    after_keys = before[: len(before) // 2] + [k for k in added if k not in before]
    kept = {k: first[k] for k in after_keys if k in first}
    second = inside_cidr.allocate(after_keys, pins=kept)
    for key, cidr in kept.items():
        assert second[key] == cidr
    assert len(set(second.values())) == len(second)


@given(keys)
def test_allocation_is_deterministic(names):
    assert inside_cidr.allocate(names) == inside_cidr.allocate(list(reversed(names)))


@settings(max_examples=30)
@given(keys)
def test_ipv6_allocations_are_126s_in_fd00(names):
    for cidr in inside_cidr.allocate(names, version=6).values():
        net = ipaddress.ip_network(cidr)
        assert net.prefixlen == 126 and net.subnet_of(ipaddress.ip_network("fd00::/8"))


def test_uncontested_first_choice_survives_without_pins():
    base = ["gw/a/1/1", "gw/b/1/1", "gw/c/1/1"]
    first = inside_cidr.allocate(base)
    second = inside_cidr.allocate(base + ["gw/new/1/1", "gw/new/1/2"])
    assert all(second[k] == first[k] for k in base)


def test_reserved_blocks_are_skipped_even_as_first_choice(monkeypatch):
    monkeypatch.setattr(stable_slots, "first_choice", lambda key, slots: 169 * 64 + 63)
    result = inside_cidr.allocate(["k1", "k2"])
    assert "169.254.169.252/30" not in result.values()
    assert len(set(result.values())) == 2


@pytest.mark.parametrize("cidr,rule", [
    ("169.254.169.252/30", "inside_cidr.reserved"),
    ("169.254.3.0/30", "inside_cidr.reserved"),
    ("169.254.10.0/29", "inside_cidr.range"),
    ("10.0.0.0/30", "inside_cidr.range"),
    ("169.254.10.1/30", "inside_cidr.syntax"),
    ("nonsense", "inside_cidr.syntax"),
])
def test_check_names_the_rule(cidr, rule):
    with pytest.raises(inside_cidr.InsideCidrError) as err:
        inside_cidr.check(cidr)
    assert err.value.rule == rule


def test_duplicate_pins_fail():
    with pytest.raises(inside_cidr.InsideCidrError) as err:
        inside_cidr.allocate(["a", "b"], pins={"a": "169.254.10.0/30", "b": "169.254.10.0/30"})
    assert err.value.rule == "inside_cidr.duplicate"


def test_addresses_aws_first_cgw_second():
    assert inside_cidr.addresses("169.254.10.0/30") == {
        "cidr": "169.254.10.0/30", "aws": "169.254.10.1", "cgw": "169.254.10.2",
        "prefixlen": 30, "netmask": "255.255.255.252"}
    assert inside_cidr.addresses("fd00::/126")["cgw"] == "fd00::2"
