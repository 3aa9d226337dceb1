# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: crypto_spell
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Spell an algorithm (AWS name) in a platform's dialect
description:
  - Translates canonical algorithm names (AWS's spellings such as C(AES256-GCM-16), C(SHA2-384), DH group
    numbers, C(ikev2)) into the spelling of IOS-XE, Junos, VyOS or strongSwan, per phase.
  - Accepts a single value or a list. Fails on an unknown name (listing the valid ones) or on an
    algorithm the platform cannot run.
  - Templates use this filter so that no template spells an algorithm itself.
options:
  _input:
    description: Canonical name or list of names.
    type: raw
    required: true
  family:
    description: Algorithm family.
    type: str
    choices: [encryption, integrity, dh_group, ike_version]
    required: true
  dialect:
    description:
      - The platform whose spelling is written. C(vyos13) and C(vyos14) are accepted and spell like C(vyos).
    type: str
    choices: [aws, ios, junos, vyos, vyos13, vyos14, strongswan]
    required: true
  phase:
    description: 1 for IKE, 2 for IPsec/ESP (for DH groups, phase 2 is the PFS group).
    type: int
    choices: [1, 2]
    default: 1
"""

EXAMPLES = r"""
- name: IOS-XE transform-set words
  ansible.builtin.debug:
    msg: "{{ ['AES256-GCM-16'] | hybridvpn.s2s.crypto_spell('encryption', 'ios', 2) }}"
  # -> ['esp-gcm 256']
"""

RETURN = r"""
_value:
  description: The spelling (a string for a string input, a list for a list).
  type: raw
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab


def crypto_spell(value, family, dialect, phase=1):
    try:
        if isinstance(value, (list, tuple)):
            return [vocab.to_dialect(family, v, dialect, int(phase)) for v in value]
        return vocab.to_dialect(family, value, dialect, int(phase))
    except vocab.VocabularyError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"crypto_spell": crypto_spell}
