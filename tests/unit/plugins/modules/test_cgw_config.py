# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_config's one session (issue 15): VyOS and Junos load the config, compare, then discard or load the keys and
commit - each line sent once, the keys after the compare and never in a result."""

from __future__ import annotations

import re
from unittest import mock

from ansible_collections.hybridvpn.s2s.plugins.action import cgw_config
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import SessionError

CONFIG = "set protocols bgp system-as 65010\nset interfaces vti vti1 mtu 1436"
KEY = "set vpn ipsec authentication psk S2S-T1 secret 'Unit.k3y0ne'"
COMMIT = [{"command": "commit-confirm 10", "prompt": r"Proceed\? \[confirm\]", "answer": "y"}, "exit"]
CHANGE = "[protocols bgp]\n+ system-as 65010"


class FakeVyos:
    """A network_cli session: records what it is sent; ``compare`` prints ``shown``; a line matching ``refuse`` fails."""

    compare = "compare"

    def __init__(self, shown=CHANGE, refuse=None, merged="Merge complete. Use 'commit' to make changes effective."):
        self.sent, self.shown, self.refuse, self.merged, self.copied = [], shown, refuse, merged, []

    def copy_file(self, source, destination, proto, timeout):     # pylint: disable=unused-argument
        with open(source, encoding="utf-8") as handle:
            self.copied.append((destination, handle.read()))

    def run_commands(self, commands, check_rc):
        assert len(commands) == 1 or not check_rc     # one command per call: the lock wait judges each
        self.sent.extend(commands)
        command = commands[0]
        if self.refuse and command == self.refuse:
            raise SessionError("%s\r\n\r\n  Set failed\r\n[edit]\r\nvyos@r1#" % command)
        return [self.shown if command == self.compare else self.merged if str(command).startswith("merge ") else ""]

    @staticmethod
    def get_prompt():
        return "vyos@r1# "


class FakeJunos(FakeVyos):
    compare = "show | compare"


def _run(session, check_mode=False, diff=True, keys=KEY, network_os="vyos.vyos.vyos", commit_commands=None, load="lines",
         config=CONFIG):
    args = dict(config=config, keys=keys, commit_commands=commit_commands or COMMIT, lock_wait=0, load=load)
    task = mock.Mock(args=args, async_val=0, check_mode=check_mode, diff=diff, action="hybridvpn.s2s.cgw_config")
    action = cgw_config.ActionModule(task=task, connection=mock.Mock(socket_path="/s"), play_context=mock.Mock(), loader=None,
                                     templar=None, shared_loader_obj=None)
    with mock.patch.object(action, "_session", return_value=session):
        return action.run(task_vars={"ansible_network_os": network_os, "inventory_hostname": "r1"})


def test_a_push_sends_each_line_once_keys_after_the_compare_then_commits():
    session = FakeVyos()
    result = _run(session)
    assert session.sent == ["configure"] + CONFIG.splitlines() + ["compare", KEY] + COMMIT
    assert result["changed"] and result["diff"] == {"prepared": CHANGE}
    assert "Unit.k3y0ne" not in repr(result)


def test_check_mode_shows_the_change_and_discards_without_loading_keys():
    session = FakeVyos()
    result = _run(session, check_mode=True)
    assert session.sent == ["configure"] + CONFIG.splitlines() + ["compare", "exit discard"]
    assert result["changed"] and result["diff"] == {"prepared": CHANGE}


def test_keys_alone_are_a_change_committed_with_no_diff():
    session = FakeVyos(shown="No changes between working and active configurations.\n")
    result = _run(session)
    assert session.sent[-3:] == [KEY] + COMMIT
    assert result["changed"] and "diff" not in result


def test_nothing_to_load_discards_and_changes_nothing():
    session = FakeVyos(shown="No changes between working and active configurations.\n")
    result = _run(session, keys="")
    assert session.sent[-2:] == ["compare", "exit discard"] and not result["changed"]


def test_a_refused_key_line_fails_without_echoing_the_key_and_commits_nothing():
    session = FakeVyos(refuse=KEY)
    result = _run(session)
    assert result["failed"] and "Set failed" in result["msg"] and "Unit.k3y0ne" not in result["msg"]
    assert "commit-confirm 10" not in repr(session.sent) and session.sent[-1] == "exit discard"    # left configure mode


def test_junos_loads_config_and_keys_with_a_load_set_terminal_each_in_one_exclusive_session():
    session = FakeJunos()
    commit = ['commit comment "hybridvpn.s2s" confirmed 10 and-quit']
    result = _run(session, network_os="junipernetworks.junos.junos", keys="set security ike policy P pre-shared-key ascii-text K",
                  commit_commands=commit)
    first, second = [command for command in session.sent if isinstance(command, dict)]
    assert session.sent == ["configure exclusive", "rollback 0", first, "show | compare", second] + commit
    assert first["command"] == second["command"] == "load set terminal"
    assert first["answer"].startswith(CONFIG) and "pre-shared-key" in second["answer"] and "pre-shared-key" not in first["answer"]
    assert result["changed"] and result["diff"] == {"prepared": CHANGE}


def test_junos_bare_edit_line_is_no_change():
    session = FakeJunos(shown="\n[edit]\n")
    result = _run(session, check_mode=True, network_os="junipernetworks.junos.junos", keys="")
    assert session.sent[-3:] == ["show | compare", "rollback 0", "exit"] and not result["changed"]


QUOTED = "set protocols bgp system-as '65010'\nset interfaces vti vti1 mtu '1436'"


def test_vyos_loads_the_set_lines_with_one_merge_of_a_file_removed_after_the_session():
    session = FakeVyos()
    result = _run(session, load="file", config=QUOTED + "\nset vpn ipsec options disable-route-autoinstall")
    (destination, text), = session.copied
    assert re.match(r"^/tmp/hybridvpn-s2s-[0-9a-f]{8}\.config$", destination)         # a file of its own per push
    assert 'system-as "65010"' in text and "Unit.k3y0ne" not in text
    assert session.sent == ["configure", "merge " + destination, "set vpn ipsec options disable-route-autoinstall",
                            "compare", KEY] + COMMIT + ["rm -f " + destination]
    assert result["changed"] and result["diff"] == {"prepared": CHANGE}


def test_a_line_the_merge_refuses_fails_the_push_and_the_file_still_goes():
    refused = "[Errno 1] failed to run command: /opt/vyatta/sbin/my_set protocols bgp system-as '65010'\nreturned: \nexit code: 1"
    session = FakeVyos(merged=refused + "\nMerge complete. Use 'commit' to make changes effective.")
    result = _run(session, load="file", config=QUOTED)
    assert result["failed"] and "r1: the device refused a line of the loaded file: [Errno 1] failed to run command" in result["msg"]
    assert session.sent[-2:] == ["exit discard", "rm -f " + session.copied[0][0]] and KEY not in session.sent
