# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audit inputs into the shared model, keys turned into fingerprints on the way in.

AWS: a vpn_connection_info entry (snake-case, ``tunnels``) or a raw DescribeVpnConnections
entry (``VpnConnectionId``). Device: ``{name, platform, config | path}``. Both ends use the
same per-audit salt so a key reused between them or across connections shows as equal
fingerprints, and the key itself is dropped here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk, psk_strength
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class InputError(S2SError):
    """An audit input that cannot be read, parsed or paired: names the input, and its file, device and line when known."""

    def __init__(self, message: str, item: str, path: str | None = None, device: str | None = None, line: int | None = None):
        super().__init__("%s: %s" % (item, message), field=item, rule="audit.input")
        self.problem = {"input": item, "file": path, "device": device, "line": line, "message": message}


@dataclass(frozen=True)
class Inputs:
    """What the audit judges, and what it could not read (each one an S2S-INPUT finding: the run fails closed)."""
    connections: list
    devices: list
    problems: list


def read(connections, devices, salt: str) -> Inputs:
    """Every input read on its own: one that cannot be read becomes a problem, the others are still judged."""
    out = Inputs([], [], [])
    for items, reader, into in ((connections, connection, out.connections), (devices, device, out.devices)):
        for item in items:
            try:
                into.append(reader(item, salt))
            except InputError as exc:
                out.problems.append(exc.problem)
    return out


def connection(conn: dict, salt: str) -> dict:
    if "VpnConnectionId" in conn:
        conn = vpn_normalize.connection(conn, include_psk=True)
    elif "tunnels" in conn and "vpn_connection_id" in conn:
        conn = copy.deepcopy(conn)
    else:
        raise InputError("needs vpn_connection_id and tunnels (vpn_connection_info) or VpnConnectionId (Describe)", "connections[]")
    item = "connections[%s]" % conn["vpn_connection_id"]
    if not conn["tunnels"]:
        raise InputError("no tunnels (Options.TunnelOptions missing or empty): nothing to judge or pair", item)
    for index, tunnel in enumerate(conn["tunnels"]):
        if not tunnel.get("outside_ip_address"):  # the one key a device tunnel pairs on
            raise InputError("tunnel %d has no OutsideIpAddress: it cannot be paired with a device tunnel" % (index + 1), item)
    for tunnel in conn["tunnels"]:
        key = tunnel.pop("pre_shared_key", None)
        if key:
            tunnel["psk_fingerprint"] = psk.fingerprint(key, salt)
            tunnel["psk_strength"] = psk_strength.traits(key)
    return conn


def device(item: dict, salt: str) -> dict:
    name = item.get("name")
    where = "devices[%s]" % name
    path = item.get("path")
    text = item.get("config")
    if text is None:
        if not path:
            raise InputError("give config (text) or path", where, device=name)
        text = _read_text(path, where, name)
    _check_text(text, where, path, name)
    try:
        model = load.parse(text, load.Source(name=name, platform=item["platform"], psk_salt=salt))
    except load.DeviceConfigError as exc:
        raise InputError(str(exc), where, path, name, exc.line) from None
    except S2SError as exc:  # e.g. a crypto word the platform's vocabulary does not know
        raise InputError("%s config: %s" % (item["platform"], exc), where, path, name) from None
    if not model["tunnels"]:
        raise InputError("no IPsec tunnel found in the %s config (empty, truncated or another platform's config?)"
                         % item["platform"], where, path, name)
    for tunnel in model["tunnels"]:  # the audit compares flat fingerprints, as on the AWS side
        found = (tunnel.get("crypto") or {}).get("psk")
        tunnel["psk_fingerprint"] = found["fingerprint"] if found else None
        tunnel["psk_strength"] = found.get("strength") if found else None
    return model


def _read_text(path, where, name):
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError("cannot read %s (%s)" % (path, exc.strerror), where, path, name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("byte 0x%02x at line %d is not UTF-8 text (binary or truncated file)" % (data[exc.start], line),
                         where, path, name, line) from None


def _check_text(text, where, path, name):
    if not text.strip():
        raise InputError("the config is empty", where, path, name)
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise InputError("NUL byte at line %d (binary or truncated file)" % line, where, path, name, line)
