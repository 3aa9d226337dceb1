# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance rules over the corpus, and the rule table itself."""

from __future__ import annotations

import datetime
import os

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_inputs as inputs
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles, psk_strength

from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils.compliance_corpus import (
    DIR, SALT, all_keys, cases, device_entries, finding_lines, raw_connections, run)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["name"])
def test_corpus_case_gives_exactly_the_expected_findings(case):
    assert finding_lines(run(case)) == case["expected_findings"]


@pytest.mark.parametrize("name", ["ios_compliant", "junos_compliant", "vyos_compliant", "all_compliant"])
def test_compliant_configs_have_no_findings_and_real_passes(name):
    case = next(c for c in cases() if c["name"] == name)
    results = run(case)
    assert finding_lines(results) == []
    passed = {r["rule"] for r in results if r["status"] == "pass" and r["side"] in ("device", "both")}
    assert {"S2S-P1-ENCRYPTION", "S2S-PFS", "S2S-DPD", "S2S-CONSIST-INSIDE", "S2S-CONSIST-ASN", "S2S-CONSIST-PEER",
            "S2S-BGP-MAXPREFIX", "S2S-BGP-TIMERS"} <= passed


def test_every_rule_has_sources_from_the_profiles_table_and_a_fix():
    for rule in compliance.RULES.values():
        assert rule.sources and set(rule.sources) <= set(profiles.SOURCES), rule.id
        assert rule.fix and rule.severity in compliance.SEVERITIES


def test_every_rule_fires_somewhere_in_the_corpus():
    fired = {line.split()[0] for case in cases() for line in case["expected_findings"]}
    assert fired == set(compliance.RULES)


def test_psk_reuse_is_found_across_connections_by_fingerprint_only():
    case = next(c for c in cases() if c["name"] == "aws_psk_reuse")
    results = run(case)
    reuse = [r for r in results if r["rule"] == "S2S-PSK-REUSE" and r["status"] == "fail"]
    assert {r["tunnel"] for r in reuse} == {"vpn-0ios/203.0.113.10", "vpn-0weak/203.0.113.50", "vpn-0weak/203.0.113.51"}
    text = repr(results)
    assert not any(key in text for key in all_keys())


def test_inputs_replace_keys_with_salted_fingerprints():
    conn = inputs.connection(raw_connections(["aws/weak.json"])[0], SALT)
    assert all("pre_shared_key" not in t for t in conn["tunnels"])
    other = inputs.connection(raw_connections(["aws/weak.json"])[0], "another-salt")
    assert conn["tunnels"][0]["psk_fingerprint"] != other["tunnels"][0]["psk_fingerprint"]
    device = inputs.device(device_entries(["ios/weak.cfg"])[0], SALT)
    assert device["tunnels"][0]["psk_fingerprint"] == conn["tunnels"][0]["psk_fingerprint"]


def test_overrides_disable_change_severity_and_limits():
    case = dict(next(c for c in cases() if c["name"] == "ios_weak"))
    case["overrides"] = {"disable": ["S2S-PFS"], "severity": {"S2S-DPD": "critical"},
                         "limits": {"bgp_hold_time_max": 180, "bgp_keepalive_max": 60}}
    lines = finding_lines(run(case))
    assert not any(line.startswith(("S2S-PFS ", "S2S-BGP-TIMERS ")) for line in lines)
    assert "S2S-DPD vpn-0weak/203.0.113.50 device critical" in lines


@pytest.mark.parametrize("overrides, words", [
    ({"disable": ["S2S-NOPE"]}, "unknown rule 'S2S-NOPE'"),
    ({"severity": {"S2S-PFS": "urgent"}}, "overrides.severity.S2S-PFS"),
    ({"limits": {"dpd_timeout_max": "soon"}}, "overrides.limits.dpd_timeout_max"),
    ({"rules": {}}, "unknown keys rules"),
    ({"waive": [{"rule": "S2S-PFS"}]}, r"waive\[0\]\.reason: required"),
    ({"waive": [{"rule": "S2S-NOPE", "reason": "x"}]}, r"waive\[0\]\.rule: 'S2S-NOPE'"),
    ({"waive": [{"rule": "S2S-PFS", "reason": "x", "expires": "next year"}]}, r"waive\[0\]\.expires"),
    ({"waive": [{"rule": "S2S-PFS", "reason": "x", "host": "r1"}]}, r"waive\[0\]: unknown keys host"),
])
def test_bad_overrides_name_the_field(overrides, words):
    with pytest.raises(compliance.PolicyError, match=words):
        compliance.policy("recommended", overrides)


def test_threshold_selects_findings_at_or_above_severity():
    results = run(next(c for c in cases() if c["name"] == "ios_weak"))
    high = compliance.failing(results, "high")
    assert high and all(r["severity"] in ("high", "critical") for r in high)
    assert len(compliance.failing(results, "low")) > len(high)
    assert compliance.failing(results, "critical") == []


def test_bad_input_names_the_field(tmp_path):
    with pytest.raises(inputs.InputError, match="connections"):
        inputs.connection({"foo": 1}, SALT)
    with pytest.raises(inputs.InputError, match=r"devices\[r1\]"):
        inputs.device({"name": "r1", "platform": "ios"}, SALT)
    with pytest.raises(inputs.InputError, match="cannot read"):
        inputs.device({"name": "r1", "platform": "ios", "path": str(tmp_path / "missing.cfg")}, SALT)


def test_a_waiver_accepts_matching_findings_until_it_expires():
    case = dict(next(c for c in cases() if c["name"] == "ios_weak"))
    base = [r for r in run(case) if r["rule"] == "S2S-DPD" and r["status"] == "fail"]
    assert base
    waive = {"rule": "S2S-DPD", "reason": "DPD off by design", "expires": "2030-01-31", "tunnel": "vpn-0weak/*"}
    results = compliance.audit([inputs.connection(c, SALT) for c in raw_connections(case["aws"])],
                               [inputs.device(d, SALT) for d in device_entries(case["devices"])],
                               compliance.policy(case["profile"], dict(case["overrides"], waive=[waive])),
                               today=datetime.date(2030, 1, 31))
    waived = [r for r in results if r["status"] == "waived"]
    assert {r["rule"] for r in waived} == {"S2S-DPD"} and len(waived) == len(base)
    assert waived[0]["waiver"] == {"reason": "DPD off by design", "expires": "2030-01-31"}
    assert compliance.summary(results)["waived"] == len(waived)
    assert not [r for r in compliance.failing(results, "info") if r["rule"] == "S2S-DPD"]
    expired = compliance.audit([inputs.connection(c, SALT) for c in raw_connections(case["aws"])],
                               [inputs.device(d, SALT) for d in device_entries(case["devices"])],
                               compliance.policy(case["profile"], dict(case["overrides"], waive=[waive])),
                               today=datetime.date(2030, 2, 1))
    still = [r for r in expired if r["rule"] == "S2S-DPD" and r["status"] == "fail"]
    assert len(still) == len(base) and "waiver expired on 2030-01-31" in still[0]["messages"][-1]


def test_remediation_names_fixable_connections_and_devices_to_re_render():
    results = run(next(c for c in cases() if c["name"] == "ios_weak"))
    plan = compliance.remediation(results)
    fixable = {r["connection"] for r in results if r["status"] == "fail" and r["side"] == "aws" and r["rule"] in compliance.AWS_FIXABLE}
    assert plan["connections"] == sorted(fixable)
    assert plan["devices"] and all("/" not in d for d in plan["devices"])
    assert compliance.remediation([r for r in results if r["status"] != "fail"]) == {"connections": [], "devices": []}


def test_remediated_connection_carries_the_profile_options_and_keeps_the_rest():
    conn = inputs.connection(raw_connections(["aws/weak.json"])[0], SALT)
    fixed = compliance.remediated(conn, "strict")
    wanted = profiles.get("strict").tunnel_options()
    for before, after in zip(conn["tunnels"], fixed["tunnels"]):
        assert after["outside_ip_address"] == before["outside_ip_address"] and after["psk_fingerprint"] == before["psk_fingerprint"]
        assert {k: after["options"][k] for k in wanted} == wanted
    assert conn["tunnels"][0]["options"] != fixed["tunnels"][0]["options"]     # the input is not changed


def test_negotiated_crypto_is_judged_where_aws_reports_it():
    conns = [inputs.connection(c, SALT) for c in raw_connections(["aws/compliant.json"])]
    first, second = conns[0]["tunnels"][:2]
    first["active_status"] = {"ike_version": "ikev2", "phase1_encryption_algorithm": "AES256-GCM-16", "phase1_dh_group": 20,
                              "phase2_encryption_algorithm": "AES256", "phase2_integrity_algorithm": "SHA1", "phase2_dh_group": 20}
    second["active_status"] = {"provisioning_status": "available"}      # nothing negotiated yet: nothing judged
    results = compliance.audit(conns, [], compliance.policy("recommended"))
    negotiated = {(r["rule"], r["status"], r["severity"]) for r in results if r["side"] == "negotiated"}
    assert negotiated == {("S2S-IKE-VERSION", "pass", "info"), ("S2S-P1-ENCRYPTION", "pass", "info"), ("S2S-P1-DH", "pass", "info"),
                          ("S2S-P2-ENCRYPTION", "pass", "info"), ("S2S-P2-DH", "pass", "info"), ("S2S-P2-INTEGRITY", "fail", "medium")}
    assert {r["tunnel"] for r in results if r["side"] == "negotiated"} == {"%s/%s" % (conns[0]["vpn_connection_id"], first["outside_ip_address"])}


def test_an_unreadable_input_fails_the_run_whatever_the_threshold_and_cannot_be_waived_or_disabled():
    results = run(next(c for c in cases() if c["name"] == "input_junos_declared_ios"))
    assert [r["rule"] for r in compliance.failing(results, "never")] == ["S2S-INPUT"]
    assert compliance.summary(results)["input_errors"] == 1
    with pytest.raises(compliance.PolicyError, match="S2S-INPUT cannot be waived"):
        compliance.policy("recommended", {"waive": [{"rule": "S2S-INPUT", "reason": "legacy box"}]})
    with pytest.raises(compliance.PolicyError, match="S2S-INPUT cannot be disabled"):
        compliance.policy("recommended", {"disable": ["S2S-INPUT"]})


def test_a_device_config_error_names_file_device_and_line(tmp_path):
    config = tmp_path / "edge.set"
    config.write_text("set system host-name edge\nrollback 1\n")
    read = inputs.read([], [{"name": "edge", "platform": "junos", "path": str(config)}], SALT)
    assert read.devices == []
    [problem] = read.problems
    assert (problem["input"], problem["file"], problem["device"], problem["line"]) == ("devices[edge]", str(config), "edge", 2)
    assert "expected a 'set' command" in problem["message"]


def test_a_nul_byte_is_refused_with_its_line():
    read = inputs.read([], [{"name": "r1", "platform": "ios", "config": "hostname r1\n\0\0"}], SALT)
    assert read.problems[0]["line"] == 2 and "NUL byte" in read.problems[0]["message"]


def _ios_compliant_with(old, new):
    with open(os.path.join(DIR, "ios", "compliant.cfg"), encoding="utf-8") as handle:
        text = handle.read()
    assert old in text
    return text.replace(old, new)


def _audit_texts(profile, *configs):
    read = inputs.read(raw_connections(["aws/compliant.json"]),
                       [{"name": "r%d" % i, "platform": "ios", "config": text} for i, text in enumerate(configs, 1)], SALT)
    return compliance.audit(read.connections, read.devices, compliance.policy(profile), problems=read.problems)


@pytest.mark.parametrize("profile, fails", [("aws_default", False), ("recommended", True), ("nist_800_77r1", True),
                                            ("strict", True), ("cnsa1", True)])
def test_a_nine_character_key_fails_every_profile_stricter_than_aws_and_is_never_printed(profile, fails):
    nine = "Abc12.xyz"  # within AWS's rules: 8-64 of [A-Za-z0-9._], not starting with 0
    results = _audit_texts(profile, _ios_compliant_with("pre-shared-key Corpus.Ios_T1_k3y9a8b7c6", "pre-shared-key " + nine))
    [strength] = [r for r in results if r["rule"] == "S2S-PSK-STRENGTH" and r["tunnel"] == "vpn-0ios/203.0.113.10" and r["side"] == "device"]
    assert (strength["status"] == "fail") is fails
    if fails:
        assert "9 characters, the profile needs" in strength["messages"][0]
    assert nine not in repr(results)


def test_a_key_breaking_aws_rules_fails_even_the_aws_default_profile():
    results = _audit_texts("aws_default", _ios_compliant_with("pre-shared-key Corpus.Ios_T1_k3y9a8b7c6", "pre-shared-key plain-text-password1"))
    [strength] = [r for r in results if r["rule"] == "S2S-PSK-STRENGTH" and r["tunnel"] == "vpn-0ios/203.0.113.10" and r["side"] == "device"]
    assert strength["status"] == "fail" and "psk.charset" in strength["messages"][0]


def test_every_profile_has_a_psk_rule_with_its_reason():
    assert set(psk_strength.RULES) == set(profiles.PROFILES)
    assert psk_strength.rule("a-profile-added-later") == psk_strength.STRICTEST


def test_two_devices_on_one_tunnel_get_findings_each_naming_its_device():
    good = _ios_compliant_with("hostname cgw-ios", "hostname cgw-ios-a")
    weak = _ios_compliant_with(" group 20\n", " group 2\n")
    results = _audit_texts("recommended", good, weak)
    dh = {r["device"]: r["status"] for r in results if r["rule"] == "S2S-P1-DH" and r["tunnel"] == "vpn-0ios/203.0.113.10" and r["side"] == "device"}
    assert dh == {"r1/Tunnel1": "pass", "r2/Tunnel1": "fail"}


def test_a_proposal_a_crypto_map_uses_is_not_unused():
    partner = ("crypto ipsec transform-set PARTNER esp-3des esp-md5-hmac\n mode tunnel\n"
               "crypto map PARTNER-VPN 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set PARTNER\n match address 101\n")
    results = _audit_texts("recommended", _ios_compliant_with("hostname cgw-ios\n", "hostname cgw-ios\n" + partner))
    [unused] = [r for r in results if r["rule"] == "S2S-DEVICE-WEAK-UNUSED"]
    assert unused["status"] == "pass"
    results = _audit_texts("recommended", _ios_compliant_with("hostname cgw-ios\n", "hostname cgw-ios\n" + partner.split("crypto map", maxsplit=1)[0]))
    [unused] = [r for r in results if r["rule"] == "S2S-DEVICE-WEAK-UNUSED"]
    assert unused["status"] == "fail" and "PARTNER" in unused["messages"][0]
