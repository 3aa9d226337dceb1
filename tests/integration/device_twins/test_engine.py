# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CLI engine in-process (no Ansible): device behaviours the Ansible tests do not reach, and 100 twins at once."""

from __future__ import annotations

import asyncio

import asyncssh
import pytest

from lab.device_twins import server
from lab.device_twins.spec import SpecError, build


def _twin(tmp_path, platform, name="t1", **extra):
    entry = {"name": name, "platform": platform, "port": 0, "password": "pw", "state_dir": str(tmp_path), **extra}
    return server.Twin(build(entry, {}, str(tmp_path)))


def _run(session, *lines):
    return [session.feed(line) for line in lines]


def test_ios_submodes_negation_and_replacement(tmp_path):
    twin = _twin(tmp_path, "ios")
    session = twin.new_session("admin")
    out = _run(session, "conf t", "interface Tunnel5", "ip address 169.254.1.2 255.255.255.252",
               "ip address 169.254.1.6 255.255.255.252", "tunnel source GigabitEthernet1", "no tunnel source",
               "router bgp 65000", "neighbor 169.254.1.5 remote-as 64512", "neighbor 169.254.1.5 remote-as 64513",
               "ip mtu 1400", "end", "show running-config | section Tunnel5")
    assert out[1] == "t1(config-if)#" and out[6] == "t1(config-router)#"
    # "ip mtu" is neither a BGP nor a global command; global mode knows "ip", so the caret points at "mtu"
    assert out[9] == " " * 21 + "^\n% Invalid input detected at '^' marker.\nt1(config-router)#"
    assert out[-1].splitlines()[:2] == ["interface Tunnel5", " ip address 169.254.1.6 255.255.255.252"]
    running = twin.device.running.lines()
    assert " neighbor 169.254.1.5 remote-as 64513" in running and " neighbor 169.254.1.5 remote-as 64512" not in running
    assert " tunnel source GigabitEthernet1" not in running


def test_ios_rejects_vocabulary_it_cannot_spell(tmp_path):
    session = _twin(tmp_path, "ios").new_session("admin")
    out = _run(session, "configure terminal", "crypto ikev2 proposal P", "group 22", "encryption aes-cbc-256", "group 14 21")
    assert "% Invalid input" in out[2]          # crypto_vocab: IOS-XE IKEv2 has no DH group 22
    assert out[3] == out[4] == "t1(config-ikev2-proposal)#"


def test_ios_ikev2_proposal_settings_replace_their_line(tmp_path):
    twin = _twin(tmp_path, "ios")
    _run(twin.new_session("admin"), "configure terminal", "crypto ikev2 proposal P", "encryption aes-cbc-256",
         "group 20 19 14", "group 20 19 14 2", "encryption aes-gcm-256", "end")
    block = [line for line in twin.device.running.lines() if line.startswith((" group", " encryption"))]
    assert block == [" encryption aes-gcm-256", " group 20 19 14 2"]


def test_junos_edit_levels_and_rollback_compare(tmp_path):
    twin = _twin(tmp_path, "junos")
    session = twin.new_session("admin")
    out = _run(session, "configure", "edit protocols bgp group aws", "set peer-as 64512", "top",
               "commit", "set protocols bgp group aws peer-as 64513", "show | compare rollback 0", "rollback 0",
               "show | compare", "exit")
    assert out[1].endswith("\n[edit protocols bgp group aws]\nadmin@t1# ")
    assert "-    peer-as 64512;" in out[6] and "+    peer-as 64513;" in out[6]
    assert out[7].startswith("load complete")
    assert out[8] == "\n[edit]\nadmin@t1# "
    assert out[9].startswith("Exiting configuration mode")


def test_vyos_refuses_to_exit_with_uncommitted_changes(tmp_path):
    session = _twin(tmp_path, "vyos").new_session("admin")
    out = _run(session, "configure", "set system host-name changed", "exit", "compare", "exit discard", "show host name")
    assert out[2].startswith("Cannot exit: configuration modified.")
    assert "[system]\n- host-name t1\n+ host-name changed" in out[3]
    assert out[5].startswith("t1\n")


def test_reload_boots_the_saved_config(tmp_path):
    ios = _twin(tmp_path, "ios", name="r1")
    session = ios.new_session("admin")
    _run(session, "configure terminal", "hostname saved-name", "end", "write memory", "configure terminal",
         "hostname unsaved-name", "end")
    assert session.feed("reload") == "Proceed with reload? [confirm]"
    assert "Reload requested by admin" in session.feed("") and session.closed
    assert ios.new_session("admin").prompt() == "saved-name#"

    vyos = _twin(tmp_path, "vyos", name="v1")
    session = vyos.new_session("admin")
    _run(session, "configure", "set system host-name committed-not-saved", "commit", "exit")
    assert session.feed("reboot").startswith("Are you sure")
    assert session.feed("y") == "Rebooting now" and session.closed
    assert vyos.new_session("admin").prompt() == "admin@v1:~$ "


def test_spec_errors_name_the_field():
    with pytest.raises(SpecError, match="twin 'x': platform must be one of"):
        build({"name": "x", "platform": "eos", "port": 1, "password": "p"}, {}, "/tmp")
    with pytest.raises(SpecError, match="twin 'y': password or authorized_keys is required"):
        build({"name": "y", "platform": "ios", "port": 1}, {}, "/tmp")


def test_hundred_twins_in_one_process(tmp_path):
    """The scale benchmark's shape: 100 twins, one event loop, 100 concurrent SSH sessions."""
    specs = [build({"name": "cgw%03d" % i, "platform": ("ios", "junos", "vyos")[i % 3], "port": 0, "password": "pw",
                    "state_dir": str(tmp_path)}, {}, str(tmp_path)) for i in range(100)]

    async def scenario():
        twins = await server.start(specs)
        try:
            async def ask(spec):
                async with asyncssh.connect(spec.host, spec.port, username="admin", password="pw",
                                            known_hosts=None) as conn:
                    return (await conn.run("show version", check=True)).stdout
            return await asyncio.gather(*(ask(s) for s in specs))
        finally:
            for twin in twins:
                twin.server.close()
    outputs = asyncio.run(scenario())
    assert len({s.port for s in specs}) == 100
    for spec, out in zip(specs, outputs):
        assert {"ios": "Cisco IOS XE Software", "junos": "Hostname: " + spec.name, "vyos": "Version:          VyOS"}[spec.platform] in out
