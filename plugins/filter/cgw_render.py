# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: cgw_render
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Render-ready data for one customer gateway from its tunnel facts
description:
  - Turns the C(cgw_connections) of one device (as published by the C(hybridvpn.s2s.aws_vpn) role, or
    given directly) into what the platform templates print - deterministic object names
    (C(S2S-<vpn id>-T<n>)), stable interface numbers, IKE/IPsec proposals in the platform's spelling
    derived from each tunnel's AWS options, BGP neighbours, prefix lists and the objects to remove.
  - The result contains the pre-shared keys; use it only in tasks with C(no_log).
options:
  _input:
    description: The device's connections (see the C(cgw) role's argument spec).
    type: list
    elements: dict
    required: true
  platform:
    description: Target platform.
    type: str
    choices: [ios, junos, vyos]
    required: true
  settings:
    description: Overrides of the defaults (mtu, mss, dpd_interval, dpd_retries, bgp_keepalive, bgp_hold,
      maximum_prefix, tunnel_number_base, tunnel_number_span, passive_prepend, passive_local_preference, drained - the
      AWS outside addresses of tunnels drained for maintenance).
    type: dict
    default: {}
  discovered:
    description: What P(hybridvpn.s2s.cgw_discover#filter) found on the device, so numbers stay stable.
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Compute the device config data
  ansible.builtin.set_fact:
    cgw_render: "{{ cgw_connections | hybridvpn.s2s.cgw_render('ios', {'mtu': 1400}, discovered) }}"
  no_log: true
"""

RETURN = r"""
_value:
  description: Render data.
  type: dict
  contains:
    tunnels:
      description: Per tunnel - name, number, addresses, proposals, PFS group, lifetimes, DPD, MTU/MSS, key.
      type: list
      elements: dict
    bgp:
      description: Local ASN, router id, neighbours (timers, policy names, maximum-prefix, prepend), networks,
        maximum-paths.
      type: dict
    prefix_lists:
      description: Per connection, the C(-OUT) (advertised) and C(-IN) (accepted) prefix lists.
      type: list
      elements: dict
    static_routes:
      description: For static-routing connections, the AWS prefixes over each tunnel.
      type: list
      elements: dict
    remove:
      description: For connections with C(state=absent), the object names and tunnel ids to delete.
      type: list
      elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


def cgw_render(connections, platform, settings=None, discovered=None):
    discovered = discovered or {}
    try:
        return render.build(connections, platform, settings or {}, discovered.get("owned"),
                            discovered.get("used") or ())
    except (IntentErrors, vocab.VocabularyError, KeyError) as exc:
        raise AnsibleFilterError("cgw_connections: %s" % exc)


class FilterModule:
    def filters(self):
        return {"cgw_render": cgw_render}
