# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compliance rules over both ends of a VPN: pure functions, table-driven.

Inputs are already in the shared model: AWS connections as vpn_normalize.connection returns
them (tunnels carry ``psk_fingerprint``, never a key) and device models as cgw.config_read
builds them (PSKs as ``{"fingerprint": ...}``), both fingerprinted with the same per-audit salt.
``audit`` returns one result per rule, tunnel and side, each with status pass | fail | skip,
a severity, the rule's sources and the fix, ready for compliance_report.
"""

from __future__ import annotations

import datetime
import fnmatch
from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk_strength
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

SEVERITIES = ("info", "low", "medium", "high", "critical")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str  # when the rule fails outright; crypto verdicts bring their own
    sources: tuple
    fix: str


def _crypto_rule(rule_id, fix):
    base = profiles.RULES[rule_id]
    return Rule(rule_id, base.title, "high", base.sources, fix)


INPUT_RULE = "S2S-INPUT"
RULES = {r.id: r for r in (
    Rule(INPUT_RULE, "Every input read, parsed and paired (fail closed)", "critical", ("nist_800_53",),
         "Give the file the device prints (its platform's config command, whole and as text) and a Describe/vpn_connection_info"
         " entry with its tunnels; an input the audit cannot read is never judged compliant."),
    _crypto_rule("S2S-IKE-VERSION", "Allow only IKEv2: AWS ike_versions [ikev2]; device IKE gateway/profile version 2."),
    _crypto_rule("S2S-P1-ENCRYPTION", "Keep only the profile's phase 1 ciphers (AWS phase1_encryption_algorithms, device IKE proposal)."),
    _crypto_rule("S2S-P1-INTEGRITY", "Keep only the profile's phase 1 hashes (AWS phase1_integrity_algorithms, device IKE proposal)."),
    _crypto_rule("S2S-P1-DH", "Keep only the profile's phase 1 DH groups (AWS phase1_dh_group_numbers, device IKE proposal)."),
    _crypto_rule("S2S-P2-ENCRYPTION", "Keep only the profile's phase 2 ciphers (AWS phase2_encryption_algorithms, device IPsec proposal)."),
    _crypto_rule("S2S-P2-INTEGRITY", "Keep only the profile's phase 2 hashes (AWS phase2_integrity_algorithms, device IPsec proposal)."),
    _crypto_rule("S2S-P2-DH", "Keep only the profile's PFS groups (AWS phase2_dh_group_numbers, device IPsec policy PFS)."),
    _crypto_rule("S2S-P1-LIFETIME", "Set the IKE SA lifetime at or below the profile maximum on both ends."),
    _crypto_rule("S2S-P2-LIFETIME", "Set the IPsec SA lifetime at or below the profile maximum on both ends."),
    _crypto_rule("S2S-P1-PQ-KEX", "Require an additional key exchange round of the profile's ML-KEM (AWS "
                 "phase1_additional_key_exchanges); the CGW must run it too."),
    _crypto_rule("S2S-P2-PQ-KEX", "Require an additional key exchange round of the profile's ML-KEM (AWS "
                 "phase2_additional_key_exchanges); the CGW must run it too."),
    Rule("S2S-PFS", "Perfect forward secrecy", "high", ("rfc8247", "nist_800_77r1", "aws_vpn_guide"),
         "Enable PFS on the device IPsec policy with a group AWS allows (e.g. 'set pfs group20')."),
    Rule("S2S-DPD", "Dead peer detection configured, timeout bounded", "medium", ("aws_vpn_guide",),
         "Configure DPD on the device; on AWS set dpd_timeout_action restart and dpd_timeout_seconds within the limit."),
    Rule("S2S-AWS-UNSET", "AWS algorithm options set explicitly", "high", ("aws_vpn_guide", "aws_config_ike"),
         "Set every phase 1/2 algorithm list and ike_versions on the tunnel (unset = every AWS algorithm, weak ones included)."),
    Rule("S2S-TUNNEL-REDUNDANCY", "Both tunnels configured and up (Security Hub EC2.20)", "high", ("aws_vpn_guide",),
         "Configure both tunnels on the customer gateway and bring them up; a single tunnel has no redundancy."),
    Rule("S2S-TUNNEL-LOGGING", "Tunnel activity logging enabled", "medium", ("aws_vpn_guide", "nist_800_77r1"),
         "Set log_options.log_enabled true with a CloudWatch log group ARN on each tunnel."),
    Rule("S2S-PSK-DISTINCT", "Pre-shared key distinct per tunnel", "high", ("aws_vpn_guide", "nist_800_77r1"),
         "Give each tunnel its own key (hybridvpn.s2s.vpn_connection generates distinct keys when none is given)."),
    Rule("S2S-PSK-STRENGTH", "Pre-shared key long and varied enough for the profile", "high", psk_strength.SOURCES,
         "Replace the key with a random one of the profile's length from AWS's alphabet (hybridvpn.s2s.vpn_connection generates 32 characters)."),
    Rule("S2S-PSK-REUSE", "Pre-shared key not reused across connections", "high", ("aws_vpn_guide", "nist_800_77r1"),
         "Replace the key: a key shared with another connection lets one compromise spread."),
    Rule("S2S-PSK-STORAGE", "Pre-shared keys kept in AWS Secrets Manager", "medium", ("aws_vpn_guide",),
         "Create the connection with pre_shared_key_storage: SecretsManager."),
    Rule("S2S-BGP-TIMERS", "BGP keepalive/hold timers match AWS (10/30)", "low", ("aws_vpn_guide",),
         "Set neighbor timers 10 30 toward the AWS inside address."),
    Rule("S2S-BGP-MAXPREFIX", "BGP maximum-prefix guard", "medium", ("aws_vpn_guide",),
         "Set a maximum-prefix (prefix-limit) on each AWS BGP neighbor (AWS accepts at most 100 routes per tunnel)."),
    Rule("S2S-CONSIST-CRYPTO", "Device proposals within the AWS allowed set", "medium", ("aws_vpn_guide",),
         "Make the device offer only algorithms the AWS tunnel allows (re-render with the CGW role)."),
    Rule("S2S-CONSIST-INSIDE", "Inside addresses match AWS", "high", ("aws_vpn_guide",),
         "Set the device tunnel interface to the customer inside address AWS assigned."),
    Rule("S2S-CONSIST-ASN", "BGP ASNs match AWS", "high", ("aws_vpn_guide",),
         "Use the customer gateway ASN as local AS and the Amazon side ASN as neighbor remote AS."),
    Rule("S2S-CONSIST-PEER", "Device tunnel peers are AWS tunnel outside addresses", "high", ("aws_vpn_guide",),
         "Point each device tunnel at one AWS tunnel outside IP; configure one device tunnel per AWS tunnel."),
    Rule("S2S-DEVICE-WEAK-UNUSED", "No weak proposals left on the device", "low", ("nist_800_77r1", "disa_vpn_srg"),
         "Remove IKE/IPsec proposals no tunnel uses that hold algorithms the profile fails."),
)}

_FAMILY_KEYS = (  # (family, phase, AWS effective option, device proposal field)
    (vocab.ENCRYPTION, 1, "phase1_encryption_algorithms", "encryption"),
    (vocab.INTEGRITY, 1, "phase1_integrity_algorithms", "integrity"),
    (vocab.DH_GROUP, 1, "phase1_dh_group_numbers", "dh_groups"),
    (vocab.ENCRYPTION, 2, "phase2_encryption_algorithms", "encryption"),
    (vocab.INTEGRITY, 2, "phase2_integrity_algorithms", "integrity"),
    (vocab.DH_GROUP, 2, "phase2_dh_group_numbers", None),
)
# What a tunnel negotiated (vpn_connection_info include_active_status, from GetActiveVpnTunnelStatus).
_NEGOTIATED = (
    (vocab.IKE_VERSION, 1, "ike_version"),
    (vocab.ENCRYPTION, 1, "phase1_encryption_algorithm"),
    (vocab.INTEGRITY, 1, "phase1_integrity_algorithm"),
    (vocab.DH_GROUP, 1, "phase1_dh_group"),
    (vocab.ENCRYPTION, 2, "phase2_encryption_algorithm"),
    (vocab.INTEGRITY, 2, "phase2_integrity_algorithm"),
    (vocab.DH_GROUP, 2, "phase2_dh_group"),
)
DEFAULT_LIMITS = {"dpd_timeout_max": 60, "bgp_keepalive_max": 10, "bgp_hold_time_max": 30}
# AWS-side findings that setting the profile's tunnel options fixes (remediation); the others need a
# replacement (key storage), a log group, a key change or the data plane.
AWS_FIXABLE = frozenset(("S2S-IKE-VERSION", "S2S-P1-ENCRYPTION", "S2S-P1-INTEGRITY", "S2S-P1-DH", "S2S-P2-ENCRYPTION",
                         "S2S-P2-INTEGRITY", "S2S-P2-DH", "S2S-P1-LIFETIME", "S2S-P2-LIFETIME", "S2S-DPD", "S2S-AWS-UNSET",
                         "S2S-P1-PQ-KEX", "S2S-P2-PQ-KEX"))
_WAIVER_SCOPES = ("tunnel", "connection", "device")


class PolicyError(S2SError):
    """A bad policy override (names the field)."""


@dataclass(frozen=True)
class Waiver:
    """An accepted risk: failing results of ``rule`` whose tunnel/connection/device match the patterns."""
    rule: str
    reason: str
    expires: datetime.date | None
    patterns: tuple  # ((scope, fnmatch pattern), ...)

    def matches(self, result) -> bool:
        return self.rule == result["rule"] and all(fnmatch.fnmatchcase(result.get(scope) or "", pat) for scope, pat in self.patterns)


@dataclass(frozen=True)
class Policy:
    profile: profiles.Profile
    limits: dict
    disabled: frozenset
    severities: dict
    waivers: tuple = ()

    def rule(self, rule_id):
        return RULES[rule_id]


def _waiver(index, item) -> Waiver:
    where = "compliance overrides.waive[%d]" % index
    if not isinstance(item, dict):
        raise PolicyError("%s: must be a dict with rule, reason and optionally %s, expires" % (where, ", ".join(_WAIVER_SCOPES)))
    unknown = set(item) - {"rule", "reason", "expires"} - set(_WAIVER_SCOPES)
    if unknown:
        raise PolicyError("%s: unknown keys %s; valid: rule, reason, expires, %s" % (where, ", ".join(sorted(unknown)), ", ".join(_WAIVER_SCOPES)))
    if item.get("rule") not in RULES:
        raise PolicyError("%s.rule: %r is not a rule id; valid: %s" % (where, item.get("rule"), ", ".join(sorted(RULES))))
    if item["rule"] == INPUT_RULE:
        raise PolicyError("%s.rule: %s cannot be waived (an unreadable input never passes)" % (where, INPUT_RULE))
    if not str(item.get("reason") or "").strip():
        raise PolicyError("%s.reason: required (say why the risk is accepted)" % where)
    expires = item.get("expires")
    if expires is not None and not isinstance(expires, datetime.date):
        try:
            expires = datetime.date.fromisoformat(str(expires))
        except ValueError:
            raise PolicyError("%s.expires: %r is not a date (YYYY-MM-DD)" % (where, expires)) from None
    return Waiver(item["rule"], str(item["reason"]), expires, tuple((k, str(item[k])) for k in _WAIVER_SCOPES if k in item))


def policy(profile_name: str, overrides=None) -> Policy:
    """The profile plus user overrides: {disable: [ids], severity: {id: sev}, limits: {name: int},
    waive: [{rule, reason, expires?, tunnel?, connection?, device?}]}."""
    overrides = overrides or {}
    unknown = set(overrides) - {"disable", "severity", "limits", "waive"}
    if unknown:
        raise PolicyError("compliance overrides: unknown keys %s; valid: disable, severity, limits, waive" % ", ".join(sorted(unknown)))
    for rule_id in list(overrides.get("disable", [])) + list(overrides.get("severity", {})):
        if rule_id not in RULES:
            raise PolicyError("compliance overrides: unknown rule %r; valid: %s" % (rule_id, ", ".join(sorted(RULES))))
        if rule_id == INPUT_RULE:
            raise PolicyError("compliance overrides: %s cannot be disabled or lowered (an unreadable input never passes)" % INPUT_RULE)
    for rule_id, sev in overrides.get("severity", {}).items():
        if sev not in SEVERITIES:
            raise PolicyError("compliance overrides.severity.%s: %r is not one of %s" % (rule_id, sev, ", ".join(SEVERITIES)))
    limits = dict(DEFAULT_LIMITS)
    for key, value in overrides.get("limits", {}).items():
        if key not in DEFAULT_LIMITS or isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError("compliance overrides.limits.%s: must be an integer limit among %s" % (key, ", ".join(DEFAULT_LIMITS)))
        limits[key] = value
    waivers = tuple(_waiver(i, w) for i, w in enumerate(overrides.get("waive") or []))
    return Policy(profiles.get(profile_name), limits, frozenset(overrides.get("disable", [])),
                  dict(overrides.get("severity", {})), waivers)


class _Results:
    """Collects checks, one result per (rule, tunnel, side); the worst check wins."""

    def __init__(self, pol: Policy):
        self.policy = pol
        self.items = {}

    def add(self, rule_id, tunnel, side, ok, message, severity=None, skip=False):
        if rule_id in self.policy.disabled:
            return
        rule = RULES[rule_id]
        status = "skip" if skip else ("pass" if ok else "fail")
        sev = self.policy.severities.get(rule_id) or severity or rule.severity
        # Device-side results are per device: several devices may pair with one AWS tunnel.
        key = (rule_id, tunnel["key"], side, tunnel.get("device") if side != "aws" else None)
        new = {"rule": rule_id, "title": rule.title, "side": side, "tunnel": tunnel["key"], "_key": tunnel,
               "connection": tunnel.get("connection"),
               "status": status, "severity": sev if status == "fail" else "info",
               "messages": [message], "sources": list(rule.sources), "fix": rule.fix if status == "fail" else None}
        old = self.items.get(key)
        if old is None:
            self.items[key] = new
        elif _rank(new) > _rank(old):
            new["messages"] = new["messages"] + old["messages"]  # worst first
            self.items[key] = new
        else:
            old["messages"].append(message)

    def judge(self, family, phase, values, tunnel, side):
        """One crypto family: each value judged by the profile; warn -> medium, fail -> high."""
        for value in values:
            verdict = self.policy.profile.judge(family, phase, value)
            self.add(verdict.rule, tunnel, side, verdict.level == "pass", "%s: %s" % (side, verdict.reason), verdict.severity)

    def finish(self, today):
        """Results sorted, with the device each tunnel was paired with and waivers applied."""
        out = []
        for r in sorted(self.items.values(), key=lambda r: (r["tunnel"], r["rule"], r["side"])):
            r["device"] = r.pop("_key").get("device")
            waiver = next((w for w in self.policy.waivers if w.matches(r)), None) if r["status"] == "fail" else None
            if waiver and (waiver.expires is None or waiver.expires >= today):
                r["status"] = "waived"
                r["waiver"] = {"reason": waiver.reason, "expires": waiver.expires.isoformat() if waiver.expires else None}
            elif waiver:
                r["messages"].append("waiver expired on %s (%s)" % (waiver.expires.isoformat(), waiver.reason))
            out.append(r)
        return out


_STATUS_RANK = {"skip": 0, "pass": 1, "waived": 2, "fail": 3}


def _rank(result):
    return (_STATUS_RANK[result["status"]], SEVERITIES.index(result["severity"]))


def _all_aws(family, phase, values):
    return set(vocab.canonical(family, v) for v in values) >= set(vocab.aws_defaults(family, phase))


def _aws_tunnel(res: _Results, conn, tun, key):
    prof = res.policy.profile
    opts = tun["options"]
    res.judge(vocab.IKE_VERSION, 1, opts["ike_versions"], key, "aws")
    unset = []
    for family, phase, option, _field in _FAMILY_KEYS:
        res.judge(family, phase, opts[option], key, "aws")
        if _all_aws(family, phase, opts[option]):
            unset.append(option)
    if _all_aws(vocab.IKE_VERSION, 1, opts["ike_versions"]):
        unset.append("ike_versions")
    for phase in vocab.PHASES:
        rounds = opts.get("phase%d_additional_key_exchanges" % phase) or []
        res.judge(vocab.DH_GROUP, phase, [m for r in rounds for m in r["methods"]], key, "aws")
        verdict = prof.judge_key_exchanges(phase, rounds)
        res.add(verdict.rule, key, "aws", verdict.level == "pass", "aws: %s" % verdict.reason, verdict.severity)
    res.add("S2S-AWS-UNSET", key, "aws", not unset or prof.leave_aws_unset,
            "aws: %s allow every AWS algorithm (unset)" % ", ".join(unset) if unset else "aws: every algorithm option set")
    for phase, limit in ((1, prof.phase1_lifetime_max), (2, prof.phase2_lifetime_max)):
        value = opts["phase%d_lifetime_seconds" % phase]
        res.add("S2S-P%d-LIFETIME" % phase, key, "aws", value <= limit, "aws: %ss (max %ss)" % (value, limit))
    timeout, action = opts["dpd_timeout_seconds"], opts["dpd_timeout_action"]
    res.add("S2S-DPD", key, "aws", action != "none" and timeout <= res.policy.limits["dpd_timeout_max"],
            "aws: dpd_timeout_action %s, dpd_timeout_seconds %s (max %s)" % (action, timeout, res.policy.limits["dpd_timeout_max"]))
    logging = (opts.get("log_options") or {}).get("log_enabled")
    res.add("S2S-TUNNEL-LOGGING", key, "aws", bool(logging), "aws: tunnel logging %s" % ("on" if logging else "off"))
    telemetry = tun.get("telemetry")
    if telemetry:
        res.add("S2S-TUNNEL-REDUNDANCY", key, "aws", telemetry.get("status") == "UP", "aws: tunnel %s" % telemetry.get("status"))
    else:
        res.add("S2S-TUNNEL-REDUNDANCY", key, "aws", True, "aws: no telemetry given", skip=True)
    if len(conn["tunnels"]) < 2:
        res.add("S2S-TUNNEL-REDUNDANCY", key, "aws", False, "aws: connection has %d tunnel(s)" % len(conn["tunnels"]))
    active = tun.get("active_status") or {}
    for family, phase, field in _NEGOTIATED:  # side "negotiated": what runs now, where AWS reports it
        if active.get(field) not in (None, ""):
            res.judge(family, phase, [active[field]], key, "negotiated")
    stored = conn.get("pre_shared_key_storage") == "SecretsManager"
    res.add("S2S-PSK-STORAGE", key, "aws", stored, "aws: keys stored %s" % (conn.get("pre_shared_key_storage") or "Standard"))


def _psk_strength(res: _Results, key, side, tunnel):
    """The key's strength under the profile, from its traits (the key itself never reaches the audit)."""
    if not tunnel.get("psk_fingerprint"):
        return
    found = tunnel.get("psk_strength")
    if found is None:
        res.add("S2S-PSK-STRENGTH", key, side, True, "%s: key stored encrypted on the device, strength not readable" % side, skip=True)
        return
    weak = psk_strength.problems(found, res.policy.profile.name)
    res.add("S2S-PSK-STRENGTH", key, side, not weak, "%s: key %s" % (side, "; ".join(weak) if weak else "strong enough"))


def _psk_rules(res: _Results, connections, keys):
    """Distinct per tunnel, and never reused by another connection (keyed hashes only)."""
    owners = {}
    for conn in connections:
        for tun in conn["tunnels"]:
            if tun.get("psk_fingerprint"):
                owners.setdefault(tun["psk_fingerprint"], []).append(conn["vpn_connection_id"])
    for conn in connections:
        for tun in conn["tunnels"]:
            key = keys[(conn["vpn_connection_id"], tun["outside_ip_address"])]
            _psk_strength(res, key, "aws", tun)
            fp = tun.get("psk_fingerprint")
            if not fp:
                res.add("S2S-PSK-DISTINCT", key, "aws", True, "aws: key not read (return_pre_shared_keys off)", skip=True)
                continue
            users = owners[fp]
            res.add("S2S-PSK-DISTINCT", key, "aws", users.count(conn["vpn_connection_id"]) == 1,
                    "aws: key %s within the connection" % ("shared by both tunnels" if users.count(conn["vpn_connection_id"]) > 1 else "unique"))
            others = sorted(set(users) - {conn["vpn_connection_id"]})
            res.add("S2S-PSK-REUSE", key, "aws", not others,
                    "aws: key also used by %s" % ", ".join(others) if others else "aws: key not used by another connection")


def _device_tunnel(res: _Results, model, tun, key, aws):
    prof = res.policy.profile
    crypto = tun.get("crypto") or {}
    side = "device"
    if not crypto:
        res.add("S2S-CONSIST-PEER", key, side, False, "device: tunnel %s has no IPsec/IKE binding" % tun["name"])
        return
    # Every IKE version the device would accept from the peer (IOS-XE: an isakmp key beside the IKEv2 profile).
    unread = _unread(tun, crypto)
    if unread:  # nothing read is nothing judged: fail closed
        res.add(INPUT_RULE, key, side, False, "device: tunnel %s: no %s read, so it cannot be judged (another platform"
                " version's syntax, a predefined proposal set, a name the config never defines?)" % (tun["name"], ", ".join(unread)))
    res.judge(vocab.IKE_VERSION, 1, [crypto.get("ike_version") or "ikev1"] + list(crypto.get("also_accepts") or []), key, side)
    for family, phase, option, field in _FAMILY_KEYS:
        props = crypto.get("ike_proposals" if phase == 1 else "ipsec_proposals") or []
        if phase == 2 and family == vocab.INTEGRITY:  # an AEAD ESP proposal ignores its hash
            props = [p for p in props if not all(vocab.is_aead(e) for e in p.get("encryption") or [])]
        values = [crypto["pfs"]] if field is None and crypto.get("pfs") else \
            sorted({v for p in props for v in (p.get(field) or [])}, key=str) if field else []
        res.judge(family, phase, values, key, side)
        if aws:
            outside = [v for v in values if vocab.canonical(family, v) not in
                       {vocab.canonical(family, a) for a in aws["options"][option]}]
            res.add("S2S-CONSIST-CRYPTO", key, "both", not outside,
                    "device offers %s not allowed by AWS %s" % (", ".join(str(v) for v in outside), option)
                    if outside else "device phase %d %s within AWS" % (phase, family))
    res.add("S2S-PFS", key, side, crypto.get("pfs") is not None,
            "device: PFS %s" % ("group %s" % crypto["pfs"] if crypto.get("pfs") is not None else "off"))
    for phase, value, limit in ((1, crypto.get("ike_lifetime"), prof.phase1_lifetime_max),
                                (2, crypto.get("ipsec_lifetime"), prof.phase2_lifetime_max)):
        if value is not None:
            res.add("S2S-P%d-LIFETIME" % phase, key, side, value <= limit, "device: %ss (max %ss)" % (value, limit))
    dpd = crypto.get("dpd")
    res.add("S2S-DPD", key, side, bool(dpd), "device: DPD %s" % ("configured" if dpd else "not configured"))
    if aws:
        _consistency(res, model, tun, key, aws)


def _unread(tun, crypto):
    """What a device tunnel bound to IPsec lacks for the audit to judge it."""
    wanted = (("peer address", tun.get("peer")), ("IKE proposal", crypto.get("ike_proposals")),
              ("IPsec proposal", crypto.get("ipsec_proposals")), ("pre-shared key", crypto.get("psk")))
    return [what for what, found in wanted if not found]


def _consistency(res: _Results, model, tun, key, aws):
    want = aws.get("cgw_inside_ip")
    have = (tun.get("inside_address") or "").split("/")[0]
    res.add("S2S-CONSIST-INSIDE", key, "both", not want or have == want,
            "device inside %s, AWS customer inside %s" % (have or "unset", want))
    bgp = model.get("bgp")
    if not bgp:
        return
    neighbor = next((n for n in bgp["neighbors"] if n["address"] == aws.get("aws_inside_ip")), None)
    problems = []
    if aws.get("customer_gateway_asn") and bgp.get("local_as") != aws["customer_gateway_asn"]:
        problems.append("local AS %s != customer gateway ASN %s" % (bgp.get("local_as"), aws["customer_gateway_asn"]))
    if neighbor is None:
        problems.append("no BGP neighbor %s" % aws.get("aws_inside_ip"))
    elif aws.get("amazon_side_asn") and neighbor.get("remote_as") != aws["amazon_side_asn"]:
        problems.append("neighbor remote AS %s != Amazon side ASN %s" % (neighbor.get("remote_as"), aws["amazon_side_asn"]))
    res.add("S2S-CONSIST-ASN", key, "both", not problems, "; ".join(problems) or "ASNs and BGP peer match AWS")
    if neighbor:
        limits = res.policy.limits
        ok = (neighbor.get("keepalive") or 60) <= limits["bgp_keepalive_max"] and \
             (neighbor.get("hold_time") or 180) <= limits["bgp_hold_time_max"]
        res.add("S2S-BGP-TIMERS", key, "device", ok, "device: timers %s/%s (max %s/%s)" % (
            neighbor.get("keepalive") or "default", neighbor.get("hold_time") or "default",
            limits["bgp_keepalive_max"], limits["bgp_hold_time_max"]))
        res.add("S2S-BGP-MAXPREFIX", key, "device", bool(neighbor.get("maximum_prefix")),
                "device: maximum-prefix %s" % (neighbor.get("maximum_prefix") or "unset"))


def _referenced(model, phase):
    """Names of the proposals something on the device refers to: a policy or profile, or an IOS-XE crypto map
    (a partner's policy-based VPN uses its transform-set without any tunnel interface)."""
    section = model["ike"] if phase == 1 else model["ipsec"]
    holders = section["policies"] + section.get("crypto_maps", [])
    return {name for h in holders for name in h.get("proposals") or []}


def _unused_weak(res: _Results, model, device_key):
    used = {id(p) for t in model["tunnels"] for p in
            ((t.get("crypto") or {}).get("ike_proposals") or []) + ((t.get("crypto") or {}).get("ipsec_proposals") or [])}
    weak = []
    for phase, props in ((1, model["ike"]["proposals"]), (2, model["ipsec"]["proposals"])):
        referenced = _referenced(model, phase)
        for prop in props:
            if id(prop) in used or prop["name"] in referenced:
                continue
            for family, field in ((vocab.ENCRYPTION, "encryption"), (vocab.INTEGRITY, "integrity"), (vocab.DH_GROUP, "dh_groups")):
                if any(res.policy.profile.judge(family, phase, v).level == "fail" for v in prop.get(field) or []):
                    weak.append(prop["name"])
                    break
    res.add("S2S-DEVICE-WEAK-UNUSED", device_key, "device", not weak,
            "device: unused weak proposals %s" % ", ".join(weak) if weak else "device: no unused weak proposals")


def _input_problems(res: _Results, problems):
    """Each input that could not be read, parsed or paired (compliance_inputs.read) is a critical finding."""
    for problem in problems:
        where = ", ".join("%s %s" % (k, problem[k]) for k in ("file", "device", "line") if problem.get(k) is not None)
        key = {"key": "input/%s" % problem["input"], "connection": None, "device": problem.get("device")}
        res.add(INPUT_RULE, key, "input", False, "%s%s: %s" % (problem["input"], " (%s)" % where if where else "", problem["message"]))


def audit(connections, devices, pol: Policy, today: datetime.date | None = None, problems=()) -> list:
    """Every result for the given AWS connections and device models (either list may be empty) and an S2S-INPUT
    finding per input ``problems`` names; zero checks is itself an S2S-INPUT finding (nothing was judged).
    Waivers are judged against ``today`` (UTC today by default)."""
    res = _Results(pol)
    _input_problems(res, problems)
    by_outside = {}
    keys = {}
    for conn in connections:
        for tun in conn["tunnels"]:
            key = {"key": "%s/%s" % (conn["vpn_connection_id"], tun["outside_ip_address"]),
                   "connection": conn["vpn_connection_id"], "device": None}
            keys[(conn["vpn_connection_id"], tun["outside_ip_address"])] = key
            by_outside[tun["outside_ip_address"]] = (conn, tun, key)
            _aws_tunnel(res, conn, tun, key)
    _psk_rules(res, connections, keys)
    paired = set()
    device_keys = [t.get("psk_fingerprint") for m in devices for t in m["tunnels"] if t.get("psk_fingerprint")]
    for model in devices:
        for tun in model["tunnels"]:
            conn, aws, aws_key = by_outside.get(tun.get("peer"), (None, None, None))
            if aws:
                key = dict(aws_key, device="%s/%s" % (model["name"], tun["name"]))
                paired.add(tun.get("peer"))
                # the AWS tunnel's own results name every device tunnel paired with it (read when they are finished)
                aws_key["device"] = ", ".join(filter(None, (aws_key["device"], key["device"])))
            else:
                key = {"key": "%s/%s" % (model["name"], tun["name"]), "connection": None, "device": model["name"]}
                if connections:
                    res.add("S2S-CONSIST-PEER", key, "both", False, "device peer %s is no AWS tunnel" % tun.get("peer"))
            _device_tunnel(res, model, tun, key, aws)
            _psk_strength(res, key, "device", tun)
            if tun.get("psk_fingerprint"):
                shared = device_keys.count(tun["psk_fingerprint"]) > 1
                res.add("S2S-PSK-DISTINCT", key, "device", not shared,
                        "device: key %s" % ("shared with another device tunnel" if shared else "unique among device tunnels"))
        _unused_weak(res, model, {"key": "%s/-" % model["name"], "connection": None, "device": model["name"]})
    # An AWS tunnel needs a device tunnel once any device tunnel serves its connection.
    served = {by_outside[o][0]["vpn_connection_id"] for o in paired}
    for outside, (conn, tun, key) in by_outside.items():
        if conn["vpn_connection_id"] in served:
            res.add("S2S-CONSIST-PEER", key, "both", outside in paired,
                    "a device tunnel points at %s" % outside if outside in paired else "no device tunnel points at %s" % outside)
    if not res.items:
        _input_problems(res, [{"input": "audit", "message": "no connection and no device to judge: zero checks is no pass"}])
    return res.finish(today or datetime.datetime.now(datetime.timezone.utc).date())


def failing(results, threshold: str) -> list:
    """Results that fail at or above ``threshold`` severity (``never``: none), and every input error whatever the
    threshold: a run with an unreadable input never passes."""
    floor = len(SEVERITIES) if threshold == "never" else SEVERITIES.index(threshold)
    return [r for r in results if r["status"] == "fail" and (SEVERITIES.index(r["severity"]) >= floor or r["rule"] == INPUT_RULE)]


def input_errors(results) -> list:
    return [r for r in results if r["rule"] == INPUT_RULE and r["status"] == "fail"]


def remediation(results) -> dict:
    """What an opt-in remediation run touches: connections with AWS findings the profile's tunnel
    options fix, and device hosts with findings or serving such a connection (the CGW role re-renders them)."""
    failed = [r for r in results if r["status"] == "fail"]
    conns = sorted({r["connection"] for r in failed if r["side"] == "aws" and r["rule"] in AWS_FIXABLE and r["connection"]})
    devices = {r["device"] for r in failed if r["side"] != "aws" and r["device"]}
    devices |= {r["device"] for r in results if r["connection"] in conns and r["device"]}
    return {"connections": conns, "devices": sorted({d.split("/")[0] for d in devices})}


def remediated(connection: dict, profile_name: str) -> dict:
    """The connection as it will be once remediation set the profile's tunnel options on it (what the
    CGW role renders from, and what check mode shows); inside CIDRs, keys and log options are kept."""
    wanted = profiles.get(profile_name).tunnel_options()
    out = dict(connection)
    out["tunnels"] = [dict(t, options=dict(t.get("options") or {}, **wanted)) for t in connection["tunnels"]]
    return out


def summary(results) -> dict:
    out = {"total": len(results), "pass": 0, "fail": 0, "skip": 0, "waived": 0, "by_severity": {s: 0 for s in SEVERITIES},
           "input_errors": len(input_errors(results))}
    for r in results:
        out[r["status"]] += 1
        if r["status"] == "fail":
            out["by_severity"][r["severity"]] += 1
    return out
