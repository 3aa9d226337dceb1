# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_file (issue 15): a change's lines go to the device as a file by SCP, the controller's copy is gone at once, the
device's is deleted after the commands - also when they fail - and a refused transfer fails before any command."""

from __future__ import annotations

import os
import re

import pytest

from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import cgw_file
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import SessionError

IOS = {"ansible_network_os": "cisco.ios.ios", "inventory_hostname": "r1"}
LINES = "interface Tunnel1\n description s2s"


class FakeSession:
    """Records the copies (with the controller file's text and mode at the time) and the commands."""

    def __init__(self, refuse_copy=False, dead=False):
        self.copies, self.sent, self.refuse_copy, self.dead = [], [], refuse_copy, dead

    def copy_file(self, source, destination, proto, timeout):
        if self.refuse_copy:
            raise SessionError("Error transferring file to %s: Permission denied" % destination)
        with open(source, encoding="utf-8") as handle:
            self.copies.append((handle.read(), oct(os.stat(source).st_mode & 0o777), destination, proto, timeout, source))

    def run_commands(self, commands, check_rc):
        if self.dead:
            raise SessionError("socket closed")
        self.sent.extend(commands)
        return [""] * len(commands)


def test_the_lines_go_to_flash_by_scp_and_are_deleted_after_the_commands():
    session = FakeSession()
    with cgw_file.DeviceFile(session, IOS, LINES.splitlines()) as name:
        session.run_commands(["do copy %s running-config" % name], True)
    with cgw_file.DeviceFile(session, IOS, LINES.splitlines()) as other:
        pass
    (text, mode, destination, proto, _timeout, source), _second = session.copies
    assert re.match(r"^flash:hybridvpn-s2s-[0-9a-f]{8}\.cfg$", name) and other != name     # two pushes, two files
    assert (text, mode, destination, proto) == (LINES + "\n", "0o600", name, "scp")
    assert not os.path.exists(source)                      # the controller's copy is gone once sent
    assert session.sent == ["do copy %s running-config" % name, "delete /force " + name, "delete /force " + other]


def test_the_file_is_deleted_when_a_command_fails_and_a_dead_session_leaves_the_error_alone():
    session = FakeSession()
    failed = cgw_file.DeviceFile(session, IOS, LINES.splitlines())
    with pytest.raises(SessionError, match="Invalid input"):
        with failed:
            raise SessionError("% Invalid input detected at '^' marker.")
    assert session.sent == ["delete /force " + session.copies[0][2]]
    assert failed.left == failed.name         # after a failure the rescue deletes it again on a fresh session
    dead = cgw_file.DeviceFile(FakeSession(dead=True), IOS, LINES.splitlines())
    with pytest.raises(SessionError, match="timeout"):
        with dead:
            raise SessionError("command timeout triggered")
    assert dead.left == dead.name and dead.name.startswith("flash:hybridvpn-s2s-")     # for the rescue to delete


def test_a_refused_transfer_fails_before_any_command_and_names_the_way_out():
    session = FakeSession(refuse_copy=True)
    with pytest.raises(SessionError) as failed:
        with cgw_file.DeviceFile(session, IOS, LINES.splitlines()):
            session.run_commands(["configure terminal lock"], True)
    assert re.search(r"r1: copying the change to flash:hybridvpn-s2s-[0-9a-f]{8}\.cfg by SCP failed", str(failed.value))
    assert "ip scp server enable" in str(failed.value) and "cgw_ios_load: lines" in str(failed.value)
    assert session.sent == []


def test_no_lines_no_file_and_a_platform_without_a_file_load_is_refused():
    session = FakeSession()
    with cgw_file.DeviceFile(session, IOS, None) as name:
        assert name is None
    assert session.copies == [] and session.sent == []
    with pytest.raises(SessionError, match="Junos has no load from a file here"):
        with cgw_file.DeviceFile(session, {"ansible_network_os": "junipernetworks.junos.junos"}, LINES.splitlines()):
            pass


def test_cgw_command_puts_the_platforms_load_where_the_commands_say_and_nothing_without_a_file():
    from ansible_collections.hybridvpn.s2s.plugins.action import cgw_command     # pylint: disable=import-outside-toplevel

    commands = ["configure terminal lock", {"load_file": True}, "end"]
    loaded = cgw_command._with_load(commands, "flash:hybridvpn-s2s-0a1b2c3d.cfg", IOS)    # pylint: disable=protected-access
    assert loaded == ["configure terminal lock", {"command": "do copy flash:hybridvpn-s2s-0a1b2c3d.cfg running-config",
                                                  "prompt": r"Destination filename \[running-config\]\? ?$", "answer": ""}, "end"]
    assert cgw_command._with_load(commands, None, IOS) == ["configure terminal lock", "end"]   # pylint: disable=protected-access
