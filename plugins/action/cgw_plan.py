# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_plan works out an IOS-XE change from a running config already read, on the controller (docs: plugins/modules/cgw_plan.py).

No device session: ansible-core starts its persistent-connection helper (a Python process of its own) for every task
and host that needs the session; this task needs none, and the change is worked out against the very read the push
will be judged by.
"""

from __future__ import annotations

from ansible.plugins.action import ActionBase
from ansible.plugins.loader import cliconf_loader

_SPEC = dict(
    config=dict(type="str", required=True),
    running_config=dict(type="str", required=True, no_log=True),
    network_os=dict(type="str", required=True),
    diff_match=dict(type="str", choices=["line", "strict", "exact", "none"], default="line"),
)


class ActionModule(ActionBase):
    _requires_connection = False
    _supports_check_mode = True
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC)
        # The platform's own cliconf plugin computes the diff, as over a session; it needs no connection for that.
        cliconf = cliconf_loader.get(args["network_os"], None)
        if cliconf is None or cliconf.get_device_operations().get("supports_onbox_diff"):
            result.update(failed=True, msg="network_os: %s has no cliconf plugin that compares off the box (IOS-XE does); "
                                           "Junos and VyOS compare on the box: use hybridvpn.s2s.cgw_config" % args["network_os"])
            return result
        diff = cliconf.get_diff(candidate=args["config"], running=args["running_config"], diff_match=args["diff_match"])["config_diff"]
        result.update(changed=bool(diff), commands=diff.split("\n") if diff else [])
        if diff and self._task.diff:
            result["diff"] = {"prepared": diff}
        return result
