# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The crypto vocabulary: one table from AWS tunnel option values to every dialect.

Canonical names are AWS's spellings (``AES256-GCM-16``, ``SHA2-384``, DH group numbers,
``ikev2``). Algorithms AWS does not offer (3DES, MD5, DH 1, ...) are in the table too so
parsers and the compliance role can recognise weak proposals left on a device.

Dialects: ``aws``, ``ios`` (IOS-XE), ``junos``, ``vyos`` (1.3 and 1.4+ spell algorithms the
same; ``vyos13``/``vyos14`` are accepted as aliases), ``strongswan``. Phase 1 is IKE,
phase 2 is IPsec/ESP (for DH groups, phase 2 is the PFS group).

Every renderer, parser, twin and compliance rule goes through this module; nothing else
spells an algorithm name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

ENCRYPTION = "encryption"
INTEGRITY = "integrity"
DH_GROUP = "dh_group"
IKE_VERSION = "ike_version"
FAMILIES = (ENCRYPTION, INTEGRITY, DH_GROUP, IKE_VERSION)

# The customer gateway platforms: each has a spelling column in TABLE below, so this is the one list of platforms an
# intent may name (the CGW layer's dialect registry serves exactly these; tests/unit check both ways).
DEVICE_PLATFORMS = ("ios", "junos", "vyos")
DIALECTS = ("aws",) + DEVICE_PLATFORMS + ("strongswan",)
DIALECT_ALIASES = {"vyos13": "vyos", "vyos14": "vyos", "iosxe": "ios", "ios-xe": "ios"}
PHASES = (1, 2)


class VocabularyError(S2SError):
    """An algorithm name that is unknown, or that a dialect cannot express."""


@dataclass(frozen=True)
class Algorithm:
    family: str
    name: str
    aws_phases: tuple
    # (dialect, phase) -> tuple of spellings, the first one is what renderers emit,
    # the rest are accepted when parsing (abbreviations devices print back).
    spellings: dict = field(default_factory=dict, compare=False, hash=False)
    aead: bool = False
    # Part of what AWS runs when the option is left unset. ML-KEM is offered but opt-in: AWS's model lists it
    # among the valid values without saying unset includes it, and a CGW that cannot run it would fail.
    aws_unset_default: bool = True
    label: str = None  # the algorithm's own name where the canonical one is a number (ML-KEM-768 for 36)

    def spelling(self, dialect: str, phase: int):
        found = self.spellings.get((dialect, phase))
        return found[0] if found else None


def _per_phase(value):
    """Expand a dialect cell: a string (or a list: spelling first, then parse aliases) for
    both phases, a (phase1, phase2) tuple of those, or None."""
    if value is None or isinstance(value, (str, list)):
        value = (value, value)
    out = {}
    for phase, cell in zip(PHASES, value):
        if cell is None:
            continue
        out[phase] = (cell,) if isinstance(cell, str) else tuple(cell)
    return out


def _algorithm(family, name, aws_phases, aead=False, aws_unset_default=True, label=None, **dialects):
    spellings = {}
    for phase in aws_phases:
        spellings[("aws", phase)] = (str(name),)
    for dialect, cell in dialects.items():
        for phase, words in _per_phase(cell).items():
            spellings[(dialect, phase)] = words
    return Algorithm(family, name, tuple(aws_phases), spellings, aead, aws_unset_default, label)


_ENCRYPTION = [
    _algorithm(ENCRYPTION, "AES128", (1, 2),
               ios=("aes-cbc-128", ["esp-aes 128", "esp-aes"]), junos="aes-128-cbc",
               vyos="aes128", strongswan="aes128"),
    _algorithm(ENCRYPTION, "AES256", (1, 2),
               ios=("aes-cbc-256", "esp-aes 256"), junos="aes-256-cbc",
               vyos="aes256", strongswan="aes256"),
    _algorithm(ENCRYPTION, "AES128-GCM-16", (1, 2), aead=True,
               ios=("aes-gcm-128", ["esp-gcm 128", "esp-gcm"]), junos="aes-128-gcm",
               vyos="aes128gcm128", strongswan=["aes128gcm16", "aes128gcm128"]),
    _algorithm(ENCRYPTION, "AES256-GCM-16", (1, 2), aead=True,
               ios=("aes-gcm-256", "esp-gcm 256"), junos="aes-256-gcm",
               vyos="aes256gcm128", strongswan=["aes256gcm16", "aes256gcm128"]),
    _algorithm(ENCRYPTION, "3DES", (), ios=("3des", "esp-3des"), junos="3des-cbc",
               vyos="3des", strongswan="3des"),
    _algorithm(ENCRYPTION, "DES", (), ios=("des", "esp-des"), junos="des-cbc",
               vyos=None, strongswan="des"),
    _algorithm(ENCRYPTION, "NULL", (), ios=(None, "esp-null"), junos=None,
               vyos=(None, "null"), strongswan=(None, "null")),
]

_INTEGRITY = [
    _algorithm(INTEGRITY, "SHA1", (1, 2), ios=("sha1", "esp-sha-hmac"),
               junos=("sha1", "hmac-sha1-96"), vyos="sha1", strongswan="sha1"),
    _algorithm(INTEGRITY, "SHA2-256", (1, 2), ios=("sha256", "esp-sha256-hmac"),
               junos=("sha-256", "hmac-sha-256-128"), vyos="sha256", strongswan="sha256"),
    _algorithm(INTEGRITY, "SHA2-384", (1, 2), ios=("sha384", "esp-sha384-hmac"),
               junos=("sha-384", "hmac-sha-384"), vyos="sha384", strongswan="sha384"),
    _algorithm(INTEGRITY, "SHA2-512", (1, 2), ios=("sha512", "esp-sha512-hmac"),
               junos=("sha-512", "hmac-sha-512"), vyos="sha512", strongswan="sha512"),
    _algorithm(INTEGRITY, "MD5", (), ios=("md5", "esp-md5-hmac"),
               junos=("md5", "hmac-md5-96"), vyos="md5", strongswan="md5"),
]

# strongSwan keywords per DH group (RFC 3526 / RFC 5114 / RFC 5903 numbering).
_STRONGSWAN_DH = {
    1: "modp768", 2: "modp1024", 5: "modp1536", 14: "modp2048", 15: "modp3072",
    16: "modp4096", 17: "modp6144", 18: "modp8192", 19: "ecp256", 20: "ecp384",
    21: "ecp521", 22: "modp1024s160", 23: "modp2048s224", 24: "modp2048s256",
}
_AWS_DH_PHASES = {2: (1, 2), 5: (2,)}
_AWS_DH_PHASES.update({n: (1, 2) for n in range(14, 25)})
# Groups the platforms accept (IOS-XE IKEv2 and Junos SRX lack 17, 18, 22, 23).
_IOS_DH = {1, 2, 5, 14, 15, 16, 19, 20, 21, 24}
_JUNOS_DH = {1, 2, 5, 14, 15, 16, 19, 20, 21, 24}


def _dh_row(number):
    return _algorithm(
        DH_GROUP, number, _AWS_DH_PHASES.get(number, ()),
        ios=(str(number), "group%d" % number) if number in _IOS_DH else None,
        junos="group%d" % number if number in _JUNOS_DH else None,
        vyos=(str(number), "dh-group%d" % number),
        strongswan=_STRONGSWAN_DH[number],
    )


# ML-KEM (FIPS 203) as IKEv2 key exchange methods: Transform Type 4 ids 35, 36, 37 in IANA's "IKEv2 Parameters"
# registry (draft-ietf-ipsecme-ikev2-mlkem; RFC 9370 renamed the type from "Diffie-Hellman Group" to "Key Exchange
# Method", so one numbering serves the DH groups and the additional key exchanges). AWS offers 35 in phase 1 and all
# three in phase 2 (botocore 1.44 Phase1/Phase2DHGroupNumbers) and in additional rounds. strongSwan >= 6.0 spells them
# mlkem512/768/1024. No release of our platforms that the collection supports offers them: IOS-XE 17.x (ML-KEM came
# with IOS XE 26.1.1 on Secure Router G2 hardware), Junos 23.4 (no ML-KEM in Juniper's YANG for it), VyOS 1.3/1.4
# (strongSwan 5.9; ML-KEM arrived with strongSwan 6.0.6 in VyOS rolling, vyos-1x T8099) - see docs/crypto.md.
ML_KEM = {35: "ML-KEM-512", 36: "ML-KEM-768", 37: "ML-KEM-1024"}
_STRONGSWAN_ML_KEM = {35: "mlkem512", 36: "mlkem768", 37: "mlkem1024"}
_AWS_ML_KEM_PHASES = {35: (1, 2), 36: (2,), 37: (2,)}


def _ml_kem_row(number):
    return _algorithm(DH_GROUP, number, _AWS_ML_KEM_PHASES[number], aws_unset_default=False, label=ML_KEM[number],
                      strongswan=_STRONGSWAN_ML_KEM[number])


_DH = [_dh_row(n) for n in sorted(_STRONGSWAN_DH)] + [_ml_kem_row(n) for n in sorted(ML_KEM)]

_IKE = [
    _algorithm(IKE_VERSION, "ikev1", (1,), ios=("ikev1", None), junos=("v1-only", None),
               vyos=("ikev1", None), strongswan=("1", None)),
    _algorithm(IKE_VERSION, "ikev2", (1,), ios=("ikev2", None), junos=("v2-only", None),
               vyos=("ikev2", None), strongswan=("2", None)),
]

TABLE = tuple(_ENCRYPTION + _INTEGRITY + _DH + _IKE)

_BY_NAME = {(a.family, a.name): a for a in TABLE}
_BY_SPELLING = {}
for _alg in TABLE:
    for (_dialect, _phase), _words in _alg.spellings.items():
        for _word in _words:
            _BY_SPELLING[(_alg.family, _dialect, _phase, _word.lower())] = _alg


def _dialect(dialect: str) -> str:
    dialect = DIALECT_ALIASES.get(dialect, dialect)
    if dialect not in DIALECTS:
        raise VocabularyError("unknown dialect %r; valid: %s" % (dialect, ", ".join(DIALECTS)))
    return dialect


def _check(family: str, phase: int) -> None:
    if family not in FAMILIES:
        raise VocabularyError("unknown algorithm family %r; valid: %s" % (family, ", ".join(FAMILIES)))
    if phase not in PHASES:
        raise VocabularyError("phase must be 1 or 2, got %r" % (phase,))


def names(family: str) -> list:
    """Every canonical name of a family, AWS-offered or not."""
    return [a.name for a in TABLE if a.family == family]


def aws_values(family: str, phase: int) -> list:
    """The values AWS accepts for ``family`` in ``phase``."""
    _check(family, phase)
    return [a.name for a in TABLE if a.family == family and phase in a.aws_phases]


def aws_defaults(family: str, phase: int) -> list:
    """What AWS runs for ``family`` in ``phase`` when the option is left unset (every accepted value but opt-in ones)."""
    return [name for name in aws_values(family, phase) if lookup(family, name).aws_unset_default]


def aws_key_exchange_methods() -> list:
    """The methods an additional key exchange round may list (RFC 9370): the key exchange methods AWS accepts in either
    phase, one numbering with the DH groups (IANA Transform Type 4)."""
    accepted = set(aws_values(DH_GROUP, 1)) | set(aws_values(DH_GROUP, 2))
    return [a.name for a in TABLE if a.family == DH_GROUP and a.name in accepted]


def describe(family: str, name) -> str:
    """A name for people: ``36 (ML-KEM-768)``; the canonical name where it says enough."""
    alg = lookup(family, name)
    return "%s (%s)" % (alg.name, alg.label) if alg.label else str(alg.name)


def lookup(family: str, name) -> Algorithm:
    """The table row for a canonical name; DH groups may be given as int or digit string."""
    if family == DH_GROUP:
        try:
            name = int(str(name).replace("group", "").replace("dh-", ""))
        except ValueError:
            pass
    elif family == IKE_VERSION:
        name = str(name).lower()
    else:
        name = str(name).upper()
    alg = _BY_NAME.get((family, name))
    if alg is None:
        valid = ", ".join(str(n) for n in names(family))
        raise VocabularyError("unknown %s %r; valid: %s" % (family, name, valid))
    return alg


def canonical(family: str, name):
    """Normalise user input (``aes256``, ``'14'``, ``IKEv2``) to the canonical name."""
    return lookup(family, name).name


def to_dialect(family: str, name, dialect: str, phase: int) -> str:
    """Spell a canonical algorithm in a dialect; fails when the platform lacks it."""
    _check(family, phase)
    dialect = _dialect(dialect)
    alg = lookup(family, name)
    word = alg.spelling(dialect, phase)
    if word is None:
        supported = [a.name for a in TABLE if a.family == family and a.spelling(dialect, phase)]
        raise VocabularyError(
            "%s %s is not available on %s in phase %d; available: %s"
            % (family, alg.name, dialect, phase, ", ".join(str(s) for s in supported)))
    return word


def from_dialect(family: str, spelling: str, dialect: str, phase: int):
    """Read a dialect's spelling back to the canonical name; unknown spellings list the valid ones."""
    _check(family, phase)
    dialect = _dialect(dialect)
    alg = _BY_SPELLING.get((family, dialect, phase, str(spelling).strip().lower()))
    if alg is None:
        valid = sorted({w for a in TABLE if a.family == family
                        for w in a.spellings.get((dialect, phase), ())})
        raise VocabularyError("unknown %s %r for %s phase %d; valid: %s"
                              % (family, spelling, dialect, phase, ", ".join(valid)))
    return alg.name


def supported(family: str, name, dialect: str, phase: int) -> bool:
    return lookup(family, name).spelling(_dialect(dialect), phase) is not None


def is_aead(encryption) -> bool:
    return lookup(ENCRYPTION, encryption).aead


def strongswan_proposal(phase: int, encryption, integrity, dh_group) -> str:
    """One strongSwan proposal keyword string, e.g. ``aes256gcm16-prfsha384-ecp384``.

    AEAD ciphers carry their own integrity: in IKE the hash becomes the PRF, in ESP it is dropped.
    """
    parts = [to_dialect(ENCRYPTION, encryption, "strongswan", phase)]
    hash_word = to_dialect(INTEGRITY, integrity, "strongswan", phase) if integrity is not None else None
    if hash_word:
        if not is_aead(encryption):
            parts.append(hash_word)
        elif phase == 1:
            parts.append("prf" + hash_word)
    if dh_group is not None:
        parts.append(to_dialect(DH_GROUP, dh_group, "strongswan", phase))
    return "-".join(parts)
