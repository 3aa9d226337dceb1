# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_audit runs on the controller: pure computation over gathered data (docs: plugins/modules/vpn_audit.py)."""

from __future__ import annotations

import datetime
import os
import secrets

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_inputs as inputs
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_report as report
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

_SPEC = dict(
    connections=dict(type="list", elements="dict", default=[]),
    devices=dict(type="list", elements="dict", default=[], options=dict(
        name=dict(type="str", required=True), platform=dict(type="str", required=True, choices=list(registry.config_platforms())),
        config=dict(type="str"), path=dict(type="path"))),
    profile=dict(type="str", default="recommended", choices=["aws_default", "recommended", "nist_800_77r1", "cnsa1", "cnsa2", "strict"]),
    overrides=dict(type="dict", default={}),
    policy_name=dict(type="str"),
    fail_on=dict(type="str", default="high", choices=list(compliance.SEVERITIES) + ["never"]),
    output_dir=dict(type="path"),
    formats=dict(type="list", elements="str", default=list(report.FORMATS), choices=list(report.FORMATS)),
    report_name=dict(type="str", default="vpn-compliance"),
)


def _named(failing):
    """rule@tunnel of each failing result, unreadable inputs first (the message shows ten)."""
    return sorted({"%s@%s" % (r["rule"], r["tunnel"]) for r in failing}, key=lambda n: (not n.startswith(compliance.INPUT_RULE), n))


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=_SPEC)
        salt = secrets.token_hex(16)  # per audit: fingerprints cannot be compared across runs or reports
        try:
            pol = compliance.policy(args["profile"], args["overrides"])
        except S2SError as exc:
            raise AnsibleActionFail(str(exc))
        read = inputs.read(args["connections"], args["devices"], salt)  # an unreadable input is a finding, not a stop
        results = compliance.audit(read.connections, read.devices, pol, problems=read.problems)
        meta = {"profile": args["profile"], "policy": args["policy_name"], "fail_on": args["fail_on"],
                "connections": len(read.connections), "devices": len(read.devices), "unreadable_inputs": len(read.problems),
                "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        paths = {}
        if args["output_dir"]:
            os.makedirs(args["output_dir"], exist_ok=True)
            for fmt in args["formats"]:
                paths[fmt] = os.path.join(args["output_dir"], "%s.%s" % (args["report_name"], report.EXTENSIONS[fmt]))
                with open(paths[fmt], "w", encoding="utf-8") as handle:
                    handle.write(report.render(fmt, results, meta))
        failing = compliance.failing(results, args["fail_on"])
        result.update(summary=compliance.summary(results), findings=[r for r in results if r["status"] == "fail"],
                      waived=[r for r in results if r["status"] == "waived"], remediation=compliance.remediation(results),
                      results_count=len(results), failing=len(failing), reports=paths, changed=False)
        if failing:
            result["failed"] = True
            threshold = "an unreadable input (whatever fail_on)" if args["fail_on"] == "never" else "severity %s" % args["fail_on"]
            result["msg"] = "%d finding(s) at or above %s: %s" % (len(failing), threshold, ", ".join(_named(failing)[:10]))
        return result
