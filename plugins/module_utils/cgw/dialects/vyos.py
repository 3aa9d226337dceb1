# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VyOS 1.4+ and 1.3 (variant ``vyos13``): ``show configuration commands``, commit-confirm and ``rollback 1``.

1.3 and 1.4+ spell IPsec differently (ipsec-interfaces, peers named by address, BGP under ``protocols bgp <ASN>``):
the one read asks ``show version`` when nobody named the release.
"""

from __future__ import annotations

import ipaddress
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import ike_init
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import trees
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import vyos as reader
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base, parts, vyos_merge

# Releases before this one take the 1.3 syntax.
CURRENT_SYNTAX = (1, 4)
# Paths whose tag names an object of the collection (1.3 peers are tagged by address: found by their vti).
_NAMED = (("vpn", "ipsec", "ike-group"), ("vpn", "ipsec", "esp-group"), ("vpn", "ipsec", "authentication", "psk"),
          ("vpn", "ipsec", "site-to-site", "peer"), ("policy", "prefix-list"), ("policy", "route-map"))


def shown_release(show_version: str) -> str:
    """The release a ``show version`` prints (``Version: VyOS 1.4.3`` -> ``VyOS 1.4.3``)."""
    match = re.search(r"Version:\s*(.*)", show_version or "")
    if not match:
        raise base.ReadError("cgw_vyos_version: the device's 'show version' names no version; set cgw_vyos_version")
    return match.group(1).strip()


def legacy(release: str) -> bool:
    """Whether a release takes the 1.3 syntax (``1.3.8``, ``VyOS 1.3-rolling`` -> True)."""
    match = re.search(r"(\d+)\.(\d+)", release or "")
    if not match:
        raise base.ReadError("cgw_vyos_version: %r is not a VyOS version (major.minor)" % release)
    return (int(match.group(1)), int(match.group(2))) < CURRENT_SYNTAX


def _bgp_root(words):
    """Words of the BGP root: ``protocols bgp`` (1.4) or ``protocols bgp <ASN>`` (1.3)."""
    if words[:2] != ["protocols", "bgp"]:
        return None
    return words[:3] if len(words) > 2 and words[2].isdigit() else words[:2]


class Record(parts.SetLineRecord):
    """``set policy prefix-list S2S-UNDO-<id> description '<path> [= <prior value>]'`` (a list without rules)."""

    # 1.4+ and 1.3 spellings (1.3: ipsec-interfaces, BGP under ``protocols bgp <ASN>``)
    SHARED = (parts.Shared(("vpn", "ipsec", "interface"), None, False),
              parts.Shared(("vpn", "ipsec", "ipsec-interfaces", "interface"), None, False),
              parts.Shared(("vpn", "ipsec", "options", "disable-route-autoinstall"), None, False),
              parts.Shared(("protocols", "bgp", "system-as"), 3, True),
              parts.Shared(("protocols", "bgp", "address-family", "ipv4-unicast", "network"), None, False),
              parts.Shared(("protocols", "bgp", "address-family", "ipv4-unicast", "maximum-paths", "ebgp"), 6, True),
              parts.Shared(("protocols", "bgp", "*", "address-family", "ipv4-unicast", "network"), None, False),
              parts.Shared(("protocols", "bgp", "*", "address-family", "ipv4-unicast", "maximum-paths", "ebgp"), 7, True))
    _LIST = "S2S-UNDO-"

    def record_line(self, entry_id, text):
        return "set policy prefix-list %s%s description '%s'" % (self._LIST, entry_id, text)

    def record(self, text):
        return {path[2][len(self._LIST):]: path[4] for path in self.paths(text)
                if path[:2] == ("policy", "prefix-list") and len(path) == 5 and path[2].startswith(self._LIST)
                and path[3] == "description"}

    def drop(self, entry_ids, _everything):
        return [((), "delete policy prefix-list %s%s" % (self._LIST, i)) for i in entry_ids]


class Vyos(base.Dialect):
    name = "vyos"
    title = "VyOS"
    network_os = ("vyos.vyos.vyos", "vyos")
    variants = ("vyos13",)
    config_command = "show configuration commands"
    version_command = "show version"
    indented = False
    interface_head = r"^set interfaces vti vti(\d+)(?:\s|$)"
    interface_description = r"^set interfaces vti vti\d+ description\s+'?([^']*)'?$"
    prepend_line = r"^set policy route-map (\S+) rule \d+ set as-path(?:-| )prepend\b"   # 1.3 | 1.4
    esp_aead_integrity = True     # strongSwan ignores the hash keyword VyOS still wants for AEAD
    # One algorithm of each kind per ike-group proposal: AWS's defaults would be 192 proposals, an ~8 KB
    # IKE_SA_INIT that only IP fragmentation carries (docs/fidelity-vyos.md, "Proposal counts").
    max_ike_init_octets = ike_init.MUST_ACCEPT_OCTETS
    lock_command = None           # each configuration session has its own candidate; a commit takes the commit lock
    # vyos/vyatta-cfg src/commit/commit-algorithm.cpp (commit::doCommit)
    lock_refusal = r"Configuration system temporarily locked due to (another commit in progress)"
    config_prompt = r"#\s*$"
    release = ("exit discard",)
    settle = ()
    unchanged = "nothing was committed"
    # what the vyos.vyos cliconf plugin sends and how it reads "nothing to commit" (edit_config)
    session_start = ("configure",)
    compare_command = "compare"
    compare_unchanged = r"^No changes"
    # configuration mode's `merge <file>` (vyos_merge: the file, what merge does with it); the file gets there by SCP
    load_file = "/tmp/hybridvpn-s2s-{}.config"
    load_refused = r"failed to run command:|No such file or directory|Failed to parse"
    # VyOS lists IKE under the IPsec SA table
    state_commands = ("show vpn ipsec sa", "show ip bgp summary")
    ike_up = r"\bup\b"
    key_holders = r"^delete vpn ipsec authentication psk "
    secret_value = r"(\b(?:pre-shared-)?secret\b[ \t]*).+$"
    legacy_key_holders = r"^delete vpn ipsec site-to-site peer "
    diagnosis_show = {"ike": "show vpn ike sa", "ipsec": "show vpn ipsec sa", "bgp": "show ip bgp neighbors {neighbor}",
                      "log": "show log vpn ipsec", "clear": "reset vpn ipsec-peer {peer}"}
    diagnosis_fix = {
        "psk": "set vpn ipsec authentication psk <tag> secret <the tunnel's key>",
        "ike": "set vpn ipsec ike-group <group> proposal 1 encryption {encryption} hash {integrity} dh-group {dh}",
        "ipsec": "set vpn ipsec esp-group <group> proposal 1 encryption {encryption} hash {integrity}; set vpn ipsec esp-group <group> pfs {dh}",
        "bgp": "set protocols bgp system-as {cgw_asn}; set protocols bgp neighbor {aws_inside_ip} remote-as {amazon_asn}",
        "inside": "set interfaces vti vti<n> address {cgw_inside_ip}/30",
    }
    record = Record()
    # AWS's required additional key exchange rounds (RFC 9370, ML-KEM) need the device to run them too.
    no_additional_key_exchanges = (
        "VyOS 1.3 and 1.4 run strongSwan 5.9, which has no additional key exchanges (strongSwan 6.0 added them); ML-KEM "
        "arrived in VyOS rolling with strongSwan 6.0.6 (vyos-1x T8099, https://github.com/vyos/vyos-1x/pull/5267)")

    def facts(self, legacy=False):
        return dict(super().facts(legacy), key_holders=self.legacy_key_holders if legacy else self.key_holders)

    def read_commands(self, version=""):
        if not version:
            return [self.config_command, self.version_command]
        return [self.config_command]

    def read_version(self, outputs, version=""):
        release = version or shown_release(outputs[1])
        return release, legacy(release)

    def parse(self, text, source):
        return reader.build(trees.set_tree(text, source.platform, self.set_words), source)

    def removal(self, config_text, remove, discovered):
        """``delete`` lines (from ``show configuration commands``), for 1.4+ and 1.3 syntax alike."""
        names, tunnel_ids, numbers = parts.removed(remove, discovered)
        owned = parts.owned_name(names)
        vtis = {"vti%d" % n for n in numbers}
        lines = (config_text or "").splitlines()
        subnets = []   # inside networks of the removed tunnels: static routes through them go too
        for line in lines:
            words = line.split()
            if words[1:3] == ["interfaces", "vti"] and len(words) > 5 and words[3] in vtis and words[4] == "address":
                subnets.append(ipaddress.ip_interface(parts.unquote(words[5])).network)

        def interface(words):
            if words[:2] == ["interfaces", "vti"] and len(words) > 2 and words[2] in vtis:
                return "delete interfaces vti %s" % words[2]
            if words[:3] == ["firewall", "options", "interface"] and len(words) > 3 and words[3] in vtis:
                return "delete firewall options interface %s" % words[3]
            return None

        def peer_by_vti(words):
            if words[:4] == ["vpn", "ipsec", "site-to-site", "peer"] and words[5:7] == ["vti", "bind"] and \
                    len(words) > 7 and parts.unquote(words[7]) in vtis:
                return "delete vpn ipsec site-to-site peer %s" % words[4]
            return None

        def neighbor(words):
            root = _bgp_root(words)
            if root is None:
                return None
            rest = words[len(root):]
            if rest[:1] == ["neighbor"] and rest[2:3] == ["description"] and len(rest) > 3 and \
                    parts.unquote(rest[3]) in tunnel_ids:
                return "delete %s neighbor %s" % (" ".join(root), rest[1])
            return None

        def static(words):
            if words[:3] == ["protocols", "static", "route"] and words[4:5] == ["next-hop"] and len(words) > 5:
                hop = ipaddress.ip_address(parts.unquote(words[5]))
                if any(hop in net for net in subnets):
                    return "delete protocols static route %s" % words[3]
            return None

        rules = (static, neighbor, peer_by_vti, parts.named_rule(_NAMED, owned), interface)
        return parts.collect(lines, rules), []

    def state_texts(self, outputs):
        return outputs[0], outputs[0], outputs[1]

    def ipsec_up(self, text, tunnel):
        """``show vpn ipsec sa`` has one line per SA: the IKE test on the same table."""
        return any(self.ike_is_up(line) for line in base.peer_lines(text, tunnel["peer_address"]))

    def load_from_file(self, name):
        return ["merge %s" % name]

    def remove_file(self, name):
        """VyOS's operational mode is a shell (vbash): ``rm`` (current also has ``delete file``, 1.3 and 1.4 do not)."""
        return ["rm -f %s" % name]

    def split_for_file(self, lines):
        return vyos_merge.split(lines)

    def file_text(self, lines):
        return vyos_merge.text(lines)

    def rollback(self, point):
        return ["configure", {"command": "rollback 1", "prompt": r"Proceed with reboot\? \[confirm\]", "answer": "y"},
                "exit"], "rollback 1"
