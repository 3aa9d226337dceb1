# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""lab.dataplane_sync.proposals: canonical names -> strongSwan proposals and charon's SA names -> canonical."""

from __future__ import annotations

from lab.dataplane_sync import cgw_side, proposals


def test_aws_lists_become_one_proposal_per_cipher_kind():
    out = proposals.merged(1, ["AES128", "AES256-GCM-16"], ["SHA2-256"], [14, 20])
    assert out == ["aes128-sha256-modp2048-ecp384", "aes256gcm16-prfsha256-modp2048-ecp384"]


def test_device_esp_proposal_takes_the_pfs_group():
    assert proposals.from_device(2, {"encryption": ["AES256"], "integrity": ["SHA2-256"], "dh_groups": []}, 20) == ["aes256-sha256-ecp384"]


def test_junos_gcm_ike_proposal_gets_a_prf():
    assert proposals.from_device(1, {"encryption": ["AES256-GCM-16"], "integrity": [], "dh_groups": [20]}) == ["aes256gcm16-prfsha384-ecp384"]


def test_negotiated_names_are_canonical():
    expected = {"encryption": "AES256", "integrity": "SHA2-384", "dh_group": 20}
    assert proposals.negotiated(1, "AES_CBC-256/HMAC_SHA2_384_192/PRF_HMAC_SHA2_384/ECP_384") == expected
    assert proposals.negotiated(2, "AES_GCM_16-256") == {"encryption": "AES256-GCM-16"}


def test_a_vyos_group_offers_each_entry_as_its_own_proposal():
    group = {"encryption": ["AES256", "AES128"], "integrity": ["SHA2-256"], "dh_groups": [14, 20],
             "entries": [{"encryption": ["AES256"], "integrity": ["SHA2-256"], "dh_groups": [20]},
                         {"encryption": ["AES128"], "integrity": ["SHA2-256"], "dh_groups": [14]}]}
    offered = [p for entry in cgw_side._offered([group]) for p in proposals.from_device(1, entry)]   # pylint: disable=protected-access
    assert offered == ["aes256-sha256-ecp384", "aes128-sha256-modp2048"]   # not the cross product of the union
    junos_like = {"encryption": ["AES256"], "integrity": ["SHA2-256"], "dh_groups": [20]}
    assert cgw_side._offered([junos_like]) == [junos_like]   # pylint: disable=protected-access
