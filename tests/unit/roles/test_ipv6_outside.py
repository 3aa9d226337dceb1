# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPv6 outside addresses (AWS's OutsideIpAddressType Ipv6, issue 19): what each platform's template renders reads back,
through the config readers that compliance, troubleshooting, the twins and dataplane_sync use, as tunnels between the
device's IPv6 address and AWS's, each with its key, the inside staying IPv4. That every such line is one the vendor
accepts is proven where every case is judged: the "ipv6-outside" cases of test_twin_ios_vendor and
test_junos_vendor_yang, VyOS's "ipv6_outside" feature (test_vyos_render_vs_vendor_tree)."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.tests.unit.roles.cgw_ios import rendered as ios_rendered
from tests.unit.roles import junos_render, role_render

RECOMMENDED = profiles.get("recommended").tunnel_options()
CONN = role_render.ipv6_outside(role_render.connection(options=RECOMMENDED))
PEERS = [t["outside_ip"] for t in CONN["tunnels"]]


def _read_back(text, platform):
    """(source, IKE identity, peer, inside address, has a key) of each tunnel, as the config reader sees them."""
    model = load.parse(text, load.Source(name="r1", platform=platform))
    return [(t["source"], t["crypto"]["local_id"], t["peer"], t["inside_address"], bool(t["crypto"].get("psk")))
            for t in model["tunnels"]]


def _wanted(source=role_render.CGW_OUTSIDE6, identity=role_render.CGW_OUTSIDE6):
    return [(source, identity, peer, "%s/30" % t["cgw_inside_ip"], True) for peer, t in zip(PEERS, CONN["tunnels"])]


def test_ios_reads_back_as_ipv6_tunnels_with_their_keyring_peers():
    data, text = ios_rendered.rendered("ipv6-outside")
    keyring = role_render.template_lines("cgw_ios", "keyring.j2", {"cgw_render": data})
    assert [line.strip() for line in keyring if line.strip().startswith("address")] == ["address %s/128" % p for p in PEERS]
    assert _read_back(text + "\n" + "\n".join(keyring), "ios") == _wanted()


def test_junos_reads_back_as_ipv6_tunnels_with_inet6_identities():
    conn = role_render.ipv6_outside(junos_render.connection())
    lines = junos_render.lines([conn]) + junos_render.lines([conn], template="keys.j2")
    assert sum(" local-identity inet6 %s" % role_render.CGW_OUTSIDE6 in line for line in lines) == 2
    # no local-address: IKE leaves from the external interface, which holds the IPv6 address
    assert [row[1:] for row in _read_back("\n".join(lines), "junos")] == [row[1:] for row in _wanted()]


@pytest.mark.parametrize("legacy", [False, True], ids=["vyos-1.4", "vyos-1.3"])
def test_vyos_reads_back_as_ipv6_tunnels(legacy):
    variables = {"cgw_render": render.build([CONN], "vyos"), "cgw_vyos_legacy": legacy, "cgw_vyos_ipsec_interface": "eth0",
                 "cgw_vyos_dpd_action": "restart", "cgw_vyos_extra_lines": []}
    lines = [line for name in ("config.j2", "keys.j2") for line in role_render.template_lines("cgw_vyos", name, variables)]
    assert _read_back("\n".join(lines), "vyos13" if legacy else "vyos") == _wanted()
