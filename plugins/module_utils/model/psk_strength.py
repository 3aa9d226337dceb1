# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How strong a pre-shared key must be under each crypto profile, on top of AWS's own rules (psk.problems).

Only a key's traits are kept (length, character classes, the AWS rules it breaks), never the key: ``traits`` runs
where the key is read and the key is dropped right after (compliance_inputs, config_read).

Why these lengths: RFC 7296 (IKEv2), section 2.15, asks a pre-shared key to "contain as much unpredictability as the
strongest key being negotiated", and NIST SP 800-57 Part 1 Rev. 5 (section 5.6.2) sets 112 bits as the minimum
security strength. A random key over AWS's 64-character alphabet (psk.ALPHABET) carries about 6 bits a character:
20 characters hold at least 112 bits, 32 (the length AWS generates) about 190 bits, and 43 the 256 bits of the AES-256
keys CNSA 1.0 (RFC 9206) negotiates. Three character classes rule out the human-chosen words and digit runs a
dictionary attack on IKE's pre-shared-key authentication finds first (RFC 7296 section 2.15 names that attack).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
SOURCES = ("rfc7296", "nist_800_57", "aws_vpn_guide")


@dataclass(frozen=True)
class PskRule:
    min_length: int
    min_classes: int  # of lower case, upper case, digits, other
    why: str


RULES = {
    "aws_default": PskRule(psk.MIN_LENGTH, 1, "AWS's own rules only (8-64 characters of [A-Za-z0-9._], not starting with 0)"),
    "recommended": PskRule(20, 3, "at least 112 bits (NIST SP 800-57): 20 random characters of AWS's alphabet"),
    "nist_800_77r1": PskRule(20, 3, "at least 112 bits (NIST SP 800-57): 20 random characters of AWS's alphabet"),
    "strict": PskRule(32, 3, "the length AWS generates (32 characters, about 190 bits)"),
    "cnsa1": PskRule(43, 3, "as strong as the AES-256 keys negotiated (RFC 7296 2.15): 43 characters, 256 bits"),
    "cnsa2": PskRule(43, 3, "as strong as the AES-256 keys negotiated (RFC 7296 2.15): 43 characters, 256 bits"),
}
STRICTEST = max(RULES.values(), key=lambda r: (r.min_length, r.min_classes))


def rule(profile_name: str) -> PskRule:
    """A profile's rule; a profile without one gets the strictest (a new profile never weakens the check)."""
    return RULES.get(profile_name, STRICTEST)


def traits(key: str) -> dict:
    """What the strength rule needs to know of a key, without the key."""
    classes = sum(any(c in chars for c in key) for chars in _CLASSES) + any(not c.isalnum() for c in key)
    return {"length": len(key), "classes": classes, "aws_rules": [r for r, _message in psk.problems(key)]}


def problems(found: dict, profile_name: str) -> list:
    """Why a key with traits ``found`` is too weak for the profile (empty: strong enough); never names the key."""
    need = rule(profile_name)
    out = []
    if found["aws_rules"]:
        out.append("breaks AWS's key rules %s" % ", ".join(found["aws_rules"]))
    if found["length"] < need.min_length:
        out.append("%d characters, the profile needs %d (%s)" % (found["length"], need.min_length, need.why))
    if found["classes"] < need.min_classes:
        out.append("%d character class(es), the profile needs %d of lower case, upper case, digits, other"
                   % (found["classes"], need.min_classes))
    return out
