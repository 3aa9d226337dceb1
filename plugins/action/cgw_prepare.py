# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_prepare runs in the worker: one read over the network_cli session, then the shared model (docs: plugins/modules/cgw_prepare.py).

An action plugin and not a module: no module process per device and one task instead of a facts
call, a read and the set_facts around them - the cgw role's no-change run is mostly this task.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import CgwSessionAction, SessionError

_SPEC = dict(
    network_os=dict(type="str", required=True),
    connections=dict(type="list", elements="dict", required=True),
    settings=dict(type="dict", default={}),
    version=dict(type="str", default=""),
)


class ActionModule(CgwSessionAction):
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC)
        try:
            name = cgw_read.platform(args["network_os"])
            outputs = self._session(task_vars).run_commands(commands=cgw_read.commands(name, args["version"]), check_rc=True)
            prepared = cgw_read.prepare(name, outputs, args["connections"], args["settings"], args["version"])
        except (S2SError, SessionError) as exc:
            # Messages name the setting or the command, never a key: shown, unlike a successful result.
            result.update(failed=True, msg=str(exc))
            return result
        # check_mode however it was set (--check, or check_mode on the play, block or task): the platform
        # roles then only work out the change.
        result.update(prepared, platform=name, check_mode=bool(self._task.check_mode), changed=False, _ansible_no_log=True)
        return result
