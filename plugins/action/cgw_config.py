# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_config works out and pushes config over the network_cli session, in the worker (docs: plugins/modules/cgw_config.py)."""

from __future__ import annotations

import json

from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import CgwSessionAction, SessionError

_SPEC = dict(
    config=dict(type="str"),
    rollback=dict(type="int"),
    diff_match=dict(type="str", choices=["line", "strict", "exact", "none"], default="line"),
)


def _edit(session, config, diff_match, commit):
    """(the change, the commands that make it) for ``config``. Junos and VyOS compare on the box: load, compare, then
    commit or discard. IOS-XE has no candidate: the change is the difference to the running config, pushed on commit."""
    lines = config.strip("\n").splitlines()
    if json.loads(session.get_capabilities())["device_operations"].get("supports_onbox_diff"):
        return session.edit_config(candidate=lines, commit=commit, replace=None, comment=None).get("diff"), None
    diff = session.get_diff(candidate=config, running=session.get_config(), diff_match=diff_match)["config_diff"]
    if diff and commit:
        session.edit_config(candidate=diff.splitlines(), commit=True, replace=None, comment=None)
    return diff, diff.split("\n") if diff else []


class ActionModule(CgwSessionAction):
    # Check mode works out the change and leaves the device as it was.
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC, mutually_exclusive=[("config", "rollback")],
                                                        required_one_of=[("config", "rollback")])
        commit = not self._task.check_mode
        try:
            session = self._session()
            if args["rollback"] is None:
                diff, commands = _edit(session, args["config"], args["diff_match"], commit)
            else:
                diff, commands = session.rollback(args["rollback"], commit).get("diff"), None
        except SessionError as exc:
            result.update(failed=True, msg=str(exc))
            return result
        result["changed"] = bool(diff)
        if commands is not None:
            result["commands"] = commands
        if diff and self._task.diff:
            result["diff"] = {"prepared": diff}
        return result
