# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cgw actions' NETCONF session (plugin_utils/cgw_netconf.py with the Junos dialect's netconf_step), judged by the
Junos twin's NETCONF server in-process: the roles' commands do over NETCONF what they do over the CLI (issue 17)."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest
from ansible.module_utils.connection import ConnectionError as SessionError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_lock
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_netconf import NetconfSession
from lab.device_twins import dialects, junos_netconf, spec
from lab.device_twins.device import Device

KEY = "Nc.Test_Psk_4c9e1b7a2d8f3e6a"
JUNOS = registry.dialect_for("junos")


class TwinConnection:
    """What ansible.netcommon.netconf's execute_rpc does, against the twin: the reply XML, or ConnectionError with the
    rpc-error XML (the junos netconf plugin raises ncclient's error XML)."""

    def __init__(self, device):
        self.server = junos_netconf.NetconfSession(device, "admin")
        self.server.peer_hello = True
        self.sent = []
        self.loop = asyncio.new_event_loop()      # the twin arms commit-confirmed timers on its running loop

    def execute_rpc(self, rpc):
        self.sent.append(rpc)

        async def answer():
            return self.server.receive(('<rpc message-id="1">%s</rpc>]]>]]>' % rpc).encode()).decode()[:-len("]]>]]>")]
        reply = self.loop.run_until_complete(answer())
        if "<rpc-error>" in reply and "<error-severity>error" in reply:
            raise SessionError(reply)
        return reply


@pytest.fixture
def device(tmp_path):
    twin = spec.build({"name": "nc-cgw", "platform": "junos", "port": 0}, {"password": "pw", "state_dir": str(tmp_path)}, str(tmp_path))
    return Device(twin, dialects.get("junos"), persist=False)


def test_the_junos_push_session_loads_compares_commits_confirmed_and_leaves(device):
    session = NetconfSession(TwinConnection(device), JUNOS)
    config = ["set security ike proposal NC dh-group group14", "set security ike proposal NC lifetime-seconds 28800"]
    session.run_commands(list(JUNOS.session_start) + JUNOS.load(config))
    assert session.get_prompt() == "# " and device.lock_holder is not None
    shown = session.run_commands([JUNOS.compare_command])[0]
    assert "[edit security ike proposal NC]" in shown and "+    dh-group group14;" in shown
    session.run_commands(JUNOS.load(["set security ike policy NCP pre-shared-key ascii-text %s" % KEY]))
    session.run_commands(['commit comment "hybridvpn.s2s" confirmed 5 and-quit'])
    assert session.get_prompt() == "> " and device.lock_holder is None
    assert device.confirm["minutes"] == 5 and device.history[0]["comment"] == "hybridvpn.s2s"
    text = session.run_commands([JUNOS.config_command])[0]
    assert "set security ike proposal NC dh-group group14" in text.splitlines()
    assert KEY not in text and "pre-shared-key ascii-text $9$" in text          # Junos keeps the key encoded
    assert session.run_commands(["show system commit"])[0].startswith("0   ")


def test_a_refused_key_line_fails_without_the_key_and_another_lock_is_the_clis_refusal(device):
    connection = TwinConnection(device)
    session = NetconfSession(connection, JUNOS)
    session.run_commands(list(JUNOS.session_start))
    with pytest.raises(SessionError) as refused:
        session.run_commands(JUNOS.load(["set security ike policy NCP pre-shared-key ascii-text %s extra-word" % KEY]))
    assert str(refused.value) == "syntax error" and KEY in connection.sent[-1]
    session.run_commands(list(JUNOS.release))
    assert device.lock_holder is None and device.candidate == device.running
    cli = dialects.get("junos").Session(device, "operator")
    cli.feed("configure exclusive")
    with pytest.raises(SessionError) as locked:
        NetconfSession(TwinConnection(device), JUNOS).run_commands(["configure exclusive"])
    assert cgw_lock.holder(str(locked.value)).startswith("operator terminal pts/")


def test_every_roles_command_has_a_netconf_form_and_others_are_refused():
    rollback, _how = JUNOS.rollback("")
    commands = list(JUNOS.session_start) + list(JUNOS.release) + list(JUNOS.settle) + rollback + list(JUNOS.state_commands)
    for command in commands + [JUNOS.compare_command, JUNOS.config_command, 'commit comment "x" confirmed 10 and-quit']:
        for rpc, _holder in JUNOS.netconf_step(command).rpcs:
            ET.fromstring(rpc)       # well-formed
    with pytest.raises(Exception, match="no NETCONF form"):
        JUNOS.netconf_step("request system reboot")
    assert registry.dialect_for("ios").netconf_step is None
