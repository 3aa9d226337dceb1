# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The base of the action plugins that talk to a customer gateway over its network_cli session.

They run in the worker and call the platform's cliconf plugin through the session (as the vendors' modules do
from a module process): no module process per task, and none of the vendor modules' results, which pass
`warnings` to exit_json (deprecated by ansible-core 2.19, so every run printed it).

With a lock wait, a command the device refuses because another session holds its configuration lock is sent
again every second until the lock is free or the wait is over (then DeviceBusy, naming the holder); a failure
once a lock may be held leaves configuration mode, so the lock is released at once rather than at the next task.
"""

from __future__ import annotations

import re
import time

from ansible.module_utils.connection import Connection, ConnectionError as SessionError
from ansible.plugins.action import ActionBase

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_lock, cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_netconf import NetconfSession

__all__ = ["CgwSessionAction", "DeviceBusy", "SessionError", "without_lines"]

_SOCKET_ARG = "_ansible_socket"


def _without_echo(error, command):
    """``error`` without the device's echo of what ``command`` answered a prompt with (a bulk load's lines, which may
    carry keys; network_cli's message is its last 256 bytes of output, so a line there may be cut at its start)."""
    answer = command.get("answer") if isinstance(command, dict) else None
    if not answer:
        return error
    return without_lines(error, str(answer).splitlines())


def without_lines(error, sent_lines):
    """``error`` without the lines of it that echo (the end of) one of ``sent_lines`` (lines that may carry keys)."""
    sent = [line.strip() for line in sent_lines if line.strip()]
    lines = re.split(r"\r\n|\n|\\r\\n|\\n", str(error))
    kept = [line for line in lines if not _echoed(line, sent)]
    return SessionError("\n".join(kept))


def _echoed(line, sent):
    """Whether ``line`` of an error message is (the end of) one of the ``sent`` lines, also as network_cli's repr of
    the response prints it (a leading b' and escaped quotes)."""
    for text in (line, re.sub(r"^b['\"]", "", line), re.sub(r"^b['\"]", "", line).replace("\\'", "'").replace('\\"', '"')):
        text = text.strip()
        if text and any(text in full for full in sent):
            return True
    return False


class DeviceBusy(Exception):
    """Another session kept the configuration lock for longer than the task would wait."""


class CgwSessionAction(ActionBase):
    TRANSFERS_FILES = False

    def validate_argument_spec(self, argument_spec=None, **kwargs):  # pylint: disable=arguments-differ
        # _ansible_socket is _session()'s note, not an option: a retried task (until) comes back with it.
        self._task.args.pop(_SOCKET_ARG, None)
        return super().validate_argument_spec(argument_spec=argument_spec, **kwargs)

    def _session(self, task_vars=None):
        """The device's session: network_cli's, or a NETCONF one speaking the same commands (cgw_netconf) on a platform
        whose dialect has NETCONF forms; SessionError for any other connection."""
        socket_path = getattr(self._connection, "socket_path", None)
        netconf = str(self._play_context.connection).rsplit(".", maxsplit=1)[-1] == "netconf"
        if not socket_path:
            raise SessionError("%s drives the device over ansible.netcommon.network_cli or netconf (ansible_connection)" % self._task.action)
        # Noted in the task's args as a module run notes it (ActionBase._update_module_args): the play's strategy learns
        # the host's persistent connection from it, so `meta: reset_connection` ends that connection. Without it the
        # meta task resets a connection object that knows no socket, and a session left stuck is used again.
        self._task.args[_SOCKET_ARG] = socket_path
        if netconf:
            # the connection's own host (a delegated task's too: the compliance role fetches through delegate_to)
            network_os = getattr(self._play_context, "network_os", None) or (task_vars or {}).get("ansible_network_os", "")
            dialect = registry.dialect_for(cgw_read.platform(network_os))
            if dialect.netconf_step is None:
                raise SessionError("%s: %s is driven over ansible.netcommon.network_cli only" % (self._task.action, dialect.title))
            return NetconfSession(Connection(socket_path), dialect)
        return Connection(socket_path)

    @staticmethod
    def _releasing(session, task_vars, work):
        """``work()``'s result; on a failure, leave configuration mode (the platform's way) before passing it on."""
        try:
            return work()
        except (SessionError, DeviceBusy):
            try:
                platform = cgw_read.platform(task_vars.get("ansible_network_os", ""))
                if cgw_lock.in_config_mode(platform, session.get_prompt()):
                    session.run_commands(commands=cgw_lock.release(platform), check_rc=False)
            except (SessionError, S2SError):
                pass     # the session is gone (its lock with it), or not a platform the roles drive
            raise

    @staticmethod
    def _send(session, commands, host, lock_wait, outputs):
        """Send ``commands`` in order, each waiting up to ``lock_wait`` seconds for the configuration lock; their outputs
        go to ``outputs`` as they come (a caller that fails still has the outputs before the failure)."""
        for command in commands:
            deadline = time.monotonic() + lock_wait
            while True:
                try:
                    output = session.run_commands(commands=[command], check_rc=True)[0]
                    refused, error = output, None
                except SessionError as exc:     # Junos reports the lock as an error, IOS-XE and VyOS as plain output
                    refused, error = str(exc), exc
                who = cgw_lock.holder(refused)
                if who is None:
                    if error is not None:
                        raise _without_echo(error, command)
                    outputs.append(output)
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DeviceBusy(cgw_lock.busy_message(host, who, lock_wait))
                time.sleep(min(1.0, left))
        return outputs
