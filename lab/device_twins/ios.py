# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cisco IOS-XE dialect: exec/config modes, the CGW grammar, archive and revert timer.

What cisco.ios (terminal + cliconf plugins, ios_config/ios_facts/ios_command) sends and
parses: ``terminal length 0``/``terminal width``, ``show version`` (Version, model, uptime,
image), ``show privilege``, ``show vlan`` (must fail on a router: device type L3),
``configure terminal`` [``revert timer N``], ``end``, ``show running-config`` [``| section``],
``show archive``, ``show archive config rollback timer``, ``configure confirm``,
``configure replace <file> force``, ``copy running-config startup-config`` and ``write memory``.
IOS has no candidate: each accepted line changes the running config at once.
"""

from __future__ import annotations

import time

from lab.device_twins import files, grammar, iosike, iosvendor, opstate
from lab.device_twins.running import ios as running
from lab.device_twins import session as base
from lab.device_twins.iostree import IosConfig

DIALECT = "ios"
_NEIGHBOR_AF = [
    "neighbor <ip> activate",
    "neighbor <ip> remote-as <asn>",
    "neighbor <ip> timers <timer> <timer>",
    "neighbor <ip> timers <timer> <timer> <timer>",
    ("neighbor <ip> route-map <name> in|out", "", (0, 1, 2, 4)),
    ("neighbor <ip> prefix-list <name> in|out", "", (0, 1, 2, 4)),
    "neighbor <ip> maximum-prefix <int>",
    "neighbor <ip> maximum-prefix <int> <int>",
    "neighbor <ip> soft-reconfiguration inbound",
    "neighbor <ip> default-originate",
    "neighbor <ip> next-hop-self",
    "network <ip>",
    ("network <ip> mask <mask>", "", (0, 1, 2, 3)),
    "maximum-paths <paths>",
    "redistribute connected|static",
]

# Everyday configuration a router carries besides the VPN (the roles never push it; the twin must keep it).
# Sources, Cisco IOS XE 17 documentation on cisco.com: access lists - Security Configuration Guide: Access Control
# Lists ("IP Access List Entry Sequence Numbering", "IP Named Access Control Lists"); interfaces - Interface and
# Hardware Component Command Reference; NAT - IP Addressing: NAT Configuration Guide ("ip nat inside|outside");
# ntp/logging - Basic System Management Command Reference and System Message Logging; snmp-server - SNMP
# Configuration Guide; aaa - Security Command Reference: Commands A to C ("aaa new-model"); line - Terminal Services
# Command Reference ("line vty", "transport input", "exec-timeout", "access-class"); event manager - Embedded Event
# Manager Configuration Guide ("event manager applet", "event manager environment").
_EVERYDAY_GLOBAL = [
    ("ip access-list extended <name>", "config-ext-nacl", (0, 1, 2, 3)),
    ("ip access-list standard <name>", "config-std-nacl", (0, 1, 2, 3)),
    ("ip nat inside source list <name> interface <iface> overload", "", (0, 1, 2, 3, 4, 5)),
    ("ip nat inside source static <ip> <ip>", "", (0, 1, 2, 3, 4, 5)),
    "ip domain name <name>",
    "ip name-server <ip>+",
    "ip ssh version <int>",
    ("ntp server <ip>", "", (0, 1, 2)),
    ("ntp server <ip> prefer", "", (0, 1, 2)),
    "ntp source <iface>",
    ("logging host <ip>", "", (0, 1, 2)),
    "logging buffered <int>",
    "logging trap <word>",
    "logging source-interface <iface>",
    ("snmp-server community <word> RO|RW", "", (0, 1, 2)),
    ("snmp-server community <word> RO|RW <name>", "", (0, 1, 2)),
    "snmp-server location <text>",
    "snmp-server contact <text>",
    "aaa new-model",
    ("aaa authentication login <name> <word>+", "", (0, 1, 2, 3)),
    ("aaa authorization exec <name> <word>+", "", (0, 1, 2, 3)),
    "aaa session-id common",
    "service timestamps debug|log datetime msec",
    "service password-encryption",
    ("line vty <int> <int>", "config-line", (0, 1, 2, 3)),
    ("line con|aux <int>", "config-line", (0, 1, 2)),
    ("event manager applet <name>", "config-applet", (0, 1, 2, 3)),
    ("event manager environment <name> <text>", "", (0, 1, 2, 3)),
]
_EVERYDAY_INTERFACE = [
    ("ip address <ip> <mask> secondary", "", (0, 1, 2, 3, 4)),
    ("ip nat inside|outside", "", (0, 1)),
    ("ip access-group <name> in|out", "", (0, 1, 3)),
    "ip helper-address <ip>*",
    "bandwidth <int>",
    "load-interval <int>",
    "vrf forwarding <name>",
]
_EVERYDAY_ROUTE_MAP = [
    "match ip address <name>+",
    "match as-path <int>+",
    "match community <word>+",
    "set ip next-hop <ip>+",
    "set origin igp|incomplete",
    "set tag <int>",
]
_EVERYDAY_LINE = [
    "login",
    "login local",
    ("transport input <word>+", "", (0, 1)),
    ("transport output <word>+", "", (0, 1)),
    "exec-timeout <int> <int>",
    ("access-class <name> in|out", "", (0, 2)),
    "logging synchronous",
    "privilege level <int>",
    "session-timeout <int>",
    "stopbits <int>",
]
_EVERYDAY_APPLET = [
    # one event detector per applet; the words after its type are the detector's own
    ("event timer|syslog|cli|interface|track|snmp|counter|routing|ipsla|tag|oir|resource|neighbor-discovery <text>", "", (0,)),
    ("event none", "", (0,)),
    ("action <word> <text>", "", (0, 1)),
    "description <text>",
    "authorization bypass",
]

# The crypto and tunnel-interface rows whose keywords, enums and ranges come from Cisco's YANG: iosvendor.rows()
_VENDOR = iosvendor.rows()
GRAMMAR = {mode: grammar.compile_table(rows + _VENDOR.get(mode, [])) for mode, rows in {
    "config": [
        "hostname <name>",
        ("interface <iface>", "config-if", (0, 1)),
        ("router bgp <asn>", "config-router", (0, 1, 2)),
        ("crypto ikev2 proposal <name>", "config-ikev2-proposal", (0, 1, 2, 3)),
        ("crypto ikev2 policy <name>", "config-ikev2-policy", (0, 1, 2, 3)),
        ("crypto ikev2 keyring <name>", "config-ikev2-keyring", (0, 1, 2, 3)),
        ("crypto ikev2 profile <name>", "config-ikev2-profile", (0, 1, 2, 3)),
        "crypto ikev2 dpd <dpd> <dpd> <on-demand|periodic>",
        "crypto isakmp keepalive <dpd> <dpd>",
        ("crypto ipsec profile <name>", "ipsec-profile", (0, 1, 2, 3)),
        "crypto ipsec df-bit <clear|set|copy>",
        "crypto ipsec security-association replay window-size <int>",
        "crypto ipsec fragmentation <before-encryption|after-encryption>",
        ("ip route <ip> <mask> <ipaddr_or_iface>", "", (0, 1, 2, 3, 4)),
        ("ip route <ip> <mask> <ipaddr_or_iface> <int>", "", (0, 1, 2, 3, 4)),
        ("ip prefix-list <name> seq <seq> permit|deny <prefix>", "", (0, 1, 2, 3, 4)),
        ("ip prefix-list <name> seq <seq> permit|deny <prefix> le|ge <prefixlen>", "", (0, 1, 2, 3, 4)),
        ("ip prefix-list <name> seq <seq> permit|deny <prefix> ge <prefixlen> le <prefixlen>", "", (0, 1, 2, 3, 4)),
        "ip prefix-list <name> description <text>",
        ("route-map <name> permit|deny <seq>", "config-route-map", (0, 1, 3)),
        ("route-map <name> permit|deny", "config-route-map", (0, 1)),
        ("archive", "config-archive"),
        # the SCP server a config file is copied to the device with (files.py)
        "ip scp server enable",
        # `configuration mode exclusive auto`: every configure terminal takes the lock (see LOCKED below)
        ("configuration mode exclusive auto|manual", "", (0, 1, 2)),
    ] + _EVERYDAY_GLOBAL,
    "config-if": [
        "description <text>",
        "ip address <ip> <mask>",
        "ip address dhcp",
        "shutdown",
        "ip virtual-reassembly",
        "tunnel source <ipaddr_or_iface>",
        "tunnel destination <ip>",
        ("tunnel mode ipsec ipv4|ipv6", "", (0, 1)),
        "tunnel protection ipsec profile <name>",
        "negotiation auto",
    ] + _EVERYDAY_INTERFACE,
    "config-router": [
        "bgp router-id <ip>",
        "bgp log-neighbor-changes",
        "neighbor <ip> description <text>",
        "neighbor <ip> update-source <iface>",
        "neighbor <ip> ebgp-multihop <int>",
        "neighbor <ip> shutdown",
        ("address-family ipv4", "config-router-af"),
        ("address-family ipv4 unicast", "config-router-af"),
    ] + _NEIGHBOR_AF,
    "config-router-af": _NEIGHBOR_AF,
    "config-route-map": [
        "description <text>",
        "match ip address prefix-list <name>+",
        "set as-path prepend <asn>+",
        "set local-preference <int>",
        "set metric <int>",
        "set weight <int>",
        "set community <word>+",
    ] + _EVERYDAY_ROUTE_MAP,
    "config-ikev2-proposal": [],
    "config-ikev2-policy": [
        "proposal <name>*",
        "match address local <ip>",
        "match fvrf any",
    ],
    "config-ikev2-keyring": [
        ("peer <name>", "config-ikev2-keyring-peer", (0, 1)),
    ],
    "config-ikev2-keyring-peer": [
        "address <ip>",
        "address <ip> <mask>",
        "identity address <ip>",
        "pre-shared-key <secret>",
        ("pre-shared-key local|remote <secret>", "", (0, 1)),
    ],
    "config-ikev2-profile": [
        "match identity remote address <ip>",
        "match identity remote address <ip> <mask>",
        "match address local <ip>",
        "match fvrf any",
        "identity local address <ip>",
        ("authentication remote|local pre-share", "", (0, 1)),
        "keyring local <name>",
    ],
    "cfg-crypto-trans": [],
    "ipsec-profile": [
        "set ikev2-profile <name>",
        ("set security-association lifetime kilobytes <int>", "", (0, 1, 2, 3)),
    ],
    "config-archive": [
        "path <word>",
        "maximum <int>",
        "write-memory",
        "time-period <int>",
    ],
    "config-ext-nacl": [("<seq> permit|deny <acl_ext>", "", (0,)), ("<seq> remark <text>", "", (0,))],
    "config-std-nacl": [("<seq> permit|deny <acl_std>", "", (0,)), ("<seq> remark <text>", "", (0,))],
    "config-line": _EVERYDAY_LINE,
    "config-applet": _EVERYDAY_APPLET,
}.items()}
_NUMBERED = {"config-ext-nacl": 10, "config-std-nacl": 10}   # ACL entries typed without a number get the next multiple of 10

INVALID = "% Invalid input detected at '^' marker.\n"
ENTER_CONFIG = "Enter configuration commands, one per line.  End with CNTL/Z."
# The parser configuration lock. Cisco, "Exclusive Configuration Change Access and Access Session Locking",
# System Management Configuration Guide, Cisco IOS XE 17.x
# (https://www.cisco.com/c/en/us/td/docs/routers/ios/config/17-x/syst-mgmt/b-system-management/m_cm-config-lock-0.html):
# `configure terminal lock`, `configuration mode exclusive auto|manual`, `show configuration lock`,
# `clear configuration lock`; the lock is released on leaving configuration mode or when the session ends.
# The texts as the routers print them: the grant (booches.nl "Configuration Mode Locking", 2008-09, and the
# Cisco guide's auto-mode example), the refusal (blog.networkbits.es "Cisco single-user configuration", 2014;
# ipnet.xyz "Cisco IOS: single user access in CLI configuration terminal", 2010-07) and the
# `show configuration lock` fields (booches.nl 2008-09).
LOCKED = "Configuration mode locked exclusively. The lock will be cleared once you exit out of configuration mode using end/exit"
LOCKED_BY = "Configuration mode locked exclusively by user '%s' process '%d' from terminal '%d'. Please try later."
INCOMPLETE = "% Incomplete command.\n"
REPLACE_QUESTION = ("This will apply all necessary additions and deletions\nto replace the current running configuration with the\n"
                    "contents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\n"
                    "configuration. Enter Y if you are sure you want to proceed. ? [no]: ")


def empty_config():
    return IosConfig()


def config_from_json(data):
    return IosConfig.from_json(data)


def initial_config(spec):
    # a router made ready for the collection: its SCP server on (docs/architecture.md, "Loading a change from a file")
    return IosConfig([["hostname " + spec.hostname, []], [files.SCP_ENABLE, []],
                      ["interface GigabitEthernet1", [["ip address dhcp", []], ["negotiation auto", []]]]])


def hostname(config, default):
    for line, _children in config.nodes:
        if line.startswith("hostname "):
            return line.split(None, 1)[1]
    return default


def key_of(mode, line):
    """The setting an existing line sets, found by parsing it with the mode's grammar."""
    found = grammar.match(GRAMMAR[mode], line.split(), DIALECT)
    return found.key() if found.ok else line


def marker(prompt, line, words, index):
    """IOS error: a caret under the offending word, then the message."""
    column, pos = len(prompt), 0
    for i, word in enumerate(words):
        pos = line.find(word, pos)
        if i == index:
            return " " * (column + max(pos, 0)) + "^\n" + INVALID
        pos += len(word)
    return " " * (column + len(line) + 1) + "^\n" + INVALID


class Session(base.Session):
    OP_COMMANDS = (
        (("terminal", "length"), "op_terminal"), (("terminal", "width"), "op_terminal"),
        (("terminal", "no", "monitor"), "op_terminal"),
        (("show", "version"), "op_show_version"), (("show", "privilege"), "op_show_privilege"),
        (("show", "running-config"), "op_show_running"), (("show", "startup-config"), "op_show_startup"),
        (("show", "inventory"), "op_show_inventory"),
        (("show", "archive"), "op_show_archive"),
        (("show", "archive", "config", "rollback", "timer"), "op_show_rollback_timer"),
        (("show", "crypto", "ikev2", "sa"), "op_show_ikev2_sa"),
        (("show", "crypto", "ikev2", "proposal"), "op_show_ikev2_proposal"),
        (("show", "crypto", "ikev2", "policy"), "op_show_ikev2_policy"),
        (("show", "crypto", "ipsec", "sa"), "op_show_ipsec_sa"),
        (("show", "ip", "bgp", "summary"), "op_show_bgp_summary"),
        (("show", "ip", "route"), "op_show_ip_route"),
        (("show", "ip", "interface", "brief"), "op_show_ip_int_brief"),
        (("configure", "terminal"), "op_configure"), (("configure", "confirm"), "op_configure_confirm"),
        (("show", "configuration", "lock"), "op_show_config_lock"), (("clear", "configuration", "lock"), "op_clear_config_lock"),
        (("configure", "revert", "now"), "op_configure_revert"),
        (("configure", "replace"), "op_configure_replace"),
        (("write", "memory"), "op_write"), (("write",), "op_write"),
        (("copy", "running-config", "startup-config"), "op_copy_run_start"), (("copy",), "op_copy"),
        (("delete",), "op_delete"),
        (("archive", "config"), "op_archive_config"),
        (("enable",), "op_nothing"), (("exit",), "op_exit"), (("logout",), "op_exit"), (("reload",), "op_reload"),
    )
    PIPES = {"include": "pipe_include", "exclude": "pipe_exclude", "section": "pipe_section",
             "begin": "pipe_begin", "count": "pipe_count"}

    def __init__(self, device, user):
        super().__init__(device, user)
        self._keys = {}

    # -- prompt & dispatch -------------------------------------------------------------
    def banner(self):
        return "\n"

    def prompt(self):
        name = hostname(self.device.running, self.spec.hostname)
        if not self.modes:
            return name + "#"
        return "%s(%s)#" % (name, self.modes[-1][0])

    def execute(self, line):
        if not line or line.startswith("!"):
            return ""
        prompt = self.prompt()
        if self.modes:
            return self.config_line(line, prompt)
        return self.run_op(line, lambda words, index: marker(prompt, line, words, index))

    # -- configuration mode ------------------------------------------------------------
    def config_line(self, line, prompt):
        words = line.split()
        if words[0] == "do" and len(words) > 1:
            rest = line.split(None, 1)[1]
            return self.run_op(rest, lambda w, i: marker(prompt, line, ["do"] + w, i + 1))
        if words == ["end"]:
            self.modes = []
            self._release()
            return ""
        if words in (["exit"], ["exit-address-family"]):
            self.modes.pop()
            if not self.modes:
                self._release()
            return ""
        negate = words[0] == "no"
        body = self._numbered(words[1:] if negate else words)
        best = None
        for depth in range(len(self.modes), 0, -1):
            mode, path = self.modes[depth - 1]
            found = grammar.match(GRAMMAR[mode], body, DIALECT)
            if found.ok or (negate and found.incomplete and found.bad == len(body)):
                del self.modes[depth:]
                return self._apply(mode, path, found, body, negate)
            if best is None or found.bad > best.bad:
                best = found      # IOS points its caret at the furthest word any enclosing mode accepted
        if best.incomplete:
            return INCOMPLETE
        return marker(prompt, line, words, best.bad + (1 if negate else 0))

    def _numbered(self, words):
        """An entry typed without its sequence number gets the next one, as IOS numbers ACL and prefix-list entries."""
        mode, path = self.modes[-1]
        if mode in _NUMBERED and words[:1] in (["permit"], ["deny"], ["remark"]):
            used = [int(line.split()[0]) for line, _c in self.device.running.lookup(path) or [] if line.split()[0].isdigit()]
            return [str(max(used, default=0) // 10 * 10 + 10)] + words
        if words[:2] == ["ip", "prefix-list"] and len(words) > 4 and words[3] in ("permit", "deny"):
            prefix = "ip prefix-list %s seq " % words[2]
            used = [int(line.split()[4]) for line, _c in self.device.running.nodes if line.startswith(prefix)]
            return words[:3] + ["seq", str(max(used, default=0) // 5 * 5 + 5)] + words[3:]
        return words

    def _apply(self, mode, path, found, body, negate):
        config = self.device.running
        if negate:
            config.remove(path, " ".join(body))
            if mode == "config-router" and len(body) == 2 and body[0] == "neighbor":
                # `no neighbor X` under router bgp drops the neighbour from every address family too
                for line, _children in config.lookup(path) or []:
                    if line.startswith("address-family "):
                        config.remove(path + [line], " ".join(body))
        else:
            text = " ".join(found.words)
            key = found.key()
            node = config.put(path, text, lambda existing: key_of(mode, existing) == key)
            if found.pattern.submode:
                self.modes.append((found.pattern.submode, path + [node[0]]))
        self.device.apply(config)
        return ""

    # -- exec commands -------------------------------------------------------------------
    def op_terminal(self, args):
        if args and not args[0].isdigit():
            return marker(self.prompt(), " ".join(args), args, 0)
        return ""

    def op_reload(self, _args):
        """Boots startup-config: what was not written to memory is gone, as on the router."""
        def answer(reply):
            if reply.lower() not in ("", "y", "yes", "confirm"):
                return ""
            self.device.reboot(from_saved=True)
            self.closed = True
            return "\n%SYS-5-RELOAD: Reload requested by " + self.user + ". Reload Reason: Reload Command.\n"
        return base.Ask("Proceed with reload? [confirm]", answer)

    def op_show_version(self, _args):
        spec = self.spec
        name = hostname(self.device.running, spec.hostname)
        return "\n".join([
            "Cisco IOS XE Software, Version %s" % spec.version,
            "Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), "
            "Version %s, RELEASE SOFTWARE (fc2)" % spec.version,
            "Technical Support: http://www.cisco.com/techsupport",
            "Copyright (c) 1986-2024 by Cisco Systems, Inc.",
            "",
            "ROM: IOS-XE ROMMON",
            "",
            "%s uptime is %s" % (name, opstate.uptime_text(self.device)),
            "Uptime for this control processor is %s" % opstate.uptime_text(self.device),
            'System image file is "bootflash:packages.conf"',
            "",
            "Router operating mode: Autonomous",
            "",
            "cisco C8000V (VXE) processor (revision VXE) with 1987654K/3075K bytes of memory.",
            "Processor board ID 9TWINCGW%s" % spec.port,
            "Router operating mode: Autonomous",
            "1 Gigabit Ethernet interface",
            "32768K bytes of non-volatile configuration memory.",
            "3965624K bytes of physical memory.",
            "",
            "Configuration register is 0x2102",
        ])

    def op_show_privilege(self, _args):
        return "Current privilege level is 15"

    def op_show_inventory(self, _args):
        return 'NAME: "Chassis", DESCR: "Cisco C8000V Chassis"\nPID: C8000V            , VID: V00  , SN: 9TWINCGW%s' % self.spec.port

    def _running_text(self, config):
        body = []
        for block in config.blocks():
            body.extend(block)
            body.append("!")
        text = "\n".join(["!", "version %s" % ".".join(self.spec.version.split(".")[:2]), "!"] + body + ["end"])
        return "Building configuration...\n\nCurrent configuration : %d bytes\n%s" % (len(text), text)

    def op_show_running(self, args):
        if args and args[0] not in ("all", "full", "brief"):
            return marker(self.prompt(), " ".join(["show", "running-config"] + args), ["show", "running-config"] + args, 2)
        return self._running_text(self.device.running)

    def op_show_startup(self, _args):
        return self._running_text(self.device.saved)

    def pipe_section(self, _text, pattern):
        return "\n".join(self.device.running.section(pattern.strip()))

    @staticmethod
    def pipe_begin(text, pattern):
        lines = text.splitlines()
        for i, line in enumerate(lines):
            if pattern.strip() in line:
                return "\n".join(lines[i:])
        return ""

    # archive, revert timer and replace ------------------------------------------------
    def _archive_settings(self):
        children = self.device.running.lookup(["archive"])
        if children is None:
            return None
        settings = {"path": None, "maximum": 10, "write-memory": False}
        for line, _sub in children:
            word, _sep, value = line.partition(" ")
            settings[word] = int(value) if word == "maximum" else (value or True)
        return settings

    def _next_archive(self):
        """Archive files are numbered on and on, as on IOS: the oldest ones go, their numbers are not reused."""
        numbers = [int(name.rsplit("-", 1)[1]) for name in self.device.archive if name.rsplit("-", 1)[-1].isdigit()]
        return max(numbers, default=0) + 1

    def _archive_now(self):
        settings = self._archive_settings()
        if not settings or not settings["path"]:
            return None
        name = "%s-%d" % (settings["path"], self._next_archive())
        self.device.archive[name] = self.device.running.copy()
        for old in list(self.device.archive)[:-settings["maximum"]]:
            del self.device.archive[old]
        self.device.save()
        return name

    def op_show_archive(self, args):
        if args:
            return marker(self.prompt(), "show archive " + " ".join(args), ["show", "archive"] + args, 2)
        settings = self._archive_settings()
        if not settings or not settings["path"]:
            return "Archive feature not enabled"
        names = list(self.device.archive)
        lines = ["The maximum archive configurations allowed is %d." % settings["maximum"],
                 "The next archive file will be named %s-%d" % (settings["path"], self._next_archive()),
                 " Archive #  Name"]
        for i, name in enumerate(names, 1):
            lines.append("   %-8d %s%s" % (i, name, " <- Most Recent" if i == len(names) else ""))
        return "\n".join(lines)

    def op_show_rollback_timer(self, _args):
        pending = self.device.confirm
        if not pending or pending["kind"] != "revert":
            return "%No Rollback Confirmed Change pending"
        left = max(0, int(pending["deadline"] - time.time()))
        return "Timer type: revert timer\nTimer value: %d min\nTime remaining: %d sec" % (pending["minutes"], left)

    def op_configure(self, args):
        lock = args == ["lock"] or self._exclusive_auto()
        holder = self.device.refused_by(self)
        if holder:
            return LOCKED_BY % (holder.user, holder.pid, holder.tty)
        if args[:2] == ["revert", "timer"] and len(args) == 3 and args[2].isdigit():
            if self._archive_now() is None:
                return "% Archive not configured. Please configure archive path first."
            self.device.arm_confirm(int(args[2]), self.device.running.to_json(), "revert")
        elif args and args != ["lock"]:
            line = "configure terminal " + " ".join(args)
            return marker(self.prompt(), line, line.split(), 2)
        self.modes = [("config", [])]
        if lock:
            self.device.lock_holder = self
            return ENTER_CONFIG + "\n" + LOCKED
        return ENTER_CONFIG

    def _exclusive_auto(self):
        """`configuration mode exclusive auto`: every `configure terminal` takes the lock."""
        return any(line == "configuration mode exclusive auto" for line, _children in self.device.running.nodes)

    def _release(self):
        """Leaving configuration mode (end, exit) releases the lock this session took."""
        if self.device.lock_holder is self:
            self.device.lock_holder = None

    def op_show_config_lock(self, _args):
        holder = self.device.lock_holder
        if holder is None:
            values = ("-1", "unknown", "-1", "NO LOCK", "FREE", "unknown", "0", "0", "0")
        else:
            values = (str(holder.pid), holder.user, str(holder.tty), "EXCLUSIVE", "LOCKED", "EXPOSED", "1", "0",
                      "configure terminal lock")
        names = ("Owner PID", "User", "TTY", "Type", "State", "Class", "Count", "Pending Requests", "User debug info")
        return "\n".join(["Parser Configure Lock", "---------------------"] + ["%-18s: %s" % pair for pair in zip(names, values)])

    def op_clear_config_lock(self, _args):
        """Frees a lock a stuck session holds; that session stays in configuration mode, unlocked (the twin prints nothing)."""
        if self.device.lock_holder is None:
            return "% Configuration lock is not held"   # the twin's wording
        self.device.lock_holder = None
        return ""

    def op_configure_confirm(self, _args):
        if self.device.confirm and self.device.confirm["kind"] == "revert":
            self.device.cancel_confirm()
        return ""

    def op_configure_revert(self, _args):
        pending = self.device.confirm
        if not pending or pending["kind"] != "revert":
            return "%No Rollback Confirmed Change pending"
        self.device.cancel_confirm()
        self.device.apply(config_from_json(pending["restore"]))
        return "Rollback Done"

    def op_configure_replace(self, args):
        if not args:
            return INCOMPLETE
        source = args[0]
        if source in ("nvram:startup-config", "startup-config"):
            config = self.device.saved.copy()
        elif source in self.device.archive:
            config = self.device.archive[source].copy()
        else:
            return "%%Error opening %s (No such file or directory)" % source

        def replace(answer="y"):
            if not answer.lower().startswith("y"):
                return ""
            self.device.apply(config)
            return "Total number of passes: 1\nRollback Done"
        if "force" in args[1:]:
            return replace()
        return base.Ask(REPLACE_QUESTION, replace)

    def _save(self):
        self.device.saved = self.device.running.copy()
        settings = self._archive_settings()
        if settings and settings["write-memory"]:
            self._archive_now()
        self.device.save()
        return "Building configuration...\n[OK]"

    def op_write(self, args):
        if args and args != ["memory"]:
            return marker(self.prompt(), "write " + " ".join(args), ["write"] + args, 1)
        return self._save()

    def op_copy_run_start(self, _args):
        def answer(filename):
            if filename not in ("", "startup-config"):
                return "%Error opening nvram:" + filename + " (Permission denied)"
            return self._save()
        return base.Ask("Destination filename [startup-config]? ", answer)

    # a config file on flash (Cisco IOS XE Configuration Fundamentals Command Reference: copy, delete) ----------
    def op_copy(self, args):
        """``copy <flash file> running-config``: asks the destination, then runs the file's lines as if typed in global
        configuration mode (a merge). A line the parser refuses prints IOS's caret and message, without the line, and
        the copy goes on with the next; the bytes-copied line ends it."""
        line = "copy " + " ".join(args)
        if len(args) != 2:
            return INCOMPLETE if len(args) < 2 else marker(self.prompt(), line, line.split(), 3)
        if args[1] not in ("running-config", "system:running-config"):
            return marker(self.prompt(), line, line.split(), 2)

        def answer(destination):
            if destination not in ("", "running-config"):
                return "%%Error opening %s (Permission denied)" % destination
            text = files.read(self.spec, args[0])
            if text is None:
                return "%%Error opening %s (No such file or directory)" % args[0]
            started = time.monotonic()
            errors = self._merge(text)
            seconds = max(time.monotonic() - started, 0.001)
            size = len(text.encode("utf-8"))
            return "".join(errors) + "\n%d bytes copied in %.3f secs (%d bytes/sec)" % (size, seconds, size / seconds)
        return base.Ask("Destination filename [running-config]? ", answer)

    def _merge(self, text):
        """Run config lines as global configuration mode takes them; (error outputs). The session's own modes (a
        ``do copy`` in configuration mode) are as before afterwards, its lock kept."""
        kept, self.modes, errors = self.modes, [("config", [])], []
        try:
            for raw in text.splitlines():
                line = raw.strip()
                if line == "end":
                    break
                if not line or line.startswith("!") or (line in ("exit", "exit-address-family") and len(self.modes) < 2):
                    continue
                out = self.file_line_refusal(line) or self.config_line(line, "")
                if out:
                    errors.append("\n" + out)
        finally:
            self.modes = kept
        return errors

    def op_delete(self, args):
        """``delete [/force] <flash file>``: without /force it asks for the name, then to confirm."""
        force = args[:1] == ["/force"]
        names = args[1:] if force else args
        if len(names) != 1:
            return INCOMPLETE
        name = names[0]
        if files.local_path(self.spec, name) is None:
            return "%%Error deleting %s (Invalid argument)" % name

        def gone(_reply=""):
            if not files.remove(self.spec, name):
                return "%%Error deleting %s (No such file or directory)" % name
            return ""
        if force:
            return gone()
        return base.Ask("Delete filename [%s]? " % name.split(":", 1)[-1].lstrip("/"),
                        lambda _name: base.Ask("Delete %s? [confirm]" % name, gone))

    def op_archive_config(self, _args):
        if self._archive_now() is None:
            return "% Archive not configured. Please configure archive path first."
        return ""

    # operational state ------------------------------------------------------------------
    def _model(self):
        return model(self.device.running, self.spec)

    def op_show_ikev2_proposal(self, args):
        """The smart-default proposal (a real router lists the configured ones too; the twin shows the default)."""
        return iosike.show_proposal_default() if args in ([], ["default"]) else ""

    def op_show_ikev2_policy(self, args):
        return iosike.show_policy_default() if args in ([], ["default"]) else ""

    def op_show_ikev2_sa(self, _args):
        return opstate.ios_ikev2_sa(self._model(), self.device.dataplane())

    def op_show_ipsec_sa(self, _args):
        return opstate.ios_ipsec_sa(self._model(), self.device.dataplane())

    def op_show_bgp_summary(self, _args):
        return opstate.ios_bgp_summary(self._model(), self.device.dataplane())

    def op_show_ip_route(self, _args):
        return opstate.ios_ip_route(self._model(), self.device.dataplane())

    def op_show_ip_int_brief(self, _args):
        return opstate.ios_ip_int_brief(self._model())


def model(config, spec):
    """The running config's model, by the twin's own reading (running/ios.py)."""
    return running.build(config, spec)
