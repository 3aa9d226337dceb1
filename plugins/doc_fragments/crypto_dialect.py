# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The options shared by the crypto_spell and crypto_canonical filters: which name, where, which phase."""

    DOCUMENTATION = r"""
options:
  family:
    description: Algorithm family.
    type: str
    choices: [encryption, integrity, dh_group, ike_version]
    required: true
  dialect:
    description:
      - The platform whose spelling is written or read. C(vyos13) and C(vyos14) are accepted and spell like C(vyos).
    type: str
    choices: [aws, ios, junos, vyos, vyos13, vyos14, strongswan]
    required: true
  phase:
    description: 1 for IKE, 2 for IPsec/ESP (for DH groups, phase 2 is the PFS group).
    type: int
    choices: [1, 2]
    default: 1
"""
