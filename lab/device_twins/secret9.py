# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos ``$9$`` secrets as the Junos twin stores and reads a pre-shared key: the twin's own implementation.

Written from the published description of the scheme (Kevin Brintnall's Crypt::Juniper, CPAN, 2008: four letter
families, a salt letter whose family says how many random letters follow it, then each plain character spread over
2-4 letters whose distances from the previous letter, weighted by a 7-row table, add up to the character), not from
the collection's ``cgw/junos_secret`` that it checks: tests/unit/lab/test_twin_junos_secret9.py holds public vectors
and compares the two implementations on them.
"""

from __future__ import annotations

import random

MAGIC = "$9$"
_FAMILIES = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
_LETTERS = "".join(_FAMILIES)
_POSITION = {letter: i for i, letter in enumerate(_LETTERS)}
# a salt of family n is followed by 3 - n random letters
_PADDING = {letter: 3 - n for n, family in enumerate(_FAMILIES) for letter in family}
# the weights of the distances that encode the k-th plain character (row k mod 7)
_WEIGHTS = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128), (1, 32, 64))


class NotASecret(ValueError):
    """Text that is no well-formed ``$9$`` secret (the message never holds the text)."""


def looks_encoded(text) -> bool:
    return isinstance(text, str) and text.startswith(MAGIC)


def _distance(letter, previous) -> int:
    """How far ``letter`` lies after ``previous`` on the letter ring, minus one (0..len-2)."""
    return (_POSITION[letter] - _POSITION[previous] - 1) % len(_LETTERS)


def reveal(secret: str) -> str:
    """The plain text of a ``$9$`` secret."""
    body = secret[len(MAGIC):] if looks_encoded(secret) else None
    if not body or any(letter not in _POSITION for letter in body):
        raise NotASecret("not a Junos $9$ secret")
    if len(body) < 1 + _PADDING[body[0]]:
        raise NotASecret("truncated Junos $9$ secret")
    previous, rest = body[0], body[1 + _PADDING[body[0]]:]
    plain = []
    while rest:
        weights = _WEIGHTS[len(plain) % len(_WEIGHTS)]
        if len(rest) < len(weights):
            raise NotASecret("truncated Junos $9$ secret")
        value = 0
        for letter, weight in zip(rest, weights):
            value += _distance(letter, previous) * weight
            previous = letter
        plain.append(chr(value % 256))
        rest = rest[len(weights):]
    return "".join(plain)


def hide(plain: str, rng=None) -> str:
    """``plain`` as Junos stores it, with a fresh random salt (Junos re-salts a key each time it is set)."""
    rng = rng or random.SystemRandom()
    salt = rng.choice(_LETTERS)
    letters = [salt] + [rng.choice(_LETTERS) for _pad in range(_PADDING[salt])]
    previous = salt
    for index, char in enumerate(plain):
        weights = _WEIGHTS[index % len(_WEIGHTS)]
        value, distances = ord(char), []
        for weight in reversed(weights):     # largest weight first: each distance as big as it can be
            distances.append(value // weight)
            value %= weight
        for distance in reversed(distances):
            previous = _LETTERS[(_POSITION[previous] + distance + 1) % len(_LETTERS)]
            letters.append(previous)
    return MAGIC + "".join(letters)
