# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every way Ansible reaches the twins uses the twins' connection settings, and only the twins do."""

from __future__ import annotations

import pathlib

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


def test_real_devices_keep_network_clis_default_wait():
    assert "ansible_buffer_read_timeout" not in _group_vars("example")
