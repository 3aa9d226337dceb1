# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tiny command grammar shared by the three dialects.

A pattern is a space-separated string of tokens:
- ``word`` a literal, ``a|b|c`` one of several literals;
- ``<a|b>`` one value out of a fixed set (an enumerated leaf value, unlike the keyword choice ``a|b``);
- ``<10..3600>`` an integer in a range (a vendor schema's range, e.g. from Cisco's YANG);
- ``<type>`` one value, ``<type>+`` one or more values (Junos ``[ a b ]`` brackets allowed),
  ``<type>*`` one value that accumulates instead of replacing (a leaf-list entry or trailing tag);
- ``<text>`` the rest of the line (descriptions); ``<acl_ext>``/``<acl_std>`` the rest of an access-list entry.
Value types are in ``TYPES``; algorithm words are enumerations taken from each vendor's definitions
(iosvendor.py, the Junos YANG, the VyOS command tree). ``match`` tells where a line breaks the grammar so each
dialect can print its own error (IOS ``^`` marker, Junos ``syntax error.``, VyOS path message).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field


_NAME = re.compile(r"^[A-Za-z0-9_.:/@+-]{1,63}$")
_IFACE = re.compile(r"^[A-Za-z][A-Za-z-]*[0-9][0-9/.:]*$")
_RANGE = re.compile(r"^\d+\.\.\d+$")


def _int_range(lo, hi):
    def check(word):
        return word.isdigit() and lo <= int(word) <= hi
    return check


def _ipv4(word):
    try:
        ipaddress.IPv4Address(word)
    except ValueError:
        return False
    return True


def _ipv6(word):
    try:
        ipaddress.IPv6Address(word)
    except ValueError:
        return False
    return True


def _prefix(word, version=None):
    if "/" not in word:
        return False
    try:
        net = ipaddress.ip_interface(word)
    except ValueError:
        return False
    return version is None or net.version == version


def _mask(word):
    if not _ipv4(word):
        return False
    bits = bin(int(ipaddress.IPv4Address(word)))[2:].zfill(32)
    return "01" not in bits


TYPES = {
    "name": lambda w: bool(_NAME.match(w)),
    "word": bool,
    "int": lambda w: w.isdigit(),
    "asn": _int_range(1, 4294967295),
    "seq": _int_range(1, 4294967294),
    "mtu": _int_range(68, 9216),
    "mss": _int_range(500, 1460),
    "lifetime": _int_range(120, 86400),
    "dpd": _int_range(2, 3600),
    "timer": _int_range(0, 65535),
    "paths": _int_range(1, 32),
    "prefixlen": _int_range(0, 32),
    "unit": _int_range(0, 16385),
    "ip": _ipv4,
    "ipany": lambda w: _ipv4(w) or _ipv6(w),
    "ipv6": _ipv6,
    "prefix6": lambda w: _prefix(w, 6),
    "ipany_or_any": lambda w: _ipv4(w) or _ipv6(w) or w == "any",
    "mask": _mask,
    "prefix": lambda w: _prefix(w, 4),
    "prefixany": _prefix,
    "iface": lambda w: bool(_IFACE.match(w)),
    "ipaddr_or_iface": lambda w: _ipv4(w) or bool(_IFACE.match(w)),
    "vyaddr": lambda w: _prefix(w) or w in ("dhcp", "dhcpv6"),
    "secret": lambda w: bool(w) and len(w) <= 128,
    "text": lambda w: True,
}


# IOS-XE access-list entries: Cisco, "IP Access List Entry Sequence Numbering" and "Creating an IP Access List
# and Applying It to an Interface" (Security Configuration Guide: Access Control Lists, Cisco IOS XE 17), and the
# permit/deny syntax of the Cisco IOS Security Command Reference (protocol, source and destination as `any`,
# `host A`, `A wildcard` or `object-group N`, tcp/udp port operators, then options).
_ACL_PROTOCOLS = {"ip", "tcp", "udp", "icmp", "esp", "ahp", "gre", "igmp", "ospf", "eigrp", "pim", "ipinip"}
_PORT_OPS = {"eq": 1, "neq": 1, "lt": 1, "gt": 1, "range": 2}
_ACL_FLAGS = {"established", "log", "log-input", "fragments", "echo", "echo-reply", "unreachable", "time-exceeded",
              "packet-too-big", "ack", "syn", "fin", "rst", "psh", "urg"}
_ACL_VALUED = {"dscp", "precedence", "tos", "time-range", "ttl"}


def _acl_address(words, i):
    """Index after one source/destination (any, host A, A wildcard, object-group N), or None."""
    if i < len(words) and words[i] == "any":
        return i + 1
    if i + 1 < len(words) and words[i] in ("host", "object-group") and (words[i] == "object-group" or _ipv4(words[i + 1])):
        return i + 2
    if i + 1 < len(words) and _ipv4(words[i]) and _ipv4(words[i + 1]):
        return i + 2
    return None


def _acl_port(words, i):
    if i < len(words) and words[i] in _PORT_OPS and i + _PORT_OPS[words[i]] < len(words):
        return i + 1 + _PORT_OPS[words[i]]
    return i


def _acl_options(words, i):
    while i < len(words):
        if words[i] in _ACL_FLAGS:
            i += 1
        elif words[i] in _ACL_VALUED and i + 1 < len(words):
            i += 3 if words[i] == "ttl" else 2
        else:
            return False
    return True


def _acl_extended(words):
    if not words or not (words[0] in _ACL_PROTOCOLS or (words[0].isdigit() and int(words[0]) <= 255)):
        return False
    ports = words[0] in ("tcp", "udp")
    i = _acl_address(words, 1)
    if i is not None and ports:
        i = _acl_port(words, i)
    i = _acl_address(words, i) if i is not None else None
    if i is not None and ports:
        i = _acl_port(words, i)
    return i is not None and _acl_options(words, i)


def _acl_standard(words):
    if words[:1] == ["any"] or (len(words) > 1 and words[0] == "host" and _ipv4(words[1])):
        i = 1 if words[0] == "any" else 2
    elif words and _ipv4(words[0]):
        i = 2 if len(words) > 1 and _ipv4(words[1]) else 1
    else:
        return False
    return words[i:] in ([], ["log"])


# Values that take the rest of the line, each checked as a whole.
RESTS = {"text": lambda words: True, "acl_ext": _acl_extended, "acl_std": _acl_standard}


@dataclass(frozen=True)
class Token:
    literals: tuple = ()     # non-empty for a literal token
    kind: str = ""           # value type (a TYPES key, "enum" or "range")
    choices: tuple = ()      # the allowed words of an enum value <a|b>
    repeat: str = ""         # "" one, "+" one or more, "*" accumulating
    rest: bool = False       # <text>: swallow the rest of the line

    @property
    def is_value(self):
        return not self.literals


@dataclass(frozen=True)
class Pattern:
    text: str
    tokens: tuple
    submode: str = ""
    key: tuple = None    # token indexes naming the setting; None = all but the trailing single values

    def key_indexes(self):
        if self.key is not None:
            return self.key
        n = len(self.tokens)
        while n and self.tokens[n - 1].is_value and not self.tokens[n - 1].repeat:
            n -= 1
        return tuple(range(n))


def compile_pattern(text, submode="", key=None):
    tokens = []
    for word in text.split():
        if word.startswith("<"):
            inner, repeat = word[1:].rstrip("+*"), word[-1] if word[-1] in "+*" else ""
            kind = inner.rstrip(">")
            if "|" in kind:     # an enumerated value: a leaf value (VyOS quotes it), not a keyword
                tokens.append(Token(kind="enum", choices=tuple(kind.split("|")), repeat=repeat))
                continue
            if _RANGE.match(kind):
                tokens.append(Token(kind="range", choices=tuple(int(n) for n in kind.split("..")), repeat=repeat))
                continue
            if kind not in TYPES and kind not in RESTS:
                raise ValueError("unknown grammar type %r in %r" % (kind, text))
            tokens.append(Token(kind=kind, repeat=repeat, rest=kind in RESTS))
        else:
            tokens.append(Token(literals=tuple(word.split("|"))))
    return Pattern(text, tuple(tokens), submode, key)


def compile_table(rows):
    """Rows of ``pattern`` or ``(pattern, submode)`` or ``(pattern, submode, key indexes)``."""
    out = []
    for row in rows:
        row = (row,) if isinstance(row, str) else tuple(row)
        out.append(compile_pattern(*row))
    return out


@dataclass
class Match:
    pattern: Pattern = None
    words: list = field(default_factory=list)    # normalised words (a multi-word value joined)
    spans: list = field(default_factory=list)    # per pattern token: list of normalised words
    bad: int = -1                                # index of the first offending input word
    incomplete: bool = False
    expected: tuple = ()
    tag_prefix: bool = False                     # ran out of words right after a tag value: "set policy prefix-list X"

    @property
    def ok(self):
        return self.pattern is not None and self.bad < 0 and not self.incomplete

    def key(self):
        """The setting this line sets: lines with the same key replace each other."""
        return " ".join(" ".join(self.spans[i]) for i in self.pattern.key_indexes())

    def key_words(self):
        """How many leading words form the key (set-style trees replace below that depth)."""
        indexes = self.pattern.key_indexes()
        if indexes != tuple(range(len(indexes))):
            raise ValueError("set-style patterns need a prefix key: %s" % self.pattern.text)
        return sum(len(self.spans[i]) for i in indexes)

    def value_positions(self):
        """Word positions holding values (tag names, leaf values) rather than keywords."""
        out, pos = [], 0
        for token, span in zip(self.pattern.tokens, self.spans):
            for _word in span:
                if token.is_value:
                    out.append(pos)
                pos += 1
        return out


def _value_width(token, words, i):
    """How many input words a value token consumes at ``i`` (0 = no match)."""
    if token.rest:
        return len(words) - i if RESTS[token.kind](words[i:]) else 0
    if token.kind == "enum":
        return 1 if words[i] in token.choices else 0
    if token.kind == "range":
        return 1 if words[i].isdigit() and token.choices[0] <= int(words[i]) <= token.choices[1] else 0
    return 1 if TYPES[token.kind](words[i]) else 0


def match_one(pattern, words):
    """Match ``words`` against one pattern: a Match with bad/incomplete set on failure."""
    out = Match(pattern=pattern)
    i = 0
    for t_index, token in enumerate(pattern.tokens):
        if i >= len(words):
            out.incomplete, out.bad, out.expected = True, len(words), token.literals or ("<%s>" % token.kind,)
            out.tag_prefix = t_index > 0 and pattern.tokens[t_index - 1].is_value and not pattern.tokens[t_index - 1].rest
            out.words = [w for span in out.spans for w in span]
            return out, t_index
        if not token.is_value:
            if words[i] not in token.literals:
                out.bad, out.expected = i, token.literals
                return out, t_index
            out.spans.append([words[i]])
            i += 1
            continue
        span = []
        bracketed = token.repeat == "+" and words[i] == "["
        if bracketed:
            i += 1
        while i < len(words):
            if bracketed and words[i] == "]":
                i += 1
                break
            width = _value_width(token, words, i)
            if not width:
                break
            span.append(" ".join(words[i:i + width]))
            i += width
            if token.repeat != "+":
                break
        if not span:
            out.bad, out.expected = min(i, len(words) - 1) if i < len(words) else len(words), ("<%s>" % token.kind,)
            if i >= len(words):
                out.incomplete = True
            return out, t_index
        out.spans.append(span)
    if i < len(words):
        out.bad = i
        return out, len(pattern.tokens)
    out.words = [w for span in out.spans for w in span]
    return out, len(pattern.tokens)


def match(patterns, words, dialect):
    """The first full match, else the failed attempt that got furthest (for the error text).

    ``patterns`` may instead be an object with its own ``match(words, dialect)`` (the VyOS twin's vendor tree).
    """
    if hasattr(patterns, "match"):
        return patterns.match(words, dialect)
    best, best_progress, tag = Match(bad=0), (-1, -1), None
    for pattern in patterns:
        result, depth = match_one(pattern, words)
        if result.ok:
            return result
        if result.tag_prefix and tag is None:
            tag = result
        progress = (result.bad if result.bad >= 0 else len(words), depth)
        if progress > best_progress:
            best, best_progress = result, progress
    return tag or best
