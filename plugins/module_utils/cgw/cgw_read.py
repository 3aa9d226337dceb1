# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one read of a customer gateway the cgw roles make, and what they work out from it.

One round trip per device serves the whole run: the configuration text (discovery of the tunnel interfaces the
collection owns, removal, and what the device still lacks) and, where the release decides the syntax and nobody
said which one the device runs, what the platform dialect asks for it (VyOS ``show version``: 1.3 and 1.4+ spell
IPsec differently). The rest is the shared model (cgw/render.py): the render-ready data the platform templates print.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base, registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

ReadError = base.ReadError


def platform(network_os: str) -> str:
    """The platform name (``ios``, ``junos``, ``vyos``...) of an ``ansible_network_os`` value (short or FQCN)."""
    return registry.platform(network_os)


def config_command(name: str) -> str:
    """What the platform prints its configuration with, in the form the parser and the algorithms read."""
    return registry.dialect_for(name).config_command


def commands(name: str, version: str = "") -> list:
    """The commands of the one read: the configuration, then what the release needs when nobody named it."""
    return registry.dialect_for(name).read_commands(version)


def prepare(name: str, outputs: list, connections: list, settings: dict, version: str = "") -> dict:
    """Everything a platform role needs from the read ``outputs`` (answers to ``commands(name, version)``).

    Returns ``config`` (the text, it holds keys), ``discovered``, ``render`` (holds keys), ``version``
    (where the release decides the syntax, else empty) and ``legacy`` (a release taking a legacy syntax: VyOS 1.3).
    """
    config = outputs[0]
    discovered = render.discover(config, name)
    try:
        data = render.build(connections, name, settings or {}, discovered.get("owned"), discovered.get("used") or (),
                            discovered.get("prepended") or ())
    except (S2SError, KeyError) as exc:
        raise ReadError("cgw_connections: %s" % exc) from exc
    version, legacy = registry.dialect_for(name).read_version(outputs, version)
    return {"config": config, "discovered": discovered, "render": data, "version": version, "legacy": legacy}
