# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS twin's own rule table (lab/aws_twin/api_rules.py) and the judge built on it (vpn_validate).

The table is parsed from AWS's documentation in botocore's EC2 model: these tests fail loudly when a
botocore upgrade changes a sentence a hand rule stands on, or a rule stops parsing.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

from lab.aws_twin import api_rules, vpn_validate
from lab.aws_twin.query import ApiError

ROOT = pathlib.Path(__file__).resolve().parents[3]
TWIN = ROOT / "lab" / "aws_twin"
# Twin modules that still import the collection's code, and what (README: "still shared").
STILL_SHARED = {"config_xml.py": {"crypto_vocab"}, "samples.py": {"crypto_vocab"}}


@pytest.mark.parametrize("name", sorted(api_rules.QUOTES))
def test_every_hand_rule_quote_is_still_in_awss_documentation(name):
    shape, member, quote = api_rules.QUOTES[name]
    assert quote in api_rules.documentation(shape, member), (
        "%s.%s no longer says %r: botocore changed the rule %s, re-read it" % (shape, member, quote, name))


def test_every_rule_parsed_and_carries_its_source():
    for rule in api_rules.TUNNEL.values():
        assert rule.source.startswith(api_rules.BOTOCORE + " VpnTunnelOptionsSpecification." + rule.member)
        assert rule.read, rule.member  # the Describe spelling exists
        if rule.kind == "int":
            assert rule.minimum is not None and rule.default is not None, rule.member
        if rule.kind in ("str", "list"):
            assert rule.choices, rule.member
            assert rule.default is not None, rule.member
    for rule in api_rules.CONNECTION_OPTIONS.values():
        assert rule.kind != "str" or rule.choices or rule.member.endswith(("NetworkCidr", "AttachmentId")), rule.member


def test_known_values_parse_as_aws_writes_them():
    tunnel = api_rules.TUNNEL
    assert (tunnel["Phase1LifetimeSeconds"].minimum, tunnel["Phase1LifetimeSeconds"].maximum) == (900, 28800)  # "28,800"
    assert (tunnel["Phase2LifetimeSeconds"].maximum, tunnel["Phase2LifetimeSeconds"].default) == (3600, 3600)
    assert (tunnel["RekeyMarginTimeSeconds"].minimum, tunnel["RekeyMarginTimeSeconds"].maximum) == (60, None)
    assert (tunnel["DPDTimeoutSeconds"].minimum, tunnel["DPDTimeoutSeconds"].default) == (30, 30)
    assert tunnel["DPDTimeoutAction"].choices == ("clear", "none", "restart")
    assert tunnel["Phase1EncryptionAlgorithms"].choices == ("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16")
    assert 5 not in tunnel["Phase1DHGroupNumbers"].choices and 5 in tunnel["Phase2DHGroupNumbers"].choices
    assert tunnel["IKEVersions"].read == "IkeVersions" and tunnel["DPDTimeoutSeconds"].read == "DpdTimeoutSeconds"
    assert api_rules.PSK["min_length"] == 8 and api_rules.PSK["max_length"] == 64
    assert str(api_rules.INSIDE["ipv4"]["pool"]) == "169.254.0.0/16" and api_rules.INSIDE["ipv4"]["prefixlen"] == 30
    assert "169.254.169.252/30" in {str(n) for n in api_rules.INSIDE["ipv4"]["reserved"]}
    assert str(api_rules.INSIDE["ipv6"]["pool"]) == "fd00::/8" and api_rules.INSIDE["ipv6"]["prefixlen"] == 126
    assert api_rules.KEY_EXCHANGE["rounds"] == (1, 7) and api_rules.KEY_EXCHANGE["default_requirement"] == "required"
    assert api_rules.CONNECTION_OPTIONS["TunnelBandwidth"].default == "standard"
    assert api_rules.CONNECTION_OPTIONS["EnableAcceleration"].default is False
    assert api_rules.VPN_TYPE == "ipsec.1" and api_rules.PSK_STORAGES == ("Standard", "SecretsManager")


def test_create_and_modify_specifications_differ_only_in_the_dpd_default():
    # ModifyVpnTunnelOptionsSpecification documents "Default: 40" for DPDTimeoutSeconds, the create
    # specification 30; the twin applies defaults only on create.
    def judged(rule):
        return rule.kind, rule.minimum, rule.maximum, rule.choices, rule.default

    differ = {m for m in api_rules.TUNNEL if judged(api_rules.TUNNEL[m]) != judged(api_rules.MODIFY[m])}
    assert differ == {"DPDTimeoutSeconds"} and api_rules.MODIFY["DPDTimeoutSeconds"].default == 40


def test_unset_algorithm_lists_leave_ml_kem_out():
    defaults = api_rules.defaults()
    assert 35 in api_rules.TUNNEL["Phase1DHGroupNumbers"].choices
    assert not set(api_rules.ML_KEM) & set(defaults["phase1_dh_group_numbers"] + defaults["phase2_dh_group_numbers"])


def _verdict(spec: dict, version: str = "ipv4"):
    try:
        vpn_validate.tunnel_spec(spec, 1, version)
    except ApiError as err:
        return err.code
    return "ok"


@pytest.mark.parametrize("spec,code", [
    ({"Phase1LifetimeSeconds": 28800, "Phase2LifetimeSeconds": 3600}, "ok"),
    ({"Phase1LifetimeSeconds": 899}, vpn_validate.VALUE),
    ({"Phase1LifetimeSeconds": 1000, "Phase2LifetimeSeconds": 1000}, vpn_validate.VALUE),
    ({"Phase2LifetimeSeconds": 900, "RekeyMarginTimeSeconds": 450}, "ok"),
    ({"Phase2LifetimeSeconds": 900, "RekeyMarginTimeSeconds": 451}, vpn_validate.VALUE),
    ({"RekeyMarginTimeSeconds": 59}, vpn_validate.VALUE),
    ({"Phase1EncryptionAlgorithms": [{"Value": "aes256"}]}, vpn_validate.VALUE),  # AWS's values are exact
    ({"Phase1EncryptionAlgorithms": [{"Value": "AES256"}, {"Value": "AES256"}]}, vpn_validate.VALUE),
    ({"Phase2DHGroupNumbers": [{"Value": 36}]}, "ok"),
    ({"Phase1DHGroupNumbers": [{"Value": 36}]}, vpn_validate.VALUE),
    ({"PreSharedKey": "Abc_def.12345"}, "ok"),
    ({"PreSharedKey": "0bcdefgh"}, vpn_validate.VALUE),
    ({"PreSharedKey": "abc-defgh"}, vpn_validate.VALUE),
    ({"TunnelInsideCidr": "169.254.169.252/30"}, vpn_validate.VALUE),
    ({"TunnelInsideCidr": "169.254.6.0/30"}, "ok"),
    ({"StartupAction": "start"}, vpn_validate.COMBINATION),  # unset IKEVersions include ikev1
    ({"StartupAction": "start", "IKEVersions": [{"Value": "ikev2"}]}, "ok"),
    ({"LogOptions": {"CloudWatchLogOptions": {"LogEnabled": True}}}, vpn_validate.VALUE),
    ({"LogOptions": {"CloudWatchLogOptions": {"LogOutputFormat": "xml"}}}, vpn_validate.VALUE),
    ({"Phase2AdditionalKeyExchanges": [{"AdditionalKeyExchangeRound": 1, "KeyExchangeMethods": [{"Value": 36}]}],
      "IKEVersions": [{"Value": "ikev2"}]}, "ok"),
    ({"Phase2AdditionalKeyExchanges": [{"AdditionalKeyExchangeRound": 1, "KeyExchangeMethods": [{"Value": 36}]}],
      "IKEVersions": [{"Value": "ikev1"}]}, vpn_validate.COMBINATION),
    ({"Phase1AdditionalKeyExchanges": [{"AdditionalKeyExchangeRound": 8, "KeyExchangeMethods": [{"Value": 36}]}]},
     vpn_validate.VALUE),
    ({"Phase1AdditionalKeyExchanges": [{"AdditionalKeyExchangeRound": 1, "Requirement": "optional"},
                                       {"AdditionalKeyExchangeRound": 1, "Requirement": "optional"}]}, vpn_validate.VALUE),
    ({"Phase1AdditionalKeyExchanges": [{"AdditionalKeyExchangeRound": 1}]}, vpn_validate.VALUE),  # required, no method
])
def test_the_twin_judges_by_awss_rules(spec, code):
    assert _verdict(spec) == code


def test_psk_never_in_a_message():
    with pytest.raises(ApiError) as err:
        vpn_validate.tunnel_spec({"PreSharedKey": "0secretKEY99"}, 1, "ipv4")
    assert "secretKEY99" not in err.value.message


def _product_imports(path: pathlib.Path) -> set:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and ".plugins." in node.module:
            found |= {alias.name for alias in node.names}
    return found


def test_the_twin_imports_no_product_code_but_what_readme_lists_as_shared():
    imports = {p.name: _product_imports(p) for p in TWIN.glob("*.py")}
    assert {name: names for name, names in imports.items() if names} == STILL_SHARED
    readme = (TWIN / "README.md").read_text()
    for name in STILL_SHARED:
        assert name in readme.split("still shared with the product")[1], name
