# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the Junos role admits IKE and BGP (issue 16): an SRX drops IKE on an interface whose host-inbound-traffic does
not admit it, and IKE arrives on the external interface, never on an st0 unit (docs/fidelity-junos.md)."""

from __future__ import annotations

import pytest
import yaml

from tests.unit.roles import junos_render


def _zone_lines(connections, role_vars=None):
    return [line for line in junos_render.lines(connections, role_vars) if line.startswith("set security zones ")]


def test_ike_is_admitted_on_the_external_interface_once_and_bgp_on_each_st0_unit():
    zones = _zone_lines([junos_render.connection(), junos_render.connection("vpn-99887766")])
    assert zones.count("set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike") == 1
    st0 = [line for line in zones if " st0." in line]
    assert len(st0) == 4 and all(line.endswith(" host-inbound-traffic protocols bgp") for line in st0)
    assert not any("system-services" in line for line in st0)


def test_the_external_zone_and_interface_are_role_inputs():
    zones = _zone_lines([junos_render.connection()], {"cgw_junos_external_interface": "reth0.100",
                                                      "cgw_junos_external_zone": "internet"})
    assert "set security zones security-zone internet interfaces reth0.100 host-inbound-traffic system-services ike" in zones
    gateways = [line for line in junos_render.lines([junos_render.connection()], {"cgw_junos_external_interface": "reth0.100"})
                if " external-interface " in line]
    assert gateways and all(line.endswith(" external-interface reth0.100") for line in gateways)


@pytest.mark.parametrize("connections", [[], [junos_render.connection(state="absent")]])
def test_no_tunnel_admits_nothing(connections):
    assert _zone_lines(connections) == []


def test_the_argument_spec_documents_each_default():
    spec = yaml.safe_load(junos_render.role_file("meta", "argument_specs.yml"))["argument_specs"]["main"]["options"]
    for name, value in junos_render.defaults().items():
        assert spec[name]["default"] == value, name
