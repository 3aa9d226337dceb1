# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reduce VyOS's own command definitions to the fixtures the VyOS tests and twin judge with (issue 16).

VyOS 1.4 (sagitta) defines its configuration commands in vyos-1x's XML interface definitions
(``interface-definitions/*.xml.in`` with ``#include <include/...>`` fragments). VyOS 1.3 (equuleus) still takes
vpn ipsec, interfaces vti, protocols bgp/static and policy from the Vyatta ``node.def`` templates of
vyatta-cfg-vpn, vyatta-cfg-system and vyatta-cfg-quagga (vyos-1x 1.3.8 has no XML for them); only
``firewall options`` comes from vyos-1x's XML there.

Both are reduced to one JSON tree per release: per node its kind (node, tag, leaf), multi/valueless, and the value
rules the device applies when a ``set`` names it - regexes and named validators (1.4: a value passes if any
regex or validator of the constraint accepts it), value types, enums, numeric ranges, ``pattern`` regexes and
external checks (1.3: all must pass), and 1.3 expressions about other nodes (``relations``), the error message
the device prints, and the completion list. Only facts
are carried over; nothing of the vendor's code is.

Re-reduce from newer commits (mirrors as ``fetch github:vyos/<repo>`` leaves them):
    python lab/docgen/vyos_cli_tree.py --mirror /work/.mirror tests/fixtures/vendor/vyos
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# The subtrees the VyOS role renders (roles/cgw_vyos/templates/) and the twin judges from the tree.
SUBTREES = {
    "1.4": [["vpn", "ipsec"], ["interfaces", "vti"], ["protocols", "bgp"], ["policy", "prefix-list"],
            ["policy", "route-map"], ["protocols", "static", "route"]],
    "1.3": [["vpn", "ipsec"], ["interfaces", "vti"], ["protocols", "bgp"], ["policy", "prefix-list"],
            ["policy", "route-map"], ["protocols", "static", "route"], ["firewall", "options"]],
}
# (repository, ref, format, paths): the twins claim 1.4.3 and 1.3.8. The mirror of vyos-1x has no 1.4.3 tag (the
# 1.4 LTS tags after 1.4.0 are not public): the sagitta branch head is the nearest published 1.4 source. The
# Vyatta repositories carry no 1.3.7/1.3.8 tags: their equuleus heads are what 1.3.8 was built from (equal to
# their 1.3.6 tags for these templates).
SOURCES = {
    "1.4": [("vyos/vyos-1x", "sagitta", "xml", [
        "interface-definitions/vpn_ipsec.xml.in", "interface-definitions/interfaces_vti.xml.in",
        "interface-definitions/protocols_bgp.xml.in", "interface-definitions/policy.xml.in",
        "interface-definitions/protocols_static.xml.in"])],
    "1.3": [("vyos/vyatta-cfg-vpn", "equuleus", "nodedef", ["templates/vpn/ipsec"]),
            ("vyos/vyatta-cfg-system", "equuleus", "nodedef", ["templates/interfaces/vti"]),
            ("vyos/vyatta-cfg-quagga", "equuleus", "nodedef", [
                "templates/protocols/bgp", "templates/protocols/static/route", "templates/policy/prefix-list",
                "templates/policy/route-map"]),
            ("vyos/vyos-1x", "1.3.8", "xml", ["interface-definitions/firewall-options.xml.in"])],
}


class Repo:
    def __init__(self, mirror, name, ref):
        self.git = os.path.join(mirror, name.replace("/", "+"), "repo")
        self.name, self.ref = name, ref
        self.commit = self._git("rev-parse", ref + "^{commit}").strip()

    def _git(self, *args):
        return subprocess.run(["git", "-C", self.git] + list(args), check=True, capture_output=True,
                              text=True).stdout

    def show(self, path):
        return self._git("show", "%s:%s" % (self.commit, path))

    def files(self, under):
        return self._git("ls-tree", "-r", "--name-only", self.commit, under).split()


# -- the tree ---------------------------------------------------------------------------------------------------
def _child(parent, name):
    return parent.setdefault("children", {}).setdefault(name, {})


def _merge_list(node, key, values):
    if values:
        node[key] = node.get(key, []) + [v for v in values if v not in node.get(key, [])]


# -- 1.4: XML interface definitions -----------------------------------------------------------------------------
_INCLUDE = re.compile(r"^\s*#include <(include/[^>]+)>\s*$", re.M)


def _expand(repo, text, base="interface-definitions/"):
    return _INCLUDE.sub(lambda m: _expand(repo, repo.show(base + m.group(1)), base), text)


def _xml_constraint(element):
    out = {}
    for regex in element.findall("regex"):
        _merge_list(out, "regex", [regex.text.strip()])
    for validator in element.findall("validator"):
        # the name may carry arguments too ("file-path --lookup-path /sys/class/net --directory")
        name, _sep, inline = validator.get("name").partition(" ")
        argument = " ".join(part for part in (inline, validator.get("argument") or "") if part)
        _merge_list(out, "validators", [[name, argument]])
    return out


def _xml_properties(node, props):
    if props is None:
        return
    for flag in ("multi", "valueless"):
        if props.find(flag) is not None:
            node[flag] = True
    constraint = props.find("constraint")
    if constraint is not None:
        for key, values in _xml_constraint(constraint).items():
            _merge_list(node, key, values)
    groups = [_xml_constraint(group) for group in props.findall("constraintGroup")]
    if groups:
        node["groups"] = groups
    message = props.find("constraintErrorMessage")
    if message is not None:
        node["error"] = " ".join(message.text.split())
    for completion in props.findall("completionHelp/list"):
        _merge_list(node, "completion", completion.text.split())
    _merge_list(node, "formats", [f.text.strip() for f in props.findall("valueHelp/format")])


_KINDS = {"node": "node", "tagNode": "tag", "leafNode": "leaf"}


def _xml_walk(element, parent):
    for child in element.findall("children/*"):
        if child.tag not in _KINDS:
            continue
        node = _child(parent, child.get("name"))
        node["kind"] = _KINDS[child.tag]
        _xml_properties(node, child.find("properties"))
        _xml_walk(child, node)


def read_xml(repo, paths, root):
    for path in paths:
        document = ET.fromstring(_expand(repo, repo.show(path)))
        _xml_walk(_wrap(document), root)


def _wrap(document):
    """The top-level nodes of an interfaceDefinition, as children of one element."""
    holder = ET.Element("holder")
    children = ET.SubElement(holder, "children")
    children.extend(list(document))
    return holder


# -- 1.3: Vyatta node.def templates -----------------------------------------------------------------------------
_FIELD = re.compile(r"^(tag|multi|type|help|default|syntax:expression|commit:expression|val_help|comp_help|"
                    r"allowed|begin|end|create|delete|update|priority)\s*:", re.M)
_MESSAGE = re.compile(r'^(.*?)\s*;\s*"((?:[^"\\]|\\.)*)"\s*$', re.S)
_RANGE = re.compile(r"\$VAR\(@\)\s*>=\s*(\d+)\s*&&\s*\$VAR\(@\)\s*<=\s*(\d+)")
_EQUAL = re.compile(r"\$VAR\(@\)\s*==\s*(\d+)")


def _fields(text):
    marks = list(_FIELD.finditer(text))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        yield mark.group(1), text[mark.end():end].strip()


def _syntax(node, expression):
    """One ``syntax:expression:`` as the device checks it: enum, numeric ranges, pattern or external check."""
    expression = " ".join(expression.replace("\\\n", " ").split())
    found = _MESSAGE.match(expression)
    body, message = (found.group(1), found.group(2)) if found else (expression, "")
    if message:
        node["error"] = message.replace('\\"', '"')
    if re.search(r"\$VAR\(\.\.?/", body):    # about other nodes ("goto" only without "next"), not the value
        _merge_list(node, "relations", [body])
    elif re.match(r"^\$VAR\(@\) in ", body):
        _merge_list(node, "enum", re.findall(r'"([^"]*)"', body))
    elif body.startswith("pattern "):
        _merge_list(node, "patterns", [re.match(r'pattern \$VAR\(@\) "(.*)"$', body).group(1)])
    elif body.startswith("exec "):
        _merge_list(node, "checks", [body[5:].strip()])
    elif _RANGE.search(body) or _EQUAL.search(body):
        ranges = [[int(lo), int(hi)] for lo, hi in _RANGE.findall(body)]
        ranges += [[int(n), int(n)] for n in _EQUAL.findall(body)]
        node.setdefault("ranges", []).extend(ranges)
    else:
        _merge_list(node, "checks", [body])


def _nodedef(node, text, has_children):
    types = []
    for name, value in _fields(text):
        if name == "tag":
            node["kind"] = "tag"
            if value.isdigit():     # "tag:1": at most that many tag values (1.3: one BGP AS)
                node["limit"] = int(value)
        elif name == "multi":
            node["multi"] = True
        elif name == "type":
            types += [t.strip() for t in value.split(",") if t.strip()]
        elif name == "syntax:expression":
            _syntax(node, value)
        elif name == "allowed":
            listed = re.match(r'^echo\s+"([^"$]*)"$', value)
            if listed:
                _merge_list(node, "completion", listed.group(1).split())
        elif name == "val_help":
            _merge_list(node, "formats", [value.split(";")[0].strip()])
    if types:
        node["types"] = types
    if "kind" not in node:
        node["kind"] = "leaf" if types or not has_children else "node"
        if not types and not has_children:
            node["valueless"] = True


def read_nodedefs(repo, under, root):
    files = [f for f in repo.files(under) if f.endswith("/node.def")]
    dirs = {f[:-len("/node.def")] for f in files}
    for path in sorted(files, key=len):
        where = path[:-len("/node.def")]
        words = [w for w in where[len("templates/"):].split("/") if w != "node.tag"]
        node = root
        for word in words:
            node = _child(node, word)
        has_children = any(d.startswith(where + "/") for d in dirs)
        _nodedef(node, repo.show(path), has_children)
    # the path above the subtree: plain nodes
    node, words = root, under[len("templates/"):].split("/")
    for word in words[:-1]:
        node = _child(node, word)
        node.setdefault("kind", "node")


# -- the fixture ----------------------------------------------------------------------------------------------
def _keep(root, subtrees):
    """Only the subtrees the role renders, with the plain nodes above them."""
    out = {}
    for path in subtrees:
        source, target = root, out
        for depth, word in enumerate(path):
            source = source["children"][word]
            node = _child(target, word)
            if depth == len(path) - 1:
                node.update(source)
            else:
                node["kind"] = source["kind"]
            target = node
    return out["children"]


def reduce_release(release, mirror, fetched):
    root, sources = {}, []
    for name, ref, kind, paths in SOURCES[release]:
        repo = Repo(mirror, name, ref)
        sources.append({"repository": "https://github.com/" + name, "ref": ref, "commit": repo.commit,
                        "paths": paths, "format": "vyos-1x XML interface definitions" if kind == "xml"
                        else "Vyatta node.def templates", "fetched": fetched})
        if kind == "xml":
            read_xml(repo, paths, root)
        else:
            for under in paths:
                read_nodedefs(repo, under, root)
    return {
        "release": release,
        "about": "VyOS %s configuration command tree, reduced by lab/docgen/vyos_cli_tree.py (issue 16): the "
                 "subtrees the VyOS role renders, with each node's kind and value rules. Facts only." % release,
        "sources": sources,
        "subtrees": [" ".join(p) for p in SUBTREES[release]],
        "tree": _keep(root, SUBTREES[release]),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="output directory (tests/fixtures/vendor/vyos)")
    parser.add_argument("--mirror", default="/work/.mirror", help="directory of <owner>+<name>/repo git mirrors")
    parser.add_argument("--fetched", default=datetime.date.today().isoformat(), help="date the mirrors were fetched")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for release in SOURCES:
        path = os.path.join(args.out, "cli-tree-%s.json" % release)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(reduce_release(release, args.mirror, args.fetched), handle, indent=1, sort_keys=True)
            handle.write("\n")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
