# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Config words -> canonical crypto names, for the device config parsers and the twins' grammar.

Value kinds ``enc1``/``enc2``, ``integ1``/``integ2``, ``dh1``/``dh2`` (phase 2 = PFS) and
``ikever`` accept exactly the spellings crypto_vocab knows for the dialect.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab, psk, psk_strength

_KINDS = {
    "enc1": (crypto_vocab.ENCRYPTION, 1), "enc2": (crypto_vocab.ENCRYPTION, 2),
    "integ1": (crypto_vocab.INTEGRITY, 1), "integ2": (crypto_vocab.INTEGRITY, 2),
    "dh1": (crypto_vocab.DH_GROUP, 1), "dh2": (crypto_vocab.DH_GROUP, 2),
    "ikever": (crypto_vocab.IKE_VERSION, 1),
}
# A Junos ESP proposal, unlike IKE, may name GCM in "encryption-algorithm" with no
# authentication: both phases spell it the same in crypto_vocab, so no extra type is needed.
# A syntax variant (vyos13) spells crypto like its platform: crypto_vocab takes it as an alias.


def is_vocab_type(kind):
    return kind in _KINDS


def canonical(kind, spelling, dialect):
    """Canonical crypto_vocab name for a dialect spelling (raises VocabularyError)."""
    family, phase = _KINDS[kind]
    return crypto_vocab.from_dialect(family, spelling, dialect, phase)


def _known(kind, spelling, dialect):
    try:
        canonical(kind, spelling, dialect)
    except crypto_vocab.VocabularyError:
        return False
    return True


def width(kind, words, i, dialect):
    """Words consumed at ``i``: IOS spells some ESP ciphers as two words (``esp-aes 256``)."""
    if i + 1 < len(words) and _known(kind, words[i] + " " + words[i + 1], dialect):
        return 2
    return 1 if _known(kind, words[i], dialect) else 0


def fingerprint(key, salt, readable=True):
    """What a model shows instead of a pre-shared key: its keyed hash and, when the config holds it readable (not
    a device-encrypted form), its strength traits."""
    if not key:
        return None
    return {"fingerprint": psk.fingerprint(key, salt), "strength": psk_strength.traits(key) if readable else None}
