# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CGW endpoint behind NAT in the data-plane lab's spec, and the NAT's nftables rules (issue 16)."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.lab.dataplane import examples, nat, spec as specmod, strongswan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


def _nat_spec():
    return examples.behind_nat(examples.ha_pair("lab"), 0)


def test_behind_nat_binds_the_private_address_and_shows_aws_the_public_one():
    spec = specmod.from_dict(_nat_spec())
    cgw, aws = spec.tunnel("t1").cgw, spec.tunnel("t1").aws
    assert (cgw.outside_ip, cgw.reachable_ip, cgw.ike.local_id) == (examples.CGW_PRIVATE, examples.CGW_OUTSIDE, examples.CGW_OUTSIDE)
    assert aws.reachable_ip == aws.outside_ip
    # charon binds the private address and names the public one as its identity; AWS expects that identity
    conn = strongswan.connection("t1", cgw.outside_ip, aws.reachable_ip, cgw.ike)["t1"]
    assert (conn["local_addrs"], conn["local"]["id"]) == ([examples.CGW_PRIVATE], examples.CGW_OUTSIDE)
    conn = strongswan.connection("t1", aws.outside_ip, cgw.reachable_ip, aws.ike)["t1"]
    assert (conn["remote_addrs"], conn["remote"]["id"]) == ([examples.CGW_OUTSIDE], examples.CGW_OUTSIDE)


@pytest.mark.parametrize("change, field, rule", [
    (lambda t: t["aws"].update(nat_public_ip="198.51.100.99"), "tunnels[0].aws.nat_public_ip", "nat.cgw_only"),
    (lambda t: t["cgw"].update(nat_public_ip="198.51.100.300"), "tunnels[0].cgw.nat_public_ip", "address.ipv4"),
    (lambda t: t["cgw"].update(nat_public_ip=t["cgw"]["outside_ip"]), "tunnels[0].cgw.nat_public_ip", "nat.distinct"),
    # the AWS end knows the CGW by the NAT's address, not by the one behind it
    (lambda t: t["aws"].update(peer_outside_ip=examples.CGW_PRIVATE), "tunnels[0].aws.peer_outside_ip", "peer.consistent"),
])
def test_nat_rules_name_the_field(change, field, rule):
    data = _nat_spec()
    change(data["tunnels"][0])
    with pytest.raises(IntentErrors) as err:
        specmod.from_dict(data)
    assert (field, rule) in {(e.field, e.rule) for e in err.value.errors}


def test_the_peer_may_name_the_nat_address():
    data = _nat_spec()
    data["tunnels"][0]["aws"]["peer_outside_ip"] = examples.CGW_OUTSIDE
    assert specmod.from_dict(data).tunnel("t1").aws.peer_outside_ip == examples.CGW_OUTSIDE


def test_the_nat_maps_one_to_one_both_ways_and_rewrites_its_table_whole():
    commands = nat.ruleset("10.0.11.10", "198.51.100.10").split("; ")
    assert commands[:2] == ["add table ip s2s_nat", "flush table ip s2s_nat"]
    assert "add rule ip s2s_nat prerouting ip daddr 198.51.100.10 dnat to 10.0.11.10" in commands
    assert "add rule ip s2s_nat postrouting ip saddr 10.0.11.10 snat to 198.51.100.10" in commands
