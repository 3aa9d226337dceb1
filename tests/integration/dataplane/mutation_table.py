# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The mutation table (mutations.yml) made concrete: a working config per platform, one line of it changed per row,
committed on that platform's device twin, paired with AWS's side of the tunnel for the data-plane lab, and read back
the way troubleshoot reads a device (its show commands and running config) for the diagnosis.

Every row gets a VPN connection of its own (both tunnels rendered, as the role renders them); its mutation changes a
line of tunnel 1 and only tunnel 1 runs in the lab. All rows of a platform live on one twin, so the lab has one CGW
router per platform. Templates render in a child process: the IOS-XE template's ipaddr filter needs Ansible's plugin
loader, which installs a collection finder for the whole interpreter (tests/unit/roles/cgw_ios/rendered.py).
"""

from __future__ import annotations

import copy
import functools
import ipaddress
import json
import os
import pathlib
import subprocess
import sys
from dataclasses import dataclass

import yaml

from lab.dataplane_sync import aws_side
from lab.device_twins import dialects as twin_dialects, spec as twinspec
from lab.device_twins.device import Device
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options

ROOT = pathlib.Path(__file__).resolve().parents[3]
TABLE = pathlib.Path(__file__).with_name("mutations.yml")
GATEWAY = {"name": "vgw-mut", "kind": "vgw", "asn": 64512, "vpc_cidrs": ["10.10.0.0/16"]}
# Where each platform's rows live: its twin's CGW address, ASN and LAN (distinct LANs: one lab router each).
PLATFORMS = {
    "ios": {"local_address": "198.51.100.11", "cgw_asn": 65011, "advertise": ["192.168.11.0/24"], "templates": ("config.j2", "keyring.j2")},
    "junos": {"local_address": "198.51.100.12", "cgw_asn": 65012, "advertise": ["192.168.12.0/24"], "templates": ("config.j2", "keys.j2")},
    "vyos": {"local_address": "198.51.100.13", "cgw_asn": 65013, "advertise": ["192.168.13.0/24"], "templates": ("config.j2", "keys.j2")},
}
ROLE_VARS = {"vyos": {"cgw_vyos_legacy": False}}
# Entering and leaving configuration on each twin (its own CLI, as an operator types it).
SESSION = {"ios": (["configure terminal"], ["end"]), "junos": (["configure"], ["commit", "exit"]), "vyos": (["configure"], ["commit", "exit"])}


@dataclass
class Row:
    """One mutation of one platform: the row of the table, its VPN connection and the placeholders of its lines."""
    platform: str
    id: str
    number: int
    spec: dict
    connection: dict

    @property
    def tunnel(self) -> dict:
        return self.connection["tunnels"][0]

    @property
    def expect(self) -> dict:
        return self.spec["expect"]

    @property
    def name(self) -> str:
        return "%s/%s" % (self.platform, self.id)

    @property
    def twin(self) -> str:
        """The twin the row's connection is on: the platform's shared one, or its own when its change would break
        every tunnel of the device (``twin: own``)."""
        own = "-" + self.id.replace("_", "-") if self.spec.get("twin") == "own" else ""
        return "mut-%s%s" % (self.platform, own)


@functools.lru_cache(maxsize=1)
def table() -> dict:
    with open(TABLE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def options() -> dict:
    """The tunnel options both ends are built from (one proposal per phase, so one changed word leaves none in common)."""
    return dict(table()["options"])


@functools.lru_cache(maxsize=1)
def rows() -> list:
    """Every row of the table with its own connection: tunnel 1 outside 203.0.113.(11 + 2n), inside 169.254.(101 + 2n).0/30."""
    out = []
    for platform, entries in table()["platforms"].items():
        site = PLATFORMS[platform]
        for entry in entries:
            number = len(out)
            vpn = "vpn-%08x" % (0xa000 + number)
            conn = _connection(vpn, number, site)
            out.append(Row(platform, entry["id"], number, entry, conn))
    return out


def _connection(vpn: str, number: int, site: dict) -> dict:
    """One VPN connection's tunnel facts as the aws_vpn role publishes them (keys: lab values, never printed)."""
    outside, inside = 10 + 2 * number, 100 + 2 * number
    return {
        "vpn_connection_id": vpn, "name": "mut-" + vpn, "cgw_asn": site["cgw_asn"], "amazon_side_asn": GATEWAY["asn"],
        "local_address": site["local_address"], "gateway_type": "vgw", "routing": "bgp",
        "advertise": list(site["advertise"]), "accept": list(GATEWAY["vpc_cidrs"]),
        "tunnels": [
            {"index": i, "outside_ip": "203.0.113.%d" % (outside + i), "inside_cidr": "169.254.%d.0/30" % (inside + i),
             "aws_inside_ip": "169.254.%d.1" % (inside + i), "cgw_inside_ip": "169.254.%d.2" % (inside + i),
             "pre_shared_key": "Mut%d.key_%d_abcdefgh" % (number, i), "options": options()}
            for i in (1, 2)],
    }


def placeholders(row: Row, render_data: dict) -> dict:
    """What a row's lines may name: the tunnel's names and addresses on the device and the changed values."""
    tunnel = row.tunnel
    rendered = next(t for t in render_data["tunnels"] if t["vpn_connection_id"] == row.connection["vpn_connection_id"] and t["index"] == 1)
    moved = ipaddress.ip_address(tunnel["cgw_inside_ip"]) + 4     # the same address in the next /30: no longer AWS's
    return {"name": rendered["name"], "connection": rendered["connection"], "unit": rendered["number"], "peer": tunnel["outside_ip"],
            "aws_inside": tunnel["aws_inside_ip"], "cgw_inside": tunnel["cgw_inside_ip"], "moved_inside": str(moved),
            "local": row.connection["local_address"], "psk": tunnel["pre_shared_key"], "wrong_psk": "Wrong.key_%d_abcdefgh" % row.number}


def mutate(lines: list, row: Row, values: dict) -> list:
    """``lines`` with the row's one change: the first line equal to ``line`` (after ``after`` when given) replaced by
    ``to``, or deleted when the row has no ``to``. A line that is not there fails: the table no longer fits the render."""
    change = row.spec["mutation"]
    target = change["line"].format(**values)
    start = 0
    if change.get("after"):
        after = change["after"].format(**values)
        if after not in lines:
            raise LookupError("%s: no line %r in the rendered config" % (row.name, after))
        start = lines.index(after) + 1
    for i in range(start, len(lines)):
        if lines[i] == target:
            return lines[:i] + ([change["to"].format(**values)] if "to" in change else []) + lines[i + 1:]
    raise LookupError("%s: no line %r in the rendered config" % (row.name, change["line"]))


def twins() -> dict:
    """{twin name: its rows} (table order)."""
    out = {}
    for row in rows():
        out.setdefault(row.twin, []).append(row)
    return out


def _render_all() -> dict:
    """{twin name: (render data, lines)} of every twin's rows, as the platform role renders them."""
    # pylint: disable=import-outside-toplevel
    from ansible.plugins.loader import init_plugin_loader
    from tests.unit.roles import role_render

    init_plugin_loader()
    out = {}
    for twin, selected in twins().items():
        platform = selected[0].platform
        data = render.build([r.connection for r in selected], platform)
        defaults = yaml.safe_load(role_render.role_file("cgw_" + platform, "defaults", "main.yml")) or {}
        variables = dict(defaults, cgw_render=data, **ROLE_VARS.get(platform, {}))
        out[twin] = (data, [line for name in PLATFORMS[platform]["templates"]
                            for line in role_render.template_lines("cgw_" + platform, name, variables)])
    return out


@functools.lru_cache(maxsize=1)
def rendered() -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / ".collections"), str(ROOT), os.environ.get("PYTHONPATH")])))
    child = subprocess.run([sys.executable, __file__], check=True, capture_output=True, text=True, env=env, cwd=str(ROOT))
    return json.loads(child.stdout)


def device_lines(twin: str) -> list:
    """The twin's working config with each of its rows' mutations applied (each to its own tunnel)."""
    data, lines = rendered()[twin]
    for row in twins()[twin]:
        lines = mutate(lines, row, placeholders(row, data))
    return lines


class _SavedOnce(Device):
    """The twin's device, its state file written once after the whole config is typed (a twin writes it after every
    IOS line: a thousand writes of a growing file)."""

    def save(self):
        if self.persist:
            super().save()


class Refused(AssertionError):
    """A line the twin refused: the mutation is not one a device would take (the message holds no key)."""


def commit(name: str, platform: str, lines: list, state_dir: str):
    """Twin ``name`` of ``platform`` (state in ``state_dir``) with ``lines`` typed into its CLI and committed; its TwinSpec."""
    twin = twinspec.build({"name": name, "platform": platform, "port": 0, "password": "lab", "state_dir": state_dir}, {}, state_dir)
    dialect = twin_dialects.get(platform)
    device = _SavedOnce(twin, dialect, persist=False)
    session = dialect.Session(device, "admin")
    enter, leave = SESSION[platform]
    for number, command in enumerate(enter + lines + leave):
        reply = session.feed(command)
        said = [text for text in reply.splitlines()[:-1] if text.strip() and text.strip() != "[edit]"]
        if command in lines and said:
            # named by its position and first word, with the device's last word on it (its verdict, not an echo of
            # the line): a key line must not reach the message
            raise Refused("%s twin refused line %d (%s ...): %s" % (name, number - len(enter) + 1, command.split()[0], said[-1]))
    session.end()
    device.persist = True
    device.save()
    return twin


def show(twin, commands: list) -> list:
    """The outputs of ``commands`` on the twin, as a CLI session prints them (prompt and echo not included)."""
    dialect = twin_dialects.get(twin.platform)
    session = dialect.Session(Device(twin, dialect, persist=False), "admin")
    outputs = [session.feed(command).rsplit("\n", 1)[0] for command in commands]
    session.end()
    return outputs


def describe_option(row: Row) -> dict:
    """AWS's Describe TunnelOption of the row's tunnel 1 (what aws_side and vpn_normalize read)."""
    tunnel = row.tunnel
    option = tunnel_options.to_api(copy.deepcopy(tunnel["options"]))
    option.update(OutsideIpAddress=tunnel["outside_ip"], TunnelInsideCidr=tunnel["inside_cidr"], PreSharedKey=tunnel["pre_shared_key"])
    return option


def aws_connections(selected: list) -> list:
    """The AWS side of each row for lab.dataplane_sync.translate: only tunnel 1 of each row's connection."""
    gateway = dict(GATEWAY)
    return [{"vpn_connection_id": r.connection["vpn_connection_id"], "gateway_id": "vgw-mut", "gateway": gateway,
             "cgw_ip": r.connection["local_address"], "cgw_name": r.platform,
             "tunnels": [aws_side.endpoint(describe_option(r), gateway, r.connection["cgw_asn"])]} for r in selected]


def aws_info(row: Row, status: str, message: str, accepted: int) -> dict:
    """The row's connection as vpn_connection_info returns it (no key), with the telemetry the lab reported to AWS."""
    option = describe_option(row)
    describe = {"VpnConnectionId": row.connection["vpn_connection_id"], "State": "available", "Type": "ipsec.1",
                "Options": {"StaticRoutesOnly": False, "TunnelOptions": [option]},
                "VgwTelemetry": [{"OutsideIpAddress": option["OutsideIpAddress"], "Status": status, "StatusMessage": message,
                                  "AcceptedRouteCount": accepted}],
                "Tags": [{"Key": "Name", "Value": row.connection["name"]}]}
    return vpn_normalize.connection(describe, asns={"amazon_side_asn": GATEWAY["asn"], "customer_gateway_asn": row.connection["cgw_asn"]})


if __name__ == "__main__":
    json.dump(_render_all(), sys.stdout)
