# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos XML API RPCs doing what the roles' CLI commands do, for a device driven over ansible.netcommon.netconf.

The cgw actions speak in the dialect's CLI commands (configure exclusive, one ``load set terminal``, show | compare,
commit confirmed, rollback, show commands); over NETCONF each becomes the RPC Juniper documents for it, so the roles'
sessions, lock waits, rollbacks and reads stay one design on both transports. Sources: Juniper, "Junos XML Management
Protocol Developer Guide" and "NETCONF XML Management Protocol Developer Guide": <lock-configuration> (the exclusive
lock of ``configure exclusive``) and <unlock-configuration>, <load-configuration action="set" format="text">
<configuration-set> (``load set``) and <load-configuration rollback="N"/> (``rollback N``), <get-configuration
compare="rollback" rollback="0" format="text"> answering <configuration-information><configuration-output>
(``show | compare``), <get-configuration database="committed" format="set"> answering <configuration-set>,
<commit-configuration> with <check/>, <confirmed/>, <confirm-timeout> (minutes) and <log> (``commit check``,
``commit confirmed N``, ``commit comment``), <command format="text"> answering <output> (operational commands).
"""

from __future__ import annotations

import shlex
from xml.sax.saxutils import escape

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.base import ReadError

LOCK = "<lock-configuration/>"
UNLOCK = "<unlock-configuration/>"
# What an RPC's reply holds the command's text in (None: nothing to print).
CONFIG_SET, COMPARE, OUTPUT = "configuration-set", "configuration-output", "output"


class Step:
    """One CLI command as RPCs: ``rpcs`` [(rpc, the reply element holding its text or None)]; ``mode``: "enter" or
    "leave" configuration mode (None: stays); ``takes_lock``: it takes the exclusive lock; ``release``: the RPC giving
    the lock back when it leaves (sent only by a session holding it)."""

    def __init__(self, rpcs, mode=None, takes_lock=False):
        self.rpcs = rpcs
        self.mode = mode
        self.takes_lock = takes_lock
        self.release = UNLOCK if mode == "leave" else None


def _load_set(lines):
    return "<load-configuration action=\"set\" format=\"text\"><configuration-set>%s</configuration-set></load-configuration>" % (
        escape("\n".join(lines)))


def _commit(words):
    """``commit [check] [comment X] [confirmed [N]] [and-quit]`` as <commit-configuration>."""
    parts, leave = [], False
    while words:
        word = words.pop(0)
        if word == "comment" and words:
            parts.append("<log>%s</log>" % escape(words.pop(0)))
        elif word == "confirmed":
            parts.append("<confirmed/>")
            if words and words[0].isdigit():
                parts.append("<confirm-timeout>%s</confirm-timeout>" % words.pop(0))
        elif word == "check":
            parts.append("<check/>")
        elif word == "and-quit":
            leave = True
        else:
            raise ReadError("commit: %r has no NETCONF form here" % word, "commit_commands")
    return Step([("<commit-configuration>%s</commit-configuration>" % "".join(parts), None)], "leave" if leave else None)


def step(command, config_command):
    """The Step for one CLI command of the roles (a str, or the dialect's ``load set terminal`` dict)."""
    if isinstance(command, dict):        # load set terminal: its answer is the lines and Ctrl-D
        lines = [line for line in str(command.get("answer", "")).replace("\x04", "").splitlines() if line.strip()]
        return Step([(_load_set(lines), None)])
    words = shlex.split(command)
    if command == config_command:
        return Step([("<get-configuration database=\"committed\" format=\"set\"/>", CONFIG_SET)])
    if words == ["configure", "exclusive"]:
        return Step([(LOCK, None)], "enter", takes_lock=True)
    if words[:1] == ["configure"]:
        return Step([], "enter")
    if words in (["exit"], ["quit"], ["exit", "configuration-mode"]):
        return Step([], "leave")
    if len(words) == 2 and words[0] == "rollback" and words[1].isdigit():
        return Step([("<load-configuration rollback=\"%s\"/>" % words[1], None)])
    if words[:1] in (["set"], ["delete"]):
        return Step([(_load_set([command]), None)])
    if words[:1] == ["commit"]:
        return _commit(words[1:])
    if command.replace(" ", "") == "show|compare":
        return Step([("<get-configuration compare=\"rollback\" rollback=\"0\" format=\"text\"/>", COMPARE)])
    if words[:1] == ["show"]:
        return Step([("<command format=\"text\">%s</command>" % escape(command), OUTPUT)])
    raise ReadError("%r has no NETCONF form in the roles' Junos sessions" % command, "ansible_connection")
