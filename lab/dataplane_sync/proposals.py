# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Algorithm names between the shared vocabulary (canonical) and strongSwan (proposal keywords, SA names).

AWS accepts any combination of its configured lists, so its side gets compact proposals (every
algorithm of a kind in one proposal; AEAD and non-AEAD ciphers cannot share one). A CGW offers
exactly the proposals of its config, so a mismatch fails to negotiate as on real gear.
"""

from __future__ import annotations

import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab


def _words(phase, enc, integ, dh):
    return vocab.strongswan_proposal(phase, enc, integ, dh).split("-")


def merged(phase: int, encryptions, integrities, dh_groups) -> list:
    """One strongSwan proposal per cipher kind (AEAD / not) carrying every listed algorithm."""
    out = []
    for aead in (False, True):
        words = []
        for enc in [e for e in encryptions if vocab.is_aead(e) == aead]:
            for integ in integrities or [None]:
                for dh in dh_groups or [None]:
                    words.extend(w for w in _words(phase, enc, integ, dh) if w not in words)
        if words:
            out.append("-".join(words))
    return out


def from_device(phase: int, proposal: dict, pfs=None) -> list:
    """strongSwan proposals of one device proposal (canonical names); phase 2 DH is the PFS group.

    An IKE proposal with AEAD ciphers names its PRF apart (IOS-XE `prf`); strongSwan spells it as prf<hash>."""
    dh_groups = proposal.get("dh_groups") or ([pfs] if pfs not in (None, False) else [])
    encryptions = proposal.get("encryption") or []
    hashes = proposal.get("integrity") or (proposal.get("prf") if phase == 1 else None) or []
    if phase == 1 and not hashes and encryptions and all(vocab.is_aead(e) for e in encryptions):
        # Junos names no PRF with GCM in IKE; it derives it from the key size (lab assumption: 128 -> SHA2-256, 256 -> SHA2-384).
        hashes = ["SHA2-384" if "256" in e else "SHA2-256" for e in encryptions]
    return merged(phase, encryptions, hashes, dh_groups)


# charon's SA names (IANA-style, as VICI reports them) -> strongSwan keyword, which crypto_vocab reads back.
_ENC = re.compile(r"^AES_(CBC|GCM_16)-(\d+)$")
_INTEG = {"HMAC_SHA1_96": "sha1", "HMAC_SHA2_256_128": "sha256", "HMAC_SHA2_384_192": "sha384", "HMAC_SHA2_512_256": "sha512"}
_DH = re.compile(r"^(MODP|ECP|CURVE)_(\d+)$")


def negotiated(phase: int, algorithms: str) -> dict:
    """``AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048`` -> {encryption, integrity, dh_group} canonical."""
    out = {}
    for part in (algorithms or "").split("/"):
        enc, dh = _ENC.match(part), _DH.match(part)
        if enc:
            word = "aes%s%s" % (enc.group(2), "gcm16" if enc.group(1) == "GCM_16" else "")
            out["encryption"] = vocab.from_dialect(vocab.ENCRYPTION, word, "strongswan", phase)
        elif part in _INTEG:
            out["integrity"] = vocab.from_dialect(vocab.INTEGRITY, _INTEG[part], "strongswan", phase)
        elif dh:
            out["dh_group"] = vocab.from_dialect(vocab.DH_GROUP, (dh.group(1) + dh.group(2)).lower(), "strongswan", phase)
    return out
