# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_page
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The data of the estate's report page from what verify, the drill, the audit, the cost report and monitoring kept
description:
  - Reads the JSON each playbook keeps in the report directory (C(vpn-verify.json) from C(playbooks/verify.yml),
    C(vpn-drill.json) from C(playbooks/failover_drill.yml), C(vpn-compliance.json) from the compliance role,
    C(vpn-cost.json) from the cost_report role, C(vpn-monitoring.json) from C(playbooks/monitor.yml)) and joins them per
    tunnel, with each drill event's timeline, the cost and the monitoring per gateway.
  - A missing input is named in C(missing) and its part of the page left empty.
  - Copies named fields only, so no key reaches the page. P(hybridvpn.s2s.report_page_html#filter) draws it.
options:
  _input:
    description: C(verify), C(drill), C(compliance), C(cost), C(monitoring), each the JSON text (or the data) of that file;
      empty when missing.
    type: dict
    required: true
  hold_seconds:
    description: The bound a drill's loss window is held against; 0 takes the BGP hold time AWS reports for the drilled
      customer gateway's tunnels (30 s by default).
    type: float
    default: 0
"""

EXAMPLES = r"""
report_data: >-
  {{ {'verify': lookup('ansible.builtin.file', 'reports/vpn-verify.json', errors='ignore')} | hybridvpn.s2s.report_page }}
"""

RETURN = r"""
_value:
  description: C(generated) (the newest input's time), C(inputs), C(missing), C(region), C(gateways), C(tunnels) (both
    ends' state, C(state) up|partial|down, negotiated crypto, prefixes each way, compliance C(verdict) and C(findings)),
    C(alarms) per tunnel (its own and its connection's outage alarm, with their state when kept), C(pings),
    C(compliance) (summary), C(drills) (events with replies over time, the loss window, C(outage_s), C(event_at_s),
    C(hold_s), C(within_hold)), C(cost) (totals, per connection, site and gateway, findings) and C(monitoring) (the alarm
    topic and per gateway its dashboard and per connection its outage alarm and log group).
  type: dict
"""

import json

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import report_page as page_model

INPUTS = ("verify", "drill", "compliance", "cost", "monitoring")


def _read(name, value):
    if isinstance(value, dict):
        return value
    try:
        return json.loads(value) if value else {}
    except ValueError as err:
        raise AnsibleFilterError("report_page: %s is not JSON (%s)" % (name, err)) from err


def report_page(inputs, hold_seconds=0):
    unknown = sorted(set(inputs) - set(INPUTS))
    if unknown:
        raise AnsibleFilterError("report_page: unknown input(s) %s; the inputs are %s" % (", ".join(unknown), ", ".join(INPUTS)))
    read = {name: _read(name, inputs.get(name)) for name in INPUTS}
    return page_model.page(read["verify"], read["drill"], read["compliance"], read["cost"], float(hold_seconds) or None, read["monitoring"])


class FilterModule:
    def filters(self):
        return {"report_page": report_page}
