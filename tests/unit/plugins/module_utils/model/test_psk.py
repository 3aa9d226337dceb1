# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk


@given(st.integers(min_value=8, max_value=64))
def test_generated_keys_follow_aws_rules(length):
    key = psk.generate(length)
    assert len(key) == length and psk.problems(key) == []


def test_distinct_keys_per_tunnel():
    keys = psk.generate_distinct(200)
    assert len(set(keys)) == 200


@pytest.mark.parametrize("key,rule", [
    ("short", "psk.length"),
    ("x" * 65, "psk.length"),
    ("0abcdefgh", "psk.leading_zero"),
    ("abc-defgh", "psk.charset"),
    ("abc defgh", "psk.charset"),
    (12345678, "psk.type"),
])
def test_bad_keys_name_the_rule_without_echoing_the_key(key, rule):
    found = psk.problems(key)
    assert rule in [r for r, _m in found]
    for _rule, message in found:
        assert str(key) not in message
    with pytest.raises(psk.PskError) as err:
        psk.check(key)
    assert str(key) not in str(err.value)


def test_fingerprint_is_keyed_and_hides_the_key():
    key = psk.generate()
    a, b = psk.fingerprint(key, "salt-1"), psk.fingerprint(key, "salt-2")
    assert a != b and key not in a and len(a) == 16
    assert psk.fingerprint(key, "salt-1") == a


def test_redact_hides_every_key_in_a_message():
    keys = psk.generate_distinct(2)
    text = "syntax error at 'pre-shared-key ascii-text \"%s\"'; peer uses %s" % (keys[0], keys[1])
    out = psk.redact(text, keys + [""])
    assert keys[0] not in out and keys[1] not in out and out.count(psk.REDACTED) == 2
    assert psk.redact(None, keys) == ""
