# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_read: the one read of a device (commands per platform) and what the cgw roles work out from it."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read, render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import vyos

from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils.cgw.test_render import _conn

VYOS_SHOW_VERSION = "Version:          VyOS 1.3.8\nRelease train:    equuleus\nHardware model:   KVM\n"
VYOS_CONFIG = "set interfaces vti vti7 address '10.0.0.1/30'\nset interfaces vti vti345 description 's2s:vpn-0a1b2c3d:1'\n"


@pytest.mark.parametrize("network_os, name", [("cisco.ios.ios", "ios"), ("junipernetworks.junos.junos", "junos"),
                                              ("vyos.vyos.vyos", "vyos"), ("vyos", "vyos")])
def test_platform_from_ansible_network_os(network_os, name):
    assert cgw_read.platform(network_os) == name


@pytest.mark.parametrize("network_os", ["arista.eos.eos", "", None])
def test_unsupported_platform_names_the_variable(network_os):
    with pytest.raises(cgw_read.ReadError, match="ansible_network_os=%s is not supported" % (network_os or "unset")):
        cgw_read.platform(network_os)


def test_one_read_asks_the_vyos_release_only_when_nobody_named_it():
    assert cgw_read.commands("ios") == ["show running-config"]
    assert cgw_read.commands("junos", "") == ["show configuration | display set"]
    assert cgw_read.commands("vyos", "") == ["show configuration commands", "show version"]
    assert cgw_read.commands("vyos", "1.3") == ["show configuration commands"]


@pytest.mark.parametrize("version, legacy", [("1.3", True), ("VyOS 1.3.8", True), ("VyOS 1.4.3", False), ("1.5-rolling-202601", False),
                                             ("1.2.9-S1", True), ("2.0", False)])
def test_vyos_syntax_follows_the_release(version, legacy):
    assert vyos.legacy(version) is legacy


def test_unreadable_vyos_release_names_the_setting():
    with pytest.raises(cgw_read.ReadError, match="cgw_vyos_version"):
        vyos.legacy("rolling")
    with pytest.raises(cgw_read.ReadError, match="set cgw_vyos_version"):
        vyos.shown_release("Hardware model: KVM\n")


def test_prepare_discovers_and_renders_from_the_read():
    prepared = cgw_read.prepare("vyos", [VYOS_CONFIG, VYOS_SHOW_VERSION], [_conn()], {"mtu": 1400})
    assert prepared["config"] == VYOS_CONFIG
    assert prepared["discovered"] == {"owned": {"s2s:vpn-0a1b2c3d:1": 345}, "used": [7, 345], "prepended": []}
    assert prepared["version"] == "VyOS 1.3.8" and prepared["legacy"] is True
    # the same data the cgw_config filter gives for that discovery: the owned interface keeps its number
    assert prepared["render"] == render.build([_conn()], "vyos", {"mtu": 1400}, {"s2s:vpn-0a1b2c3d:1": 345}, [7, 345])
    assert [t["number"] for t in prepared["render"]["tunnels"]][0] == 345


def test_prepare_takes_a_named_release_and_ignores_it_elsewhere():
    assert cgw_read.prepare("vyos", [VYOS_CONFIG], [_conn()], {}, "1.4")["legacy"] is False
    prepared = cgw_read.prepare("ios", ["hostname r1\n"], [_conn()], {}, "VyOS 1.3")
    assert prepared["version"] == "" and prepared["legacy"] is False


def test_bad_connections_name_the_field_and_hide_the_keys():
    broken = _conn(cgw_asn=65099)
    with pytest.raises(cgw_read.ReadError, match="cgw_connections:.*asn") as err:
        cgw_read.prepare("junos", [""], [_conn(), dict(broken, vpn_connection_id="vpn-2")], {})
    assert "Key.1_abcdefgh" not in str(err.value)
