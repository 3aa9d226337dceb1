# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos set lines judged against Juniper's own configuration YANG (reduced by lab/docgen/junos_yang.py).

``Schema.check(words)`` walks the words of one ``set`` line (without ``set``) down the fixture tree the way the Junos
CLI spells the model: a container or list by its keyword (a list the reducer marks hidden by its key alone,
``interfaces st0``; a leaf with Junos's ``nokeyword`` CLI feature by its value alone), a list's key value after its
keyword (several keys as ``from-zone A to-zone B``: each key's name without ``-name``), a leaf's value (none for
``empty``), a leaf-list's value or ``[ a b ]``. Several leaves of one container may follow each other on a line
(``dead-peer-detection interval 10 threshold 3``), as the CLI allows. A line may end at a leaf, a list entry or a
container. Values are checked against the leaf's type: enums, integer ranges, string lengths, Junos's POSIX patterns,
and Junos's address and interface typedefs (junos-common-types declares them as plain strings; what each holds is
from their names and Juniper's CLI documentation).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from dataclasses import dataclass

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "vendor", "junos", "yang-cgw.json")
# ge-0/0/0.0, xe-1/0/0:1, st0.313, irb.10, reth0, ae1.100
_IFNAME = re.compile(r"^(?:[a-z][a-z0-9-]*[0-9](?:/[0-9]+)*(?::[0-9]+)?|irb|vlan)(?:\.[0-9]+)?$")


@dataclass
class Verdict:
    ok: bool
    bad: int = -1          # index of the first word breaking the model (len(words): the line ends too early)
    rule: str = ""         # the rule broken, in words: "dh-group: 'group22' is not one of group1 group2 ..."
    path: tuple = ()       # the schema path walked (node names), for coverage
    judged: bool = True    # False: the line leaves the subtrees the fixture keeps (neither accepted nor refused)

    def __bool__(self):
        return self.ok


def _ip(word, version=None, prefix=False, mandatory=False):
    """An address (``prefix``: or a prefix; ``mandatory``: a prefix only) of IP ``version``."""
    if ("/" in word and not prefix) or (mandatory and "/" not in word):
        return False
    try:
        value = ipaddress.ip_interface(word) if "/" in word else ipaddress.ip_address(word)
    except ValueError:
        return False
    return version is None or value.version == version


TYPEDEFS = {
    "ipv4addr": lambda w: _ip(w, 4),
    "ipv6addr": lambda w: _ip(w, 6),
    "ipaddr": _ip,
    "ipaddr-scoped": _ip,
    "ipv4prefix": lambda w: _ip(w, 4, prefix=True),
    "ipprefix": lambda w: _ip(w, prefix=True),
    "ipprefix-only": lambda w: _ip(w, prefix=True, mandatory=True),
    "ipprefix-mandatory": lambda w: _ip(w, prefix=True, mandatory=True),
    "interface-name": lambda w: bool(_IFNAME.match(w)),
    "interface-unit": lambda w: bool(_IFNAME.match(w)),
    "ipaddr-or-interface": lambda w: _ip(w) or bool(_IFNAME.match(w)),
    "areaid": lambda w: _ip(w, 4) or w.isdigit(),
}


def _in_ranges(number, spec):
    for part in spec.split("|"):
        bounds = [b.strip() for b in part.split("..")]
        lo, hi = (bounds[0], bounds[-1])
        lo = float("-inf") if lo == "min" else float(lo)
        hi = float("inf") if hi == "max" else float(hi)
        if lo <= number <= hi:
            return True
    return False


_INTS = {"uint8": (0, 255), "uint16": (0, 65535), "uint32": (0, 4294967295), "uint64": (0, 2 ** 64 - 1),
         "int8": (-128, 127), "int16": (-32768, 32767), "int32": (-2 ** 31, 2 ** 31 - 1), "int64": (-2 ** 63, 2 ** 63 - 1)}


def value_error(word, typ):
    """'' if ``word`` is a value of the YANG type ``typ`` (fixture form), else why not."""
    if "union" in typ:
        reasons = [value_error(word, member) for member in typ["union"]]
        return "" if "" in reasons else " and ".join(reasons)
    base = typ.get("base")
    if "typedef" in typ:
        check = TYPEDEFS.get(typ["typedef"])
        return "" if check is None or check(word) else "%r is not a Junos %s" % (word, typ["typedef"])
    if base == "enumeration":
        return "" if word in typ["enum"] else "%r is not one of %s" % (word, " ".join(typ["enum"]))
    if base in _INTS:
        if not re.match(r"^-?[0-9]+$", word):
            return "%r is not an integer" % word
        lo, hi = _INTS[base]
        if not lo <= int(word) <= hi or ("range" in typ and not _in_ranges(int(word), typ["range"])):
            return "%s is outside %s" % (word, typ.get("range") or "%d .. %d" % (lo, hi))
        return ""
    if base == "decimal64":
        return "" if re.match(r"^-?[0-9]+(\.[0-9]+)?$", word) else "%r is not a decimal" % word
    if base == "string" and "length" in typ and not _in_ranges(len(word), typ["length"]):
        return "%r is %d characters, not %s" % (word, len(word), typ["length"])
    if "posix" in typ and not _posix_match(typ["posix"], word):
        return "%r breaks %s%s" % (word, typ["posix"], " (%s)" % typ["message"] if "message" in typ else "")
    return ""


_POSIX_CLASSES = {"[:alnum:]": "a-zA-Z0-9", "[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:xdigit:]": "0-9a-fA-F",
                  "[:space:]": " \\t", "[:upper:]": "A-Z", "[:lower:]": "a-z"}


def _posix_match(pattern, word):
    """Junos's junos:posix-pattern: a POSIX extended regex, a leading "!" inverting it."""
    inverted = pattern.startswith("!")
    pattern = pattern[1:] if inverted else pattern
    for posix, python in _POSIX_CLASSES.items():
        pattern = pattern.replace(posix, python)
    return bool(re.search(pattern, word)) != inverted


def _keyword(key):
    return key[:-len("-name")] if key.endswith("-name") else key


class Schema:
    def __init__(self, data):
        self.source = data["source"]
        self.root = {"kind": "container", "children": data["tree"], "partial": True}

    def node(self, path):
        """The fixture node at a schema path (node names, as Verdict.path gives them)."""
        node = self.root
        for name in path:
            node = node["children"][name]
        return node

    @classmethod
    def load(cls, path=FIXTURE):
        with open(path, encoding="utf-8") as handle:
            return cls(json.load(handle))

    def check(self, words):
        """A Verdict for the words of one set line (without ``set``)."""
        node, i, path = self.root, 0, []
        while True:
            kids = node["children"]
            if i >= len(words):      # Junos takes a line ending at a container or list entry (then permit, multipath)
                return Verdict(True, path=tuple(path))
            name, child, width = self._statement({n: c for n, c in kids.items() if n not in node.get("key", ())}, words[i])
            if child is None:
                return Verdict(False, i, "%s: %r is not a statement here" % (path[-1] if path else "configuration",
                                                                             words[i]), tuple(path), not node.get("partial"))
            path.append(name)
            i += width
            if child["kind"] == "list":
                i, error = self._keys(child, words, i)
                if error:
                    return Verdict(False, min(i, len(words)), "%s: %s" % (name, error), tuple(path))
                node = child
            elif child["kind"] == "container":
                node = child
            else:
                i, error = self._leaf(child, words, i)
                if error:
                    return Verdict(False, min(i, len(words)), "%s: %s" % (name, error), tuple(path))
                if i >= len(words):
                    return Verdict(True, path=tuple(path))
                path.pop()     # another leaf of the same container may follow

    @staticmethod
    def _statement(kids, word):
        """(schema name, node, words its keyword takes) of the statement ``word`` starts, or (None, None, 0)."""
        if word in kids:
            return word, kids[word], 1
        for name, child in kids.items():
            if child["kind"] == "list" and len(child["key"]) > 1 and _keyword(child["key"][0]) == word:
                return name, child, 1       # "from-zone A to-zone B": the first key's keyword names the list
        for name, child in kids.items():
            if child.get("nokeyword") and child["kind"] in ("leaf", "leaf-list"):
                return name, child, 0       # the value follows its container's keyword: "autonomous-system 65011"
            if child["kind"] == "list" and child.get("hidden"):
                return name, child, 0       # the key stands alone: "interfaces st0"
        return None, None, 0

    @staticmethod
    def _keys(node, words, i):
        keys = node["key"]
        for n, key in enumerate(keys):
            if n:       # the second and later keys of a list are spelled with their keyword
                if i >= len(words) or words[i] != _keyword(key):
                    return i, "expecting %s" % _keyword(key)
                i += 1
            if i >= len(words):
                return i, "expecting its %s" % key
            error = value_error(words[i], node["children"][key]["type"])
            if error:
                return i, error
            i += 1
        return i, ""

    @staticmethod
    def _leaf(node, words, i):
        typ = node["type"]
        if typ.get("base") == "empty":
            return i, ""
        if i >= len(words):
            return i, "expecting a value"
        values, start = [words[i]], i
        if node["kind"] == "leaf-list" and words[i] == "[":
            end = words.index("]", i) if "]" in words[i:] else len(words)
            values, i = words[i + 1:end], end
            if i >= len(words) or not values:
                return start, "an unclosed or empty [ ] list"
        for offset, value in enumerate(values):
            error = value_error(value, typ)
            if error:
                return start + offset + (1 if words[start] == "[" else 0), error
        return i + 1, ""
