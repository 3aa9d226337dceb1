# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos $9$: the Junos twin's own implementation (lab/device_twins/secret9.py) and the collection's
(cgw/junos_secret.py), each against public vectors and against each other."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lab.device_twins import secret9

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import junos_secret

# (secret, plain text, where it is published)
PUBLIC = [
    ("$9$LbHX-wg4Z", "lc", "Crypt::Juniper 0.02 (Kevin Brintnall, CPAN), SYNOPSIS: juniper_decrypt('$9$LbHX-wg4Z') is \"lc\""),
    ("$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz", "testPassWord",
     "github.com/jeremmfr/junosdecode jdecode_test.go (commit 427efc1eeea84159ea871873dde4041e3aacd6cd): junWordCoded / "
     "junWordDecoded"),
]
# printable ASCII: what a pre-shared key ascii-text holds
KEYS = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=64)


@pytest.mark.parametrize("secret,plain,_source", PUBLIC)
def test_both_implementations_read_the_published_vectors(secret, plain, _source):
    assert secret9.reveal(secret) == plain
    assert junos_secret.decode(secret) == plain


@settings(max_examples=60, deadline=None)
@given(KEYS, st.integers(0, 2 ** 32))
def test_each_reads_what_the_other_writes(key, seed):
    assert secret9.reveal(junos_secret.encode(key, random.Random(seed))) == key
    assert junos_secret.decode(secret9.hide(key, random.Random(seed))) == key


@given(KEYS, st.integers(0, 2 ** 32))
@settings(max_examples=30, deadline=None)
def test_with_the_same_random_choices_both_write_the_same_secret(key, seed):
    assert secret9.hide(key, random.Random(seed)) == junos_secret.encode(key, random.Random(seed))


@pytest.mark.parametrize("text", ["$9$", "$9$LbHX-wg4", "not-a-secret", "$9$L!HX"])
def test_malformed_secrets_are_refused_without_echoing_them(text):
    with pytest.raises(secret9.NotASecret) as err:
        secret9.reveal(text)
    assert str(err.value) in ("not a Junos $9$ secret", "truncated Junos $9$ secret")
