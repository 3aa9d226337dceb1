# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab

DIALECTS = ("aws", "ios", "junos", "vyos", "strongswan")
ROWS = [(a, d, p) for a in vocab.TABLE for d in DIALECTS for p in vocab.PHASES if a.spelling(d, p)]


@given(st.sampled_from(ROWS))
def test_every_spelling_round_trips(row):
    alg, dialect, phase = row
    word = vocab.to_dialect(alg.family, alg.name, dialect, phase)
    assert vocab.from_dialect(alg.family, word, dialect, phase) == alg.name


@given(st.sampled_from(ROWS))
def test_parsing_ignores_case_and_blanks(row):
    alg, dialect, phase = row
    word = vocab.to_dialect(alg.family, alg.name, dialect, phase)
    assert vocab.from_dialect(alg.family, "  %s " % word.upper(), dialect, phase) == alg.name


def test_spellings_are_unambiguous_per_dialect_and_phase():
    seen = {}
    for alg in vocab.TABLE:
        for (dialect, phase), words in alg.spellings.items():
            for word in words:
                key = (alg.family, dialect, phase, word.lower())
                assert key not in seen, "%s means both %s and %s" % (key, seen[key], alg.name)
                seen[key] = alg.name


@pytest.mark.parametrize("family,name,dialect,phase,expected", [
    ("encryption", "AES256-GCM-16", "ios", 1, "aes-gcm-256"),
    ("encryption", "AES256-GCM-16", "ios", 2, "esp-gcm 256"),
    ("encryption", "AES128", "ios", 2, "esp-aes 128"),
    ("encryption", "AES256", "junos", 2, "aes-256-cbc"),
    ("encryption", "AES128-GCM-16", "vyos", 2, "aes128gcm128"),
    ("encryption", "AES256-GCM-16", "strongswan", 1, "aes256gcm16"),
    ("integrity", "SHA1", "ios", 2, "esp-sha-hmac"),
    ("integrity", "SHA2-256", "junos", 1, "sha-256"),
    ("integrity", "SHA2-256", "junos", 2, "hmac-sha-256-128"),
    ("integrity", "SHA2-384", "vyos", 1, "sha384"),
    ("dh_group", 14, "ios", 1, "14"),
    ("dh_group", 20, "ios", 2, "group20"),
    ("dh_group", 19, "junos", 1, "group19"),
    ("dh_group", 14, "vyos", 2, "dh-group14"),
    ("dh_group", 21, "strongswan", 2, "ecp521"),
    ("dh_group", "24", "strongswan", 1, "modp2048s256"),
    ("ike_version", "ikev2", "junos", 1, "v2-only"),
    ("ike_version", "IKEv2", "strongswan", 1, "2"),
])
def test_known_spellings(family, name, dialect, phase, expected):
    assert vocab.to_dialect(family, name, dialect, phase) == expected


@pytest.mark.parametrize("family,word,dialect,phase,expected", [
    ("encryption", "esp-aes", "ios", 2, "AES128"),
    ("encryption", "esp-gcm", "ios", 2, "AES128-GCM-16"),
    ("encryption", "aes128gcm128", "strongswan", 2, "AES128-GCM-16"),
    ("encryption", "3des-cbc", "junos", 1, "3DES"),
    ("integrity", "hmac-md5-96", "junos", 2, "MD5"),
    ("dh_group", "group2", "ios", 2, 2),
])
def test_device_abbreviations_and_weak_algorithms_read_back(family, word, dialect, phase, expected):
    assert vocab.from_dialect(family, word, dialect, phase) == expected


def test_vyos_versions_spell_the_same():
    for dialect in ("vyos13", "vyos14"):
        assert vocab.to_dialect("encryption", "AES256", dialect, 1) == "aes256"


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(vocab.VocabularyError) as err:
        vocab.to_dialect("encryption", "AES512", "ios", 1)
    assert "AES512" in str(err.value) and "AES256-GCM-16" in str(err.value)


def test_unknown_spelling_lists_the_valid_ones():
    with pytest.raises(vocab.VocabularyError) as err:
        vocab.from_dialect("integrity", "sha-999", "junos", 1)
    assert "sha-256" in str(err.value)


def test_platform_gaps_fail_with_alternatives():
    with pytest.raises(vocab.VocabularyError) as err:
        vocab.to_dialect("dh_group", 17, "ios", 1)
    assert "not available on ios" in str(err.value) and "19" in str(err.value)


def test_aws_values_match_the_api_reference():
    assert vocab.aws_values("encryption", 1) == ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"]
    assert vocab.aws_values("integrity", 2) == ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"]
    assert vocab.aws_values("dh_group", 1) == [2] + list(range(14, 25)) + [35]
    assert vocab.aws_values("dh_group", 2) == [2, 5] + list(range(14, 25)) + [35, 36, 37]
    assert vocab.aws_values("ike_version", 1) == ["ikev1", "ikev2"]


def test_ml_kem_is_offered_but_not_what_unset_means():
    assert vocab.aws_defaults("dh_group", 1) == [2] + list(range(14, 25))
    assert vocab.aws_defaults("dh_group", 2) == [2, 5] + list(range(14, 25))
    assert vocab.aws_key_exchange_methods() == [2, 5] + list(range(14, 25)) + [35, 36, 37]
    assert [vocab.describe("dh_group", n) for n in (20, 35, 36, 37)] == [
        "20", "35 (ML-KEM-512)", "36 (ML-KEM-768)", "37 (ML-KEM-1024)"]


@pytest.mark.parametrize("number,keyword", [(35, "mlkem512"), (36, "mlkem768"), (37, "mlkem1024")])
def test_ml_kem_is_strongswans_only_and_refused_on_every_device_platform(number, keyword):
    assert vocab.to_dialect("dh_group", number, "strongswan", 2) == keyword
    assert vocab.from_dialect("dh_group", keyword, "strongswan", 2) == number
    for platform in vocab.DEVICE_PLATFORMS:
        assert not vocab.supported("dh_group", number, platform, 2)
        with pytest.raises(vocab.VocabularyError, match="not available on %s" % platform):
            vocab.to_dialect("dh_group", number, platform, 2)


@pytest.mark.parametrize("phase,args,expected", [
    (1, ("AES256", "SHA2-256", 14), "aes256-sha256-modp2048"),
    (1, ("AES256-GCM-16", "SHA2-384", 20), "aes256gcm16-prfsha384-ecp384"),
    (2, ("AES256-GCM-16", "SHA2-384", 20), "aes256gcm16-ecp384"),
    (2, ("AES128", "SHA1", None), "aes128-sha1"),
])
def test_strongswan_proposals(phase, args, expected):
    assert vocab.strongswan_proposal(phase, *args) == expected
