# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Juniper Junos (SRX) dialect over network_cli.

What junipernetworks.junos (terminal + cliconf, driven by ansible.netcommon.cli_config and
junos_command) sends: ``set cli timestamp disable``, ``set cli screen-length 0``, ``set cli
screen-width 1024``, ``show version`` (Hostname/Model/Junos lines), ``show configuration``
[``| display set``], ``configure``, set lines, ``show | compare`` (``[edit]`` alone = no
change), ``commit [comment X] [confirmed [N]] and-quit``, ``rollback N``, ``top``, ``exit``.
The candidate is shared by all sessions, as on a Junos box outside ``configure private``.
"""

from __future__ import annotations

import time

from lab.device_twins import grammar, opstate, secret9, setstyle, yangtree
from lab.device_twins.running import junos as running
from lab.device_twins import session as base
from lab.device_twins.setstyle import Reference

DIALECT = "junos"
# `configure exclusive` and the database lock. Juniper, Junos CLI User Guide, "Using the configure exclusive
# Command" (https://www.juniper.net/documentation/en_US/junos12.3/topics/task/configuration/junos-cli-configure-exclusive-command-using.html)
# and "configure" (junos12.3 command summary): the grant warning, "Users currently editing the configuration:",
# changes refused while another session holds the lock, uncommitted changes discarded on leaving. The refusal
# text as the devices print it: Juniper/py-junos-eznc issue #843 (2018-08-27) and napalm-automation/napalm
# issue #1445 (2021-05): "error: configuration database locked by:" then the holder's line and "exclusive".
LOCKED_BY = "error: configuration database locked by:\n"
# Juniper's configuration YANG for the release the twin claims (tests/fixtures/vendor/junos, lab/docgen/junos_yang.py):
# the crypto words come from its enumerations, and every set line in the subtrees it keeps must also walk it (_refused).
SCHEMA = yangtree.Schema.load()


def _enum(path):
    """An enumerated value token of the grammar, from the YANG leaf at ``path`` (schema names)."""
    return "<%s>" % "|".join(SCHEMA.node(path.split())["type"]["enum"])


_TERM = "policy-options policy-statement <name> term <name>"
# Where a line lies in the subtrees the YANG fixture keeps, its values are judged there (SCHEMA, Session.refused_at):
# <int>/<word> below leave ranges to it (MTUs, MSS, lifetimes, gateway address: an IP or a hostname). The hand types that
# stay stricter than the YANG: interface names and units (plain strings in the YANG; the device checks them against
# its hardware), and AS numbers (a pattern in the YANG; its message gives the range 1 .. 4294967295).
GRAMMAR = grammar.compile_table([
    "system host-name <name>",
    "system services ssh",
    "system services netconf ssh",
    # RFC 6242 chunked framing: Juniper, "Configure RFC-Compliant NETCONF Sessions" and "Generate Well-Formed XML
    # Documents" (NETCONF developer guide): with both the server advertises :base:1.1 (junos_netconf.py)
    "system services netconf rfc-compliant",
    "system services netconf version-1.1",
    "interfaces <iface> description <text>",
    "interfaces <iface> mtu <int>",
    "interfaces <iface> unit <unit> description <text>",
    # "family inet" is a tag: Junos prints "family inet {" like any named block
    "interfaces <iface> unit <unit> family <inet|inet6>*",
    "interfaces <iface> unit <unit> family <inet|inet6> dhcp",
    "interfaces <iface> unit <unit> family <inet|inet6> address <prefixany>*",
    "interfaces <iface> unit <unit> family <inet|inet6> mtu <int>",
    "security ike proposal <name> authentication-method " + _enum("security ike proposal authentication-method"),
    "security ike proposal <name> dh-group " + _enum("security ike proposal dh-group"),
    "security ike proposal <name> authentication-algorithm " + _enum("security ike proposal authentication-algorithm"),
    "security ike proposal <name> encryption-algorithm " + _enum("security ike proposal encryption-algorithm"),
    "security ike proposal <name> lifetime-seconds <lifetime>",
    "security ike policy <name> mode <main|aggressive>",
    "security ike policy <name> proposals <name>+",
    "security ike policy <name> pre-shared-key ascii-text <secret>",
    "security ike gateway <name> ike-policy <name>",
    "security ike gateway <name> address <word>",
    "security ike gateway <name> dead-peer-detection",
    "security ike gateway <name> dead-peer-detection interval <dpd>",
    "security ike gateway <name> dead-peer-detection threshold <int>",
    "security ike gateway <name> external-interface <iface>",
    "security ike gateway <name> local-address <ip>",
    "security ike gateway <name> version " + _enum("security ike gateway version"),
    "security ike gateway <name> no-nat-traversal",
    "security ike gateway <name> local-identity inet <ip>",
    "security ike gateway <name> remote-identity inet <ip>",
    # IPv6 outside addresses (AWS's Ipv6 outside type): the identities are inet6 (Juniper's YANG: identity-ipv6)
    "security ike gateway <name> local-identity inet6 <ipv6>",
    "security ike gateway <name> remote-identity inet6 <ipv6>",
    "security ipsec proposal <name> protocol " + _enum("security ipsec proposal protocol"),
    "security ipsec proposal <name> authentication-algorithm " + _enum("security ipsec proposal authentication-algorithm"),
    "security ipsec proposal <name> encryption-algorithm " + _enum("security ipsec proposal encryption-algorithm"),
    "security ipsec proposal <name> lifetime-seconds <lifetime>",
    "security ipsec policy <name> perfect-forward-secrecy keys " + _enum("security ipsec policy perfect-forward-secrecy keys"),
    "security ipsec policy <name> proposals <name>+",
    "security ipsec vpn <name> bind-interface <iface>",
    "security ipsec vpn <name> ike gateway <name>",
    "security ipsec vpn <name> ike ipsec-policy <name>",
    "security ipsec vpn <name> df-bit " + _enum("security ipsec vpn df-bit"),
    "security ipsec vpn <name> establish-tunnels " + _enum("security ipsec vpn establish-tunnels"),
    "security flow tcp-mss ipsec-vpn mss <int>",
    "security zones security-zone <name> interfaces <iface>*",
    "security zones security-zone <name> tcp-rst",
    "security zones security-zone <name> interfaces <iface> host-inbound-traffic system-services <word>*",
    "security zones security-zone <name> interfaces <iface> host-inbound-traffic system-services <word> except",
    "security zones security-zone <name> interfaces <iface> host-inbound-traffic protocols <word>*",
    "security zones security-zone <name> interfaces <iface> host-inbound-traffic protocols <word> except",
    "security zones security-zone <name> host-inbound-traffic system-services <word>*",
    "security zones security-zone <name> host-inbound-traffic system-services <word> except",
    "security zones security-zone <name> host-inbound-traffic protocols <word>*",
    "security zones security-zone <name> host-inbound-traffic protocols <word> except",
    "security policies from-zone <name> to-zone <name> policy <name> match source-address <word>+",
    "security policies from-zone <name> to-zone <name> policy <name> match destination-address <word>+",
    "security policies from-zone <name> to-zone <name> policy <name> match application <word>+",
    "security policies from-zone <name> to-zone <name> policy <name> then <permit|deny|reject>",
    "protocols bgp group <name> type <external|internal>",
    "protocols bgp group <name> peer-as <asn>",
    "protocols bgp group <name> local-as <asn>",
    "protocols bgp group <name> hold-time <timer>",
    "protocols bgp group <name> local-address <ip>",
    "protocols bgp group <name> import <name>+",
    "protocols bgp group <name> export <name>+",
    "protocols bgp group <name> multipath",
    "protocols bgp group <name> family inet unicast prefix-limit maximum <int>",
    "protocols bgp group <name> neighbor <ip>*",
    "protocols bgp group <name> neighbor <ip> peer-as <asn>",
    "protocols bgp group <name> neighbor <ip> hold-time <timer>",
    "protocols bgp group <name> neighbor <ip> description <text>",
    "protocols bgp group <name> neighbor <ip> local-address <ip>",
    "protocols bgp group <name> neighbor <ip> import <name>+",
    "protocols bgp group <name> neighbor <ip> export <name>+",
    "protocols bgp group <name> neighbor <ip> family inet unicast prefix-limit maximum <int>",
    "routing-options autonomous-system <asn>",
    "routing-options router-id <ip>",
    "routing-options forwarding-table export <name>+",
    "routing-options static route <prefix> next-hop <ipaddr_or_iface>",
    "policy-options prefix-list <name> <prefix>*",
    _TERM + " from prefix-list <name>+",
    _TERM + " from route-filter <prefix> <exact|orlonger|longer>",
    _TERM + " from protocol <word>+",
    # accept/reject sit beside other actions (local-preference, as-path-prepend): no key that would drop them
    _TERM + " then accept",
    _TERM + " then reject",
    _TERM + " then local-preference <int>",
    _TERM + " then metric <int>",
    _TERM + " then as-path-prepend <word>",
    "policy-options policy-statement <name> then <accept|reject>",
    "policy-options policy-statement <name> then load-balance <per-packet|per-flow|consistent-hash>",
])

# Everyday configuration a firewall carries besides the VPN (the roles never push it; the twin must keep it). Paths of
# Juniper's configuration YANG (Juniper/yang, junos-conf-system / junos-conf-firewall / junos-conf-policy-options /
# junos-conf-root for apply-macro), as the Junos CLI User Guide and the "system", "firewall" and "policy-options"
# statement pages of the Junos OS documentation spell them.
_FILTER_TERM = "firewall family inet filter <name> term <name>"
_SYSLOG = " <any|authorization|daemon|ftp|kernel|user|interactive-commands|change-log|firewall|security> "
_SEVERITY = "<any|emergency|alert|critical|error|warning|notice|info|none>"
_EVERYDAY = [
    "system domain-name <name>",
    "system time-zone <word>",
    "system name-server <ip>*",
    "system ntp server <ip>*",
    "system ntp server <ip> prefer",
    "system ntp boot-server <ip>",
    "system ntp source-address <ip>",
    "system syslog host <ip>" + _SYSLOG + _SEVERITY,
    "system syslog file <name>" + _SYSLOG + _SEVERITY,
    "system syslog user <word>" + _SYSLOG + _SEVERITY,
    "system login message <text>",
    "system login class <name> permissions <word>+",
    "system login class <name> idle-timeout <int>",
    "system login user <name> uid <int>",
    "system login user <name> class <name>",
    "system login user <name> full-name <text>",
    "system login user <name> authentication encrypted-password <secret>",
    "system login user <name> authentication ssh-ed25519 <text>",
    "system services ssh root-login <allow|deny|deny-password>",
    # Each macro has its own name and each parameter its own value ("You can include multiple apply-macro statements at
    # each level ... each must have a unique name"; "parameter-value: any text" - Juniper, "apply-macro", Junos OS 12.3
    # configuration statement, apply-macro-edit-all-levels.html): a parameter's value replaces only that parameter's.
    "apply-macro <name> <word>*",
    ("apply-macro <name> <word> <text>", "", (0, 1, 2)),
    "system apply-macro <name> <word>*",
    ("system apply-macro <name> <word> <text>", "", (0, 1, 2, 3)),
    ("interfaces <iface> apply-macro <name> <word> <text>", "", (0, 1, 2, 3, 4)),
    "interfaces <iface> unit <unit> family <inet|inet6> filter input|output <name>",
    _FILTER_TERM + " from source-address <prefixany>*",
    _FILTER_TERM + " from destination-address <prefixany>*",
    _FILTER_TERM + " from protocol <word>+",
    _FILTER_TERM + " from source-port <word>+",
    _FILTER_TERM + " from destination-port <word>+",
    _FILTER_TERM + " then accept",
    _FILTER_TERM + " then discard",
    _FILTER_TERM + " then reject",
    _FILTER_TERM + " then count <name>",
    _FILTER_TERM + " then log",
    _FILTER_TERM + " then syslog",
    "policy-options community <name> members <word>+",
    "policy-options as-path <name> <text>",
    _TERM + " from community <name>+",
    _TERM + " from as-path <name>+",
    _TERM + " then community add|set|delete <name>",
    _TERM + " then next-hop <ipaddr_or_iface>",
    _TERM + " then next term",
    _TERM + " then next policy",
]
GRAMMAR = GRAMMAR + grammar.compile_table(_EVERYDAY)


def _judged_by_yang(pattern):
    """A grammar line the fixture judges: its names are checked there (lengths, Junos's patterns), not by <name>."""
    words = [t.literals[0] if t.literals else (t.choices[0] if t.kind == "enum" else "x") for t in pattern.tokens]
    verdict = SCHEMA.check(words)
    if not (verdict.ok or verdict.judged):
        return pattern
    tokens = tuple(grammar.Token(kind="word", repeat=t.repeat) if t.kind == "name" else t for t in pattern.tokens)
    return grammar.Pattern(pattern.text, tokens, pattern.submode, pattern.key)


GRAMMAR = [_judged_by_yang(pattern) for pattern in GRAMMAR]

REFERENCES = (
    Reference("security ike policy * proposals $", "security ike proposal $", "ike proposal"),
    Reference("security ike gateway * ike-policy $", "security ike policy $", "ike policy"),
    Reference("security ipsec policy * proposals $", "security ipsec proposal $", "ipsec proposal"),
    Reference("security ipsec vpn * ike gateway $", "security ike gateway $", "ike gateway"),
    Reference("security ipsec vpn * ike ipsec-policy $", "security ipsec policy $", "ipsec policy"),
    Reference("security ipsec vpn * bind-interface $",
              lambda name: ["interfaces"] + name.split(".")[0:1] + ["unit", (name.split(".") + ["0"])[1]], "interface"),
    Reference("protocols bgp group * import $", "policy-options policy-statement $", "policy"),
    Reference("protocols bgp group * export $", "policy-options policy-statement $", "policy"),
    Reference("protocols bgp group * neighbor * import $", "policy-options policy-statement $", "policy"),
    Reference("protocols bgp group * neighbor * export $", "policy-options policy-statement $", "policy"),
    Reference("routing-options forwarding-table export $", "policy-options policy-statement $", "policy"),
    Reference("policy-options policy-statement * term * from prefix-list $", "policy-options prefix-list $", "prefix-list"),
)

# An SRX branch device's factory default, reduced to what a VPN's reachability depends on: ge-0/0/0.0 a DHCP client
# in zone untrust admitting only dhcp and tftp (no ike), zone trust with tcp-rst, trust -> untrust permitted. Sources:
# the factory-default configuration of an SRX (Junos 10.3R1.9) published at gist.github.com/linickx/1090101 and the
# "Juniper SRX: Base config" steps (pastebin.com/TJrqM2dR, 2011) that delete exactly those two untrust services;
# Juniper, "Understanding Security Zones" (junos12.2, zone-security-understanding.html: the factory trust zone).
# Read 2026-12-07. The external interface admits no IKE until the role says so: lab/dataplane_sync asks ike_refusals.
INITIAL = [
    "set system host-name {hostname}",
    "set system services ssh",
    "set interfaces ge-0/0/0 unit 0 family inet dhcp",
    "set security zones security-zone trust tcp-rst",
    "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services dhcp",
    "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services tftp",
] + ["set security policies from-zone trust to-zone untrust policy default-permit " + tail for tail in (
    "match source-address any", "match destination-address any", "match application any", "then permit")]


def empty_config():
    return setstyle.empty_config()


def config_from_json(data):
    return setstyle.config_from_json(data)


def initial_config(spec):
    return setstyle.tree_from_lines([line.format(hostname=spec.hostname) for line in INITIAL], GRAMMAR, DIALECT)


def model(config, spec):
    return running.build(config, spec)


# Juniper: "Specify up to four Phase 1 proposals for an IKE policy" (CLI reference, policy (Security Group VPN IKE),
# juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/statement/policy-edit-security-group-vpn-ike.html);
# no other number is published for IKE or IPsec policies, nor their commit error: the twin refuses a fifth proposal at
# commit in Junos's commit-error shape, with its own words.
MAX_POLICY_PROPOSALS = 4


def over_limit(config):
    """Commit problems (path, keyword, name, message) for IKE/IPsec policies naming more than four proposals."""
    out = []
    for kind in ("ike", "ipsec"):
        for policy, node in (config.node(["security", kind, "policy"]) or {}).items():
            proposals, below = [], node.get("proposals") or {}
            while below:       # the tree keeps a list value ("proposals [ A B ]") as the path A -> B
                word = next(iter(below))
                proposals.append(word)
                below = below[word]
            if len(proposals) > MAX_POLICY_PROPOSALS:
                out.append((["security", kind, "policy", policy], "proposals", "[ %s ]" % " ".join(proposals),
                            "%d proposals: an %s policy takes at most %d" % (
                                len(proposals), kind.upper() if kind == "ike" else "IPsec", MAX_POLICY_PROPOSALS)))
    return out


def _admits(services, name):
    """Whether a system-services list admits ``name``: the service itself, or ``all`` unless ``name except``."""
    if name in services:
        return "except" not in services[name]
    return "all" in services and "except" not in services["all"]


def ike_refusals(config):
    """{IKE gateway: why this SRX drops IKE arriving for it} ('' when it is admitted).

    IKE arrives on the gateway's external-interface; the SRX admits it only if that interface's zone admits the
    `ike` system service, at the interface when the interface has its own system-services list (it overrides the
    zone's), else at the zone. Juniper, "Understanding How to Control Inbound Traffic Based on Traffic Types" (junos12.2,
    zone-host-inbound-traffic-how-to-control-based-on-traffic-type-understanding.html): "Interface configuration
    overrides that of the zone", "Inbound traffic destined to this device is dropped by default"; the `except`
    qualifier: the "host-inbound-traffic" statement (junos-es93 command reference)."""
    zones = config.node(["security", "zones", "security-zone"]) or {}
    out = {}
    for gateway, node in (config.node(["security", "ike", "gateway"]) or {}).items():
        interface = next(iter(node.get("external-interface") or {}), "")
        zone = next((name for name, z in zones.items() if interface in (z.get("interfaces") or {})), None)
        if zone is None:
            out[gateway] = "external interface %s is in no security zone: the SRX drops IKE on it" % (interface or "(none)")
            continue
        own = (zones[zone]["interfaces"][interface].get("host-inbound-traffic") or {}).get("system-services")
        services, where = (own, "interface %s" % interface) if own else (
            (zones[zone].get("host-inbound-traffic") or {}).get("system-services") or {}, "zone %s" % zone)
        out[gateway] = "" if _admits(services, "ike") else (
            "security zone %s does not admit IKE on %s (host-inbound-traffic system-services of the %s: %s)" % (
                zone, interface, where, " ".join(sorted(services)) or "none"))
    return out


BLOCK_TAGS = frozenset({"interfaces"})   # their names print as blocks of their own, not "interfaces ge-0/0/0 {"


def _quote(word):
    return '"%s"' % word if (" " in word or not word) else word


class Session(setstyle.SetSession):
    DIALECT = DIALECT
    GRAMMAR = GRAMMAR
    REFERENCES = REFERENCES
    CONFIG_COMMANDS = {
        "set": "cfg_set", "delete": "cfg_delete", "edit": "cfg_edit", "top": "cfg_top", "up": "cfg_up",
        "run": "cfg_run", "show": "cfg_show", "commit": "cfg_commit", "rollback": "cfg_rollback",
        "exit": "cfg_exit", "quit": "cfg_exit", "status": "cfg_status", "load": "cfg_load",
    }
    OP_COMMANDS = (
        (("set", "cli", "timestamp"), "op_nothing"), (("set", "cli", "screen-length"), "op_nothing"),
        (("set", "cli", "screen-width"), "op_nothing"), (("set", "cli", "complete-on-space"), "op_nothing"),
        (("cli",), "op_nothing"),
        (("show", "version"), "op_show_version"),
        (("show", "configuration"), "op_show_configuration"),
        (("show", "system", "commit"), "op_show_commit"),
        (("show", "security", "ike", "security-associations"), "op_show_ike_sa"),
        (("show", "security", "ipsec", "security-associations"), "op_show_ipsec_sa"),
        (("show", "bgp", "summary"), "op_show_bgp_summary"),
        (("configure",), "op_configure"), (("configure", "private"), "op_configure"),
        (("configure", "exclusive"), "op_configure_exclusive"),
        (("exit",), "op_exit"), (("quit",), "op_exit"), (("request", "system", "reboot"), "op_reboot"),
    )
    _shown_path = ()
    PIPES = {"match": "pipe_include", "except": "pipe_exclude", "count": "pipe_count", "no-more": "pipe_nothing",
             "display": "pipe_display", "compare": "pipe_compare"}

    # -- prompts and errors ------------------------------------------------------------------
    def prompt(self):
        host = self._hostname()
        if not self.modes:
            return "%s@%s> " % (self.user, host)
        level = "[edit%s]" % ("".join(" " + w for w in self.edit_path))
        return "\n%s\n%s@%s# " % (level, self.user, host)

    def _hostname(self):
        node = self.device.running.node(["system", "host-name"])
        return next(iter(node)) if node else self.spec.hostname

    def _marker(self, words, index, message):
        prompt = self.prompt().splitlines()[-1]
        column = len(prompt) + len(" ".join(words[:index])) + (1 if index else 0)
        return "%s^\n%s" % (" " * column, message)

    def op_unknown(self, words, index):
        return self._marker(words, index, "unknown command.")

    def config_unknown(self, words):
        return self._marker(words, 0, "unknown command.")

    def set_error(self, words, found):
        shown = ["set"] + words[len(self.edit_path):]
        index = max(found.bad, 0) - len(self.edit_path) + 1
        if found.incomplete:
            return self._marker(shown, len(shown), "syntax error, expecting <data>.")
        return self._marker(shown, index, "syntax error.")

    @staticmethod
    def refused_at(words):
        """Index of the first word Juniper's YANG refuses in a set line's words; None if it accepts the line or the line
        leaves the subtrees the fixture keeps (the hand grammar alone judges those)."""
        verdict = SCHEMA.check(words)
        return None if verdict.ok or not verdict.judged else verdict.bad

    def cfg_set(self, args, line):
        words = self.edit_path + list(args)
        bad = self.refused_at(words)
        if bad is not None:
            return self.set_error(words, grammar.Match(bad=bad, incomplete=bad >= len(words)))
        return super().cfg_set(args, line)

    def delete_missing(self, words):
        return "warning: statement not found"

    def problems(self, tree):
        """Undefined references, then policies with more proposals than Junos takes (over_limit)."""
        return [(path, keyword, name, "Referenced %s %s is not defined" % (what, name))
                for path, keyword, name, what in super().problems(tree)] + over_limit(tree)

    def commit_failed(self, problems):
        lines = []
        for path, keyword, name, message in problems:
            lines += ["[edit %s]" % " ".join(path), "  '%s %s'" % (keyword, name), "    " + message]
        return "\n".join(lines + ["error: configuration check-out failed"])

    def render_diff(self, changes):
        lines, header = [], None
        for parent, sign, leaf in changes:
            head = "[edit%s]" % "".join(" " + w for w in parent)
            if head != header:
                lines.append(head)
                header = head
            lines.append("%s    %s;" % (sign, " ".join(_quote(w) for w in leaf)))
        return "\n".join(lines)

    def stored_words(self, words):
        """Junos keeps a clear pre-shared key as ``$9$...`` with a fresh salt each time it is set (so setting
        the same key again is a change); a ``$9$`` value is taken as already encoded."""
        if words[-3:-1] == ["pre-shared-key", "ascii-text"] and not secret9.looks_encoded(words[-1]):
            return words[:-1] + [secret9.hide(words[-1])]
        return words

    # -- candidate ----------------------------------------------------------------------------
    def get_candidate(self):
        if self.device.candidate is None:
            self.device.candidate = self.device.running.copy()
        return self.device.candidate

    def set_candidate(self, tree):
        self.device.candidate = tree

    # -- configuration mode --------------------------------------------------------------------
    def op_configure_exclusive(self, _args):
        holder = self.device.refused_by(self)
        if holder:
            return LOCKED_BY + self._user_line(holder)
        self.device.lock_holder = self
        self.enter_config()
        return "warning: uncommitted changes will be discarded on exit\nEntering configuration mode"

    def op_configure(self, _args):
        holder = self.device.locked_by_other(self)
        self.enter_config()
        if holder:
            return "Entering configuration mode\nUsers currently editing the configuration:\n" + self._user_line(holder)
        return "Entering configuration mode"

    def _user_line(self, session):
        """How Junos names a configuration session in lock messages and `status`."""
        since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(session.since))
        kind = "exclusive " if self.device.lock_holder is session else ""
        where = "[edit%s]" % "".join(" " + w for w in session.edit_path)
        return "  %s terminal pts/%d (pid %d) on since %s, idle 00:00:00\n      %s%s" % (
            session.user, session.tty, session.pid, since, kind, where)

    def execute(self, line):
        # With the database locked by another session, nothing that changes the candidate runs (the edit stays readable).
        if self.modes and line.split()[:1] in (["set"], ["delete"], ["rollback"], ["commit"], ["load"]):
            holder = self.device.refused_by(self)
            if holder:
                return LOCKED_BY + self._user_line(holder)
        return super().execute(line)

    def leave_config(self):
        """Back to operational mode; leaving `configure exclusive` drops its uncommitted changes and the lock."""
        self.modes, self.edit_path = [], []
        if self.device.lock_holder is self:
            self.device.lock_holder = None
            return self.lock_released()
        return ""

    def lock_released(self):
        # Junos asks "Discard uncommitted changes? [yes,no] (yes)" here; the twin takes the default answer.
        if self.device.candidate is not None and self.device.candidate != self.device.running:
            self.device.candidate = None
            return "warning: discarding uncommitted changes\nload complete\n"
        return ""

    def cfg_exit(self, _args, _line):
        if self.edit_path:
            self.edit_path = self.edit_path[:-1]
            return ""
        return self.leave_config() + "Exiting configuration mode"

    def cfg_status(self, _args, _line):
        editing = [session for session in self.device.sessions if session.modes]
        return "Users currently editing the configuration:\n" + "\n".join(self._user_line(s) for s in editing)

    def cfg_show(self, args, line):
        pipes = [p.strip() for p in line.split("|")[1:]]
        if pipes and pipes[0].startswith("compare"):
            rest = pipes[0].split()[1:]
            if rest[:1] == ["rollback"] and len(rest) == 2 and rest[1].isdigit():
                old = self.device.rollback_config(int(rest[1]))
                if old is None:
                    return "error: rollback %s does not exist" % rest[1]
                return self.diff_text(old)
            return self.diff_text()
        tree = self.get_candidate()
        if pipes and pipes[0].replace(" ", "") == "displayset":
            return "\n".join(self._set_lines(tree))
        return "\n".join(tree.curly(";", _quote, BLOCK_TAGS, tree.node(self.edit_path + args) or {}))

    def cfg_commit(self, args, _line):
        words = list(args)
        comment, confirm, quit_after = "", None, False
        while words:
            word = words.pop(0)
            if word == "comment" and words:
                comment = words.pop(0)
            elif word == "confirmed":
                confirm = int(words.pop(0)) if words and words[0].isdigit() else 10
            elif word == "and-quit":
                quit_after = True
            elif word == "check":
                problems = self.problems(self.get_candidate())
                return self.commit_failed(problems) if problems else "configuration check succeeds"
            elif word not in ("synchronize", "peers-synchronize"):
                return self._marker(["commit"] + list(args), list(args).index(word) + 1, "syntax error.")
        failed = self.commit_candidate(comment, confirm)
        if failed:
            return failed
        out = ["commit complete"]
        if confirm is not None:
            out = ["configuration check succeeds",
                   "commit confirmed will be automatically rolled back in %d minutes unless confirmed" % confirm,
                   "commit complete"]
        if quit_after:
            self.leave_config()
            out.append("Exiting configuration mode")
        elif confirm is not None:
            out += ["", "# commit confirmed will be rolled back in %d minutes" % confirm]
        return "\n".join(out)

    def cfg_rollback(self, args, _line):
        index = int(args[0]) if args and args[0].isdigit() else 0
        if not self.load_rollback(index):
            return "error: rollback %d does not exist" % index
        return "load complete"

    # -- load set terminal ---------------------------------------------------------------------
    # Juniper, "Loading Configuration Files" (Junos OS 14.1, juniper.net/techpubs/en_US/junos14.1/topics/example/
    # junos-software-config-file-loading.html): `load set terminal`, input ends with Ctrl-d; "load" command summary
    # (Junos OS 13.2): the current edit level is ignored. What the device prints, from a vJunos-router 25.4R1.12
    # transcript (public lab notes "junos_ospf_topology_metric", read 2026-12-07): "[Type ^D at a new line to end
    # input]", the pasted lines echoed with no prompt between them, then after "^D" one "terminal:<line>:(<column>)
    # syntax error: <word>" per refused line (column: where the word starts, from 0) and "load complete" - with
    # errors too, and the valid start of a refused line is kept ("set protocols ospf topology default metric 65450"
    # left "topology default" in the candidate). The twin takes set and delete lines (what the collection loads) and
    # refuses any other command there; it holds the lines until ^D and then runs them, as the device parses the input.
    _loading = None

    def cfg_load(self, args, _line):
        if args != ["set", "terminal"]:
            return self._marker(["load"] + list(args), 1, "syntax error.")
        self._loading = []
        return base.Ask("[Type ^D at a new line to end input]\n", self._load_line)

    def _load_line(self, line):
        if line == "\x04":
            return self._load_end()
        self._loading.append((line, False))
        return base.Ask("", self._load_line)

    def feed_refused(self, error, line=None):
        """A line a fault refuses inside a load is reported as the load reports a refused line."""
        if self._loading is not None and line is not None and line.strip() != "\x04":
            self.pending = None
            self._loading.append((line.strip(), True))
            return self._reply(base.Ask("", self._load_line))
        return super().feed_refused(error, line)

    def _load_end(self):
        lines, self._loading = self._loading, None
        saved, self.edit_path = self.edit_path, []
        out = []
        try:
            for number, (line, refused) in enumerate(lines, 1):
                message = self._load_one(number, line, refused)
                if message:
                    out.append(message)
        finally:
            self.edit_path = saved
        return "\n".join(out + ["load complete"])

    def _load_one(self, number, line, refused):
        """What loading one line prints ('' for nothing)."""
        words, bad, said = self.load_line(line, refused)
        if bad is None:
            return said
        return "terminal:%d:(%d) syntax error: %s" % (number, len(" ".join(words[:bad])) + (1 if bad else 0), words[bad])

    def load_line(self, line, refused=False):
        """Load one set/delete line into the candidate (the CLI's terminal load and NETCONF's action="set"):
        (its words, the index of the word refused or None, what the command said - "warning: statement not found").
        A refused line's valid start stays in the candidate, as on the device."""
        words = self.split(line)
        if not words:
            return words, None, ""
        bad = len(words) - 1 if refused else None
        if bad is None and words[0] not in ("set", "delete"):
            bad = 0
        schema_bad = self.refused_at(words[1:]) if bad is None and words[0] == "set" else None
        if schema_bad is not None:
            bad = min(schema_bad + 1, len(words) - 1)
        if bad is None:
            found = grammar.match(self.grammar, words[1:], self.DIALECT)
            good = found.ok or (words[0] == "set" and found.tag_prefix) or (words[0] == "delete" and found.incomplete)
            if good:
                return words, None, (self.cfg_set if words[0] == "set" else self.cfg_delete)(words[1:], line)
            bad = min(max(found.bad, 0) + 1, len(words) - 1)
        if words[0] == "set" and bad > 1:
            start = grammar.match(self.grammar, words[1:bad], self.DIALECT)
            if start.ok or start.tag_prefix:
                self.cfg_set(words[1:bad], line)
        return words, bad, ""

    def _set_lines(self, tree):
        return tree.set_lines(lambda word, _leaf: _quote(word))

    # -- operational mode -----------------------------------------------------------------------
    def op_reboot(self, _args):
        """Junos boots its last committed config; a pending commit confirmed is rolled back first."""
        def answer(reply):
            if reply.lower() not in ("yes", "y"):
                return ""
            pending = self.device.confirm
            if pending and pending["kind"] == "commit":
                self.device.commit(config_from_json(pending["restore"]), "root", "rollback at reboot: commit not confirmed")
            self.device.reboot(from_saved=False)
            self.closed = True
            return "Shutdown NOW!\n[pid 1]"
        return setstyle.base.Ask("Reboot the system ? [yes,no] (no) ", answer)

    def op_show_version(self, _args):
        return "\n".join(["Hostname: %s" % self._hostname(), "Model: vsrx", "Junos: %s" % self.spec.version,
                          "JUNOS OS Kernel 64-bit  [20240101.twin_builder_stable_13]",
                          "JUNOS OS runtime [20240101.twin_builder_stable_13]",
                          "JUNOS vSRX Software Suite [%s]" % self.spec.version])

    def op_show_configuration(self, args):
        tree = self.device.running
        self._shown_path = list(args)      # "| display set" renders the same subtree as set lines
        node = tree.node(args) if args else tree.root
        if node is None:
            return ""
        return "\n".join(["## Last commit: %s by %s" % (
            time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(self.device.history[0]["time"])), self.device.history[0]["user"]),
            "version %s;" % self.spec.version] + tree.curly(";", _quote, BLOCK_TAGS, node, tuple(args)))

    def pipe_display(self, _text, arg):
        if arg.strip() != "set":     # xml/json are real Junos views the twin does not render: fail loudly
            return "\nerror: the device twin does not render '| display %s'" % arg.strip()
        prefix = " ".join(["set"] + list(self._shown_path))
        lines = [line for line in self._set_lines(self.device.running) if line == prefix or line.startswith(prefix + " ")]
        return "\n".join(lines)

    def pipe_compare(self, _text, arg):
        words = arg.split()
        index = int(words[1]) if words[:1] == ["rollback"] and len(words) == 2 and words[1].isdigit() else 1
        old = self.device.rollback_config(index)
        if old is None:
            return "error: rollback %d does not exist" % index
        return self.render_diff(self.device.running.diff(old))

    def op_show_commit(self, _args):
        lines = []
        for index, entry in enumerate(self.device.history):
            when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(entry["time"]))
            extra = ""
            if index == 0 and self.device.confirm and self.device.confirm["kind"] == "commit":
                extra = " commit confirmed, rollback in %dmins" % self.device.confirm["minutes"]
            lines.append("%-3d %s by %s via %s%s" % (index, when, entry["user"], entry["via"], extra))
            if entry["comment"]:
                lines.append("    %s" % entry["comment"])
        return "\n".join(lines)

    def _model(self):
        return running.build(self.device.running, self.spec)

    def op_show_ike_sa(self, _args):
        return opstate.junos_ike_sa(self._model(), self.device.dataplane())

    def op_show_ipsec_sa(self, _args):
        return opstate.junos_ipsec_sa(self._model(), self.device.dataplane())

    def op_show_bgp_summary(self, _args):
        return opstate.junos_bgp_summary(self._model(), self.device.dataplane())
