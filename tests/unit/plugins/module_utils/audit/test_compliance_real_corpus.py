# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit over real-world configs from public sources (tests/fixtures/compliance-corpus: each file names its source),
against the verdicts written down for each profile before the first run (expected.json). No false negative."""

from __future__ import annotations

import json
import os

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_inputs as inputs
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "fixtures", "compliance-corpus")
with open(os.path.join(CORPUS, "expected.json"), encoding="utf-8") as _handle:
    EXPECTED = {name: entry for name, entry in json.load(_handle).items() if not name.startswith("_")}
CASES = [(name, profile) for name in sorted(EXPECTED) for profile in sorted(EXPECTED[name]["verdicts"])]


def _audit(name, profile):
    device = {"name": name.split(".")[0], "platform": EXPECTED[name]["platform"], "path": os.path.join(CORPUS, name)}
    read = inputs.read([], [device], "corpus-salt")
    return compliance.audit(read.connections, read.devices, compliance.policy(profile), problems=read.problems)


def test_every_corpus_file_names_its_source_and_has_a_verdict_for_every_profile():
    files = {f for f in os.listdir(CORPUS) if f != "expected.json"}
    assert files == set(EXPECTED)
    for name in files:
        with open(os.path.join(CORPUS, name), encoding="utf-8") as handle:
            head = handle.read(1000)
        assert "Source:" in head and "fetched 20" in head and ("commit" in head or "https://" in head), name
        assert set(EXPECTED[name]["verdicts"]) == set(profiles.PROFILES), name


@pytest.mark.parametrize("name, profile", CASES, ids=["%s-%s" % c for c in CASES])
def test_real_config_gets_its_expected_verdict_and_findings(name, profile):
    expected = EXPECTED[name]["verdicts"][profile]
    results = _audit(name, profile)
    failed = {r["rule"] for r in results if r["status"] == "fail"}
    verdict = "fail" if compliance.failing(results, "high") else "pass"
    assert verdict == expected["verdict"], sorted(failed)
    assert set(expected["must_find"]) <= failed, sorted(set(expected["must_find"]) - failed)


def test_no_corpus_key_appears_in_any_result():
    keys = ("plain-text-password1", "plain-text-password2", "PASSWORD", "secretkey", "skills", "SomePreSharedKey")
    text = repr([_audit(name, "recommended") for name in EXPECTED])
    assert not [k for k in keys if k in text]


def test_a_vyos_13_config_declared_as_14_fails_closed():
    device = {"name": "v13", "platform": "vyos", "path": os.path.join(CORPUS, "vyos-docs-13-route-ikev2.set")}
    read = inputs.read([], [device], "corpus-salt")
    results = compliance.audit(read.connections, read.devices, compliance.policy("aws_default"), problems=read.problems)
    [unread] = [r for r in results if r["rule"] == "S2S-INPUT"]
    assert unread["status"] == "fail" and "peer address" in unread["messages"][0] and "pre-shared key" in unread["messages"][0]
