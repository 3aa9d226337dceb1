# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the vpn_audit action plugin (plugins/action/vpn_audit.py does the work on the controller)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_audit
short_description: Audit AWS VPN connections and customer gateway configs against a compliance profile
version_added: 0.1.0
description:
  - Judges the AWS side (connections as M(hybridvpn.s2s.vpn_connection_info) returns them, or raw
    DescribeVpnConnections entries) and the device side (IOS-XE, Junos, VyOS config texts or files) against a
    crypto profile of the collection plus overrides, and checks that both ends agree.
  - Every rule has an id, a severity and sources; see docs/compliance.md for the table.
  - Pre-shared keys are compared by keyed hash (HMAC-SHA256 with a random per-audit salt) and never returned or
    written.
  - Runs on the controller and changes nothing but the report files, so it is safe in check mode.
  - Fails closed. An empty, binary or truncated file, a config of another platform, a config with no IPsec tunnel,
    or a connection without tunnels or outside addresses is a critical C(S2S-INPUT) finding naming the input,
    file, device and line. The other inputs are still judged and the reports are still written.
    A run with nothing to judge is an C(S2S-INPUT) finding too.
options:
  connections:
    description: AWS VPN connections (vpn_connection_info C(vpn_connections) entries or raw Describe entries).
    type: list
    elements: dict
    default: []
  devices:
    description: Customer gateway configs to audit.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: Device name used in the report.
        type: str
        required: true
      platform:
        description: Config dialect.
        type: str
        choices: [ios, junos, vyos, vyos13]
        required: true
      config:
        description: The config text (IOS running-config, Junos C(display set), VyOS C(show configuration commands)).
        type: str
      path:
        description: A file on the controller holding the config text (instead of O(devices[].config)).
        type: path
  profile:
    description: The crypto profile to judge against.
    type: str
    default: recommended
    choices: [aws_default, recommended, nist_800_77r1, cnsa1, cnsa2, strict]
  overrides:
    description:
      - Policy overrides, keys C(disable) (rule ids), C(severity) (rule id -> severity), C(limits) (C(dpd_timeout_max),
        C(bgp_keepalive_max), C(bgp_hold_time_max)) and C(waive).
      - C(waive) is a list of accepted risks, each C(rule) (id), C(reason) (required), optional C(expires) (YYYY-MM-DD, the last
        day it holds) and optional shell patterns C(tunnel) (C(vpn-id/outside-ip) or C(host/-)), C(connection) (vpn id) and
        C(device) (C(host/interface)). A failing result it matches is reported as C(waived) and does not fail the run;
        an expired waiver leaves the finding failing and says so.
    type: dict
    default: {}
  policy_name:
    description: Name of the named policy (compliance role C(compliance_policies)) the profile and overrides came from, for the reports.
    type: str
  fail_on:
    description:
      - Fail when a finding has this severity or higher; C(never) only reports.
      - An input that cannot be read, parsed or paired (rule C(S2S-INPUT), critical) fails the task whatever this is.
    type: str
    default: high
    choices: [info, low, medium, high, critical, never]
  output_dir:
    description: Controller directory for the reports; nothing is written when unset.
    type: path
  formats:
    description: Report formats to write.
    type: list
    elements: str
    default: [json, junit, markdown, html]
    choices: [json, junit, markdown, html]
  report_name:
    description: Base name of the report files.
    type: str
    default: vpn-compliance
author:
  - hybridvpn.s2s contributors (@hybridvpn)
"""

EXAMPLES = r"""
- name: Read the AWS side (keys only to fingerprint them; the task hides its result)
  hybridvpn.s2s.vpn_connection_info:
    return_pre_shared_keys: true
  register: aws_side
  no_log: true

- name: Audit both ends against NIST SP 800-77r1 and fail on high findings
  hybridvpn.s2s.vpn_audit:
    connections: "{{ aws_side.vpn_connections }}"
    devices:
      - {name: cgw1, platform: ios, path: configs/cgw1.cfg}
    profile: nist_800_77r1
    fail_on: high
    output_dir: reports/
"""

RETURN = r"""
summary:
  description: Counts of checks by status and of failures by severity.
  returned: always
  type: dict
  sample: {total: 40, pass: 30, fail: 8, waived: 1, skip: 1, by_severity: {high: 3, medium: 5}}
findings:
  description: The failing results (rule, title, severity, tunnel, connection, device, side, messages, fix, sources).
  returned: always
  type: list
  elements: dict
waived:
  description: The results a waiver accepted, each with C(waiver) (reason, expires).
  returned: always
  type: list
  elements: dict
remediation:
  description: What an opt-in remediation touches - C(connections) with AWS findings the profile's tunnel options fix,
    and C(devices) (inventory host names) with findings or serving such a connection.
  returned: always
  type: dict
  sample: {connections: [vpn-0123456789abcdef0], devices: [lab-ios]}
results_count:
  description: Number of results (one per rule, tunnel and side).
  returned: always
  type: int
failing:
  description: Number of findings at or above O(fail_on).
  returned: always
  type: int
reports:
  description: Format -> path of each report written.
  returned: always
  type: dict
  sample: {junit: reports/vpn-compliance.xml}
"""
