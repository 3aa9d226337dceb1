# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: compliance_tunnel_options
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The profile's tunnel options for each tunnel of a connection (compliance remediation)
description:
  - One entry per tunnel of a M(hybridvpn.s2s.vpn_connection_info) connection, in its order - the profile's AWS
    tunnel options with the tunnel's inside CIDR and log options kept - ready for M(hybridvpn.s2s.vpn_connection).
options:
  _input:
    description: A connection as vpn_connection_info returns it.
    type: dict
    required: true
  profile:
    description: Profile name (aws_default, recommended, nist_800_77r1, cnsa1, cnsa2, strict).
    type: str
    required: true
"""

EXAMPLES = r"""
tunnel_options: "{{ connection | hybridvpn.s2s.compliance_tunnel_options('recommended') }}"
"""

RETURN = r"""
_value:
  description: A list of snake-case tunnel option dicts.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError  # noqa: E402  pylint: disable=wrong-import-position


def compliance_tunnel_options(connection, profile):
    try:
        wanted = profiles.get(profile).tunnel_options()
    except S2SError as exc:
        raise AnsibleFilterError(str(exc))
    out = []
    for tunnel in connection["tunnels"]:
        entry = dict(wanted, inside_cidr=tunnel.get("inside_cidr"))
        if (tunnel.get("options") or {}).get("log_options"):
            entry["log_options"] = tunnel["options"]["log_options"]
        out.append(entry)
    return out


class FilterModule:
    def filters(self):
        return {"compliance_tunnel_options": compliance_tunnel_options}
