# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: crypto_canonical
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Read a platform's algorithm spelling back to the canonical (AWS) name
description:
  - The reverse of P(hybridvpn.s2s.crypto_spell#filter), accepting the abbreviations devices print back
    (for example IOS-XE C(esp-aes) for C(esp-aes 128)).
  - Fails on an unknown spelling, listing the valid ones for that dialect and phase.
extends_documentation_fragment:
  - hybridvpn.s2s.crypto_dialect
options:
  _input:
    description: A spelling or list of spellings.
    type: raw
    required: true
"""

EXAMPLES = r"""
- name: Junos IPsec proposal back to AWS names
  ansible.builtin.debug:
    msg: "{{ 'hmac-sha-256-128' | hybridvpn.s2s.crypto_canonical('integrity', 'junos', 2) }}"
  # -> SHA2-256
"""

RETURN = r"""
_value:
  description: Canonical name(s); DH groups are integers.
  type: raw
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab


def crypto_canonical(value, family, dialect, phase=1):
    try:
        if isinstance(value, (list, tuple)):
            return [vocab.from_dialect(family, v, dialect, int(phase)) for v in value]
        return vocab.from_dialect(family, value, dialect, int(phase))
    except vocab.VocabularyError as exc:
        raise AnsibleFilterError(str(exc))


class FilterModule:
    def filters(self):
        return {"crypto_canonical": crypto_canonical}
