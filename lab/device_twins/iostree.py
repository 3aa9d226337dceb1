# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-style configuration: an ordered tree of lines, rendered one space per level.

Node = [line, children]. Replacing a line is keyed by the caller (the grammar knows that
``ip address 10.0.0.1 255.255.255.0`` replaces any other ``ip address``); this module only
stores, finds, removes and renders - in the order IOS prints a running config, whatever order
the lines were entered in.
"""

from __future__ import annotations

import copy
import re

# The order of an IOS-XE 17 `show running-config`: top-level sections, the lines of an interface, BGP. This is the
# twin's rendering of the layout Cisco's IOS XE configuration guides show in their full-configuration examples (e.g.
# the C8000V/CSR1000v software configuration guides); a line of an unknown kind keeps its place after the known ones.
_SECTIONS = (
    "version ", "service ", "hostname ", "boot", "vrf definition", "logging buffered", "logging console", "aaa new-model",
    "aaa ", "clock ", "ip name-server", "ip domain ", "configuration mode", "login ", "crypto pki", "license", "archive",
    "username ", "redundancy", "crypto ikev2 proposal", "crypto ikev2 policy", "crypto ikev2 keyring",
    "crypto ikev2 profile", "crypto ikev2 dpd", "crypto isakmp", "crypto ipsec security-association",
    "crypto ipsec transform-set", "crypto ipsec df-bit", "crypto ipsec fragmentation", "crypto ipsec profile",
    "interface ", "router bgp", "ip forward-protocol", "ip http", "ip nat ", "ip route ", "ip ssh", "ip scp", "ip access-list standard",
    "ip access-list extended", "ip prefix-list", "logging trap", "logging source-interface", "logging host", "route-map ",
    "snmp-server", "control-plane", "line con", "line aux", "line vty", "ntp ", "event manager environment",
    "event manager applet",
)
_INTERFACE = (
    "description ", "vrf forwarding", "bandwidth ", "ip address * * secondary", "ip address ", "ip helper-address",
    "ip access-group", "ip mtu", "ip nat ", "ip virtual-reassembly", "ip tcp adjust-mss", "load-interval", "shutdown",
    "negotiation", "tunnel source", "tunnel mode", "tunnel destination", "tunnel protection",
)
_LINE = ("access-class", "exec-timeout", "privilege level", "logging synchronous", "login", "transport input",
         "transport output", "session-timeout", "stopbits")
# router bgp: bgp settings, then each neighbour's lines (remote-as first), then the address families; in an address
# family: networks and redistribution, each neighbour's lines (activate first), then maximum-paths and the rest.
_BGP = ("bgp router-id", "bgp ", "neighbor ", "", "address-family ")
_BGP_AF = ("network ", "aggregate-address", "redistribute ", "neighbor ", "")
_NEIGHBOR_FIRST = (" remote-as ", " activate")


def _rank(table, line):
    """Index of the longest entry of ``table`` that ``line`` starts with (``*`` = any word); unknown lines go last."""
    best, best_len = len(table), -1
    for index, entry in enumerate(table):
        pattern = re.escape(entry).replace(r"\*", r"\S+")
        if re.match(pattern, line) and len(entry) > best_len:
            best, best_len = index, len(entry)
    return best


def _ordered(nodes, parent):
    """``nodes`` in the order IOS prints them under ``parent`` (None = top level); stable for equal ranks."""
    if parent is None:
        return sorted(nodes, key=lambda node: _rank(_SECTIONS, node[0]))
    if parent.startswith(("interface ", "line ")):
        table = _INTERFACE if parent.startswith("interface ") else _LINE
        return sorted(nodes, key=lambda node: _rank(table, node[0]))
    if parent.startswith(("router bgp", "address-family ")):
        table = _BGP if parent.startswith("router bgp") else _BGP_AF
        peers = []
        for line, _children in nodes:
            if line.startswith("neighbor ") and line.split()[1] not in peers:
                peers.append(line.split()[1])

        def key(node):
            line = node[0]
            if not line.startswith("neighbor "):
                return (_rank(table, line), 0, 0)
            first = not any(marker in line for marker in _NEIGHBOR_FIRST)
            return (_rank(table, line), peers.index(line.split()[1]), first)
        return sorted(nodes, key=key)
    return nodes


class IosConfig:
    def __init__(self, nodes=None):
        self.nodes = nodes if nodes is not None else []

    def to_json(self):
        return self.nodes

    @classmethod
    def from_json(cls, data):
        return cls(copy.deepcopy(data or []))

    def copy(self):
        return IosConfig(copy.deepcopy(self.nodes))

    def __eq__(self, other):
        return isinstance(other, IosConfig) and self.nodes == other.nodes

    def children(self, path):
        """Child list under the block lines ``path`` (created when missing)."""
        nodes = self.nodes
        for line in path:
            for node in nodes:
                if node[0] == line:
                    nodes = node[1]
                    break
            else:
                node = [line, []]
                nodes.append(node)
                nodes = node[1]
        return nodes

    def lookup(self, path):
        """Children under ``path`` or None, without creating anything."""
        nodes = self.nodes
        for line in path:
            nodes = next((node[1] for node in nodes if node[0] == line), None)
            if nodes is None:
                return None
        return nodes

    def put(self, path, line, same_key):
        """Set ``line`` under ``path``; an existing line for which ``same_key`` is true is replaced in place."""
        nodes = self.children(path)
        for node in nodes:
            if node[0] == line:
                return node
        for node in nodes:
            if same_key(node[0]):
                node[0] = line
                return node
        node = [line, []]
        nodes.append(node)
        return node

    def remove(self, path, text):
        """Remove lines under ``path`` equal to ``text`` or starting with ``text + ' '``; count removed."""
        nodes = self.lookup(path)
        if nodes is None:
            return 0
        keep = [n for n in nodes if not (n[0] == text or n[0].startswith(text + " "))]
        removed = len(nodes) - len(keep)
        nodes[:] = keep
        return removed

    def lines(self, nodes=None, depth=0, parent=None):
        """Rendered lines in IOS order; BGP address families close with exit-address-family like IOS prints them."""
        out = []
        for line, children in _ordered(self.nodes if nodes is None else nodes, parent):
            out.append(" " * depth + line)
            out.extend(self.lines(children, depth + 1, line))
            if line.startswith("address-family "):
                out.append(" " * depth + "exit-address-family")
        return out

    def blocks(self):
        """Top-level blocks as lists of rendered lines, in IOS order (what ``| section`` selects from)."""
        return [self.lines([node]) for node in _ordered(self.nodes, None)]

    def section(self, pattern):
        regex = re.compile(pattern)
        out = []
        for block in self.blocks():
            if any(regex.search(line) for line in block):
                out.extend(block)
        return out
