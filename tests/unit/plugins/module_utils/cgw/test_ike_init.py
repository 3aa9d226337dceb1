# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IKE_SA_INIT size a render keeps within (issue 16), counted from RFC 7296's payload formats."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import ike_init


def test_one_cbc_proposal_with_modp2048_counts_every_payload():
    # header 28 + SA (4 + 8 + ENCR 12 + PRF 8 + INTEG 8 + DH 8) + KE (8 + 256) + nonce 36 + NAT-D 56
    # + FRAGMENTATION_SUPPORTED 8 + SIGNATURE_HASH_ALGORITHMS 16
    assert ike_init.request_octets([{"aead": False}], 14) == 456


def test_an_aead_proposal_has_no_integrity_transform():
    assert ike_init.proposal_octets(False) - ike_init.proposal_octets(True) == 8


def test_the_key_exchange_follows_the_first_group():
    assert ike_init.request_octets([{"aead": True}], 18) - ike_init.request_octets([{"aead": True}], 19) == 1024 - 64
