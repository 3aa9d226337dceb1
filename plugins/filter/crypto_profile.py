# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: crypto_profile
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: A named crypto profile as data
description:
  - Returns a crypto profile (C(aws_default), C(recommended), C(nist_800_77r1), C(cnsa1), C(cnsa2), C(strict)) with
    the AWS tunnel options it turns into, the device proposals for a platform, and its verdict table.
options:
  _input:
    description: Profile name.
    type: str
    required: true
  dialect:
    description: When set, also return C(device) proposals for both phases in this dialect.
    type: str
    choices: [ios, junos, vyos, vyos13, vyos14, strongswan]
"""

EXAMPLES = r"""
- name: What "strict" sets on AWS
  ansible.builtin.debug:
    msg: "{{ ('strict' | hybridvpn.s2s.crypto_profile).tunnel_options }}"
"""

RETURN = r"""
_value:
  description: The profile.
  type: dict
  contains:
    name:
      description: Profile name.
      type: str
    description:
      description: What the profile stands for and its sources.
      type: str
    tunnel_options:
      description: Snake-case AWS tunnel options the profile sets.
      type: dict
    passes:
      description: Per algorithm family, the values that pass; others warn (C(warns)) or fail.
      type: dict
    warns:
      description: Per algorithm family, the values that warn.
      type: dict
    device:
      description: With O(dialect), C(ike_proposals) and C(ipsec_proposals) in that dialect.
      type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


def crypto_profile(name, dialect=None):
    try:
        profile = profiles.get(name)
        out = {
            "name": profile.name,
            "description": profile.description,
            "tunnel_options": profile.tunnel_options(),
            "passes": {k: sorted(v, key=str) for k, v in profile.passes.items()},
            "warns": {k: sorted(v, key=str) for k, v in profile.warns.items()},
        }
        if dialect:
            out["device"] = {
                "ike_proposals": profiles.device_proposals(profile.phase1, 1, dialect),
                "ipsec_proposals": profiles.device_proposals(profile.phase2, 2, dialect),
            }
        return out
    except S2SError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"crypto_profile": crypto_profile}
