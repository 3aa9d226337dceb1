# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto profiles as data.

A profile says three things, each traceable to a source:
- what to configure: the proposals in preference order, turned into AWS tunnel options
  (``aws_tunnel_options``) and into device proposals (``device_proposals``);
- how to judge any algorithm found on either end: pass, warn or fail (``judge``);
- lifetime and DPD limits.
The compliance role judges against these same objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.crypto_vocab import (
    DH_GROUP,
    ENCRYPTION,
    IKE_VERSION,
    INTEGRITY,
)
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

SOURCES = {
    "rfc8247": "RFC 8247, Algorithm Implementation Requirements and Usage Guidance for IKEv2",
    "rfc8221": "RFC 8221, Cryptographic Algorithm Implementation Requirements for ESP and AH",
    "rfc9395": "RFC 9395, Deprecation of the Internet Key Exchange Version 1 (IKEv1)",
    "rfc9206": "RFC 9206, Commercial National Security Algorithm (CNSA) Suite Cryptography for IPsec",
    "nist_800_77r1": "NIST SP 800-77 Rev. 1, Guide to IPsec VPNs",
    "disa_vpn_srg": "DISA Virtual Private Network (VPN) Security Requirements Guide",
    "aws_vpn_guide": "AWS Site-to-Site VPN User Guide, tunnel options and security best practices",
    "aws_config_ike": "AWS Config rule ec2-vpn-connection-ike-version-check",
    "nist_800_53": "NIST SP 800-53 Rev. 5, SI-10 Information Input Validation, SI-17 Fail-Safe Procedures",
    "rfc7296": "RFC 7296, Internet Key Exchange Protocol Version 2 (IKEv2), section 2.15 (pre-shared key strength)",
    "nist_800_57": "NIST SP 800-57 Part 1 Rev. 5, Recommendation for Key Management, 5.6 (minimum security strength)",
    "cnsa2": "NSA, Commercial National Security Algorithm Suite 2.0 (CNSA 2.0) and its FAQ: ML-KEM-1024 for key "
             "establishment, AES-256, SHA-384/512; hybrid with a CNSA 1.0 exchange during the transition",
    "rfc9370": "RFC 9370, Multiple Key Exchanges in the Internet Key Exchange Protocol Version 2 (IKEv2)",
    "ikev2_mlkem": "draft-ietf-ipsecme-ikev2-mlkem, Post-quantum Hybrid Key Exchange with ML-KEM in IKEv2 "
                   "(IANA Transform Type 4 ids 35-37)",
}

SEVERITY_FOR = {"fail": "high", "warn": "medium", "pass": "info"}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    sources: tuple


# Crypto rules; the compliance role adds its own (PSK, logging, tunnel state) beside these.
RULES = {
    r.id: r for r in (
        Rule("S2S-IKE-VERSION", "IKE version", ("rfc9395", "aws_config_ike", "nist_800_77r1")),
        Rule("S2S-P1-ENCRYPTION", "Phase 1 encryption", ("rfc8247", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P1-INTEGRITY", "Phase 1 integrity / PRF", ("rfc8247", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P1-DH", "Phase 1 Diffie-Hellman group", ("rfc8247", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P2-ENCRYPTION", "Phase 2 encryption", ("rfc8221", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P2-INTEGRITY", "Phase 2 integrity", ("rfc8221", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P2-DH", "Phase 2 PFS group", ("rfc8247", "nist_800_77r1", "aws_vpn_guide")),
        Rule("S2S-P1-LIFETIME", "Phase 1 (IKE SA) lifetime", ("disa_vpn_srg", "nist_800_77r1")),
        Rule("S2S-P2-LIFETIME", "Phase 2 (Child SA) lifetime", ("disa_vpn_srg", "nist_800_77r1")),
        Rule("S2S-P1-PQ-KEX", "Phase 1 post-quantum key exchange", ("cnsa2", "rfc9370", "ikev2_mlkem")),
        Rule("S2S-P2-PQ-KEX", "Phase 2 post-quantum key exchange", ("cnsa2", "rfc9370", "ikev2_mlkem")),
    )
}


def rule_id(family: str, phase: int) -> str:
    if family == IKE_VERSION:
        return "S2S-IKE-VERSION"
    suffix = {ENCRYPTION: "ENCRYPTION", INTEGRITY: "INTEGRITY", DH_GROUP: "DH"}[family]
    return "S2S-P%d-%s" % (phase, suffix)


@dataclass(frozen=True)
class Verdict:
    level: str  # pass | warn | fail
    rule: str
    severity: str
    reason: str


@dataclass(frozen=True)
class Proposal:
    """Algorithms to configure for one phase, most preferred first."""
    encryption: tuple
    integrity: tuple
    dh_groups: tuple


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    ike_versions: tuple
    phase1: Proposal
    phase2: Proposal
    passes: dict  # family -> set of canonical names that pass (others warn or fail)
    warns: dict   # family -> set of canonical names that warn
    phase1_lifetime: int
    phase2_lifetime: int
    phase1_lifetime_max: int
    phase2_lifetime_max: int
    dpd_timeout: int
    dpd_action: str
    leave_aws_unset: bool = False  # aws_default: send no algorithm options at all
    # One key per tunnel (AWS security guidance, "aws_vpn_guide"). AWS itself accepts the same key on both
    # tunnels, so this is the collection's rule, not AWS's: aws_default drops it, and the intent's
    # allow_psk_reuse overrides it for every profile.
    distinct_keys: bool = True
    # Post-quantum: the additional key exchange rounds to configure in both phases (tunnel_options' snake form), and
    # the methods one required round must be limited to for the tunnel to pass (empty: the profile asks for none).
    key_exchanges: tuple = ()
    pq_methods: frozenset = frozenset()

    def judge(self, family: str, phase: int, value) -> Verdict:
        name = vocab.canonical(family, value)
        if name in self.passes.get(family, ()):
            level = "pass"
        elif name in self.warns.get(family, ()):
            level = "warn"
        else:
            level = "fail"
        reason = "%s %s is %s under profile %s" % (
            family, name, {"pass": "allowed", "warn": "discouraged", "fail": "not allowed"}[level], self.name)
        return Verdict(level, rule_id(family, phase), SEVERITY_FOR[level], reason)

    def judge_key_exchanges(self, phase: int, rounds) -> Verdict:
        """The post-quantum verdict on one phase's additional key exchange rounds (RFC 9370): a profile with
        ``pq_methods`` passes only a required round offering nothing else (an optional round may be skipped,
        a round allowing other methods may negotiate them); weak methods are judged as DH groups."""
        rule = "S2S-P%d-PQ-KEX" % phase
        if not self.pq_methods:
            return Verdict("pass", rule, SEVERITY_FOR["pass"], "profile %s asks for no additional key exchange" % self.name)
        wanted = ", ".join(vocab.describe(DH_GROUP, m) for m in sorted(self.pq_methods))
        for entry in rounds or ():
            methods = {vocab.canonical(DH_GROUP, m) for m in entry.get("methods") or ()}
            if entry.get("requirement", "required") == "required" and methods and methods <= self.pq_methods:
                return Verdict("pass", rule, SEVERITY_FOR["pass"], "round %s requires %s under profile %s"
                               % (entry.get("round"), wanted, self.name))
        return Verdict("fail", rule, SEVERITY_FOR["fail"], "profile %s needs a required additional key exchange round "
                       "limited to %s in phase %d" % (self.name, wanted, phase))

    def proposal(self, phase: int) -> Proposal:
        return self.phase1 if phase == 1 else self.phase2

    def tunnel_options(self) -> dict:
        """The profile as snake-case AWS tunnel options (see tunnel_options.FIELDS)."""
        options = {
            "phase1_lifetime_seconds": self.phase1_lifetime,
            "phase2_lifetime_seconds": self.phase2_lifetime,
            "dpd_timeout_seconds": self.dpd_timeout,
            "dpd_timeout_action": self.dpd_action,
        }
        if self.leave_aws_unset:
            return options
        for phase in vocab.PHASES:
            prop = self.proposal(phase)
            options["phase%d_encryption_algorithms" % phase] = list(prop.encryption)
            options["phase%d_integrity_algorithms" % phase] = list(prop.integrity)
            options["phase%d_dh_group_numbers" % phase] = list(prop.dh_groups)
        options["ike_versions"] = list(self.ike_versions)
        for phase in vocab.PHASES if self.key_exchanges else ():
            options["phase%d_additional_key_exchanges" % phase] = [dict(r, methods=list(r["methods"])) for r in self.key_exchanges]
        return options


def proposal_from_options(options: dict, phase: int) -> Proposal:
    """The proposal one phase of effective (snake-case) tunnel options allows."""
    return Proposal(tuple(options["phase%d_encryption_algorithms" % phase]),
                    tuple(options["phase%d_integrity_algorithms" % phase]),
                    tuple(options["phase%d_dh_group_numbers" % phase]))


def device_proposals(proposal: Proposal, phase: int, dialect: str) -> list:
    """Device proposals for one phase, in the dialect's spelling.

    AEAD and CBC ciphers go in separate proposals because IKEv2 proposals cannot mix
    them on IOS-XE and Junos (AEAD carries integrity; the hash becomes the PRF).
    Algorithms the platform lacks are left out; a phase with nothing left fails.
    """
    def spell(family, values):
        return [vocab.to_dialect(family, v, dialect, phase) for v in values
                if vocab.supported(family, v, dialect, phase)]

    out = []
    for aead in (True, False):
        ciphers = [c for c in proposal.encryption if vocab.is_aead(c) == aead]
        if not ciphers:
            continue
        entry = {
            "name": "aead" if aead else "cbc",
            "aead": aead,
            "encryption": spell(ENCRYPTION, ciphers),
            "integrity": spell(INTEGRITY, proposal.integrity),
            "dh_groups": spell(DH_GROUP, proposal.dh_groups),
        }
        for family in ("encryption", "integrity", "dh_groups"):
            if not entry[family]:
                raise vocab.VocabularyError("no phase %d %s in %s is supported by %s"
                                            % (phase, family, proposal, dialect))
        out.append(entry)
    return out


_AWS_ENC = tuple(vocab.aws_values(ENCRYPTION, 1))
_AWS_INT = tuple(vocab.aws_values(INTEGRITY, 1))
_AWS_DH = tuple(sorted(set(vocab.aws_values(DH_GROUP, 1)) | set(vocab.aws_values(DH_GROUP, 2))))
_STRONG_DH = (14, 15, 16, 17, 18, 19, 20, 21)  # RFC 8247 MUST/SHOULD/MAY; 22-24 SHOULD NOT/MUST NOT
_ML_KEM = tuple(vocab.ML_KEM)  # FIPS 203, every parameter set (ikev2_mlkem); CNSA 2.0 takes only ML-KEM-1024
_ML_KEM_1024 = 37

PROFILES = {p.name: p for p in (
    Profile(
        name="aws_default",
        description="What AWS accepts when tunnel options are left unset: every offered algorithm, "
                    "IKEv1 and IKEv2. Judges nothing AWS offers as failing; use it to describe, not to aim.",
        ike_versions=("ikev1", "ikev2"),
        phase1=Proposal(_AWS_ENC, _AWS_INT, tuple(vocab.aws_defaults(DH_GROUP, 1))),
        phase2=Proposal(_AWS_ENC, _AWS_INT, tuple(vocab.aws_defaults(DH_GROUP, 2))),
        passes={ENCRYPTION: set(_AWS_ENC), INTEGRITY: set(_AWS_INT), DH_GROUP: set(_AWS_DH),
                IKE_VERSION: {"ikev1", "ikev2"}},
        warns={},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=28800, phase2_lifetime_max=3600,
        dpd_timeout=30, dpd_action="clear", leave_aws_unset=True, distinct_keys=False,
    ),
    Profile(
        name="recommended",
        description="AWS guidance and RFC 8247/8221: IKEv2 only, AES (GCM preferred), SHA-2, "
                    "DH 14 and above without the weak 22-24; SHA1 warns.",
        ike_versions=("ikev2",),
        phase1=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384", "SHA2-256"), (20, 19, 14)),
        phase2=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-256", "SHA2-384"), (20, 19, 14)),
        passes={ENCRYPTION: set(_AWS_ENC), INTEGRITY: {"SHA2-256", "SHA2-384", "SHA2-512"},
                DH_GROUP: set(_STRONG_DH + _ML_KEM), IKE_VERSION: {"ikev2"}},
        warns={INTEGRITY: {"SHA1"}},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=28800, phase2_lifetime_max=3600,
        dpd_timeout=30, dpd_action="restart",
    ),
    Profile(
        name="nist_800_77r1",
        description="NIST SP 800-77 Rev. 1: IKEv2, AES, SHA-2 (SHA1 discouraged), DH 14 minimum, "
                    "IKE SA at most 24 h and child SA at most 8 h (AWS caps lower).",
        ike_versions=("ikev2",),
        phase1=Proposal(("AES256-GCM-16", "AES128-GCM-16", "AES256", "AES128"),
                        ("SHA2-256", "SHA2-384", "SHA2-512"), (19, 20, 14, 15, 16, 21)),
        phase2=Proposal(("AES256-GCM-16", "AES128-GCM-16", "AES256", "AES128"),
                        ("SHA2-256", "SHA2-384", "SHA2-512"), (19, 20, 14, 15, 16, 21)),
        passes={ENCRYPTION: set(_AWS_ENC), INTEGRITY: {"SHA2-256", "SHA2-384", "SHA2-512"},
                DH_GROUP: set(_STRONG_DH + _ML_KEM), IKE_VERSION: {"ikev2"}},
        warns={INTEGRITY: {"SHA1"}, IKE_VERSION: {"ikev1"}},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=86400, phase2_lifetime_max=28800,
        dpd_timeout=30, dpd_action="restart",
    ),
    Profile(
        name="cnsa1",
        description="CNSA 1.0 for IPsec (RFC 9206): IKEv2, AES-256 (GCM preferred), SHA-384 or "
                    "better, ECDH P-384 or MODP 3072 and above. For ML-KEM see cnsa2.",
        ike_versions=("ikev2",),
        phase1=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384",), (20,)),
        phase2=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384",), (20,)),
        passes={ENCRYPTION: {"AES256", "AES256-GCM-16"}, INTEGRITY: {"SHA2-384", "SHA2-512"},
                DH_GROUP: {15, 16, 17, 18, 20, 21}, IKE_VERSION: {"ikev2"}},
        warns={},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=28800, phase2_lifetime_max=3600,
        dpd_timeout=30, dpd_action="restart",
    ),
    Profile(
        name="cnsa2",
        description="CNSA 2.0 during the transition: CNSA 1.0's IKEv2, AES-256, SHA-384 and ECDH P-384 initial "
                    "exchange, then a required additional key exchange (RFC 9370) of ML-KEM-1024 in both phases. "
                    "AWS accepts it; no CGW platform release the collection supports runs ML-KEM yet.",
        ike_versions=("ikev2",),
        phase1=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384",), (20,)),
        phase2=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384",), (20,)),
        passes={ENCRYPTION: {"AES256", "AES256-GCM-16"}, INTEGRITY: {"SHA2-384", "SHA2-512"},
                DH_GROUP: {15, 16, 17, 18, 20, 21, _ML_KEM_1024}, IKE_VERSION: {"ikev2"}},
        warns={},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=28800, phase2_lifetime_max=3600,
        dpd_timeout=30, dpd_action="restart",
        key_exchanges=({"round": 1, "methods": (_ML_KEM_1024,), "requirement": "required"},),
        pq_methods=frozenset((_ML_KEM_1024,)),
    ),
    Profile(
        name="strict",
        description="The strongest set every platform can run: IKEv2, AES-256 (AES-128 warns), "
                    "SHA-2, elliptic-curve or >= 3072-bit DH (DH 14 warns), SHA1 fails.",
        ike_versions=("ikev2",),
        phase1=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384", "SHA2-512"), (20, 21)),
        phase2=Proposal(("AES256-GCM-16", "AES256"), ("SHA2-384", "SHA2-512"), (20, 21)),
        passes={ENCRYPTION: {"AES256", "AES256-GCM-16"}, INTEGRITY: {"SHA2-256", "SHA2-384", "SHA2-512"},
                DH_GROUP: {15, 16, 17, 18, 19, 20, 21, 36, 37}, IKE_VERSION: {"ikev2"}},
        warns={ENCRYPTION: {"AES128", "AES128-GCM-16"}, DH_GROUP: {14, 35}},
        phase1_lifetime=28800, phase2_lifetime=3600,
        phase1_lifetime_max=28800, phase2_lifetime_max=3600,
        dpd_timeout=30, dpd_action="restart",
    ),
)}


def get(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise S2SError("unknown crypto profile %r; valid: %s" % (name, ", ".join(sorted(PROFILES))))
