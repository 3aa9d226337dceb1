# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: compliance_remediated
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: VPN connections as they will be once compliance remediation fixed their tunnel options
description:
  - The connections (M(hybridvpn.s2s.vpn_connection_info) entries), with the profile's tunnel options set on the
    tunnels of the connections named in O(vpn_connection_ids); inside CIDRs, keys and log options are kept.
  - The compliance role renders the customer gateways from it, so check mode shows the device change that goes
    with the AWS change it did not make.
options:
  _input:
    description: The connections.
    type: list
    elements: dict
    required: true
  profile:
    description: Profile name (aws_default, recommended, nist_800_77r1, cnsa1, cnsa2, strict).
    type: str
    required: true
  vpn_connection_ids:
    description: The connections remediation fixes on AWS.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
connections: "{{ info.vpn_connections | hybridvpn.s2s.compliance_remediated('recommended', ['vpn-0123456789abcdef0']) }}"
"""

RETURN = r"""
_value:
  description: The connections, remediated ones with the profile's tunnel options.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError  # noqa: E402  pylint: disable=wrong-import-position


def compliance_remediated(connections, profile, vpn_connection_ids):
    try:
        return [compliance.remediated(c, profile) if c["vpn_connection_id"] in vpn_connection_ids else c for c in connections]
    except S2SError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"compliance_remediated": compliance_remediated}
