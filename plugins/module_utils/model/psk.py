# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pre-shared keys: AWS's rules, generation, and keyed fingerprints.

No function here ever puts a key into an exception message or a return value other than
``generate``; callers compare keys through ``fingerprint`` (HMAC-SHA256), never by value.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

MIN_LENGTH = 8
MAX_LENGTH = 64
ALPHABET = string.ascii_letters + string.digits + "._"
# The longest key AWS takes (AWS itself generates 32): a generated key passes every profile's strength rule
# (model/psk_strength.py; cnsa1 asks for 43 characters).
DEFAULT_LENGTH = MAX_LENGTH


class PskError(S2SError):
    def __init__(self, rule: str, message: str):
        super().__init__(message, rule=rule)


def problems(key) -> list:
    """(rule, message) pairs for every AWS PSK rule ``key`` breaks; messages never include the key."""
    if not isinstance(key, str):
        return [("psk.type", "must be a string")]
    found = []
    if not MIN_LENGTH <= len(key) <= MAX_LENGTH:
        found.append(("psk.length", "must be %d to %d characters long (got %d)"
                      % (MIN_LENGTH, MAX_LENGTH, len(key))))
    if any(c not in ALPHABET for c in key):
        found.append(("psk.charset", "may contain only letters, digits, '.' and '_'"))
    if key.startswith("0"):
        found.append(("psk.leading_zero", "must not start with 0"))
    return found


def check(key) -> None:
    """Raise PskError for the first broken rule (the message never includes the key)."""
    found = problems(key)
    if found:
        raise PskError(*found[0])


def generate(length: int = DEFAULT_LENGTH, avoid=()) -> str:
    """A new random key valid for AWS that is not in ``avoid`` (keys already in use)."""
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise PskError("psk.length", "length must be %d to %d" % (MIN_LENGTH, MAX_LENGTH))
    avoid = set(avoid)
    while True:
        first = secrets.choice(ALPHABET.replace("0", ""))
        key = first + "".join(secrets.choice(ALPHABET) for _position in range(length - 1))
        if key not in avoid:
            return key


def generate_distinct(count: int, length: int = DEFAULT_LENGTH, avoid=()) -> list:
    """``count`` keys, distinct from each other and from ``avoid``: one per tunnel, never reused."""
    used = set(avoid)
    keys = []
    for _index in range(count):
        key = generate(length, used)
        used.add(key)
        keys.append(key)
    return keys


def fingerprint(key: str, salt: str) -> str:
    """Keyed hash to compare keys for reuse without revealing them (HMAC-SHA256, hex, 16 chars)."""
    return hmac.new(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def place(tunnels, keys) -> list:
    """Copies of the tunnels' options with key i set on tunnel i (tunnel 1 first); a None key leaves the
    tunnel's own, and missing tunnels are added for keys beyond them. Which tunnel gets which key is
    decided once, by ``plan.connection_keys``; this only puts the keys where the AWS options take them."""
    out = [dict(t) for t in tunnels or []]
    keys = list(keys or [])
    out.extend({} for _missing in range(len(keys) - len(out)))
    for tunnel, key in zip(out, keys):
        if key:
            tunnel["pre_shared_key"] = key
    return out


REDACTED = "<key hidden>"


def redact(text, keys) -> str:
    """``text`` with every key in ``keys`` replaced (device errors may echo the command that carried a key)."""
    text = "" if text is None else str(text)
    for key in sorted({k for k in keys if k}, key=len, reverse=True):
        text = text.replace(key, REDACTED)
    return text
