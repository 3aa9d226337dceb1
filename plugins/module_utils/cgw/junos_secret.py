# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos ``$9$`` secrets: how Junos stores a pre-shared-key ``ascii-text`` given in clear.

Junos re-encodes a clear key as ``$9$...`` with a random salt, so the same key reads back differently
each time it is set. The encoding is a reversible obfuscation (not encryption; the scheme is widely
published), which lets the cgw role compare a stored key with the intended one without re-setting it,
and lets the Junos device twin store keys as Junos does.
"""

from __future__ import annotations

import random

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

_FAMILY = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
_ALPHABET = "".join(_FAMILY)
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_EXTRA = {c: 3 - n for n, family in enumerate(_FAMILY) for c in family}   # random characters after the salt
_ENCODING = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128), (1, 32, 64))
PREFIX = "$9$"


class SecretError(S2SError):
    """Text that is not a well-formed ``$9$`` secret (the message never holds the text)."""


def is_encoded(text: str) -> bool:
    return isinstance(text, str) and text.startswith(PREFIX)


def encode(plain: str, rng: random.Random = None) -> str:
    """``plain`` as Junos stores it: ``$9$`` + salt + random padding + the gap-encoded characters."""
    rng = rng or random.SystemRandom()
    salt = rng.choice(_ALPHABET)
    out = PREFIX + salt + "".join(rng.choice(_ALPHABET) for _position in range(_EXTRA[salt]))
    previous = salt
    for position, char in enumerate(plain):
        value = ord(char)
        gaps = []
        for weight in reversed(_ENCODING[position % len(_ENCODING)]):
            gaps.insert(0, value // weight)
            value %= weight
        for gap in gaps:
            previous = _ALPHABET[(gap + _INDEX[previous] + 1) % len(_ALPHABET)]
            out += previous
    return out


def decode(secret: str) -> str:
    """The clear text of a ``$9$`` secret."""
    if not is_encoded(secret) or len(secret) < 4 or any(c not in _INDEX for c in secret[3:]):
        raise SecretError("not a Junos $9$ secret")
    salt, rest = secret[3], secret[4:]
    if len(rest) < _EXTRA[salt]:
        raise SecretError("Junos $9$ secret is truncated")
    rest = rest[_EXTRA[salt]:]
    previous, plain = salt, ""
    while rest:
        weights = _ENCODING[len(plain) % len(_ENCODING)]
        if len(rest) < len(weights):
            raise SecretError("Junos $9$ secret is truncated")
        value = 0
        for char, weight in zip(rest[:len(weights)], weights):
            value += ((_INDEX[char] - _INDEX[previous]) % len(_ALPHABET) - 1) * weight
            previous = char
        plain += chr(value % 256)
        rest = rest[len(weights):]
    return plain
