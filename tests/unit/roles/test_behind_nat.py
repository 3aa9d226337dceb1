# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CGW behind NAT (cgw_connections[].private_address): each platform's template binds IKE and sources the tunnels
from the private address, keeps the public address as the IKE identity, and changes nothing else (issue 16).
That every such line is one the vendor accepts is proven where every case is judged: the IOS-XE and Junos
"behind-nat" cases (test_twin_ios_vendor, test_junos_vendor_yang), VyOS's "behind_nat" feature
(test_vyos_render_vs_vendor_tree). docs/nat.md gives the vendors' sources."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.tests.unit.roles.cgw_ios import rendered as ios_rendered
from tests.unit.roles import junos_render, role_render

PUBLIC, PRIVATE = "198.51.100.11", "10.0.11.11"
RECOMMENDED = profiles.get("recommended").tunnel_options()


def _read_back(text, platform):
    """(tunnel source, IKE identity) of each tunnel, as the config reader (compliance, twins, lab) sees them."""
    model = load.parse(text, load.Source(name="r1", platform=platform))
    return [(t["source"], t["crypto"]["local_id"]) for t in model["tunnels"]]


def test_ios_binds_the_policy_and_the_tunnel_source_and_keeps_the_identity():
    _data, plain = ios_rendered.rendered("recommended-active_active")
    _data, nat = ios_rendered.rendered("behind-nat")
    assert ios_rendered.PRIVATE_ADDRESS == PRIVATE
    assert [line.strip() for line in nat.splitlines() if PRIVATE in line] == [
        "match address local " + PRIVATE, "tunnel source " + PRIVATE] * 2
    assert nat.count(" identity local address %s\n" % PUBLIC) == 2
    assert nat.replace(PRIVATE, PUBLIC) == plain
    assert _read_back(nat, "ios") == [(PRIVATE, PUBLIC)] * 2


def test_junos_adds_the_gateway_local_address_and_keeps_the_identity():
    plain = junos_render.lines([junos_render.connection()])
    nat = junos_render.lines([junos_render.connection(private_address=junos_render.PRIVATE_ADDRESS)])
    bound = [line for line in nat if PRIVATE in line]
    assert [line.split()[5:] for line in bound] == [["local-address", PRIVATE]] * 2
    assert sum(line.endswith("local-identity inet " + PUBLIC) for line in nat) == 2
    assert [line for line in nat if line not in bound] == plain
    assert _read_back("\n".join(nat), "junos") == [(PRIVATE, PUBLIC)] * 2


@pytest.mark.parametrize("legacy", [False, True], ids=["vyos-1.4", "vyos-1.3"])
def test_vyos_binds_the_peer_local_address_and_keeps_the_identity(legacy):
    def lines(**extra):
        variables = {"cgw_render": render.build([role_render.connection(options=RECOMMENDED, **extra)], "vyos"), "cgw_vyos_legacy": legacy,
                     "cgw_vyos_ipsec_interface": "eth0", "cgw_vyos_dpd_action": "restart", "cgw_vyos_extra_lines": []}
        return [line for name in ("config.j2", "keys.j2") for line in role_render.template_lines("cgw_vyos", name, variables)]

    plain, nat = lines(), lines(private_address=PRIVATE)
    assert [line.split()[6:] for line in nat if PRIVATE in line] == [["local-address", "'%s'" % PRIVATE]] * 2
    identity = "authentication id" if legacy else "authentication local-id"
    assert sum(("%s '%s'" % (identity, PUBLIC)) in line for line in nat) == 2
    assert [line.replace(PRIVATE, PUBLIC) for line in nat] == plain
    assert _read_back("\n".join(nat), "vyos13" if legacy else "vyos") == [(PRIVATE, PUBLIC)] * 2
