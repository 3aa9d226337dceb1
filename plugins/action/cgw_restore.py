# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_restore brings a device back to the config read before a failed push, and proves it (docs: plugins/modules/cgw_restore.py).

The cgw roles run it on a fresh session (after meta reset_connection) in the rescue of every push.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_drift, cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import CgwSessionAction, DeviceBusy, SessionError

_SPEC = dict(
    before=dict(type="str", required=True, no_log=True),
    rollback_point=dict(type="str", default=""),
    lock_wait=dict(type="int", default=60),
    keys=dict(type="list", elements="str", default=[], no_log=True),
    remove_file=dict(type="str"),
)


class ActionModule(CgwSessionAction):
    # In check mode nothing was pushed: the device is read and compared, never rolled back.
    _supports_check_mode = True

    def _read(self, session, platform):
        return session.run_commands(commands=[cgw_read.config_command(platform)], check_rc=True)[0]

    def _rollback(self, session, platform, point, host, lock_wait, before):
        """How the device was rolled back (text), after doing it; '' when there is nothing to roll back to. The
        platform's dialect says how (Junos/VyOS rollback 1, IOS-XE configure replace to the rollback point) and what
        a rollback leaves to put back (IOS-XE: the archive settings, set before the rollback point is taken)."""
        dialect = registry.dialect_for(platform)
        done = []
        commands, how = dialect.rollback(point)
        if commands:
            self._send(session, commands, host, lock_wait, [])
            done.append(how)
        commands, how = dialect.after_rollback(before, lambda: self._read(session, platform))
        if commands:
            self._send(session, commands, host, lock_wait, [])
            done.append(how)
        return ", ".join(done)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC)
        host = task_vars.get("inventory_hostname", "the device")
        keys, notes = args["keys"], []
        try:
            platform = cgw_read.platform(task_vars.get("ansible_network_os", ""))
            # Taking the lock and leaving again (the dialect's settle): the failed push's session may hold it until the
            # device notices the session is gone (a frozen device runs the line it held first), so reading after that
            # reads what that session left.
            settle = list(registry.dialect_for(platform).settle)
            session = self._session(task_vars)
            if settle:
                try:
                    self._releasing(session, task_vars, lambda: self._send(session, settle, host, args["lock_wait"], []))
                except DeviceBusy as exc:      # read anyway: what the device holds is still worth saying
                    notes.append(str(exc))
            if args["remove_file"]:
                # the failed push's file, which its lost session could not delete (no key in it)
                session.run_commands(commands=registry.dialect_for(platform).remove_file(args["remove_file"]), check_rc=False)
            found = cgw_drift.differences(args["before"], self._read(session, platform), keys)
            how = ""
            if found and not self._task.check_mode:
                how = self._releasing(session, task_vars, lambda: self._rollback(session, platform, args["rollback_point"], host,
                                                                                 args["lock_wait"], args["before"]))
                if how:
                    found = cgw_drift.differences(args["before"], self._read(session, platform), keys)
        except (SessionError, DeviceBusy, S2SError) as exc:
            result.update(restored=False, differences=[], msg="rollback FAILED (%s); what the device holds now is unknown"
                          % psk.redact(str(exc), keys))
            return result
        if not found:
            done = ("rolled back (%s)" % how) if how else registry.dialect_for(platform).unchanged
            msg = "%s; running config equals the pre-push config" % done
        elif self._task.check_mode:
            msg = "not rolled back (check mode); the device differs from the pre-push config in: %s" % cgw_drift.summary(found)
        else:
            why = "" if how else " (no rollback point was taken)"
            msg = "rollback FAILED%s: the device differs from the pre-push config in: %s" % (why, cgw_drift.summary(found))
        if notes:
            msg += " (%s)" % "; ".join(notes)
        result.update(changed=bool(how), restored=not found, rolled_back=how, differences=found, msg=msg)
        return result
