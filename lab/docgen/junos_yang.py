# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reduce Juniper's published configuration YANG (github.com/Juniper/yang) to the subtrees the cgw_junos role touches.

    python lab/docgen/junos_yang.py GITDIR [--release 23.4/23.4R2] [--out tests/fixtures/vendor/junos/...json]

GITDIR is a clone (or bare mirror) of Juniper/yang; the models are read from its HEAD with ``git show``. The output
is a compact tree: per node its kind (container, list, leaf, leaf-list), list keys, leaf types (base type or Junos
typedef, enums, ranges, lengths, Junos's POSIX patterns and their messages), Junos's ``nokeyword`` CLI feature (a leaf
whose value follows its parent's keyword: ``autonomous-system 65011``), lists spelled by their key alone (``interfaces
st0``, ``prefix-list P 10.0.0.0/8``: in Juniper's models these are the lists without a description), and the source
it came from. The models "with extensions" carry these CLI facts. Re-run it
against a newer Juniper/yang commit and commit the new fixture: the unit tests read only the fixture.

How YANG maps to the CLI here (facts of Juniper's models, checked against the CLI spellings of Juniper's and AWS's
samples): choices and cases are not CLI words (their nodes sit in the parent); ``uses`` copies a grouping;
union members matching only ``<...>``/``$...`` (Junos configuration-group wildcards and variables) are dropped.
The ``apply-advanced`` grouping (apply-groups, apply-macro at every level) is left out below the root.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess

RELEASE = "23.4/23.4R2"
FAMILY = "junos-es"      # SRX ("enhanced services")
MODULES = ("root", "security", "interfaces", "protocols", "policy-options", "routing-options", "system")
OUT = os.path.join("tests", "fixtures", "vendor", "junos", "yang-cgw.json")

_MATCH = {"prefix-list": "*", "route-filter": "*", "protocol": "*", "community": "*", "as-path": "*", "neighbor": "*"}
# What to keep, from the configuration root: a dict names children to keep, "*" keeps the whole subtree.
KEEP = {
    "apply-macro": "*",
    "security": {
        "ike": {"proposal": "*", "policy": "*", "gateway": "*"},
        "ipsec": {"proposal": "*", "policy": "*", "vpn": "*"},
        "zones": {"security-zone": "*"},
        "policies": {"policy": "*"},
        "flow": {"tcp-mss": "*"},
    },
    "interfaces": {"interface": {"name": "*", "description": "*", "mtu": "*", "unit": {
        "name": "*", "description": "*", "family": {"inet": {"address": {"name": "*"}, "mtu": "*", "dhcp": {}}}}}},
    # BGP and policies: everything but the address families and match conditions the role never uses
    "protocols": {"bgp": {"group": {"*": "*", "family": {"inet": "*"}, "neighbor": {"*": "*", "family": {"inet": "*"}}}}},
    "policy-options": {"prefix-list": "*", "policy-statement": {"*": "*", "from": _MATCH, "term": {
        "*": "*", "from": _MATCH}}},
    "routing-options": {"autonomous-system": "*", "router-id": "*", "static": {"route": "*"},
                        "forwarding-table": {"export": "*"}},
    "system": {"host-name": "*", "services": {"ssh": {}, "netconf": {"ssh": {}}}},
}
_WILDCARD = re.compile(r"^<\.\*>\|\$\.\*$")


# -- a small YANG reader: statements as (keyword, argument, substatements) ------------------------------------------
_TOKEN = re.compile(r'\s+|//[^\n]*|/\*.*?\*/|"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([{};+])|([^\s{};"\']+)', re.S)


def tokens(text):
    for match in _TOKEN.finditer(text):
        dquoted, squoted, punct, word = match.groups()
        if dquoted is not None:
            yield ("str", dquoted.replace('\\"', '"').replace("\\'", "'").replace("\\\\", "\\"))
        elif squoted is not None:
            yield ("str", squoted)
        elif punct:
            yield (punct, punct)
        elif word:
            yield ("str", word)


def parse(text):
    """[(keyword, argument, [substatements])] of a module's text."""
    stack, current, pending = [], [], []
    for kind, value in tokens(text):
        if kind == "str":
            if pending and pending[-1] == "+":
                pending[-2] += value
                pending.pop()
            else:
                pending.append(value)
        elif kind == "+":
            pending.append("+")
        elif kind == ";":
            current.append((pending[0], pending[1] if len(pending) > 1 else None, []))
            pending = []
        elif kind == "{":
            node = (pending[0], pending[1] if len(pending) > 1 else None, [])
            current.append(node)
            stack.append(current)
            current, pending = node[2], []
        else:
            current = stack.pop()
    return current


def _local(name):
    return name.split(":")[-1]


def _wanted(keep, name):
    """What to keep of child ``name``: "*" all, a dict some, None nothing. A dict's "*" entry applies to every child
    it does not name."""
    if keep == "*":
        return "*"
    keep = keep or {}
    return keep.get(name, keep.get("*"))


class Reader:
    def __init__(self, modules):
        self.groupings = {}
        self.roots = []
        for statements in modules:
            for module in statements:
                for sub in module[2]:
                    if sub[0] == "grouping":
                        self.groupings.setdefault(sub[1], sub[2])
                    elif sub[0] == "augment" and _local(sub[1]) == "configuration":
                        self.roots.extend(sub[2])
                    elif sub[0] == "container" and sub[1] == "configuration":
                        self.roots.extend(sub[2])     # the root's own statements (apply-macro: the undo record)

    def children(self, statements):
        """Data nodes below a node: uses expanded (but apply-advanced: apply-groups/apply-macro everywhere), choice and
        case flattened."""
        out = []
        for keyword, arg, subs in statements:
            if keyword == "uses":
                if _local(arg) != "apply-advanced":
                    out.extend(self.children(self.groupings[_local(arg)]))
            elif keyword in ("choice", "case"):
                out.extend(self.children(subs))
            elif keyword in ("container", "list", "leaf", "leaf-list"):
                out.append((keyword, arg, subs))
        return out

    def node(self, keyword, subs, keep):
        out = {"kind": keyword}
        props = {k: a for k, a, _s in subs if k in ("key", "max-elements", "description")}
        if keyword == "list":
            out["key"] = props["key"].split()
            if "description" not in props:
                # Juniper's lists without a description are the statements the CLI spells by their key alone:
                # "interfaces st0", "prefix-list P 10.0.0.0/8", "apply-macro M param value"
                out["hidden"] = True
        if keyword == "leaf" and ("junos:cli-feature", "nokeyword", []) in subs:
            out["nokeyword"] = True        # the value without the leaf's name: "autonomous-system 65011"
        if keyword in ("leaf", "leaf-list"):
            out["type"] = self.type(next(s for k, _a, s in subs if k == "type"), next(a for k, a, _s in subs if k == "type"))
        if "max-elements" in props:
            out["max"] = int(props["max-elements"])
        if keyword in ("container", "list"):
            if keep != "*" and "*" not in (keep or {}):
                out["partial"] = True      # only some statements kept: the others are not judged, not refused
            kids = {}
            for kind, name, sub in self.children(subs):
                want = _wanted(keep, name)
                if want is not None or (keyword == "list" and name in out.get("key", ())):
                    kids[name] = self.node(kind, sub, want if want is not None else {})
            out["children"] = kids
        return out

    def type(self, subs, name):
        base = _local(name)
        out = {"base": base} if ":" not in name else {"typedef": base}
        for keyword, arg, sub in subs:
            if keyword == "enum":
                out.setdefault("enum", []).append(arg)
            elif keyword in ("range", "length"):
                out[keyword] = arg
            elif keyword == "pattern" and not _WILDCARD.match(arg):
                out.setdefault("pattern", []).append(arg)
            elif keyword == "junos:posix-pattern":
                out["posix"] = arg
                message = next((a for k, a, _s in subs if k == "junos:pattern-message"), None)
                if message:
                    out["message"] = message
            elif keyword == "type":
                # a union member that is only a string of group wildcards or variables ("<*>", "$x") is no value
                wildcard = arg == "string" and sub and all(k == "pattern" and _WILDCARD.match(a) for k, a, _s in sub)
                if not wildcard:
                    out.setdefault("union", []).append(self.type(sub, arg))
        if "union" in out and len(out["union"]) == 1:
            return out["union"][0]
        return out

    def reduce(self, keep):
        """The configuration root's statements named in ``keep``, reduced (the root itself is partial)."""
        tree = {}
        for kind, name, subs in self.children(self.roots):
            if name in keep:
                tree[name] = self.node(kind, subs, keep[name])
        return tree


def _git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir] + list(args), check=True, capture_output=True, text=True).stdout


def build(gitdir, release=RELEASE):
    folder = "%s/native/conf-and-rpcs/%s/conf-with-extensions/models" % (release, FAMILY)
    names = _git(gitdir, "ls-tree", "--name-only", "HEAD:" + folder).split()
    paths = ["%s/%s" % (folder, next(n for n in names if n.startswith("%s-conf-%s@" % (FAMILY, m)))) for m in MODULES]
    reader = Reader([parse(_git(gitdir, "show", "HEAD:" + path)) for path in paths])
    return {
        "source": {"repository": "https://github.com/Juniper/yang", "commit": _git(gitdir, "rev-parse", "HEAD").strip(),
                   "paths": paths, "fetched": datetime.date.today().isoformat(),
                   "reduced_by": "lab/docgen/junos_yang.py", "release": release, "family": FAMILY},
        "tree": reader.reduce(KEEP),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gitdir")
    parser.add_argument("--release", default=RELEASE)
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args(argv)
    data = build(args.gitdir, args.release)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=None, separators=(",", ":"), sort_keys=False)
        handle.write("\n")
    print("%s: %d bytes" % (args.out, os.path.getsize(args.out)))


if __name__ == "__main__":
    main()
