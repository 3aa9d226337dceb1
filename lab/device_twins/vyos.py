# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VyOS dialect: 1.4+ syntax (platform ``vyos``) and 1.3 syntax (platform ``vyos13``).

What vyos.vyos (terminal + cliconf, vyos_config/vyos_facts/vyos_command) sends: ``set terminal
length 0``/``width 512``/``length 10000``, ``show version`` (Version:/Hardware model:),
``show host name``, ``show configuration commands``, ``configure``, set/delete lines, ``compare``
(``No changes ...`` = nothing to commit), ``commit comment "..."``, ``exit``, ``exit discard``,
``compare saved``/``save``. Each configure session edits its own candidate, as on VyOS.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from lab.device_twins import files, grammar, opstate, setstyle, vyoscurly, vyostree
from lab.device_twins.running import vyos as running
from lab.device_twins.setstyle import Reference

DIALECT = "vyos"
# The commit lock: a commit takes it for as long as it runs; another commit meanwhile prints this and fails
# (no "Commit failed" line). vyos/vyatta-cfg src/commit/commit-algorithm.cpp (commit::doCommit) and
# src/commit2.cpp at 0a5b58a0f9a2c907092c6420312bda030beccb73 (2024-03-25); the lock file is
# vyos/vyos-1x python/vyos/defaults.py `commit_lock` at 3710c5879f5733d05aae6e156f74d62b73821b2d (2024-10-21).
COMMIT_LOCKED = "Configuration system temporarily locked due to another commit in progress"

# Rows outside the subtrees VyOS's own command tree judges (lab/device_twins/vyostree.py: vpn ipsec,
# interfaces vti, protocols bgp, policy prefix-list/route-map, protocols static route; 1.3 firewall options).
_COMMON = [
    "system host-name <name>",
    "service ssh",
    "service ssh port <int>",
    "interfaces ethernet <iface> address <vyaddr>*",
    "interfaces ethernet <iface> description <text>",
    "interfaces ethernet <iface> mtu <mtu>",
]
# Everyday configuration a router carries besides the VPN (the roles never push it; the twin must keep it).
# vyos/vyos-1x interface-definitions: service_snmp.xml.in,
# system_login.xml.in, system_login_banner.xml.in, system_syslog.xml.in (with include/syslog-facility.xml.i),
# system_time-zone.xml.in, system_domain-name.xml.in, system_name-server.xml.in, system_config-management.xml.in
# at 3710c5879f5733d05aae6e156f74d62b73821b2d (current, 2024-10-21); NTP: service_ntp.xml.in on sagitta (1.4,
# c3f688653511881a2270d83cd0f098b45bfa7148, 2024-10-17), ntp.xml.in (`system ntp`) on equuleus (1.3,
# a79b59070ca0039aec0a43a68e427b1d75b40cd0, 2024-07-11).
_FACILITY = "<auth|authpriv|cron|daemon|kern|lpr|mail|mark|news|syslog|user|uucp|local0|local1|local2|local3|local4|local5|local6|local7|all>"
_LEVEL = "<emerg|alert|crit|err|warning|notice|info|debug|all>"
_EVERYDAY = [
    "service snmp community <name> authorization <ro|rw>",
    "service snmp community <name> network <prefixany>*",
    "service snmp community <name> client <ipany>*",
    "service snmp contact <text>",
    "service snmp location <text>",
    "service snmp listen-address <ipany>*",
    "system time-zone <word>",
    "system domain-name <name>",
    "system name-server <ipany>*",
    "system login user <name> full-name <text>",
    "system login user <name> authentication encrypted-password <secret>",
    "system login user <name> authentication public-keys <name> key <word>",
    "system login user <name> authentication public-keys <name> type <word>",
    "system login banner pre-login <text>",
    "system login banner post-login <text>",
    "system syslog global facility " + _FACILITY + " level " + _LEVEL,
    "system syslog host <ipany> facility " + _FACILITY + " level " + _LEVEL,
    "system config-management commit-revisions <int>",
]
_NTP = {"vyos": "service ntp ", "vyos13": "system ntp "}
_NTP_ROWS = ["server <name>*", "server <name> prefer", "server <name> pool", "server <name> noselect"]

_V14 = _COMMON + _EVERYDAY + [_NTP["vyos"] + row for row in _NTP_ROWS] + [
    "service ntp allow-client address <prefixany>*",
    "service ntp listen-address <ipany>*",
]
_V13 = _COMMON + _EVERYDAY + [_NTP["vyos13"] + row for row in _NTP_ROWS]


class TreeGrammar:
    """VyOS's command tree for its subtrees (vendor fixture), the hand-written rows for the rest."""

    def __init__(self, platform, rows):
        self.tree = vyostree.CommandTree.load(platform)
        self.rows = grammar.compile_table(rows)

    def match(self, words, dialect):
        if not self.tree.owns(words):
            return grammar.match(self.rows, words, dialect)
        return tree_match(self.tree.check(words), words)


@dataclass
class TreeMatch(grammar.Match):
    message: str = ""    # VyOS's refusal, for set_error


def tree_match(verdict, words):
    """The vendor tree's verdict as a grammar match: tag and multi values accumulate, a leaf value replaces."""
    out = TreeMatch(words=list(words), message=verdict.error)
    if verdict.error:
        out.bad = verdict.bad
        out.incomplete = verdict.error.endswith("requires a value")
        out.spans = [[step.word] for step in verdict.steps]
        out.pattern = grammar.Pattern(" ".join(words), ())
        return out
    tokens = []
    for step in verdict.steps:
        if step.role == "node":
            tokens.append(grammar.Token(literals=(step.word,)))
        else:
            many = step.role == "tag" or step.node.get("multi")
            tokens.append(grammar.Token(kind="enum", choices=(step.word,), repeat="*" if many else ""))
    out.pattern = grammar.Pattern(" ".join(words), tuple(tokens))
    out.spans = [[step.word] for step in verdict.steps]
    return out


GRAMMARS = {"vyos": TreeGrammar("vyos", _V14), "vyos13": TreeGrammar("vyos13", _V13)}

_REFS_COMMON = [
    Reference("vpn ipsec site-to-site peer * ike-group $", "vpn ipsec ike-group $", "ike-group"),
    Reference("vpn ipsec site-to-site peer * default-esp-group $", "vpn ipsec esp-group $", "esp-group"),
    Reference("vpn ipsec site-to-site peer * vti esp-group $", "vpn ipsec esp-group $", "esp-group"),
    Reference("vpn ipsec site-to-site peer * vti bind $", "interfaces vti $", "vti interface"),
    Reference("policy route-map * rule * match ip address prefix-list $", "policy prefix-list $", "prefix-list"),
]
REFERENCES = {
    "vyos": tuple(_REFS_COMMON + [
        Reference("protocols bgp neighbor * address-family ipv4-unicast route-map * $", "policy route-map $", "route-map"),
        Reference("protocols bgp neighbor * address-family ipv4-unicast prefix-list * $", "policy prefix-list $", "prefix-list")]),
    "vyos13": tuple(_REFS_COMMON),
}

INITIAL = {
    "vyos": ["set system host-name {hostname}", "set service ssh port 22", "set interfaces ethernet eth0 address dhcp"],
    "vyos13": ["set system host-name {hostname}", "set service ssh port 22", "set interfaces ethernet eth0 address dhcp"],
}


def empty_config():
    return setstyle.empty_config()


def config_from_json(data):
    return setstyle.config_from_json(data)


def initial_config(spec):
    lines = [line.format(hostname=spec.hostname) for line in INITIAL[spec.platform]]
    return setstyle.tree_from_lines(lines, GRAMMARS[spec.platform], DIALECT)


def model(config, spec):
    return running.build(config, spec)


def _curly_quote(word):
    return "'%s'" % word if (" " in word or not word) else word


class Session(setstyle.SetSession):
    DIALECT = DIALECT
    CONFIG_COMMANDS = {
        "set": "cfg_set", "delete": "cfg_delete", "edit": "cfg_edit", "top": "cfg_top", "up": "cfg_up",
        "run": "cfg_run", "show": "cfg_show", "compare": "cfg_compare", "commit": "cfg_commit",
        "commit-confirm": "cfg_commit_confirm", "confirm": "cfg_confirm", "save": "cfg_save",
        "discard": "cfg_discard", "exit": "cfg_exit", "rollback": "cfg_rollback", "merge": "cfg_merge",
    }
    OP_COMMANDS = (
        (("set", "terminal", "length"), "op_nothing"), (("set", "terminal", "width"), "op_nothing"),
        (("show", "version"), "op_show_version"), (("show", "host", "name"), "op_show_host_name"),
        (("show", "configuration"), "op_show_configuration"),
        (("show", "configuration", "commands"), "op_show_commands"),
        (("show", "system", "commit"), "op_show_commit"),
        (("show", "lldp", "neighbors"), "op_show_lldp"), (("show", "lldp", "neighbors", "detail"), "op_show_lldp"),
        (("show", "vpn", "ipsec", "sa"), "op_show_ipsec_sa"),
        (("show", "ip", "bgp", "summary"), "op_show_bgp_summary"),
        (("configure",), "op_configure"), (("exit",), "op_exit"), (("reboot",), "op_reboot"),
        (("rm",), "op_rm"),
    )
    PIPES = {"match": "pipe_include", "no-more": "pipe_nothing", "grep": "pipe_include"}

    def __init__(self, device, user):
        super().__init__(device, user)
        self.grammar = GRAMMARS[device.spec.platform]
        self.references = REFERENCES[device.spec.platform]
        self._candidate = None

    # -- prompts and errors ------------------------------------------------------------------
    def prompt(self):
        host = self._hostname()
        if not self.modes:
            return "%s@%s:~$ " % (self.user, host)
        return "\n[edit%s]\n%s@%s# " % ("".join(" " + w for w in self.edit_path), self.user, host)

    def _hostname(self):
        node = self.device.running.node(["system", "host-name"])
        return next(iter(node)) if node else self.spec.hostname

    def op_unknown(self, words, _index):
        return "\n  Invalid command: [%s]\n" % " ".join(words)

    def config_unknown(self, words):
        return "\n  Invalid command: [%s]\n" % " ".join(words)

    def set_error(self, words, found):
        if getattr(found, "message", ""):
            return "\n%s\n  Set failed\n" % "\n".join("  " + line for line in found.message.splitlines())
        if found.incomplete or (found.expected and not found.expected[0].startswith("<")):
            return "\n  Configuration path: [%s] is not valid\n  Set failed\n" % " ".join(words)
        return "\n  Invalid value\n  Value validation failed\n  Set failed\n"

    def delete_missing(self, words):
        return "\n  Nothing to delete (the specified node does not exist)\n  Delete failed\n"

    def commit_failed(self, problems):
        lines = []
        for path, keyword, name, what in problems:
            lines += ["", "[ %s ]" % " ".join(path[:2]),
                      "Configuration error: %s \"%s\" referenced by \"%s %s\" does not exist" % (what, name, " ".join(path), keyword),
                      "", "[[%s]] failed" % " ".join(path[:2])]
        return "\n".join(lines + ["Commit failed"])

    def render_diff(self, changes):
        if not changes:
            return "No changes between working and active configurations."
        lines, header = [], None
        for parent, sign, leaf in changes:
            head = "[%s]" % " ".join(parent)
            if head != header:
                lines.append(head)
                header = head
            lines.append("%s %s" % (sign, " ".join(_curly_quote(w) for w in leaf)))
        return "\n".join(lines)

    # -- candidate (one per configure session) ---------------------------------------------
    def get_candidate(self):
        if self._candidate is None:
            self._candidate = self.device.running.copy()
        return self._candidate

    def set_candidate(self, tree):
        self._candidate = tree

    def _dirty(self):
        return self._candidate is not None and self._candidate != self.device.running

    # -- configuration mode --------------------------------------------------------------------
    def op_configure(self, _args):
        self.enter_config()
        return ""

    def cfg_exit(self, args, _line):
        if args == ["discard"]:
            self._candidate = None
        elif self._dirty():
            return "Cannot exit: configuration modified.\nUse 'exit discard' to discard the changes and exit."
        self.modes, self._candidate = [], None
        return "exit"

    def cfg_discard(self, _args, _line):
        self._candidate = self.device.running.copy()
        return "  Changes have been discarded"

    def cfg_show(self, args, _line):
        tree = self.get_candidate()
        node = tree.node(self.edit_path + args)
        if node is None:
            return "\n  Configuration under specified path is empty\n"
        node = tree.sorted().node(self.edit_path + args)
        return "\n".join(tree.curly("", _curly_quote, frozenset(), node, tuple(self.edit_path + args)))

    def cfg_compare(self, args, _line):
        if args == ["saved"]:
            changes = self.get_candidate().diff(self.device.saved)
            if not changes:
                return "No changes between working and saved configurations.\n"
            return self.render_diff(changes)
        if args and args[0].isdigit():
            old = self.device.rollback_config(int(args[0]))
            if old is None:
                return "\n  Invalid command: [compare %s]\n" % args[0]
            return self.render_diff(self.device.running.diff(old))
        return self.diff_text()

    def _locked(self, commit):
        """Run ``commit()`` (it returns the output) under the commit lock, for the twin's ``commit_seconds``."""
        if self.device.refused_by(self):
            return COMMIT_LOCKED

        def finish():
            try:
                return commit()
            finally:
                if self.device.lock_holder is self:
                    self.device.lock_holder = None
        self.device.lock_holder = self
        if self.spec.commit_seconds:
            return setstyle.base.Later(self.spec.commit_seconds, finish)
        return finish()

    def cfg_commit(self, args, _line):
        comment = args[1] if args[:1] == ["comment"] and len(args) > 1 else ""
        if not self._dirty():
            return "No configuration changes to commit"
        return self._locked(lambda: self.commit_candidate(comment) or "")

    def cfg_commit_confirm(self, args, _line):
        minutes = int(args[0]) if args and args[0].isdigit() else 10

        def commit():
            failed = self.commit_candidate("commit-confirm", minutes)
            return failed or "commit-confirm will rollback to the previous configuration in %d minutes unless confirmed" % minutes

        def proceed(answer):
            if answer.lower() not in ("", "y", "yes"):
                return "commit-confirm canceled"
            return self._locked(commit)
        if not self._dirty():
            return "No configuration changes to commit"
        return setstyle.base.Ask(
            "commit confirm will be automatically reboot in %d minutes unless confirmed\nProceed? [confirm]" % minutes, proceed)

    def cfg_merge(self, args, _line):
        """``merge <file>`` as vyos-1x's src/helpers/vyos-merge-config.py does it: the file (``/config/<name>`` first),
        parsed as config.boot, every set command of it the running config lacks run through ``my_set`` (here: the
        twin's set); a refused one prints the OSError of vyos.utils.process.cmd (``my_set``'s stderr goes to DEVNULL) and
        the merge goes on. The twin runs no migration: a file must be in the release's own syntax."""
        if not args:
            return "Need config file name to merge.\nUsage: merge <config file> [config path]"
        name = args[0]
        canonical = "/config/" + name
        text = files.read(self.spec, canonical)
        if text is None:
            text = files.read(self.spec, name)
        if text is None:
            return "[Errno 2] No such file or directory: '%s'\n[Errno 2] No such file or directory: '%s'" % (canonical, name)
        try:
            leaves = vyoscurly.paths(text)
        except vyoscurly.ParseError as exc:
            return "Traceback (most recent call last):\nValueError: Failed to parse config: %s" % exc
        running = set(self.device.running.set_lines(lambda word, leaf: "'%s'" % word if leaf else word))
        out, self.edit_path = [], []      # my_set takes whole paths, whatever the session's edit level
        for path, value in leaves:
            command = "set " + " ".join(path + (["'%s'" % value] if value is not None else []))
            if command in running:
                continue
            words = path + ([value] if value is not None else [])
            refused = self.file_line_refusal(command)
            if refused or "failed" in (self.cfg_set(words, command) or ""):
                out.append("[Errno 1] failed to run command: /opt/vyatta/sbin/my_%s\nreturned: \nexit code: 1" % command)
        out.append("Merge complete. Use 'commit' to make changes effective." if self._dirty() else "No configuration changes to commit.")
        return "\n".join(out)

    def cfg_confirm(self, _args, _line):
        if not self.device.confirm:
            return "No confirmation required"
        self.device.cancel_confirm()
        return ""

    def cfg_save(self, _args, _line):
        self.device.saved = self.device.running.copy()
        self.device.save()
        return "Saving configuration to '/config/config.boot'...\nDone"

    def cfg_rollback(self, args, _line):
        if not args or not args[0].isdigit() or self.device.rollback_config(int(args[0])) is None:
            return "\n  Invalid command: [rollback %s]\n" % " ".join(args)

        def commit():
            self.load_rollback(int(args[0]))
            return self.commit_candidate("rollback/%s" % args[0]) or "Rollback complete"

        def proceed(answer):
            if answer.lower() not in ("", "y", "yes"):
                return "Rollback canceled"
            return self._locked(commit)
        return setstyle.base.Ask("Proceed with reboot? [confirm]", proceed)

    # -- operational mode -----------------------------------------------------------------------
    def op_reboot(self, _args):
        """Boots /config/config.boot: committed but unsaved changes are gone, as on VyOS."""
        def answer(reply):
            if reply.lower() not in ("y", "yes"):
                return "Reboot canceled"
            self.device.reboot(from_saved=True)
            self.closed = True
            return "Rebooting now"
        return setstyle.base.Ask("Are you sure you want to reboot this system? [y/N] ", answer)

    def op_show_version(self, _args):
        return "\n".join([
            "Version:          VyOS %s" % self.spec.version,
            "Release train:    %s" % ("equuleus" if self.spec.platform == "vyos13" else "sagitta"),
            "", "Built by:         twin@hybridvpn.s2s", "Built on:         Mon 01 Jan 2024 00:00 UTC",
            "Build UUID:       00000000-0000-4000-8000-%012d" % self.spec.port, "Build commit ID:  0000000000000",
            "", "Architecture:     x86_64", "Boot via:         installed image", "System type:      KVM guest", "",
            "Hardware vendor:  QEMU", "Hardware model:   Standard PC (i440FX + PIIX, 1996)",
            "Hardware S/N:     TWIN%s" % self.spec.port, "Hardware UUID:    00000000-0000-4000-8000-%012d" % self.spec.port,
            "", "Copyright:        VyOS maintainers and contributors"])

    def op_rm(self, args):
        """The operational shell's ``rm [-f] <path>`` (coreutils' messages) for the files the login user may touch."""
        force = "-f" in args
        names = [word for word in args if word != "-f"]
        if not names:
            return "rm: missing operand"
        out = []
        for name in names:
            if files.local_path(self.spec, name) is None:
                out.append("rm: cannot remove '%s': Permission denied" % name)
            elif not files.remove(self.spec, name) and not force:
                out.append("rm: cannot remove '%s': No such file or directory" % name)
        return "\n".join(out)

    def op_show_lldp(self, _args):
        """The twin has no "service lldp" (vyos_facts gather_subset=neighbors reads this answer)."""
        return "LLDP not configured"

    def op_show_host_name(self, _args):
        return self._hostname()

    def op_show_configuration(self, args):
        if args:
            return self.op_unknown(["show", "configuration"] + args, 2)
        return "\n".join(self.device.running.sorted().curly("", _curly_quote))

    def op_show_commands(self, _args):
        return "\n".join(self.device.running.sorted().set_lines(lambda word, leaf: "'%s'" % word if leaf else word))

    def op_show_commit(self, _args):
        lines = []
        for index, entry in enumerate(self.device.history):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(entry["time"]))
            lines.append("%-3d %s by %s via %s" % (index, when, entry["user"], entry["via"]))
            if entry["comment"]:
                lines.append("    %s" % entry["comment"])
        return "\n".join(lines)

    def _model(self):
        return running.build(self.device.running, self.spec)

    def op_show_ipsec_sa(self, _args):
        return opstate.vyos_ipsec_sa(self._model(), self.device.dataplane())

    def op_show_bgp_summary(self, _args):
        return opstate.vyos_bgp_summary(self._model(), self.device.dataplane())
