# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dialect interface: what a customer gateway platform must say about its CLI.

A dialect is data (commands, patterns, hints) and a few functions (config parser, removal rules, state readers); the
generic algorithms around it (render data, pending lines, removal with undo, tunnel state, lock, diagnosis) never
name a platform. ``Dialect.missing()`` lists what a subclass has not provided yet (the registry refuses such a one).
"""

from __future__ import annotations

import abc
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class ReadError(S2SError):
    """The device or its settings cannot be handled; the message names what and never holds a key."""


def peer_lines(text: str, peer: str) -> list:
    """The lines of a show command's output that name ``peer`` (an address, not a longer one containing it)."""
    return [line for line in (text or "").splitlines() if re.search(r"(?<![\d.])%s(?![\d.])" % re.escape(peer), line)]


# Every attribute a dialect must set (None, unset, is a valid value only for the ones in OPTIONAL).
REQUIRED = (
    "name",                   # the platform name: the key everywhere (cgw_platform, filters, inventories): "ios"
    "title",                  # for people: "IOS-XE"
    "network_os",             # the ansible_network_os values (FQCN and short) the platform answers to
    "config_command",         # what prints the configuration in the form the parser and the algorithms read
    "indented",               # True: indented block text (IOS-XE); False: one "set" line per leaf (Junos, VyOS)
    "interface_head",         # regex on a config line: a tunnel interface, group 1 its number
    "interface_description",  # regex on a config line: that interface's description, group 1 the text
    "prepend_line",           # regex on a config line: a BGP export policy prepends the AS path (group 1 the policy,
                              # or the line sits under a policy_head line whose group 1 is the policy)
    "lock_command",           # takes the configuration lock (None: a commit takes it by itself)
    "lock_refusal",           # regex on the device's refusal when another session holds the lock, group 1 the holder
    "config_prompt",          # regex on the prompt: the session is in configuration mode
    "release",                # commands leaving configuration mode, dropping what was not committed
    "settle",                 # commands that wait for the lock and leave again, before a restore reads the device
    "unchanged",              # how a restore says nothing had changed
    "session_start",          # commands entering configuration mode with a clean candidate (cgw_config's one session)
    "compare_command",        # shows the candidate's change in configuration mode (None: cgw_config's one session unused)
    "compare_unchanged",      # regex on that output: the candidate changes nothing
    "state_commands",         # the show commands of the tunnel state, in the order read_state takes their outputs
    "ike_up",                 # regex on a line of the IKE SA output naming the peer: the IKE SA is up
    "key_holders",            # regex on a removal line that deletes a key (set-line platforms: goes with the keys)
    "secret_value",           # regex: group 1 is what precedes a key on a config or diff line, the rest is the key
    "diagnosis_show",         # what to run next: ike, ipsec, bgp, log, clear ({peer}, {neighbor})
    "diagnosis_fix",          # config lines that set what AWS expects: psk, ike, ipsec, bgp, inside ({...} from AWS);
                              # ike_admit where the platform can drop IKE itself (ike_refusal)
    "record",                 # the undo record syntax (parts.RecordSyntax) of the shared settings a push changes
    "no_additional_key_exchanges",  # why the releases supported here cannot run RFC 9370 rounds (ML-KEM), with a source
)
OPTIONAL = ("lock_command", "key_holders", "session_start", "compare_command", "compare_unchanged")


class Dialect(abc.ABC):
    """One platform. Subclasses set every name in REQUIRED and implement the abstract methods."""

    name = None
    title = None
    network_os = None
    variants = ()                 # config syntax variants read with this dialect ("vyos13": VyOS 1.3 syntax)
    config_command = None
    version_command = None        # asked on the one read when the release decides the syntax and nobody named it
    # netconf_step(command): the CLI command of the roles' sessions as NETCONF RPCs (dialects/<platform>_netconf.py
    # Step); None: the platform is driven over network_cli only.
    netconf_step = None
    indented = None
    interface_head = None
    interface_description = None
    prepend_line = None
    policy_head = None            # indented platforms: regex on a policy's first line, group 1 its name (prepend_line)
    # Render data: how the platform groups proposals (cgw/render.py).
    grouped_ike_proposals = False  # one IKE proposal lists several algorithms (IOS-XE)
    ike_aead_integrity = True      # an AEAD IKE proposal still names integrity algorithms (a PRF)
    esp_aead_integrity = False     # an AEAD ESP proposal still names one hash keyword (VyOS)
    max_esp_proposals = None       # the most ESP proposals one tunnel takes
    max_policy_proposals = None    # the most proposals one IKE or IPsec policy takes (render.within_limit picks them)
    max_ike_init_octets = None     # the IKE_SA_INIT size the proposals must keep within (cgw/ike_init.py)
    # Configuration session (cgw_lock, cgw_config, cgw_restore).
    lock_command = None
    lock_refusal = None
    config_prompt = None
    release = None
    settle = None
    unchanged = None
    session_start = None
    compare_command = None
    compare_unchanged = None
    # A change loaded from a file copied to the device (SCP): one command for all its lines; None: no such load here.
    # "{}" takes a token unique to the push (two pushes at once must not share a file).
    load_file = None
    load_refused = None           # regex on that command's output: a line was refused (where the CLI does not fail it)
    # Tunnel state (cgw_state).
    state_commands = None
    ike_up = None
    key_holders = None
    secret_value = None
    diagnosis_show = None
    diagnosis_fix = None
    record = None
    no_additional_key_exchanges = None

    @classmethod
    def missing(cls) -> list:
        """What the dialect has not provided: unset attributes and abstract methods."""
        unset = [attr for attr in REQUIRED if attr not in OPTIONAL and getattr(cls, attr, None) is None]
        return unset + sorted(getattr(cls, "__abstractmethods__", ()))

    def facts(self, legacy: bool = False) -> dict:
        """What the roles and playbooks take from the dialect (hybridvpn.s2s.cgw_dialect); ``legacy``: the device
        takes the legacy syntax of its platform (VyOS 1.3)."""
        return {"name": self.name, "title": self.title, "network_os": self.network_os[0],
                "config_platform": self.variants[0] if legacy and self.variants else self.name,
                "config_command": self.config_command, "state_commands": list(self.state_commands),
                "lock_command": self.lock_command, "key_holders": self.key_holders}

    def platforms(self) -> tuple:
        """The platform names this dialect reads configs of: its name and its variants."""
        return (self.name,) + tuple(self.variants)

    # -- the one read -----------------------------------------------------------------------------------------------
    def read_commands(self, version: str = "") -> list:    # pylint: disable=unused-argument
        """The commands of the one read: the configuration (then what the release needs, when nobody named it)."""
        return [self.config_command]

    def read_version(self, outputs: list, version: str = "") -> tuple:  # pylint: disable=unused-argument
        """(release, whether it takes a legacy syntax) from the read's outputs or the release the user named."""
        return "", False

    @abc.abstractmethod
    def parse(self, text: str, source) -> dict:
        """The structured model (config_read.shape) of a config text; ``source`` a config_read.load.Source."""

    # -- config text ------------------------------------------------------------------------------------------------
    def set_words(self, words: list) -> list:
        """A set line's words as the lines ``display set`` prints them (a list of word lists)."""
        return [words]

    def pending_line(self, line: str) -> str:
        """A set line as cgw_pending compares it (both sides)."""
        return line

    def hide_secrets(self, text):
        """``text`` (a config, or a diff the device printed) with every key it shows replaced by ``<hidden>``: a
        device's compare also shows keys another session committed meanwhile, which no key list of ours holds."""
        if not text:
            return text
        return re.sub(self.secret_value, r"\1<hidden>", text, flags=re.M)

    def stored_secret(self, path, i, node, word) -> bool:  # pylint: disable=unused-argument
        """Whether ``node`` (one stored value) holds ``word`` (path[i]) in a form the device stores secrets in."""
        return False

    @abc.abstractmethod
    def removal(self, config_text: str, remove: list, discovered: dict) -> tuple:
        """(commands removing the connections in ``remove`` and nothing else, line starts of what they leave gone)."""

    # -- loading a change -------------------------------------------------------------------------------------------
    def load(self, lines: list) -> list:
        """The commands (strings or network_cli command dicts) that load ``lines`` into the candidate, in configuration
        mode. By default one command per line: a round trip each (network_cli waits for the prompt, then its buffer read
        timeout). A platform with a bulk load (Junos ``load set terminal``) sends them all in one."""
        return list(lines)

    def load_from_file(self, name: str) -> list:   # pylint: disable=unused-argument
        """The commands (configuration mode) loading the lines of the file ``name`` (a ``load_file``) in one round trip;
        [] when the platform has no such load here."""
        return []

    def remove_file(self, name: str) -> list:   # pylint: disable=unused-argument
        """The commands (exec / operational mode) deleting the file ``name`` from the device."""
        return []

    def split_for_file(self, lines: list) -> tuple:
        """(lines loaded one by one before the file, lines in the file, lines loaded one by one after it)."""
        return [], list(lines), []

    def file_text(self, lines: list) -> str:
        """The text of ``load_file`` loading ``lines``."""
        return "\n".join(lines) + "\n"

    # -- tunnel state -----------------------------------------------------------------------------------------------
    def state_texts(self, outputs: list) -> tuple:
        """(IKE, IPsec, BGP) texts from the outputs of ``state_commands``."""
        return tuple(outputs[:3])

    def ike_is_up(self, line: str) -> bool:
        return bool(re.search(self.ike_up, line))

    @abc.abstractmethod
    def ipsec_up(self, text: str, tunnel: dict) -> bool:
        """Whether the IPsec SA of ``tunnel`` (render data) is up in the IPsec text."""

    def bgp_state(self, lines: list, i: int) -> tuple:
        """(established, prefixes received or the state word) from ``lines[i]``, the neighbour's summary row.
        IOS and FRR: column 10, "State/PfxRcd", is a number once established (FRR adds PfxSnt, Desc)."""
        fields = lines[i].split()
        state = fields[9] if len(fields) > 9 else "Idle"
        if state.isdigit():
            return True, int(state)
        return False, state

    def ike_refusal(self, model: dict, tunnel: dict):  # pylint: disable=unused-argument
        """Why the device itself drops the IKE of ``tunnel`` (config_read model and tunnel): {reason, zone,
        interface}, or None. Only a platform that admits host-bound traffic per zone (Junos) drops it."""
        return None

    # -- restore ----------------------------------------------------------------------------------------------------
    @abc.abstractmethod
    def rollback(self, point: str) -> tuple:
        """(commands that roll the device back to the rollback point or the previous commit, how it was done);
        ([], "") when there is nothing to roll back to."""

    def after_rollback(self, before: str, read) -> tuple:  # pylint: disable=unused-argument
        """(commands, how) putting back what a rollback does not (IOS-XE: archive settings), ``read()`` the device's
        config now; ([], "") for nothing."""
        return [], ""
