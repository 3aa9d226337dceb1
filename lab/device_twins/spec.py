# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twin spec file (YAML or JSON) and its validation.

    defaults:                 # optional, merged into every twin
      username: admin
      password: admin-pw
      state_dir: .lab/device-twins
      minute_seconds: 60      # seconds per "minute" of commit confirmed / revert timers
      commit_seconds: 0       # how long a VyOS commit runs, holding the commit lock
    twins:
      - name: cgw-ios
        platform: ios         # ios | junos | vyos (1.4+ syntax) | vyos13
        port: 2201
        host: 127.0.0.1
        version: 17.9.4a
        hostname: cgw-ios     # default: name
        authorized_keys: ~/.ssh/id_ed25519.pub   # optional: file or list of public keys
        state_file: ...       # default: <state_dir>/<name>.state.json
        dataplane_file: ...   # default: <state_dir>/<name>.dataplane.json
        faults_file: ...      # default: <state_dir>/<name>.faults.json (see faults.py)

``DEVICE_TWINS_MINUTE_SECONDS`` overrides minute_seconds (tests use it to stay fast).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

import yaml

# The platforms the twins emulate and the ansible_network_os each answers to (the twins' own list: a twin judges
# independently of the product's dialects, so this is never derived from them).
NETWORK_OS = {"ios": "cisco.ios.ios", "junos": "junipernetworks.junos.junos", "vyos": "vyos.vyos.vyos",
              "vyos13": "vyos.vyos.vyos"}
PLATFORMS = tuple(NETWORK_OS)
# How Ansible reaches a twin (inventories/lab/group_vars/cgw.yml says the same). A twin writes a command's echo,
# output and next prompt in one write, so nothing ever trails a prompt: network_cli need not wait its default
# 0.1 s after every prompt for more (on a ~200-line push that wait was 20 s a device). Real devices keep 0.1.
ANSIBLE_CONNECTION = {"ansible_connection": "ansible.netcommon.network_cli", "ansible_buffer_read_timeout": 0.01}
# A twin's `transport`: how the inventories the twins write reach it. NETCONF only where the twin serves the SSH
# subsystem (server.NETCONF: Junos).
TRANSPORTS = {"network_cli": ANSIBLE_CONNECTION, "netconf": {"ansible_connection": "ansible.netcommon.netconf"}}
NETCONF_PLATFORMS = ("junos",)
DEFAULT_VERSIONS = {"ios": "17.9.4a", "junos": "23.4R2.13", "vyos": "1.4.3", "vyos13": "1.3.8"}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,62}$")


class SpecError(ValueError):
    """A spec entry that breaks a rule; the message names the twin and the field."""


@dataclass
class TwinSpec:
    name: str
    platform: str
    port: int
    host: str = "127.0.0.1"
    version: str = ""
    hostname: str = ""
    username: str = "admin"
    password: str = ""
    authorized_keys: list = field(default_factory=list)
    state_file: str = ""
    dataplane_file: str = ""
    faults_file: str = ""
    minute_seconds: float = 60.0
    commit_seconds: float = 0.0      # how long a VyOS commit runs (and holds the commit lock)
    psk_salt: str = "hybridvpn.s2s"
    transport: str = "network_cli"   # TRANSPORTS: what the generated inventory connects with

    def public(self):
        """The spec without secrets (for status output)."""
        return {"name": self.name, "platform": self.platform, "host": self.host, "port": self.port,
                "version": self.version, "username": self.username, "state_file": self.state_file}


def _keys(value, base):
    if not value:
        return []
    if isinstance(value, str):
        path = os.path.expanduser(value if os.path.isabs(value) else os.path.join(base, value))
        with open(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    return [str(k).strip() for k in value]


def build(entry, defaults, base):
    merged = dict(defaults or {})
    merged.update(entry)
    name = merged.get("name", "")
    where = "twin %r" % name

    def fail(field_name, rule):
        raise SpecError("%s: %s %s" % (where, field_name, rule))

    if not _NAME.match(str(name)):
        fail("name", "must be a letter then up to 62 letters, digits, '_' or '-'")
    platform = merged.get("platform")
    if platform not in PLATFORMS:
        fail("platform", "must be one of %s" % ", ".join(PLATFORMS))
    port = merged.get("port")
    if not isinstance(port, int) or not 0 <= port <= 65535:
        fail("port", "must be an integer 0-65535 (0 = pick a free port)")
    if not merged.get("password") and not merged.get("authorized_keys"):
        fail("password", "or authorized_keys is required")
    state_dir = merged.get("state_dir", ".lab/device-twins")
    state_dir = state_dir if os.path.isabs(state_dir) else os.path.join(base, state_dir)
    minute = float(os.environ.get("DEVICE_TWINS_MINUTE_SECONDS") or merged.get("minute_seconds", 60))
    if minute <= 0:
        fail("minute_seconds", "must be positive")
    transport = merged.get("transport", "network_cli")
    if transport not in TRANSPORTS:
        fail("transport", "must be one of %s" % ", ".join(TRANSPORTS))
    if transport == "netconf" and platform not in NETCONF_PLATFORMS:
        fail("transport", "netconf is served by the %s twin only" % " and ".join(NETCONF_PLATFORMS))
    commit_seconds = merged.get("commit_seconds", 0)
    if not isinstance(commit_seconds, (int, float)) or commit_seconds < 0:
        fail("commit_seconds", "must be a number of seconds, 0 or more")
    return TwinSpec(
        name=name, platform=platform, port=port, host=merged.get("host", "127.0.0.1"),
        version=str(merged.get("version") or DEFAULT_VERSIONS[platform]),
        hostname=merged.get("hostname") or name, username=merged.get("username", "admin"),
        password=str(merged.get("password") or ""), authorized_keys=_keys(merged.get("authorized_keys"), base),
        state_file=merged.get("state_file") or os.path.join(state_dir, name + ".state.json"),
        dataplane_file=merged.get("dataplane_file") or os.path.join(state_dir, name + ".dataplane.json"),
        faults_file=merged.get("faults_file") or os.path.join(state_dir, name + ".faults.json"),
        minute_seconds=minute, commit_seconds=float(commit_seconds), psk_salt=str(merged.get("psk_salt", "hybridvpn.s2s")),
        transport=transport,
    )


def load(path, base=None):
    """All twins of a spec file; relative paths resolve against ``base`` (default: the cwd)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle) if path.endswith(".json") else yaml.safe_load(handle)
    if not isinstance(data, dict) or not isinstance(data.get("twins"), list):
        raise SpecError("%s: top level must be a mapping with a 'twins' list" % path)
    base = base or os.getcwd()
    twins = [build(entry, data.get("defaults"), base) for entry in data["twins"]]
    seen = set()
    for twin in twins:
        if twin.name in seen:
            raise SpecError("twin %r: name must be unique in the spec" % twin.name)
        seen.add(twin.name)
    return twins
