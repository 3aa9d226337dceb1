# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos $9$ secrets: the published test vector, round trips with fresh salts, malformed input."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import junos_secret


def test_published_vector_decodes():
    assert junos_secret.decode("$9$LbHX-wg4Z") == "lc"


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=64), st.integers(0, 2 ** 32))
def test_encode_then_decode_gives_the_key_back(key, seed):
    encoded = junos_secret.encode(key, random.Random(seed))
    assert junos_secret.is_encoded(encoded) and junos_secret.decode(encoded) == key


def test_the_same_key_encodes_differently_each_time():
    key = "CgwRoles.A1_k3yOne9f8e7d6c"
    encodings = {junos_secret.encode(key) for _attempt in range(5)}
    assert len(encodings) > 1 and all(key not in e for e in encodings)


@pytest.mark.parametrize("text", ["plain", "$9$", "$9$Qz", "$9$Q!!x", "$9$7Nab"])
def test_malformed_secrets_are_refused_without_echoing_them(text):
    with pytest.raises(junos_secret.SecretError) as err:
        junos_secret.decode(text)
    assert str(err.value) in ("not a Junos $9$ secret", "Junos $9$ secret is truncated")
