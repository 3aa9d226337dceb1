# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos twin accepts what Juniper's YANG accepts, statement by statement (issue 16): a property test.

For every statement of the twin's grammar inside the subtrees the YANG fixture keeps, hypothesis builds lines from
the statement's words with values drawn from the fixture's own enumerations (every leaf's), integers around the
fixture's range limits, names of every length the fixture's limits meet, addresses and prefixes; the twin (its
grammar, then its YANG check) and the fixture must agree on each line. The twin stays stricter in three named places
(junos.py says why): interface names, unit numbers and AS numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from lab.device_twins import grammar, junos

SCHEMA = junos.SCHEMA
STRICTER = {"iface", "unit", "asn"}


def _enums(node, out):
    for child in node.get("children", {}).values():
        typ = child.get("type", {})
        for member in [typ] + typ.get("union", []):
            out.update(member.get("enum", ()))
        _enums(child, out)
    return out


ENUMS = sorted(_enums(SCHEMA.root, set()))
NUMBERS = ["0", "1", "2", "3", "32", "33", "64", "67", "68", "119", "120", "179", "180", "255", "256", "500", "576",
           "1379", "1436", "1460", "1461", "3600", "9192", "9216", "9217", "16385", "16386", "28800", "65535", "86400",
           "86401", "4294967295", "4294967296", "-1"]
WORDS = ["S2S-0a1b-T1", "any", "x" * 32, "x" * 33, "x" * 63, "x" * 64, "169.254.10.1", "10.0.0.0/8", "2001:db8::/32",
         "st0.313", "ge-0/0/0.0", "bogus"]


def _value(token):
    if token.rest:
        return st.sampled_from(["site note", "x"])
    if token.kind == "enum":
        return st.one_of(st.sampled_from(token.choices), st.sampled_from(ENUMS))
    return st.sampled_from(NUMBERS + WORDS + ENUMS[:50])


def _judged(pattern):
    """Patterns whose lines the fixture judges (a sample line walks into a subtree it keeps)."""
    words = [t.literals[0] if t.literals else (t.choices[0] if t.kind == "enum" else "x") for t in pattern.tokens]
    verdict = SCHEMA.check(words)
    return verdict.ok or verdict.judged


PATTERNS = [p for p in junos.GRAMMAR if _judged(p)]


def twin_accepts(words):
    found = grammar.match(junos.GRAMMAR, words, junos.DIALECT)
    return bool(found.ok or found.tag_prefix) and junos.Session.refused_at(words) is None


def _stricter_token(pattern, words):
    """Whether a word at one of the twin's deliberately stricter value tokens fails the twin's own type."""
    return any(token.kind in STRICTER and not grammar.TYPES[token.kind](word)
               for token, word in zip(pattern.tokens, words))


def test_the_twin_judges_most_of_its_junos_grammar_by_the_fixture():
    assert len(PATTERNS) >= 60
    assert any("dh-group" in p.text for p in PATTERNS) and any("host-inbound-traffic" in p.text for p in PATTERNS)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.text for p in PATTERNS])
@settings(max_examples=12, derandomize=True, deadline=None, database=None)
@given(data=st.data())
def test_the_twin_and_juniper_s_model_agree(pattern, data):
    words = [data.draw(st.sampled_from(t.literals)) if t.literals else data.draw(_value(t)) for t in pattern.tokens]
    verdict = SCHEMA.check(words)
    if not verdict.judged:
        return
    twin = twin_accepts(words)
    if twin != verdict.ok and not twin and _stricter_token(pattern, words):
        return
    assert twin == verdict.ok, "%s: twin %s, YANG %s (%s)" % (
        " ".join(words), "accepts" if twin else "refuses", "accepts" if verdict.ok else "refuses", verdict.rule)
