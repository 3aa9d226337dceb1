# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_config works out and pushes config over the network_cli session, in the worker (docs: plugins/modules/cgw_config.py)."""

from __future__ import annotations

import functools
import json
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_lock, cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import cgw_file
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import CgwSessionAction, DeviceBusy, SessionError, without_lines

_SPEC = dict(
    config=dict(type="str"),
    rollback=dict(type="int"),
    diff_match=dict(type="str", choices=["line", "strict", "exact", "none"], default="line"),
    lock_wait=dict(type="int"),
    keys=dict(type="str", no_log=True),
    commit_commands=dict(type="list", elements="raw"),
    load=dict(type="str", choices=["lines", "file"], default="lines"),
)


class ActionModule(CgwSessionAction):
    # Check mode works out the change and leaves the device as it was.
    _supports_check_mode = True

    @staticmethod
    def _edit(session, args, commit, lock, load):
        """(the change, the commands that make it) for ``config``. Junos and VyOS compare on the box: load (the dialect's
        way: Junos all lines in one ``load set terminal``), compare, then commit or discard. IOS-XE has no candidate: the
        change is the difference to the running config, pushed on commit. ``lock(commands)`` sends commands waiting for
        the configuration lock (None: no lock is taken); ``load(lines)`` the commands loading lines."""
        lines = args["config"].strip("\n").splitlines()
        if json.loads(session.get_capabilities())["device_operations"].get("supports_onbox_diff"):
            if lock:
                lock([lock.command])    # Junos: the cliconf plugin goes on in the exclusive session
            # the cliconf plugin sends each candidate entry as a command (a dict: with its prompt and answer)
            return session.edit_config(candidate=load(lines), commit=commit, replace=None, comment=None).get("diff"), None
        diff = session.get_diff(candidate=args["config"], running=session.get_config(), diff_match=args["diff_match"])["config_diff"]
        if diff and commit:
            if lock:    # IOS-XE: the change in one configuration session that holds the lock
                lock([lock.command] + diff.splitlines() + list(lock.release))
            else:
                session.edit_config(candidate=diff.splitlines(), commit=True, replace=None, comment=None)
        return diff, diff.split("\n") if diff else []

    def _one_session(self, session, args, commit, task_vars, parts):
        """(the change shown, whether anything changes) for ``config`` in one configuration session, with ``commit_commands``: load the lines,
        compare, then discard (check mode, or nothing to load) or load the ``keys`` and send ``commit_commands``. The
        keys come after the compare so the change shown never holds one; they are disjoint from the config lines (the
        roles keep key-holding deletions with the keys), so their order in the candidate does not matter. ``parts``:
        (lines loaded before the file, the file on the device holding the others - None: no file -, lines after it)."""
        dialect = _dialect(task_vars)
        if dialect.compare_command is None:
            raise S2SError("commit_commands: %s has no on-box compare" % dialect.title, "commit_commands")
        host = task_vars.get("inventory_hostname", "the device")
        send = functools.partial(self._send, session, host=host, lock_wait=args["lock_wait"] or 0)
        before, file_name, after = parts
        send(list(dialect.session_start) + dialect.load(before), outputs=[])
        if file_name:
            # VyOS's merge reports a refused line and goes on: the output says so, the CLI does not fail the command
            refused = [out for out in send(dialect.load_from_file(file_name), outputs=[]) if re.search(dialect.load_refused, out)]
            if refused:
                raise SessionError("%s: the device refused a line of the loaded file: %s" % (host, refused[0].strip()))
        send(dialect.load(after), outputs=[])
        shown = send([dialect.compare_command], outputs=[])[0]
        diff = None if re.search(dialect.compare_unchanged, shown.strip()) else shown
        keys = _lines(args["keys"])
        if not commit or not (diff or keys):
            send(list(dialect.release), outputs=[])
            return diff, bool(diff or keys)
        try:
            send(dialect.load(keys), outputs=[])
        except SessionError as exc:    # the device echoes a refused line: it carries a key
            raise without_lines(exc, keys) from None
        send(args["commit_commands"], outputs=[])
        return diff, True

    @staticmethod
    def _parts(args, task_vars):
        """``config``'s lines as (loaded one by one before the file, in the file, one by one after it): with ``load``
        file, the dialect's split; otherwise all one by one."""
        lines = _lines(args["config"])
        if args["load"] == "file":
            dialect = _dialect(task_vars)
            if dialect.load_file is None:
                raise S2SError("load: %s has no load from a file here; use load=lines" % dialect.title, "load")
            return dialect.split_for_file(lines)
        return lines, [], []

    @staticmethod
    def _rollback(session, index, commit, lock):
        if lock:
            lock([lock.command])
        return session.rollback(index, commit).get("diff"), None

    @staticmethod
    def _load_commands(task_vars):
        """The platform dialect's load (Junos: one ``load set terminal``); one command per line on a platform no
        dialect knows."""
        try:
            return registry.dialect_for(cgw_read.platform(task_vars.get("ansible_network_os", ""))).load
        except S2SError:
            return list

    def _lock(self, session, lock_wait, task_vars):
        """A function sending commands that wait for the configuration lock (its ``command`` takes the lock, its
        ``release`` leaves configuration mode); None when no lock is taken - none asked for, or a platform without a
        lock command (VyOS: each configuration session has its own candidate; a commit takes the commit lock by itself)."""
        platform = cgw_read.platform(task_vars.get("ansible_network_os", "")) if lock_wait is not None else None
        if platform is None or cgw_lock.lock_command(platform) is None:
            return None
        host = task_vars.get("inventory_hostname", "the device")
        send = functools.partial(self._send, session, host=host, lock_wait=lock_wait, outputs=[])
        send.command, send.release = cgw_lock.lock_command(platform), cgw_lock.release(platform)
        return send

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC, mutually_exclusive=[("config", "rollback"), ("commit_commands", "rollback")],
                                                        required_one_of=[("config", "rollback")], required_by={"keys": "commit_commands"})
        commit = not self._task.check_mode
        device_file = None
        try:
            session = self._session(task_vars)
            lock = self._lock(session, args["lock_wait"], task_vars)
            if args["commit_commands"] is not None:
                commands = None
                before, in_file, after = self._parts(args, task_vars)
                # the file is removed after the session is left (operational mode), also when it failed
                device_file = cgw_file.DeviceFile(session, task_vars, in_file)
                with device_file as file_name:
                    work = functools.partial(self._one_session, session, args, commit, task_vars, (before, file_name, after))
                    diff, changed = self._releasing(session, task_vars, work)
            else:
                if args["rollback"] is None:
                    work = functools.partial(self._edit, session, args, commit, lock, self._load_commands(task_vars))
                else:
                    work = functools.partial(self._rollback, session, args["rollback"], commit, lock)
                diff, commands = self._releasing(session, task_vars, work) if lock else work()
                changed = bool(diff)
        except (SessionError, DeviceBusy, S2SError) as exc:
            result.update(failed=True, msg=str(exc))
            if device_file and device_file.left:
                result["left_file"] = device_file.left     # for the rescue's cgw_restore remove_file
            return result
        result["changed"] = changed
        # what the device printed may show keys (another session's commit seen by a compare): never pass them on
        diff = _dialect(task_vars).hide_secrets(diff)
        if commands is not None:
            result["commands"] = commands
        if diff and self._task.diff:
            result["diff"] = {"prepared": diff}
        return result


def _dialect(task_vars):
    return registry.dialect_for(cgw_read.platform(task_vars.get("ansible_network_os", "")))


def _lines(text):
    return (text or "").strip("\n").splitlines()
