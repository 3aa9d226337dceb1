# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AWS VPN tunnel options: names, AWS's rules and conversions, for every caller.

The intent, the vpn_connection module and the AWS twin all check tunnel options here, so a
value the collection accepts is a value AWS accepts, and the other way round.
Snake-case names are the collection's; ``api`` is the CreateVpnConnection spelling,
``read`` the DescribeVpnConnections spelling (AWS reads some keys back differently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import inside_cidr
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk as psk_rules


@dataclass(frozen=True)
class OptionField:
    name: str
    api: str
    read: str
    kind: str  # int | str | bool | list | cidr4 | cidr6 | psk | log | kex
    minimum: int = None
    maximum: int = None
    choices: tuple = None
    family: str = None  # crypto vocabulary family for list fields
    phase: int = None
    default: object = None  # what AWS applies when the field is not sent


def _alg_list(name, api, family, phase, read=None):
    return OptionField(name, api, read or api, "list", choices=tuple(vocab.aws_values(family, phase)), family=family,
                       phase=phase, default=tuple(vocab.aws_defaults(family, phase)))


def _key_exchanges(phase):
    name = "Phase%dAdditionalKeyExchanges" % phase
    return OptionField("phase%d_additional_key_exchanges" % phase, name, name, "kex", 1, 7, REQUIREMENTS, phase=phase,
                       default=())


# Additional key exchanges (RFC 9370): rounds 1-7, each {round, methods, requirement}; AWS's default requirement.
REQUIREMENTS = ("required", "optional")
KEX_KEYS = ("round", "methods", "requirement")
KEX_API = {"round": "AdditionalKeyExchangeRound", "methods": "KeyExchangeMethods", "requirement": "Requirement"}

FIELDS = (
    OptionField("inside_cidr", "TunnelInsideCidr", "TunnelInsideCidr", "cidr4"),
    OptionField("inside_ipv6_cidr", "TunnelInsideIpv6Cidr", "TunnelInsideIpv6Cidr", "cidr6"),
    OptionField("pre_shared_key", "PreSharedKey", "PreSharedKey", "psk"),
    OptionField("phase1_lifetime_seconds", "Phase1LifetimeSeconds", "Phase1LifetimeSeconds", "int",
                900, 28800, default=28800),
    OptionField("phase2_lifetime_seconds", "Phase2LifetimeSeconds", "Phase2LifetimeSeconds", "int",
                900, 3600, default=3600),
    OptionField("rekey_margin_time_seconds", "RekeyMarginTimeSeconds", "RekeyMarginTimeSeconds", "int",
                60, None, default=270),
    OptionField("rekey_fuzz_percentage", "RekeyFuzzPercentage", "RekeyFuzzPercentage", "int",
                0, 100, default=100),
    OptionField("replay_window_size", "ReplayWindowSize", "ReplayWindowSize", "int", 64, 2048, default=1024),
    OptionField("dpd_timeout_seconds", "DPDTimeoutSeconds", "DpdTimeoutSeconds", "int", 30, None, default=30),
    OptionField("dpd_timeout_action", "DPDTimeoutAction", "DpdTimeoutAction", "str",
                choices=("clear", "none", "restart"), default="clear"),
    _alg_list("phase1_encryption_algorithms", "Phase1EncryptionAlgorithms", vocab.ENCRYPTION, 1),
    _alg_list("phase2_encryption_algorithms", "Phase2EncryptionAlgorithms", vocab.ENCRYPTION, 2),
    _alg_list("phase1_integrity_algorithms", "Phase1IntegrityAlgorithms", vocab.INTEGRITY, 1),
    _alg_list("phase2_integrity_algorithms", "Phase2IntegrityAlgorithms", vocab.INTEGRITY, 2),
    _alg_list("phase1_dh_group_numbers", "Phase1DHGroupNumbers", vocab.DH_GROUP, 1),
    _alg_list("phase2_dh_group_numbers", "Phase2DHGroupNumbers", vocab.DH_GROUP, 2),
    _alg_list("ike_versions", "IKEVersions", vocab.IKE_VERSION, 1, read="IkeVersions"),
    _key_exchanges(1),
    _key_exchanges(2),
    OptionField("startup_action", "StartupAction", "StartupAction", "str", choices=("add", "start"),
                default="add"),
    OptionField("enable_tunnel_lifecycle_control", "EnableTunnelLifecycleControl",
                "EnableTunnelLifecycleControl", "bool", default=False),
    OptionField("log_options", "LogOptions", "LogOptions", "log"),
)
BY_NAME = {f.name: f for f in FIELDS}
BY_API = {f.api: f for f in FIELDS}
BY_READ = {f.read: f for f in FIELDS}
# Fields that carry a secret: never logged, never diffed, never returned unless asked.
SECRET_FIELDS = ("pre_shared_key",)
LOG_FORMATS = ("json", "text")
LOG_KEYS = ("log_enabled", "log_group_arn", "log_output_format",
            "bgp_log_enabled", "bgp_log_group_arn", "bgp_log_output_format")
# A CloudWatch Logs log group ARN: arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}, the name
# 1-512 of [.-_/#A-Za-z0-9], an optional ":*" (AWS Service Authorization Reference, Amazon CloudWatch Logs resource
# types; CreateLogGroup's logGroupName pattern). Checked here so a typo fails before any call, naming the field.
LOG_GROUP_ARN = re.compile(r"arn:aws(?:-[a-z]+)*:logs:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512}(?::\*)?")
LOG_GROUP_ARN_RULE = "arn:<partition>:logs:<region>:<12-digit account>:log-group:<name>"


def _check_field(f: OptionField, value, problems: list) -> None:
    def bad(rule, message):
        problems.append((f.name, rule, message))

    if f.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return bad("tunnel_option.type", "must be an integer")
        if f.minimum is not None and value < f.minimum:
            return bad("tunnel_option.range", "must be at least %d (got %d)" % (f.minimum, value))
        if f.maximum is not None and value > f.maximum:
            return bad("tunnel_option.range", "must be at most %d (got %d)" % (f.maximum, value))
    elif f.kind == "str":
        if value not in f.choices:
            return bad("tunnel_option.choice", "must be one of %s (got %r)" % (", ".join(f.choices), value))
    elif f.kind == "bool":
        if not isinstance(value, bool):
            return bad("tunnel_option.type", "must be a boolean")
    elif f.kind == "list":
        if not isinstance(value, (list, tuple)) or not value:
            return bad("tunnel_option.type", "must be a non-empty list")
        allowed = f.choices
        for item in value:
            try:
                name = vocab.canonical(f.family, item)
            except vocab.VocabularyError:
                name = item
            if name not in allowed:
                # Only what AWS accepts in this phase is listed: the vocabulary also knows names AWS refuses.
                return bad("tunnel_option.algorithm", "%s is not offered by AWS here; valid: %s"
                           % (name, ", ".join(vocab.describe(f.family, a) for a in allowed)))
        if len(set(vocab.canonical(f.family, v) for v in value)) != len(value):
            return bad("tunnel_option.duplicate", "lists a value twice")
    elif f.kind in ("cidr4", "cidr6"):
        try:
            inside_cidr.check(value, 4 if f.kind == "cidr4" else 6)
        except inside_cidr.InsideCidrError as exc:
            return bad(exc.rule, str(exc))
    elif f.kind == "psk":
        for rule, message in psk_rules.problems(value):
            bad(rule, message)
    elif f.kind == "kex":
        for rule, message in _kex_problems(f, value):
            bad(rule, message)
    elif f.kind == "log":
        if not isinstance(value, dict) or set(value) - set(LOG_KEYS):
            return bad("tunnel_option.log", "keys must be among %s" % ", ".join(LOG_KEYS))
        for key in ("log_output_format", "bgp_log_output_format"):
            if key in value and value[key] not in LOG_FORMATS:
                bad("tunnel_option.log", "%s must be json or text" % key)
        for flag, arn in (("log_enabled", "log_group_arn"), ("bgp_log_enabled", "bgp_log_group_arn")):
            if value.get(flag) and not value.get(arn):
                bad("tunnel_option.log", "%s needs %s" % (flag, arn))
            if value.get(arn) and not LOG_GROUP_ARN.fullmatch(str(value[arn])):
                bad("tunnel_option.log_group_arn", "%s %r is not a CloudWatch Logs log group ARN (%s)"
                    % (arn, value[arn], LOG_GROUP_ARN_RULE))


def _kex_problems(f: OptionField, rounds) -> list:
    """AWS's rules for one phase's additional key exchange rounds (VpnAdditionalKeyExchangeRequest)."""
    if not isinstance(rounds, (list, tuple)) or not all(isinstance(r, dict) for r in rounds):
        return [("tunnel_option.key_exchange", "must be a list of rounds: {round, methods, requirement}")]
    found, seen = [], set()
    methods_allowed = vocab.aws_key_exchange_methods()
    for entry in rounds:
        unknown = set(entry) - set(KEX_KEYS)
        number, methods = entry.get("round"), entry.get("methods") or []
        if unknown:
            found.append(("tunnel_option.key_exchange", "unknown key(s) %s; valid: %s"
                          % (", ".join(sorted(unknown)), ", ".join(KEX_KEYS))))
        if isinstance(number, bool) or not isinstance(number, int) or not f.minimum <= number <= f.maximum:
            found.append(("tunnel_option.key_exchange_round", "round must be %d to %d (got %r)" % (f.minimum, f.maximum, number)))
        elif number in seen:
            found.append(("tunnel_option.key_exchange_round", "round %d is given twice; each round needs its own number" % number))
        seen.add(number)
        requirement = entry.get("requirement", REQUIREMENTS[0])
        if requirement not in REQUIREMENTS:
            found.append(("tunnel_option.choice", "requirement must be one of %s (got %r)" % (", ".join(REQUIREMENTS), requirement)))
        elif requirement == "required" and not methods:
            found.append(("tunnel_option.key_exchange", "a required round must list at least one method"))
        for method in methods if isinstance(methods, (list, tuple)) else [methods]:
            if _method(method) not in methods_allowed:
                found.append(("tunnel_option.algorithm", "key exchange method %r is not offered by AWS; valid: %s"
                              % (method, ", ".join(vocab.describe(vocab.DH_GROUP, m) for m in methods_allowed))))
                break
    return found


def _method(value):
    try:
        return vocab.canonical(vocab.DH_GROUP, value)
    except vocab.VocabularyError:
        return None


def _kex_canonical(rounds) -> list:
    """Rounds with the requirement filled in (AWS's default) and methods as numbers, in round order."""
    out = [{"round": r["round"], "methods": [_method(m) for m in r.get("methods") or []],
            "requirement": r.get("requirement") or REQUIREMENTS[0]} for r in rounds]
    return sorted(out, key=lambda r: r["round"])


def _distinct_choice(groups: list) -> bool:
    """One method per exchange, all different (IKEv2: the initial exchange and each required round)."""
    def pick(index, used):
        if index == len(groups):
            return True
        return any(pick(index + 1, used | {m}) for m in groups[index] if m not in used)
    return pick(0, frozenset())


def _kex_cross_problems(merged: dict, ike: list) -> list:
    found = []
    for phase in vocab.PHASES:
        name = "phase%d_additional_key_exchanges" % phase
        required = [r for r in _kex_canonical(merged[name]) if r["requirement"] == "required"]
        if required and "ikev2" not in ike:
            found.append((name, "tunnel_option.key_exchange_ikev2",
                          "a required round needs IKEv2: additional key exchanges are IKEv2 only (ike_versions %s)"
                          % ", ".join(ike)))
        groups = [merged["phase%d_dh_group_numbers" % phase]] + [r["methods"] for r in required]
        if required and not _distinct_choice([[vocab.canonical(vocab.DH_GROUP, m) for m in g] for g in groups]):
            found.append((name, "tunnel_option.key_exchange_distinct",
                          "the initial exchange (phase%d_dh_group_numbers) and each required round must be able to use "
                          "a different method" % phase))
    return found


def problems(options: dict) -> list:
    """(field, rule, message) for every AWS rule one tunnel's options break (snake-case input)."""
    found = []
    for key, value in options.items():
        if value is None:
            continue
        f = BY_NAME.get(key)
        if f is None:
            found.append((key, "tunnel_option.unknown",
                          "unknown tunnel option; valid: %s" % ", ".join(sorted(BY_NAME))))
            continue
        _check_field(f, value, found)
    # Rules across fields, checked only where the fields themselves are valid.
    invalid = {field for field, _rule, _msg in found}
    merged = dict((f.name, f.default) for f in FIELDS)
    merged.update({k: v for k, v in options.items() if v is not None and k not in invalid})
    p1, p2 = merged["phase1_lifetime_seconds"], merged["phase2_lifetime_seconds"]
    if p2 >= p1:
        found.append(("phase2_lifetime_seconds", "tunnel_option.lifetime_order",
                      "must be lower than phase1_lifetime_seconds (%d >= %d)" % (p2, p1)))
    margin = merged["rekey_margin_time_seconds"]
    if margin > p2 // 2:
        found.append(("rekey_margin_time_seconds", "tunnel_option.rekey_margin",
                      "must be at most half of phase2_lifetime_seconds (%d > %d)" % (margin, p2 // 2)))
    ike = [vocab.canonical(vocab.IKE_VERSION, v) for v in merged["ike_versions"]]
    if merged["startup_action"] == "start" and ike != ["ikev2"]:
        found.append(("startup_action", "tunnel_option.startup_ikev2",
                      "'start' needs ike_versions [ikev2] only"))
    found.extend(_kex_cross_problems(merged, ike))
    return found


def canonical_value(name: str, value):
    """Normalise a snake-case option's value (algorithm spellings, DH as int)."""
    f = BY_NAME[name]
    if f.kind == "list":
        return [vocab.canonical(f.family, v) for v in value]
    if f.kind == "kex":
        return _kex_canonical(value)
    return value


def _log_to_api(value: dict) -> dict:
    api = {"".join(p.capitalize() for p in k.split("_")): v for k, v in value.items()}
    return {"CloudWatchLogOptions": api}


def to_api(options: dict) -> dict:
    """Snake-case options to a VpnTunnelOptionsSpecification; unset (None) fields are never sent."""
    out = {}
    for key, value in options.items():
        if value is None:
            continue
        f = BY_NAME[key]
        if f.kind == "list":
            out[f.api] = [{"Value": v} for v in canonical_value(key, value)]
        elif f.kind == "log":
            out[f.api] = _log_to_api(value)
        elif f.kind == "kex":
            out[f.api] = [{KEX_API["round"]: r["round"], KEX_API["methods"]: [{"Value": m} for m in r["methods"]],
                           KEX_API["requirement"]: r["requirement"]} for r in _kex_canonical(value)]
        else:
            out[f.api] = value
    return out


def from_api(tunnel: dict) -> dict:
    """A Describe TunnelOption (or a request spec) to snake-case, ``[{'Value': x}]`` lists unwrapped."""
    out = {}
    for key, value in tunnel.items():
        f = BY_READ.get(key) or BY_API.get(key)
        if f is None:
            continue
        if f.kind == "list":
            out[f.name] = [vocab.canonical(f.family, v["Value"] if isinstance(v, dict) else v) for v in value]
        elif f.kind == "log":
            cw = value.get("CloudWatchLogOptions", {})
            out[f.name] = {"_".join(_split_camel(k)): v for k, v in cw.items()}
        elif f.kind == "kex":
            out[f.name] = _kex_from_api(value)
        else:
            out[f.name] = value
    return out


def _kex_from_api(rounds: list) -> list:
    """Describe's (or a request's) VpnAdditionalKeyExchange list to snake-case rounds."""
    return _kex_canonical([{
        "round": r.get(KEX_API["round"]),
        "methods": [m.get("Value") if isinstance(m, dict) else m for m in r.get(KEX_API["methods"]) or []],
        "requirement": r.get(KEX_API["requirement"]),
    } for r in rounds])


def _split_camel(word: str) -> list:
    parts, current = [], ""
    for ch in word:
        if ch.isupper() and current and not current[-1].isupper():
            parts.append(current.lower())
            current = ch
        else:
            current += ch
    parts.append(current.lower())
    return parts


def effective(options: dict) -> dict:
    """What AWS will run: the given snake-case options over AWS's defaults."""
    out = {f.name: (list(f.default) if isinstance(f.default, tuple) else f.default)
           for f in FIELDS if f.default is not None}
    out.update({k: canonical_value(k, v) for k, v in options.items() if v is not None})
    return out
