# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_command runs CLI commands over the network_cli session, in the worker (docs: plugins/modules/cgw_command.py)."""

from __future__ import annotations

import functools

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import cgw_file
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import CgwSessionAction, DeviceBusy, SessionError

_SPEC = dict(
    commands=dict(type="list", elements="raw", required=True),
    lock_wait=dict(type="int"),
    file_lines=dict(type="str"),
)


class ActionModule(CgwSessionAction):
    # Commands may change the device: in check mode the task is skipped unless it says check_mode: false.
    _supports_check_mode = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC)
        stdout, device_file = [], None
        try:
            session = self._session(task_vars)
            device_file = cgw_file.DeviceFile(session, task_vars, (args["file_lines"] or "").strip("\n").splitlines())
            with device_file as file_name:
                commands = _with_load(args["commands"], file_name, task_vars)
                if args["lock_wait"] is None:
                    stdout = session.run_commands(commands=commands, check_rc=True)
                else:
                    host = task_vars.get("inventory_hostname", "the device")
                    self._releasing(session, task_vars, functools.partial(self._send, session, commands, host, args["lock_wait"], stdout))
        except (SessionError, DeviceBusy) as exc:
            # The outputs before the failure: the caller may need one (the rollback point a locked session took).
            result.update(failed=True, msg=str(exc), stdout=stdout)
            if device_file and device_file.left:
                result["left_file"] = device_file.left
            return result
        result.update(changed=False, stdout=stdout, stdout_lines=[output.splitlines() for output in stdout])
        return result


LOAD_FILE = {"load_file": True}


def _with_load(commands, file_name, task_vars):
    """``commands`` with each ``{load_file: true}`` replaced by the platform's load of ``file_name`` (no file: dropped)."""
    if LOAD_FILE not in commands:
        return commands
    load = registry.dialect_for(cgw_read.platform(task_vars.get("ansible_network_os", ""))).load_from_file(file_name) if file_name else []
    return [part for command in commands for part in (load if command == LOAD_FILE else [command])]
