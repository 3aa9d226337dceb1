# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a vendor's crypto word means, in the model's names: the twins' own table.

The model names an algorithm as AWS's EC2 API does (``AES256``, ``AES256-GCM-16``, ``SHA2-256``, DH group numbers,
``ikev2``: botocore's ``Phase1EncryptionAlgorithms`` ... values), and what AWS does not offer by its usual name
(``DES``, ``3DES``, ``MD5``, ``AES192``, ``NULL``). The words are the enumerations of the vendor definitions the twins
already load; their meanings are the vendors' own documents:

- IOS-XE (tests/fixtures/vendor/ios/crypto-commands.json, Cisco-IOS-XE-crypto.yang 17.9.1): Cisco IOS Security
  Command Reference, ``encryption (IKEv2 proposal)`` (aes-cbc-N: AES-CBC with an N-bit key; aes-gcm-N: AES-GCM,
  16-octet ICV), ``integrity``/``prf`` (sha256 = SHA-2 256 ...), ``crypto ipsec transform-set`` (esp-aes [128|192|256],
  128 when no key size is given; esp-gcm likewise, 16-octet ICV; esp-sha-hmac = HMAC-SHA1, esp-sha256-hmac =
  HMAC-SHA-256 ...), ``set pfs groupN``; ISAKMP ``encryption aes [128|192|256]`` and ``hash sha|sha256|...`` (Cisco,
  "Configuring Internet Key Exchange for IPsec VPNs").
- Junos (tests/fixtures/vendor/junos/yang-cgw.json, Juniper YANG 23.4R2): the YANG's enum descriptions and the CLI
  reference for ``encryption-algorithm`` (aes-256-gcm: 256-bit AES-GCM, 16-octet ICV) and ``authentication-algorithm``
  (hmac-sha-256-128: HMAC-SHA-256 truncated to 128 bits; hmac-sha-256-96: truncated to 96 bits), ``dh-group groupN``,
  IKE gateway ``version v1-only|v2-only`` (v1-only when unset).
- VyOS (tests/fixtures/vendor/vyos/, vyos-1x 1.4 / Vyatta 1.3 command trees): the words are strongSwan's proposal
  keywords (strongSwan wiki, "IKEv2 Cipher Suites": aes256gcm128 = AES-GCM with a 128-bit (16-octet) ICV, sha256 =
  HMAC-SHA-256-128, sha256_96 = truncated to 96 bits); ``dh-group N``; pfs ``dh-groupN``.

A word the vendor accepts but the model has no name for (VyOS ``camellia256``, Junos ``aes-192-gcm``...) stays the
vendor's word, so a model never silently loses what a device is configured with.
"""

from __future__ import annotations

import hashlib
import hmac
import re

# model names of the algorithms by what they are
_AES = {"128": "AES128", "192": "AES192", "256": "AES256"}
_AES_GCM16 = {"128": "AES128-GCM-16", "192": "AES192-GCM-16", "256": "AES256-GCM-16"}
_HASH = {"md5": "MD5", "sha1": "SHA1", "sha256": "SHA2-256", "sha384": "SHA2-384", "sha512": "SHA2-512"}


def _ios_cipher(words):
    """``aes-cbc-256`` (IKEv2), ``esp-aes 256`` (transform-set), ``aes 256`` (ISAKMP): 128 bits when no size."""
    text = " ".join(words)
    found = re.fullmatch(r"(?:esp-)?aes(?:-cbc-| )?(128|192|256)?", text)
    if found:
        return _AES[found.group(1) or "128"]
    found = re.fullmatch(r"(?:esp-gcm|aes-gcm-)(?: )?(128|192|256)?", text)
    if found:
        return _AES_GCM16[found.group(1) or "128"]
    return {"3des": "3DES", "esp-3des": "3DES", "des": "DES", "esp-des": "DES", "esp-null": "NULL"}.get(text, text)


def _ios_hash(word):
    """``sha256`` (IKEv2), ``esp-sha256-hmac`` (transform-set), ``sha`` (ISAKMP, and esp-sha-hmac): SHA-1 is ``sha``."""
    core = re.sub(r"^esp-|-hmac$", "", word)
    return _HASH.get("sha1" if core == "sha" else core, word)


def _junos_cipher(word):
    found = re.fullmatch(r"aes-(128|192|256)-(cbc|gcm)", word)
    if found:
        return (_AES if found.group(2) == "cbc" else _AES_GCM16)[found.group(1)]
    return {"3des-cbc": "3DES", "des-cbc": "DES"}.get(word, word)


def _junos_hash(word):
    """IKE ``sha-256``; ESP ``hmac-sha-256-128`` (the model's SHA2-256 is the 128-bit truncation AWS runs; a
    96-bit one keeps its Junos word)."""
    core = {"hmac-md5-96": "md5", "hmac-sha1-96": "sha1", "hmac-sha-256-128": "sha256", "hmac-sha-384": "sha384",
            "hmac-sha-512": "sha512"}.get(word, word.replace("sha-", "sha"))
    return _HASH.get(core, word)


def _vyos_cipher(word):
    found = re.fullmatch(r"aes(128|192|256)(gcm128)?", word)
    if found:
        return (_AES_GCM16 if found.group(2) else _AES)[found.group(1)]
    return {"3des": "3DES", "null": "NULL"}.get(word, word)


def group(word):
    """``14``, ``group14`` (Cisco, Junos), ``dh-group14`` (VyOS pfs) -> 14."""
    found = re.fullmatch(r"(?:dh-)?(?:group)?(\d+)", word)
    return int(found.group(1)) if found else word


_CIPHER = {"ios": _ios_cipher, "junos": lambda words: _junos_cipher(words[0]), "vyos": lambda words: _vyos_cipher(words[0])}
_HASHES = {"ios": _ios_hash, "junos": _junos_hash, "vyos": lambda word: _HASH.get(word, word)}


def cipher(platform, *words):
    """A cipher's words (IOS-XE: ``esp-aes 256`` is two) -> the model's name, or the vendor's words when it has none."""
    return _CIPHER[platform](list(words))


def hash_(platform, word):
    return _HASHES[platform](word)


def ike_version(word, default="ikev1"):
    """Junos ``v1-only``/``v2-only``, VyOS ``ikev1``/``ikev2``; unset: IKEv1 (both vendors' default)."""
    return {"v1-only": "ikev1", "v2-only": "ikev2"}.get(word, word) if word else default


def key(secret, salt):
    """What the model shows instead of a pre-shared key: the lab's name for it, HMAC-SHA256(salt, key) in 16 hex
    digits (the keyed hash docs/compliance.md describes), so a test or the data plane can tell keys apart unseen."""
    if not secret:
        return None
    return {"fingerprint": hmac.new(salt.encode("utf-8"), secret.encode("utf-8"), hashlib.sha256).hexdigest()[:16]}
