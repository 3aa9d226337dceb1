# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cisco IOS-XE: indented running config, ``configure terminal lock``, archive and ``configure replace``."""

from __future__ import annotations

import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_drift
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import ios as reader
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import trees
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base, parts

_NOISE = ("!", "end", "exit-address-family", "Building configuration", "Current configuration")
# IOS-XE removes users before what they use: routes, interfaces, then these, in this order.
_ORDER = ("crypto ipsec profile", "crypto ipsec transform-set", "crypto ikev2 profile", "crypto ikev2 keyring",
          "crypto ikev2 policy", "crypto ikev2 proposal", "route-map", "ip prefix-list")


def _object(line: str, names, interfaces):
    """The `no` form of a top-level IOS line that belongs to one of ``names``, else None."""
    if line.startswith("ip route ") and line.split()[-1] in interfaces:
        return "no " + line.strip()
    if not any(re.search(r"\b%s(?:-|\b)" % re.escape(n), line) for n in names):
        return None
    words = line.split()
    if line.startswith("ip prefix-list "):
        return "no ip prefix-list %s" % words[2]
    if line.startswith("route-map "):
        return "no route-map %s" % words[1]
    if line.startswith("crypto ipsec transform-set "):
        return "no crypto ipsec transform-set %s" % words[3]
    if line.startswith("crypto "):
        return "no " + " ".join(words[:4])
    return None


def archive_block(text):
    """The ``archive`` block (its line and the indented ones under it) of a running config; [] when none."""
    lines = cgw_drift.lines(text)
    for start, line in enumerate(lines):
        if line == "archive":
            end = start + 1
            while end < len(lines) and lines[end].startswith((" ", "\t")):
                end += 1
            return lines[start:end]
    return []


class Record(parts.RecordSyntax):
    """``event manager environment s2s_undo_<id> <block> | <setting> [= <prior line>]`` (an EEM environment variable)."""

    SHARED = (parts.Shared(("archive", "path"), 2, True), parts.Shared(("archive", "maximum"), 2, True),
              parts.Shared(("router bgp", "bgp log-neighbor-changes"), None, False),
              parts.Shared(("router bgp", "address-family ipv4", "network"), None, False),
              parts.Shared(("router bgp", "address-family ipv4", "maximum-paths"), 3, True))
    SEP = " | "
    BLOCKS = True
    _ENTRY = re.compile(r"^event manager environment s2s_undo_(\w+) (.*)$")
    _NOISE = ("end", "exit-address-family")
    _HEADERS = ("!", "Building configuration", "Current configuration")

    def paths(self, text):
        """Every line of an indented IOS text, as the tuple of its block lines and itself."""
        out, stack = [], []
        for line in (text or "").splitlines():
            body = line.strip()
            if body and body not in self._NOISE and not body.startswith(self._HEADERS):
                stack = stack[:len(line) - len(line.lstrip(" "))] + [body]
                out.append(tuple(stack))
        return out

    def value(self, key, held):
        return held[len(key) - 1]

    def record_line(self, entry_id, text):
        return "event manager environment s2s_undo_%s %s" % (entry_id, text)

    def record(self, text):
        found = (self._ENTRY.match(line) for line in (text or "").splitlines())
        return {m.group(1): m.group(2).strip() for m in found if m}

    def drop(self, entry_ids, _everything):
        return [((), "no event manager environment s2s_undo_%s" % i) for i in entry_ids]

    def undo(self, key, prior, current):
        """(block lines to enter, line): the prior line, or the ``no`` form of what the device holds."""
        return key[:-1], prior if prior is not None else "no " + current[len(key) - 1]


class Ios(base.Dialect):
    name = "ios"
    title = "IOS-XE"
    network_os = ("cisco.ios.ios", "ios")
    config_command = "show running-config"
    indented = True
    interface_head = r"^interface Tunnel(\d+)\s*$"
    interface_description = r"^\s+description\s+(.*)$"
    policy_head = r"^route-map (\S+) "
    prepend_line = r"^\s+set as-path prepend\b"
    grouped_ike_proposals = True
    max_esp_proposals = 6   # `set transform-set` takes at most six
    lock_command = "configure terminal lock"
    # Cisco "Exclusive Configuration Change Access and Access Session Locking" (IOS XE 17.x System Management guide)
    lock_refusal = r"Configuration mode locked exclusively by (user '[^']*' process '\d+' from terminal '\d+')"
    config_prompt = r"\(config[^)]*\)#\s*$"
    release = ("end",)
    settle = ("configure terminal lock", "end")
    unchanged = "nothing had changed"
    # `copy flash:<file> running-config` merges the file into the running config, as if its lines were typed
    # (Cisco IOS XE Configuration Fundamentals: "copy"); the file gets there by SCP (`ip scp server enable`).
    load_file = "flash:hybridvpn-s2s-{}.cfg"
    state_commands = ("show crypto ikev2 sa", "show crypto ipsec sa", "show ip bgp summary")
    ike_up = r"\bREADY\b"
    secret_value = r"(\bpre-shared-key\b[ \t]*).+$"
    diagnosis_show = {"ike": "show crypto ikev2 sa detailed", "ipsec": "show crypto ipsec sa peer {peer}",
                      "bgp": "show ip bgp neighbors {neighbor}", "log": "show logging | include IKEV2|CRYPTO|BGP",
                      "clear": "clear crypto session remote {peer}"}
    diagnosis_fix = {
        "psk": "crypto ikev2 keyring <keyring> / peer <name> / address {peer} / pre-shared-key <the tunnel's key>",
        "ike": "crypto ikev2 proposal <name> / encryption {encryption} / integrity {integrity} / group {dh}",
        "ipsec": "crypto ipsec transform-set <name> {encryption} {integrity} / set pfs {dh} in the ipsec profile",
        "bgp": "router bgp {cgw_asn} / neighbor {aws_inside_ip} remote-as {amazon_asn} / neighbor {aws_inside_ip} timers 10 30 30",
        "inside": "interface Tunnel<n> / ip address {cgw_inside_ip} 255.255.255.252",
    }
    record = Record()
    # AWS's required additional key exchange rounds (RFC 9370, ML-KEM) need the device to run them too.
    no_additional_key_exchanges = (
        "IOS-XE 17.x has no IKEv2 additional key exchange; ML-KEM came with IOS XE 26.1.1 on Cisco 8000 Series Secure "
        "Routers (https://www.cisco.com/c/en/us/td/docs/routers/ios-xe/security-vpn/security-vpn/m-pqc-ikev2.html), "
        "a release the collection does not support yet")

    def parse(self, text, source):
        return reader.build(trees.indented_tree(text, _NOISE), source)

    def removal(self, config_text, remove, discovered):
        """Flat commands for cli_config (indented lines belong to the line above them)."""
        names = parts.connection_names(remove)
        tunnel_ids = {tid for entry in remove for tid in entry["tunnel_ids"]}
        interfaces = ["Tunnel%d" % n for tid, n in sorted((discovered or {}).get("owned", {}).items())
                      if tid in tunnel_ids]
        found, bgp_asn, neighbors = [], None, []
        for line in (config_text or "").splitlines():
            if line.startswith("router bgp "):
                bgp_asn = line.split()[2]
            match = re.match(r"^ neighbor (\S+) description (\S+)", line)
            if match and match.group(2) in tunnel_ids:
                neighbors.append(match.group(1))
            if not line.startswith(" "):
                command = _object(line, names, interfaces)
                if command and command not in found:
                    found.append(command)
        commands = [c for c in found if c.startswith("no ip route ")]
        commands.extend("no interface %s" % name for name in interfaces)
        for prefix in _ORDER:
            commands.extend(c for c in found if c.startswith("no " + prefix))
        if neighbors and bgp_asn:
            commands.append("router bgp %s" % bgp_asn)
            commands.extend(" no neighbor %s" % n for n in neighbors)
        return commands, ["neighbor %s " % n for n in neighbors]

    def ipsec_up(self, text, tunnel):
        """`show crypto ipsec sa` is one block per interface; a block with an ACTIVE SA is up."""
        block = re.search(r"interface: %s\b(.*?)(?=\ninterface: |\Z)" % re.escape("Tunnel%d" % tunnel["number"]), text, re.S)
        return bool(block and re.search(r"Status: ACTIVE", block.group(1)))

    def load_from_file(self, name):
        """In configuration mode (the push's locked session): ``do copy``; IOS asks for the destination name and takes
        the default. A line the parser refuses prints its caret error (the cliconf plugin fails the command on it)."""
        return [{"command": "do copy %s running-config" % name,
                 "prompt": r"Destination filename \[running-config\]\? ?$", "answer": ""}]

    def remove_file(self, name):
        return ["delete /force %s" % name]

    def rollback(self, point):
        if not point:
            return [], ""
        return list(self.settle) + ["configure replace %s force" % point], "configure replace %s" % point

    def after_rollback(self, before, read):
        """The archive settings are set before the rollback point is taken: put back the ones the device had."""
        block = archive_block(before)
        if block == archive_block(read()):
            return [], ""
        return [self.lock_command, "no archive"] + block + ["end"], "archive settings restored"
