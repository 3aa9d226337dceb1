# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins' faults file (lab/device_twins/faults.py): which rule fires on which line, once, after N lines."""

from __future__ import annotations

import json

from lab.device_twins import dialects, faults, spec
from lab.device_twins.device import Device


def _twin(tmp_path, platform):
    return spec.build({"name": "f-" + platform, "platform": platform, "port": 0}, {"password": "pw", "state_dir": str(tmp_path)},
                      str(tmp_path))


def test_no_file_no_fault_and_rules_fire_in_order_once_after_skips(tmp_path):
    twin = _twin(tmp_path, "ios")
    assert twin.faults_file == str(tmp_path / "f-ios.faults.json")
    assert faults.check(twin, "router bgp 65000") is None
    rules = [{"match": "^router bgp", "action": "stall", "seconds": 3, "skip": 1}, {"match": "bgp", "action": "drop", "once": False}]
    (tmp_path / "f-ios.faults.json").write_text(json.dumps(rules))
    assert faults.check(twin, "interface Tunnel1") is None
    assert faults.check(twin, "router bgp 65000") is None                      # skipped once
    fired = faults.check(twin, " router bgp 65000")
    assert (fired.action, fired.seconds) == ("stall", 3.0)
    assert [faults.check(twin, "router bgp 1").action for _attempt in range(2)] == ["drop", "drop"]     # once: false stays
    assert json.loads((tmp_path / "f-ios.faults.json").read_text()) == [rules[1]]


def test_refusals_are_the_platforms_own_errors(tmp_path):
    texts = {}
    for platform in ("ios", "junos", "vyos"):
        twin = _twin(tmp_path, platform)
        session = dialects.get(platform).Session(Device(twin, dialects.get(platform), persist=False), "admin")
        texts[platform] = faults.refusal(session, "set protocols bgp neighbor 169.254.1.1 remote-as 64512")
    assert texts["ios"].endswith("^\n% Invalid input detected at '^' marker.\n")
    assert texts["junos"].endswith("syntax error.")
    assert texts["vyos"] == "\n  Configuration path: [protocols bgp neighbor 169.254.1.1 remote-as 64512] is not valid\n  Set failed\n"
