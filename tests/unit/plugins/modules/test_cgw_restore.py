# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_restore's rollback commands per platform (issue 22): what a fresh session sends to undo a failed push."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.action import cgw_restore
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import ios

BEFORE = "Building configuration...\n!\nhostname r1\n!\nntp server 10.0.0.1\n!\nend"
AFTER_REPLACE = "Building configuration...\n!\nhostname r1\n!\narchive\n path flash:s2s-archive\n maximum 14\n!\nntp server 10.0.0.1\n!\nend"


class _Session:
    """Answers every command with ``reply`` and keeps what was sent."""

    def __init__(self, reply=""):
        self.sent, self.reply = [], reply

    def run_commands(self, commands, check_rc=True):  # pylint: disable=unused-argument
        self.sent.extend(commands)
        return [self.reply for _command in commands]


def _rollback(platform, point, session, before=BEFORE):
    action = cgw_restore.ActionModule.__new__(cgw_restore.ActionModule)
    return action._rollback(session, platform, point, "r1", 5, before)   # pylint: disable=protected-access


def test_archive_block_is_the_archive_line_and_its_settings():
    assert ios.archive_block(AFTER_REPLACE) == ["archive", " path flash:s2s-archive", " maximum 14"]
    assert ios.archive_block(BEFORE) == []


def test_ios_replaces_from_the_rollback_point_under_the_lock_then_puts_back_the_archive_settings():
    session = _Session(AFTER_REPLACE)
    how = _rollback("ios", "flash:s2s-archive-3", session)
    assert how == "configure replace flash:s2s-archive-3, archive settings restored"
    assert session.sent == ["configure terminal lock", "end", "configure replace flash:s2s-archive-3 force", "show running-config",
                            "configure terminal lock", "no archive", "end"]


def test_ios_without_a_rollback_point_does_nothing_when_the_archive_settings_are_as_before():
    session = _Session(BEFORE)
    assert _rollback("ios", "", session) == ""
    assert session.sent == ["show running-config"]


def test_junos_and_vyos_roll_back_one_commit():
    junos, vyos = _Session(), _Session()
    assert _rollback("junos", "", junos) == "rollback 1" == _rollback("vyos", "", vyos)
    assert junos.sent == ["configure exclusive", "rollback 1", 'commit comment "hybridvpn.s2s rollback" and-quit']
    assert vyos.sent[0] == "configure" and vyos.sent[1]["command"] == "rollback 1" and vyos.sent[2] == "exit"
