# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pushes cut off by faults (issue 22 items 1 and 5): on IOS-XE, Junos and VyOS twins carrying everyday config, a push
that freezes the device early or late, loses its SSH session or has a late line refused ends with the device at its
exact pre-push config and a message saying what happened - and no key in any output.

The twins' faults files (lab/device_twins/faults.py) are armed before each push; one ansible-playbook run per twin takes
all the faults in turn, the three twins at once. Command timeouts are short (6 s), stalls 8 s; the device starts with
everyday config only, so the IOS-XE rollback also puts back the archive settings the push added.
"""

from __future__ import annotations

import json

from .conftest import HOSTS, keep_reads, read_config
from .test_cgw_roles import UNRELATED, _connection, _role_play

PLATFORMS = ("ios", "junos", "vyos")
KEYS = ["CgwFaults.C1_k3yThree2b1a0f9e", "CgwFaults.C2_k3yFour6d5c4b3a"]
CONN_C = _connection("vpn-9c8d7e6f", 60, KEYS, gateway_type="tgw", ecmp=True)     # the change every fault cuts off
# Short timeouts keep the faults quick: a stall outlasts the command timeout; verification looks once.
CHANGE = {"cgw_connections": [CONN_C], "cgw_verify": "skip", "cgw_commit_confirm_minutes": 30, "ansible_command_timeout": 6,
          "cgw_lock_wait": 30}
STALL = 8


def _rule(match, action, skip=0):
    return {"match": match, "action": action, "seconds": STALL, "skip": skip}


# Per fault and platform: the rule, and what the failure message must say. Junos and VyOS load every line once (one
# session loads, compares, then loads the keys and commits; the key change is known from the read). Junos loads the
# lines in one `load set terminal`: a fault on a line inside it cuts off (stall, drop) or refuses (reported after ^D)
# the whole load. IOS-XE (`do copy flash:<file> running-config`) and VyOS (`merge <file>`) load their config lines from a
# file: a refuse rule on a line of the file is printed by the copy or merge; a stall or drop fires on a command line.
FAULTS = {
    "stall early": {
        "ios": (_rule(r"^crypto ikev2 keyring S2S-9c8d7e6f-T2$", "stall"), ("timeout", "rolled back (configure replace")),
        "junos": (_rule(r"^set security ike policy S2S-9c8d7e6f-T1 pre-shared-key", "stall"), ("timeout", "nothing was committed")),
        "vyos": (_rule(r"^set vpn ipsec authentication psk S2S-9c8d7e6f-T1 secret", "stall"), ("timeout", "nothing was committed")),
    },
    # the commit (Junos) or its confirmation (VyOS) runs when the device thaws, after the client gave up: rolled back
    "stall late": {
        "ios": (_rule(r"^do copy flash:hybridvpn-s2s-[0-9a-f]{8}\.cfg running-config$", "stall"), ("timeout", "rolled back (configure replace")),
        "junos": (_rule(r'^commit comment "hybridvpn\.s2s" confirmed', "stall"), ("timeout", "rolled back (rollback 1)")),
        "vyos": (_rule(r"^y$", "stall"), ("timeout", "rolled back (rollback 1)")),
    },
    "drop": {
        "ios": (_rule(r"^end$", "drop"), ("rolled back (configure replace",)),
        "junos": (_rule(r"^set security ipsec vpn S2S-9c8d7e6f-T2 df-bit", "drop"), ("nothing was committed",)),
        "vyos": (_rule(r"^merge /tmp/hybridvpn-s2s-[0-9a-f]{8}\.config$", "drop"), ("nothing was committed",)),
    },
    "refuse": {
        "ios": (_rule(r"^neighbor 169\.254\.62\.1 route-map \S+ out$", "refuse"),
                ("% Invalid input detected at '^' marker.", "rolled back (configure replace")),
        "junos": (_rule(r"^set protocols bgp group S2S-9c8d7e6f neighbor 169\.254\.62\.1 family", "refuse"),
                  ("syntax error: ", "nothing was committed")),     # `load set terminal`: terminal:N:(col) syntax error: word
        "vyos": (_rule(r"^set protocols bgp neighbor 169\.254\.62\.1 address-family ipv4-unicast maximum-prefix", "refuse"),
                 ("refused a line of the loaded file: [Errno 1] failed to run command: /opt/vyatta/sbin/my_set protocols bgp",
                  "nothing was committed")),
    },
}
PUSH_TASK = {"ios": "Push keys and config under the configuration lock", "junos": "Load keys and config, then commit confirmed",
             "vyos": "Load keys and config, then commit-confirm"}


def _fault_play(cgw_lab, index, fault):
    """Arm the twin's faults file (a pipe lookup on the controller: no module run), run the role, read the device."""
    rules = {HOSTS[p]: [FAULTS[fault][p][0]] for p in PLATFORMS}
    write = "'printf %s ' ~ (rules[inventory_hostname] | to_json | quote) ~ ' > ' ~ (faults_dir ~ '/' ~ inventory_hostname ~ '.faults.json') | quote"
    arm = {"name": "arm the faults", "ansible.builtin.set_fact": {"armed": "{{ lookup('ansible.builtin.pipe', %s) }}" % write}}
    play = _role_play(fault, dict(CHANGE, rules=rules, faults_dir=str(cgw_lab.twins.folder / "state")))
    play["tasks"] = [arm] + play["tasks"] + [read_config(index)]
    return play


def test_a_push_cut_off_by_any_fault_leaves_the_device_at_its_pre_push_config(cgw_lab):
    """One ansible-playbook per twin, the three at once: everyday config, then four pushes each cut off by a fault,
    the device read after each; the reads are written out once at the end. (Failed verification: test_cgw_roles.py,
    test_rejected_change_and_failed_verification_leave_the_device_as_it_was, on the same rescue.)"""
    setup = {"name": "unrelated config", "hosts": "all", "gather_facts": False,
             "tasks": [{"name": "push unrelated", "ansible.netcommon.cli_config": {"config": "{{ unrelated }}"}}, read_config(0)],
             "vars": {"unrelated": "{{ by_host[inventory_hostname] }}", "by_host": {HOSTS[p]: UNRELATED[p] for p in PLATFORMS}}}
    plays = [setup] + [_fault_play(cgw_lab, i, fault) for i, fault in enumerate(FAULTS, 1)]
    plays.append(keep_reads(len(FAULTS) + 1, cgw_lab.twins.folder))
    report, _configs = cgw_lab.run(plays, platforms=PLATFORMS)
    for platform in PLATFORMS:
        host = HOSTS[platform]
        before, *afters = json.loads((cgw_lab.twins.folder / ("%s.reads.json" % host)).read_text())
        assert any("corporate" in line for line in before.splitlines()), platform      # everyday config is there
        for index, fault in enumerate(FAULTS, 1):
            failure = report.facts(index, host).get("cgw_failure", "")
            assert failure.startswith("%s: push failed at '%s" % (host, PUSH_TASK[platform])), (platform, fault, failure)
            for text in FAULTS[fault][platform][1] + ("running config equals the pre-push config",):
                assert text in failure, (platform, fault, failure)
            assert afters[index - 1] == before, (platform, fault)      # byte for byte, IOS-XE's header included
    # the last push's file (IOS-XE and VyOS load the change from one) is deleted after its refused line, as after a success
    for platform in ("ios", "vyos"):
        assert not [path for path in (cgw_lab.twins.folder / "state" / ("%s.files" % HOSTS[platform])).rglob("*") if path.is_file()]
    for text in cgw_lab.outputs:
        for key in KEYS:
            assert key not in text
