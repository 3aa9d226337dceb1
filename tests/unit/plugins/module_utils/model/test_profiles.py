# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

NAMES = ["aws_default", "recommended", "nist_800_77r1", "cnsa1", "cnsa2", "strict"]


def test_the_profiles_exist():
    assert sorted(profiles.PROFILES) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_profile_tunnel_options_are_valid_aws_options(name):
    assert topts.problems(profiles.get(name).tunnel_options()) == []


@pytest.mark.parametrize("name", NAMES)
def test_profiles_pass_what_they_propose(name):
    profile = profiles.get(name)
    for phase in (1, 2):
        prop = profile.proposal(phase)
        for family, values in ((vocab.ENCRYPTION, prop.encryption), (vocab.INTEGRITY, prop.integrity),
                               (vocab.DH_GROUP, prop.dh_groups)):
            for value in values:
                assert profile.judge(family, phase, value).level == "pass", (name, family, value)


@pytest.mark.parametrize("name", ["recommended", "nist_800_77r1", "cnsa1", "strict"])
@pytest.mark.parametrize("dialect", ["ios", "junos", "vyos", "strongswan"])
def test_every_platform_can_run_the_strong_profiles(name, dialect):
    profile = profiles.get(name)
    for phase in (1, 2):
        proposals = profiles.device_proposals(profile.proposal(phase), phase, dialect)
        assert proposals and all(p["encryption"] and p["dh_groups"] for p in proposals)


@pytest.mark.parametrize("profile,family,phase,value,level", [
    ("aws_default", "dh_group", 1, 2, "pass"),
    ("aws_default", "encryption", 1, "3DES", "fail"),
    ("recommended", "integrity", 1, "SHA1", "warn"),
    ("recommended", "dh_group", 2, 2, "fail"),
    ("recommended", "dh_group", 2, 24, "fail"),
    ("recommended", "ike_version", 1, "ikev1", "fail"),
    ("nist_800_77r1", "ike_version", 1, "ikev1", "warn"),
    ("cnsa1", "encryption", 2, "AES128", "fail"),
    ("cnsa1", "integrity", 1, "SHA2-256", "fail"),
    ("cnsa1", "dh_group", 1, 20, "pass"),
    ("strict", "integrity", 1, "SHA1", "fail"),
    ("strict", "dh_group", 1, 14, "warn"),
    ("strict", "encryption", 1, "DES", "fail"),
])
def test_verdicts_follow_the_policy_table(profile, family, phase, value, level):
    verdict = profiles.get(profile).judge(family, phase, value)
    assert verdict.level == level
    assert verdict.rule in profiles.RULES
    assert verdict.severity == profiles.SEVERITY_FOR[level]


def test_every_rule_cites_known_sources():
    for rule in profiles.RULES.values():
        assert rule.sources and all(s in profiles.SOURCES for s in rule.sources)


def test_aws_default_leaves_algorithms_unset():
    options = profiles.get("aws_default").tunnel_options()
    assert not any(k.endswith("_algorithms") or k.endswith("_numbers") for k in options)


def test_aead_and_cbc_ciphers_get_separate_device_proposals():
    props = profiles.device_proposals(profiles.get("recommended").phase1, 1, "ios")
    assert [p["name"] for p in props] == ["aead", "cbc"]
    assert props[0]["encryption"] == ["aes-gcm-256"] and props[1]["encryption"] == ["aes-cbc-256"]


def test_unknown_profile_lists_the_valid_ones():
    with pytest.raises(ValueError) as err:
        profiles.get("paranoid")
    assert "strict" in str(err.value)


def test_cnsa2_configures_a_required_ml_kem_1024_round_in_both_phases():
    options = profiles.get("cnsa2").tunnel_options()
    for phase in (1, 2):
        assert options["phase%d_additional_key_exchanges" % phase] == [{"round": 1, "methods": [37], "requirement": "required"}]
        assert options["phase%d_dh_group_numbers" % phase] == [20]
    assert "phase1_additional_key_exchanges" not in profiles.get("cnsa1").tunnel_options()


@pytest.mark.parametrize("rounds,level", [
    ([{"round": 1, "methods": [37], "requirement": "required"}], "pass"),
    ([{"round": 2, "methods": [37]}], "pass"),  # AWS's default requirement
    ([{"round": 1, "methods": [37], "requirement": "optional"}], "fail"),  # the CGW may skip it
    ([{"round": 1, "methods": [37, 36], "requirement": "required"}], "fail"),  # may negotiate ML-KEM-768
    ([{"round": 1, "methods": [36], "requirement": "required"}], "fail"),
    ([], "fail"),
])
def test_cnsa2_judges_the_additional_key_exchanges(rounds, level):
    verdict = profiles.get("cnsa2").judge_key_exchanges(2, rounds)
    assert (verdict.level, verdict.rule) == (level, "S2S-P2-PQ-KEX")
    assert profiles.get("recommended").judge_key_exchanges(2, rounds).level == "pass"  # asks for none


def test_ml_kem_groups_are_judged_like_other_groups():
    assert profiles.get("cnsa2").judge("dh_group", 2, 36).level == "fail"
    assert profiles.get("cnsa2").judge("dh_group", 2, 37).level == "pass"
    assert profiles.get("recommended").judge("dh_group", 1, 35).level == "pass"
    assert profiles.get("strict").judge("dh_group", 1, 35).level == "warn"
    assert profiles.get("cnsa1").judge("dh_group", 2, 37).level == "fail"


def test_an_override_dropping_cnsa2s_round_is_refused_by_the_plan(intent):
    from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
    from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors
    intent["sites"][0]["crypto_profile"] = "cnsa2"
    intent["sites"][0]["cgws"][0]["tunnel_options"] = {
        "phase2_additional_key_exchanges": [{"round": 1, "methods": [37], "requirement": "optional"}]}
    with pytest.raises(IntentErrors) as err:
        plan.validate(intent)
    assert [(e.field, e.rule) for e in err.value.errors] == [
        ("s2s_intent.sites[0].cgws[0].tunnel_options.phase2_additional_key_exchanges", "profile.weak_algorithm")]
    assert "S2S-P2-PQ-KEX" in str(err.value)
