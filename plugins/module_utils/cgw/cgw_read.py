# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one read of a customer gateway the cgw roles make, and what they work out from it.

One round trip per device serves the whole run: the configuration text (discovery of the tunnel
interfaces the collection owns, removal, and what the device still lacks) and, on VyOS when nobody
said which release it runs, ``show version`` (1.3 and 1.4+ spell IPsec differently). The rest is the
shared model (cgw_model): the render-ready data the platform templates print.
"""

from __future__ import annotations

import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

# What each platform prints its configuration with, in the form cgw_model/cgw_pending/cgw_removal read.
CONFIG_COMMANDS = {"ios": "show running-config", "junos": "show configuration | display set", "vyos": "show configuration commands"}
VERSION_COMMAND = "show version"
# VyOS releases before this one take the 1.3 syntax (ipsec-interfaces, peers named by address...).
VYOS_CURRENT_SYNTAX = (1, 4)


class ReadError(S2SError):
    """The device or its settings cannot be handled; the message names what and never holds a key."""


def platform(network_os: str) -> str:
    """``ios``, ``junos`` or ``vyos`` from an ``ansible_network_os`` value (short or FQCN)."""
    name = (network_os or "").split(".")[-1]
    if name not in cgw_model.PLATFORMS:
        raise ReadError("ansible_network_os=%s is not supported; use cisco.ios.ios, junipernetworks.junos.junos or vyos.vyos.vyos"
                        % (network_os or "unset"))
    return name


def commands(name: str, version: str = "") -> list:
    """The commands of the one read: the configuration, then ``show version`` on a VyOS of unknown release."""
    if name == "vyos" and not version:
        return [CONFIG_COMMANDS[name], VERSION_COMMAND]
    return [CONFIG_COMMANDS[name]]


def vyos_version(show_version: str) -> str:
    """The release a VyOS ``show version`` prints (``Version: VyOS 1.4.3`` -> ``VyOS 1.4.3``)."""
    match = re.search(r"Version:\s*(.*)", show_version or "")
    if not match:
        raise ReadError("cgw_vyos_version: the device's 'show version' names no version; set cgw_vyos_version")
    return match.group(1).strip()


def vyos_legacy(version: str) -> bool:
    """Whether a VyOS release takes the 1.3 syntax (``1.3.8``, ``VyOS 1.3-rolling`` -> True)."""
    match = re.search(r"(\d+)\.(\d+)", version or "")
    if not match:
        raise ReadError("cgw_vyos_version: %r is not a VyOS version (major.minor)" % version)
    return (int(match.group(1)), int(match.group(2))) < VYOS_CURRENT_SYNTAX


def prepare(name: str, outputs: list, connections: list, settings: dict, version: str = "") -> dict:
    """Everything a platform role needs from the read ``outputs`` (answers to ``commands(name, version)``).

    Returns ``config`` (the text, it holds keys), ``discovered``, ``render`` (holds keys), ``version``
    (VyOS only, else empty) and ``legacy`` (a VyOS taking the 1.3 syntax).
    """
    config = outputs[0]
    discovered = cgw_model.discover(config, name)
    try:
        render = cgw_model.build(connections, name, settings or {}, discovered.get("owned"), discovered.get("used") or ())
    except (S2SError, KeyError) as exc:
        raise ReadError("cgw_connections: %s" % exc) from exc
    if name != "vyos":
        return {"config": config, "discovered": discovered, "render": render, "version": "", "legacy": False}
    version = version or vyos_version(outputs[1])
    return {"config": config, "discovered": discovered, "render": render, "version": version, "legacy": vyos_legacy(version)}
