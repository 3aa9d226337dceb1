# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_connection_args
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Options of M(hybridvpn.s2s.vpn_connection) for one planned connection
description:
  - C(connection_options) or C(tunnel_options) of a connection of P(hybridvpn.s2s.vpn_plan#filter).
  - Tunnel options carry the keys the intent gives (pass O(intent), the intent the plan was built from) and,
    with O(log_group_arn), tunnel logging. With keys, use the result only where values are not logged
    (module options marked no_log are masked).
options:
  _input:
    description: One planned connection.
    type: dict
    required: true
  part:
    description: Which options.
    type: str
    choices: [connection_options, tunnel_options]
    required: true
  intent:
    description: The intent the plan was built from; the tunnels whose C(psk_ref) names one of its fields get that key.
    type: dict
  log_group_arn:
    description: Log group for tunnel logs; unset leaves logging alone.
    type: str
  log_format:
    description: Tunnel log format.
    type: str
    choices: [json, text]
    default: json
"""

EXAMPLES = r"""
- name: One connection
  hybridvpn.s2s.vpn_connection:
    customer_gateway_id: cgw-0123456789abcdef0
    transit_gateway_id: tgw-0123456789abcdef0
    connection_options: "{{ conn | hybridvpn.s2s.vpn_connection_args('connection_options') }}"
    tunnel_options: "{{ conn | hybridvpn.s2s.vpn_connection_args('tunnel_options', intent=s2s_intent) }}"
"""

RETURN = r"""
_value:
  description: A dict (connection options) or a list of two dicts (tunnel options).
  type: raw
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_args
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def vpn_connection_args(conn, part, intent=None, log_group_arn=None, log_format="json"):
    if part == "connection_options":
        return aws_args.connection_options(conn)
    if part == "tunnel_options":
        try:
            return aws_args.tunnel_options(conn, intent, log_group_arn, log_format)
        except S2SError as exc:
            raise AnsibleFilterError(str(exc))
    raise AnsibleFilterError("part must be connection_options or tunnel_options")


class FilterModule:
    def filters(self):
        return {"vpn_connection_args": vpn_connection_args}
