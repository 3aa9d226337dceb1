# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reduce Cisco's IOS-XE YANG to the command fixture the IOS-XE tests and twin judge crypto lines with (issue 16).

Cisco publishes its native IOS-XE model in github.com/YangModels/yang (``vendor/cisco/xe/<release>/``). This reads
the statements behind every command the cgw_ios role renders - IKEv2 proposal/policy/keyring/profile, IPsec
transform-set/profile, the tunnel interface - and writes their keywords, enumerations and ranges to
``tests/fixtures/vendor/ios/crypto-commands.json`` with the source (repository, release, paths, commit, date).

    python lab/docgen/ios_yang_fixture.py <YangModels/yang git dir> [release]    # release default 1791 (17.9.1)

Only facts are carried over (names, enums, ranges, the ``when`` rules between transform-set words); the
mapping of a YANG node to its CLI words is the table ``COMMANDS`` below, from Cisco's command references where
the YANG names differ from the CLI (a YANG identifier cannot start with a digit: ``en-3des`` is ``3des``,
``fourteen`` is ``14``).
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import subprocess
import sys

REPOSITORY = "https://github.com/YangModels/yang"
OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "vendor" / "ios" / "crypto-commands.json"
MODULES = {   # module file -> the groupings of it the commands start from
    "Cisco-IOS-XE-crypto": "crypto",
    "Cisco-IOS-XE-interfaces": "interfaces",
    "Cisco-IOS-XE-tunnel": "tunnel",
    "Cisco-IOS-XE-types": "types",
}
# (module, grouping) -> {command: YANG path below the grouping}. A node is a leaf (its type), a container of empty
# leaves (keywords: one or more of them on the line), a list (its key) or a presence container (the words alone).
GROUPINGS = {
    ("crypto", "crypto-ikev2-grouping"): {
        "crypto ikev2 proposal": "proposal",
        "crypto ikev2 proposal / encryption": "proposal/encryption",
        "crypto ikev2 proposal / integrity": "proposal/integrity",
        "crypto ikev2 proposal / prf": "proposal/prf",
        "crypto ikev2 proposal / group": "proposal/group",
        "crypto ikev2 policy": "policy",
        "crypto ikev2 policy / match address local": "policy/match/address/local-ip",
        "crypto ikev2 policy / proposal": "policy/proposal",
        "crypto ikev2 keyring": "keyring",
        "crypto ikev2 keyring / peer": "keyring/peer",
        "crypto ikev2 keyring / peer / address": "keyring/peer/address/ipv4/ipv4-address",
        "crypto ikev2 keyring / peer / address ipv6": "keyring/peer/address/ipv6-prefix",
        "crypto ikev2 keyring / peer / pre-shared-key": "keyring/peer/pre-shared-key/key",
        "crypto ikev2 profile": "profile",
        "crypto ikev2 profile / match identity remote address":
            "profile/match/identity/remote/address/ipv4/ipv4-address",
        "crypto ikev2 profile / match identity remote address / mask":
            "profile/match/identity/remote/address/ipv4/ipv4-mask",
        "crypto ikev2 profile / match identity remote address ipv6": "profile/match/identity/remote/address/ipv6-prefix",
        "crypto ikev2 profile / identity local address": "profile/identity/local/address",
        "crypto ikev2 profile / authentication local pre-share": "profile/authentication/local/pre-share",
        "crypto ikev2 profile / authentication remote pre-share": "profile/authentication/remote/pre-share",
        "crypto ikev2 profile / keyring local": "profile/keyring/local/name",
        "crypto ikev2 profile / lifetime": "profile/lifetime/seconds",
        "crypto ikev2 profile / dpd / interval": "profile/dpd/interval",
        "crypto ikev2 profile / dpd / retry": "profile/dpd/retry",
        "crypto ikev2 profile / dpd / query": "profile/dpd/query",
    },
    ("crypto", "crypto-ipsec-grouping"): {
        "crypto ipsec transform-set": "transform-set",
        "crypto ipsec transform-set / esp": "transform-set/esp",
        "crypto ipsec transform-set / key-bit": "transform-set/key-bit",
        "crypto ipsec transform-set / esp-hmac": "transform-set/esp-hmac",
        "crypto ipsec transform-set / mode": "transform-set/mode",
        "crypto ipsec profile": "profile",
    },
    ("crypto", "crypto-ipsec-profile-grouping"): {
        "crypto ipsec profile / set transform-set": "set/transform-set",
        "crypto ipsec profile / set pfs group": "set/pfs/group",
        "crypto ipsec profile / set ikev2-profile": "set/ikev2-profile",
        "crypto ipsec profile / set security-association lifetime seconds": "set/security-association/lifetime/seconds",
        "crypto ipsec profile / set security-association dfbit": "set/security-association/dfbit",
        "crypto ipsec profile / set security-association replay window-size":
            "set/security-association/replay/window-size",
    },
    ("interfaces", "interface-common-grouping"): {
        "interface Tunnel / description": "description",
        "interface Tunnel / ip address": "ip/address/primary/address",
        "interface Tunnel / ip address / mask": "ip/address/primary/mask",
        "interface Tunnel / ip mtu": "ip/mtu",
        "interface Tunnel / ip tcp adjust-mss": "ip/tcp/adjust-mss",
    },
    ("tunnel", "config-interface-tunnel-grouping"): {
        "interface Tunnel / tunnel source": "tunnel/source",
        "interface Tunnel / tunnel destination": "tunnel/destination-config/ipv4",
        "interface Tunnel / tunnel mode ipsec ipv4": "tunnel/mode/ipsec/ipv4",
        # IPv6 outside addresses (AWS's Ipv6 outside type) with IPv4 inside: `tunnel mode ipsec ipv6 v4-overlay`
        "interface Tunnel / tunnel destination ipv6": "tunnel/destination-config/ipv6",
        "interface Tunnel / tunnel mode ipsec ipv6": "tunnel/mode/ipsec/ipv6",
    },
    ("crypto", "config-interface-tunnel-ipsec-grouping"): {
        "interface Tunnel / tunnel protection ipsec profile": "ipsec/profile-option/name",
    },
}
COMMANDS = {command: (module, grouping, path) for (module, grouping), paths in GROUPINGS.items()
            for command, path in paths.items()}
# Limits the YANG does not state (its leaf-lists carry no max-elements), from Cisco's command references.
LIMITS = {
    "crypto ipsec profile / set transform-set": {
        "max": 6, "source": "Cisco IOS Security Command Reference: Commands S to Z, `set transform-set`: "
                            "transform-set-name [transform-set-name2 ... transform-set-name6]"},
}
# YANG identifiers spell a leading number; the CLI word is the number (Cisco IOS Security Command Reference,
# `group` in IKEv2 proposal configuration mode: "group {1 | 2 | 5 | 14 | 15 | 16 | 19 | 20 | 21 | 24}").
_NUMBER_WORDS = {"one": "1", "two": "2", "five": "5", "fourteen": "14", "fifteen": "15", "sixteen": "16",
                 "nineteen": "19", "twenty": "20", "twenty-one": "21", "twenty-four": "24"}
_CLI_WORD = {"en-3des": "3des"}
_DATA = ("container", "list", "leaf", "leaf-list")
_TOKEN = re.compile(r'\s*(?://[^\n]*|/\*.*?\*/|"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([{};])|([^\s{};"\']+))', re.S)


class Stmt:
    def __init__(self, keyword, arg, children):
        self.keyword, self.arg, self.children = keyword, arg, children

    def sub(self, keyword):
        return next((c for c in self.children if c.keyword == keyword), None)

    def all(self, keyword):
        return [c for c in self.children if c.keyword == keyword]


def parse(text):
    """YANG text -> its top-level statements (keyword, argument with '+'-joined strings, children)."""
    tokens = [m for m in _TOKEN.finditer(text) if m.group(1) is not None or m.group(2) is not None
              or m.group(3) or m.group(4)]
    pos = 0

    def block():
        nonlocal pos
        out = []
        while pos < len(tokens) and tokens[pos].group(3) != "}":
            keyword = tokens[pos].group(4)
            pos += 1
            parts = []
            while tokens[pos].group(3) is None:
                token = tokens[pos]
                if token.group(4) != "+":
                    parts.append(token.group(4) if token.group(4) is not None else token.group(1) or token.group(2) or "")
                pos += 1
            arg = "".join(parts) if parts else None
            children = []
            if tokens[pos].group(3) == "{":
                pos += 1
                children = block()
            pos += 1    # ';' or '}'
            out.append(Stmt(keyword, arg, children))
        return out

    return block()


class Schema:
    """The loaded modules (and submodules): groupings and typedefs by name, imports by prefix."""

    def __init__(self, texts):
        self.modules = {}
        for short, text in texts.items():
            (top,) = parse(text)
            prefixes = {i.sub("prefix").arg: i.arg for i in top.all("import")}
            self.modules[top.arg] = {"short": short, "top": top, "prefixes": prefixes,
                                     "groupings": {g.arg: g for g in top.all("grouping")},
                                     "typedefs": {t.arg: t for t in top.all("typedef")}}
        self.by_short = {m["short"]: name for name, m in self.modules.items()}

    def _lookup(self, module, kind, ref):
        prefix, _sep, name = ref.rpartition(":")
        target = self.modules[module]["prefixes"].get(prefix, module) if prefix else module
        if target in self.modules and name in self.modules[target][kind]:
            return target, self.modules[target][kind][name]
        return None, None

    def data_children(self, module, stmt):
        """(module, statement) of the data nodes under ``stmt``: uses expanded, choice/case see-through."""
        for child in stmt.children:
            if child.keyword in _DATA:
                yield module, child
            elif child.keyword in ("choice", "case"):
                yield from self.data_children(module, child)
            elif child.keyword == "uses":
                where, grouping = self._lookup(module, "groupings", child.arg)
                if grouping is not None:
                    yield from self.data_children(where, grouping)

    def node(self, short, grouping, path):
        module = self.by_short[short]
        where, stmt = module, self.modules[module]["groupings"][grouping]
        for name in path.split("/"):
            where, stmt = next(((m, c) for m, c in self.data_children(where, stmt) if c.arg == name), (None, None))
            if stmt is None:
                raise KeyError("%s: no %s under grouping %s" % (short, path, grouping))
        return where, stmt

    def type_of(self, module, type_stmt):
        """{base, enum, range, pattern} of a leaf's type, typedefs followed."""
        out = {}
        while True:
            if type_stmt.sub("range") is not None and "range" not in out:
                out["range"] = [[int(x) for x in part.split("..")] if ".." in part else [int(part)] * 2
                                for part in type_stmt.sub("range").arg.replace(" ", "").split("|")]
            if type_stmt.sub("length") is not None and "length" not in out:
                out["length"] = type_stmt.sub("length").arg
            if type_stmt.all("enum") and "enum" not in out:
                out["enum"] = [e.arg for e in type_stmt.all("enum")]
            if type_stmt.arg == "union":
                out["union"] = [self.type_of(module, t) for t in type_stmt.all("type")]
            where, typedef = self._lookup(module, "typedefs", type_stmt.arg)
            if typedef is None:
                out.setdefault("base", type_stmt.arg)
                return out
            out.setdefault("typedef", type_stmt.arg)
            module, type_stmt = where, typedef.sub("type")


def _cli(name):
    return _NUMBER_WORDS.get(name, _CLI_WORD.get(name, name))


def describe(schema, module, stmt):
    """What a command's node allows, in the fixture's terms."""
    out = {"yang": stmt.keyword}
    if stmt.keyword == "list":
        key = stmt.sub("key").arg
        out["key"] = key
        out["key_type"] = next(schema.type_of(m, c.sub("type")) for m, c in schema.data_children(module, stmt) if c.arg == key)
    elif stmt.keyword in ("leaf", "leaf-list"):
        out.update(schema.type_of(module, stmt.sub("type")))
        if stmt.sub("when") is not None:
            out["when_not"] = re.findall(r"!=\s*'([^']+)'", stmt.sub("when").arg)
        if stmt.sub("max-elements") is not None:
            out["max_elements"] = int(stmt.sub("max-elements").arg)
    else:
        children = list(schema.data_children(module, stmt))
        if children and all(c.keyword == "leaf" and c.sub("type").arg == "empty" for _m, c in children):
            out["keywords"] = {_cli(c.arg): c.arg for _m, c in children if c.sub("status") is None}
        elif stmt.arg == "mode":     # transform-set mode: one of the cases' choices (tunnel-choice, transport-choice)
            out["keywords"] = {c.arg.replace("-choice", ""): c.arg for _m, c in children if c.arg.endswith("-choice")}
        out["presence"] = stmt.sub("presence") is not None
    return out


def _git(git_dir, *args):
    return subprocess.run(["git", "-C", str(git_dir)] + list(args), check=True, capture_output=True, text=True).stdout


def reduce(git_dir, release="1791"):
    commit = _git(git_dir, "rev-parse", "HEAD").strip()
    paths = {short: "vendor/cisco/xe/%s/%s.yang" % (release, name) for name, short in MODULES.items()}
    schema = Schema({short: _git(git_dir, "show", "%s:%s" % (commit, path)) for short, path in paths.items()})
    commands = {}
    for command, (short, grouping, path) in COMMANDS.items():
        module, stmt = schema.node(short, grouping, path)
        commands[command] = dict(describe(schema, module, stmt), source="%s: grouping %s / %s" % (
            schema.modules[module]["short"], grouping, path))
    return {
        "source": {"repository": REPOSITORY, "release": release, "commit": commit, "paths": sorted(paths.values()),
                   "fetched": datetime.date.today().isoformat(),
                   "reduced_by": "lab/docgen/ios_yang_fixture.py"},
        "commands": commands,
        "limits": LIMITS,
    }


def main(argv):
    fixture = reduce(argv[1], *argv[2:3])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("%s: %d commands from %s@%s" % (OUT, len(fixture["commands"]), REPOSITORY, fixture["source"]["commit"][:12]))


if __name__ == "__main__":
    main(sys.argv)
