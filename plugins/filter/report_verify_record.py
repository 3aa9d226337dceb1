# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_verify_record
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: What playbooks/verify.yml keeps for the report page (both ends of every tunnel, no keys)
description:
  - Joins AWS's view of every connection (M(hybridvpn.s2s.vpn_connection_info) with telemetry and active status) with
    the plan (sites, customer gateways, gateways, VPC CIDRs, prefixes each way) and each customer gateway's
    C(cgw_state) (P(hybridvpn.s2s.cgw_tunnel_state#filter)), tunnel by tunnel (the device tunnel whose peer is AWS's
    outside IP).
  - Copies named fields only, so nothing else of its inputs (a key) reaches the record.
    P(hybridvpn.s2s.report_page#filter) reads the record back.
options:
  _input:
    description: The C(vpn_connections) of M(hybridvpn.s2s.vpn_connection_info), read without keys.
    type: list
    elements: dict
    required: true
  plan:
    description: The plan (P(hybridvpn.s2s.vpn_plan#filter)) of the intent.
    type: dict
    required: true
  devices:
    description: Customer gateway name -> its C(cgw_state); a customer gateway not read is left out.
    type: dict
    required: true
  pings:
    description: The lab's data-plane pings (C(python -m lab.dataplane_sync pings --json)); empty elsewhere.
    type: list
    elements: dict
    default: []
"""

EXAMPLES = r"""
verify_record: >-
  {{ aws_vpn_facts_aws.vpn_connections | hybridvpn.s2s.report_verify_record(aws_vpn_facts_plan, {'lab-ios': hostvars['lab-ios'].cgw_state}) }}
"""

RETURN = r"""
_value:
  description: C(region), C(gateways) (name, type, ecmp, concentrator, vpc_cidrs), C(connections) (name, vpn_connection_id,
    site, cgw, gateway, gateway_id, routing, cgw_prefixes, aws_prefixes, tunnels with C(aws) and C(device) state) and C(pings).
  type: dict
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import report_page


def report_verify_record(connections, plan, devices, pings=None):
    return report_page.verify_record(connections, plan, devices, pings)


class FilterModule:
    def filters(self):
        return {"report_verify_record": report_verify_record}
