# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pushes cut off by faults (issue 22 items 1 and 5): on IOS-XE, Junos and VyOS twins carrying everyday config, a push
that freezes the device early or late, loses its SSH session, has a late line refused or fails verification ends with
the device at its exact pre-push config and a message saying what happened - and no key in any output.

The twins' faults files (lab/device_twins/faults.py) are armed by a play before each push; one ansible-playbook run
per twin takes all the faults in turn, the three twins at once. Command timeouts are short (7 s) and stalls 10 s.
"""

from __future__ import annotations

import pytest

from .conftest import HOSTS
from .test_cgw_roles import UNRELATED, _connection, _role_play

PLATFORMS = ("ios", "junos", "vyos")
KEYS = ["CgwFaults.A1_k3yOne4c3b2a1f", "CgwFaults.A2_k3yTwo8e7d6c5b", "CgwFaults.C1_k3yThree2b1a0f9e", "CgwFaults.C2_k3yFour6d5c4b3a"]
CONN_A = _connection("vpn-0a1b2c3d", 40, KEYS[:2])
CONN_C = _connection("vpn-9c8d7e6f", 60, KEYS[2:], gateway_type="tgw", ecmp=True)     # the change every fault cuts off
BASE = {"cgw_connections": [CONN_A], "cgw_verify": "skip", "cgw_commit_confirm_minutes": 30}
CHANGE = dict(BASE, cgw_connections=[CONN_A, CONN_C], ansible_command_timeout=7, cgw_lock_wait=30)
STALL = 10


def _rule(match, action, skip=0):
    return {"match": match, "action": action, "seconds": STALL, "skip": skip}


# Per fault and platform: the rule, and what the failure message must say. Junos and VyOS load every line twice (the
# plan in check mode, then the push): those rules let the plan's line through (skip 1).
FAULTS = {
    "stall early": {
        "ios": (_rule(r"^crypto ikev2 keyring S2S-9c8d7e6f-T2$", "stall"), ("timeout", "rolled back (configure replace")),
        "junos": (_rule(r"^set security ike policy S2S-9c8d7e6f-T1 pre-shared-key", "stall", 1), ("timeout", "nothing was committed")),
        "vyos": (_rule(r"^set vpn ipsec authentication psk S2S-9c8d7e6f-T1 secret", "stall", 1), ("timeout", "nothing was committed")),
    },
    # the commit (Junos) or its confirmation (VyOS) runs when the device thaws, after the client gave up: rolled back
    "stall late": {
        "ios": (_rule(r"^neighbor 169\.254\.62\.1 maximum-prefix", "stall"), ("timeout", "rolled back (configure replace")),
        "junos": (_rule(r'^commit comment "hybridvpn\.s2s" confirmed', "stall"), ("timeout", "rolled back (rollback 1)")),
        "vyos": (_rule(r"^y$", "stall"), ("timeout", "rolled back (rollback 1)")),
    },
    "drop": {
        "ios": (_rule(r"^tunnel destination 203\.0\.113\.62$", "drop"), ("rolled back (configure replace",)),
        "junos": (_rule(r"^set security ipsec vpn S2S-9c8d7e6f-T2 df-bit", "drop", 1), ("nothing was committed",)),
        "vyos": (_rule(r"^set vpn ipsec site-to-site peer \S+ remote-address '203\.0\.113\.62'", "drop", 1), ("nothing was committed",)),
    },
    "refuse": {
        "ios": (_rule(r"^neighbor 169\.254\.62\.1 route-map \S+ out$", "refuse"),
                ("% Invalid input detected at '^' marker.", "rolled back (configure replace")),
        "junos": (_rule(r"^set protocols bgp group S2S-9c8d7e6f neighbor 169\.254\.62\.1 family", "refuse", 1),
                  ("syntax error.", "nothing was committed")),
        "vyos": (_rule(r"^set protocols bgp neighbor 169\.254\.62\.1 address-family ipv4-unicast maximum-prefix", "refuse", 1),
                 ("Set failed", "nothing was committed")),
    },
}
VERIFY = {"ios": "rolled back (configure replace", "junos": "rolled back (rollback 1)", "vyos": "rolled back (rollback 1)"}
PUSH_TASK = {"ios": "Push keys and config under the configuration lock", "junos": "Load keys and config, then commit confirmed",
             "vyos": "Load keys and config, then commit-confirm"}


def _arm(cgw_lab, fault):
    """A play writing each twin's faults file (the twins read it before every line)."""
    state = cgw_lab.twins.folder / "state"
    rules = {HOSTS[p]: [FAULTS[fault][p][0]] if fault else [] for p in PLATFORMS}
    return {"name": "arm %s" % fault, "hosts": "all", "gather_facts": False, "vars": {"rules": rules},
            "tasks": [{"name": "write the faults file", "ansible.builtin.copy": {
                "content": "{{ rules[inventory_hostname] | to_json }}", "dest": "%s/{{ inventory_hostname }}.faults.json" % state},
                "delegate_to": "localhost"}]}


@pytest.fixture(scope="module")
def baseline(cgw_lab):
    setup = {"name": "unrelated config", "hosts": "all", "gather_facts": False,
             "tasks": [{"name": "push unrelated", "ansible.netcommon.cli_config": {"config": "{{ unrelated }}"}}],
             "vars": {"unrelated": "{{ by_host[inventory_hostname] }}", "by_host": {HOSTS[p]: UNRELATED[p] for p in PLATFORMS}}}
    report, (before,) = cgw_lab.run([setup, _role_play("apply", BASE), "snapshot"], platforms=PLATFORMS)
    for platform in PLATFORMS:
        assert not report.facts(1, HOSTS[platform]).get("cgw_failure"), report.facts(1, HOSTS[platform])
        assert any("corporate" in line for line in before[platform]), platform      # everyday config is there
    return before


def test_a_push_cut_off_by_any_fault_leaves_the_device_at_its_pre_push_config(cgw_lab, baseline):
    plays = []
    for fault in FAULTS:
        plays += [_arm(cgw_lab, fault), _role_play(fault, CHANGE), "snapshot"]
    plays += [_arm(cgw_lab, None), _role_play("verification fails", dict(CHANGE, cgw_verify="enforce", cgw_verify_timeout=1)),
              "snapshot", _role_play("no fault", CHANGE)]
    report, afters = cgw_lab.run(plays, platforms=PLATFORMS)
    for platform in PLATFORMS:
        host = HOSTS[platform]
        for index, fault in enumerate(list(FAULTS) + ["verification fails"]):
            failure = report.facts(2 * index + 1, host).get("cgw_failure", "")     # plays: arm, push, (snapshot)
            expected = FAULTS[fault][platform][1] if fault in FAULTS else ("Wait for IKE, IPsec and BGP", VERIFY[platform])
            assert failure.startswith("%s: push failed at '" % host), (platform, fault, failure)
            if fault in FAULTS:
                assert PUSH_TASK[platform] in failure, (platform, fault, failure)
            for text in expected + ("running config equals the pre-push config",):
                assert text in failure, (platform, fault, failure)
            assert afters[index][platform] == baseline[platform], (platform, fault)
        # the device is usable again (no lock or stuck session left): the same change lands
        landed = report.facts(2 * len(FAULTS) + 2, host)
        assert not landed.get("cgw_failure") and report.changed(2 * len(FAULTS) + 2, host), (platform, landed)
    for text in cgw_lab.outputs:
        for key in KEYS:
            assert key not in text
