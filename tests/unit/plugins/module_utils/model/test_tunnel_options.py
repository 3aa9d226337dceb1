# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:vpn"


@pytest.mark.parametrize("options,field,rule", [
    ({"phase1_lifetime_seconds": 899}, "phase1_lifetime_seconds", "tunnel_option.range"),
    ({"phase2_lifetime_seconds": 3601}, "phase2_lifetime_seconds", "tunnel_option.range"),
    ({"phase1_lifetime_seconds": 1800, "phase2_lifetime_seconds": 1800}, "phase2_lifetime_seconds",
     "tunnel_option.lifetime_order"),
    ({"phase2_lifetime_seconds": 1200, "rekey_margin_time_seconds": 601}, "rekey_margin_time_seconds",
     "tunnel_option.rekey_margin"),
    ({"rekey_fuzz_percentage": 101}, "rekey_fuzz_percentage", "tunnel_option.range"),
    ({"replay_window_size": 32}, "replay_window_size", "tunnel_option.range"),
    ({"dpd_timeout_seconds": 29}, "dpd_timeout_seconds", "tunnel_option.range"),
    ({"dpd_timeout_action": "hold"}, "dpd_timeout_action", "tunnel_option.choice"),
    ({"phase1_dh_group_numbers": [5]}, "phase1_dh_group_numbers", "tunnel_option.algorithm"),
    ({"phase1_encryption_algorithms": ["3DES"]}, "phase1_encryption_algorithms", "tunnel_option.algorithm"),
    ({"phase2_integrity_algorithms": ["SHA2-256", "sha2-256"]}, "phase2_integrity_algorithms",
     "tunnel_option.duplicate"),
    ({"ike_versions": []}, "ike_versions", "tunnel_option.type"),
    ({"startup_action": "start", "ike_versions": ["ikev1", "ikev2"]}, "startup_action",
     "tunnel_option.startup_ikev2"),
    ({"inside_cidr": "169.254.5.0/30"}, "inside_cidr", "inside_cidr.reserved"),
    ({"inside_ipv6_cidr": "fe80::/126"}, "inside_ipv6_cidr", "inside_cidr.range"),
    ({"pre_shared_key": "0abcdefgh"}, "pre_shared_key", "psk.leading_zero"),
    ({"log_options": {"log_enabled": True}}, "log_options", "tunnel_option.log"),
    ({"log_options": {"log_enabled": True, "log_group_arn": "not-an-arn"}}, "log_options", "tunnel_option.log_group_arn"),
    ({"log_options": {"bgp_log_enabled": True, "bgp_log_group_arn": "arn:aws:logs:us-east-1:1:log-group:g"}},
     "log_options", "tunnel_option.log_group_arn"),
    ({"log_options": {"log_group_arn": "arn:aws:s3:::bucket"}}, "log_options", "tunnel_option.log_group_arn"),
    ({"bogus": 1}, "bogus", "tunnel_option.unknown"),
    ({"enable_tunnel_lifecycle_control": "yes"}, "enable_tunnel_lifecycle_control", "tunnel_option.type"),
])
def test_aws_rules(options, field, rule):
    assert (field, rule) in [(f, r) for f, r, _m in topts.problems(options)]


def test_valid_options_have_no_problems():
    assert topts.problems({
        "phase1_lifetime_seconds": 28800, "phase2_lifetime_seconds": 3600, "rekey_margin_time_seconds": 540,
        "dpd_timeout_seconds": 40, "dpd_timeout_action": "restart", "ike_versions": ["ikev2"],
        "startup_action": "start", "phase1_dh_group_numbers": ["20", 14], "pre_shared_key": "Abc.def_123",
        "log_options": {"log_enabled": True, "log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/x",
                        "log_output_format": "json"},
    }) == []


@pytest.mark.parametrize("arn", ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn",
                                 "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:vpn#1:*",
                                 "arn:aws-cn:logs:cn-north-1:123456789012:log-group:a.b_c-d"])
def test_log_group_arns_of_every_partition_pass(arn):
    assert topts.problems({"log_options": {"log_enabled": True, "log_group_arn": arn,
                                           "bgp_log_enabled": True, "bgp_log_group_arn": arn}}) == []


def test_a_malformed_arn_names_the_key_and_the_rule():
    (field, rule, message), = topts.problems({"log_options": {"bgp_log_enabled": True, "bgp_log_group_arn": "not-an-arn"}})
    assert (field, rule) == ("log_options", "tunnel_option.log_group_arn")
    assert "bgp_log_group_arn 'not-an-arn'" in message and topts.LOG_GROUP_ARN_RULE in message


@pytest.mark.parametrize("name,value", [("phase1_dh_group_numbers", 99), ("phase1_dh_group_numbers", 1),
                                        ("phase1_dh_group_numbers", 5), ("phase2_encryption_algorithms", "3DES"),
                                        ("phase1_encryption_algorithms", "bogus")])
def test_algorithm_errors_list_only_what_aws_accepts_in_that_phase(name, value):
    (_field, rule, message), = topts.problems({name: [value]})
    listed = [v.split(" ")[0] for v in message.split("valid: ")[1].split(", ")]
    assert rule == "tunnel_option.algorithm"
    assert listed == [str(v) for v in topts.BY_NAME[name].choices]
    assert not {"1", "3DES", "DES", "NULL", "MD5"} & set(listed)
    assert ("5" in listed) == (name.startswith("phase2") and "dh" in name)


def test_api_round_trip_unwraps_values_and_read_back_spellings():
    snake = {"phase1_dh_group_numbers": [20, "14"], "ike_versions": ["IKEv2"], "dpd_timeout_seconds": 30,
             "dpd_timeout_action": "restart", "startup_action": None,
             "log_options": {"log_enabled": True, "log_group_arn": ARN, "log_output_format": "json"}}
    api = topts.to_api(snake)
    assert api["Phase1DHGroupNumbers"] == [{"Value": 20}, {"Value": 14}]
    assert "StartupAction" not in api  # None is never sent
    assert api["LogOptions"] == {"CloudWatchLogOptions": {"LogEnabled": True, "LogGroupArn": ARN,
                                                          "LogOutputFormat": "json"}}
    read_back = dict(api)
    read_back["IkeVersions"] = read_back.pop("IKEVersions")
    read_back["DpdTimeoutSeconds"] = read_back.pop("DPDTimeoutSeconds")
    back = topts.from_api(read_back)
    assert back["ike_versions"] == ["ikev2"] and back["dpd_timeout_seconds"] == 30
    assert back["phase1_dh_group_numbers"] == [20, 14]
    assert back["log_options"]["log_group_arn"] == ARN


def test_effective_fills_aws_defaults():
    eff = topts.effective({"phase1_dh_group_numbers": [20]})
    assert eff["phase1_dh_group_numbers"] == [20]
    assert eff["phase2_dh_group_numbers"] == [2, 5] + list(range(14, 25))
    assert eff["dpd_timeout_seconds"] == 30 and eff["startup_action"] == "add"
