# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Juniper's own modules over ansible.netcommon.netconf against the Junos twin (issue 17): junos_facts, junos_config
(check mode, commit confirmed, confirm, a refused line), junos_command and junos_rpc, in ONE ansible-playbook run."""

from __future__ import annotations

NETCONF = {"ansible_connection": "ansible.netcommon.netconf"}
LINE = "set security ike proposal NC-MOD dh-group group19"


def test_junos_modules_over_netconf(twins):
    r = twins.plays({"junos": [
        {"name": "facts", "junipernetworks.junos.junos_facts": {"gather_subset": ["default", "config"], "config_format": "set"}},
        {"name": "check", "junipernetworks.junos.junos_config": {"lines": [LINE]}, "check_mode": True, "diff": True},
        {"name": "push", "junipernetworks.junos.junos_config": {"lines": [LINE], "confirm": 2, "comment": "netconf modules"},
         "diff": True},
        {"name": "confirm", "junipernetworks.junos.junos_config": {"confirm_commit": True}},
        {"name": "again", "junipernetworks.junos.junos_config": {"lines": [LINE]}},
        {"name": "refused", "junipernetworks.junos.junos_config": {"lines": ["set security ike proposal NC-MOD dh-group group99"]},
         "ignore_errors": True},
        {"name": "show", "junipernetworks.junos.junos_command": {"commands": ["show configuration | display set", "show system commit"],
                                                                 "display": "text"}},
        {"name": "rpc", "junipernetworks.junos.junos_rpc": {"rpc": "get-software-information"}},
    ]}, connection=NETCONF)["junos"]
    facts = r["facts"]["ansible_facts"]
    assert (facts["ansible_net_hostname"], facts["ansible_net_model"], facts["ansible_net_api"]) == ("t-junos", "vsrx", "netconf")
    assert "set system host-name t-junos" in facts["ansible_net_config"]
    assert r["check"]["changed"] and "+    dh-group group19;" in r["check"]["diff"]["prepared"]
    assert r["push"]["changed"] and "+    dh-group group19;" in r["push"]["diff"]["prepared"]
    assert r["confirm"]["changed"] and not r["again"]["changed"]          # idempotent on the committed line
    assert r["refused"]["failed"] and "syntax error" in r["refused"]["msg"]
    config, commits = r["show"]["stdout"]
    assert LINE in config.splitlines() and "dh-group group99" not in config
    assert "netconf modules" in commits and "commit confirmed" not in commits.splitlines()[0]   # confirmed in time
    assert "<host-name>t-junos</host-name>" in r["rpc"]["xml"] and "<junos-version>" in r["rpc"]["xml"]
