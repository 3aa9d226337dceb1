# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A customer gateway's ansible.netcommon.netconf session, offered to the cgw actions as their network_cli one is.

The actions send the dialect's CLI commands (``run_commands``) and ask the prompt (``get_prompt``: in configuration
mode or not); here each command becomes the RPCs its dialect says (``netconf_step``), sent with the connection's
``execute_rpc``, and its text is read from the reply. An <rpc-error> is raised as the error the CLI would print: its
messages (Junos's "configuration database locked by: ..." is what the lock wait looks for), never the RPC sent - a
load of key lines is never echoed. Leaving configuration mode gives back a lock this session took.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import unescape

from ansible.module_utils.connection import ConnectionError as SessionError

__all__ = ["NetconfSession"]


def _local(tag):
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def _messages(error):
    """The <error-message>s of a failed RPC's text (the connection raises the rpc-error XML), else the text itself
    without any XML (a key sent in the RPC never comes back through here)."""
    found = re.findall(r"<(?:\w+:)?error-message>(.*?)</(?:\w+:)?error-message>", str(error), re.S)
    if found:
        return "; ".join(unescape(text.strip(), {"&quot;": '"'}) for text in found)
    return re.sub(r"<[^>]*>", " ", str(error)).strip()


class NetconfSession:
    """``run_commands`` and ``get_prompt`` of a network_cli session, over NETCONF with ``dialect.netconf_step``."""

    def __init__(self, connection, dialect):
        self.connection = connection
        self.dialect = dialect
        self.locked = False       # this session holds the configuration lock (configure exclusive)
        self.editing = False      # in configuration mode

    def get_prompt(self):
        return "# " if self.editing else "> "

    def run_commands(self, commands=None, check_rc=True):
        outputs = []
        for command in commands or []:
            try:
                outputs.append(self._run(command))
            except SessionError as exc:
                if check_rc:
                    raise
                outputs.append(str(exc))
        return outputs

    def _run(self, command):
        step = self.dialect.netconf_step(command)
        texts = []
        for rpc, holder in step.rpcs:
            reply = self._execute(rpc)
            if holder:
                texts.append(self._text(reply, holder))
        self.locked = self.locked or step.takes_lock
        if step.mode == "enter":
            self.editing = True
        elif step.mode == "leave":
            self.editing = False
            if self.locked:
                self.locked = False
                self._execute(step.release)
        return "\n".join(texts)

    def _execute(self, rpc):
        try:
            return self.connection.execute_rpc(rpc)
        except SessionError as exc:
            raise SessionError(_messages(exc)) from None

    @staticmethod
    def _text(reply, holder):
        root = ET.fromstring(reply.encode("utf-8") if isinstance(reply, str) else reply)
        found = next((e for e in root.iter() if _local(e.tag) == holder), None)
        return (found.text or "").strip("\n") if found is not None else ""
