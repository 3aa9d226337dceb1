# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every way Ansible reaches the twins uses the twins' connection settings, and only the twins do."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from lab.device_twins import spec
from lab.device_twins.__main__ import inventory

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _group_vars(inventory_name: str) -> dict:
    return yaml.safe_load((ROOT / "inventories" / inventory_name / "group_vars" / "cgw.yml").read_text())


def test_lab_inventory_says_what_the_twins_need():
    lab = _group_vars("lab")
    assert {k: lab.get(k) for k in spec.ANSIBLE_CONNECTION} == spec.ANSIBLE_CONNECTION


def test_generated_twin_inventories_carry_the_settings():
    twin = spec.build({"name": "cgw-ios", "platform": "ios", "port": 2201}, {"password": "pw"}, str(ROOT))
    host = inventory([twin])["all"]["children"]["device_twins"]["children"]["ios"]["hosts"]["cgw-ios"]
    assert {k: host[k] for k in spec.ANSIBLE_CONNECTION} == spec.ANSIBLE_CONNECTION


def test_a_junos_twin_can_be_reached_over_netconf_and_only_junos():
    twin = spec.build({"name": "cgw-junos", "platform": "junos", "port": 2202, "transport": "netconf"}, {"password": "pw"}, str(ROOT))
    host = inventory([twin])["all"]["children"]["device_twins"]["children"]["junos"]["hosts"]["cgw-junos"]
    assert host["ansible_connection"] == "ansible.netcommon.netconf" and "ansible_buffer_read_timeout" not in host
    with pytest.raises(spec.SpecError, match="twin 'cgw-ios': transport netconf is served by the junos twin only"):
        spec.build({"name": "cgw-ios", "platform": "ios", "port": 2201, "transport": "netconf"}, {"password": "pw"}, str(ROOT))
    assert [t.transport for t in spec.load(str(ROOT / "extensions" / "molecule" / "twins.yml"), str(ROOT))] == [
        "network_cli", "netconf", "network_cli"]       # the cgw_junos Molecule scenario converges over NETCONF


def test_real_devices_keep_network_clis_default_wait():
    assert "ansible_buffer_read_timeout" not in _group_vars("example")
