# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one list of platforms: every platform list of the collection (filters, actions, roles, audit, diagnosis) is
derived from ``DIALECTS``. Adding a platform is one dialect module registered here, its templates and its tests."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.ios import Ios
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.junos import Junos
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.vyos import Vyos

DIALECTS = {}


def register(dialect: base.Dialect) -> base.Dialect:
    """Add a dialect (an instance of a complete base.Dialect subclass); returns it."""
    missing = dialect.missing()
    if missing:
        raise base.ReadError("dialect %s does not provide %s" % (dialect.name or type(dialect).__name__, ", ".join(missing)))
    DIALECTS[dialect.name] = dialect
    return dialect


def unregister(name: str) -> None:
    DIALECTS.pop(name, None)


for _dialect in (Ios(), Junos(), Vyos()):
    register(_dialect)


def platforms() -> tuple:
    """The platform names, in registration order: ("ios", "junos", "vyos")."""
    return tuple(DIALECTS)


def config_platforms() -> tuple:
    """Every name a config text can be read as: the platforms and their syntax variants ("vyos13")."""
    return tuple(name for dialect in DIALECTS.values() for name in dialect.platforms())


def network_os_names() -> tuple:
    """The ansible_network_os FQCNs the collection drives: ("cisco.ios.ios", ...)."""
    return tuple(dialect.network_os[0] for dialect in DIALECTS.values())


def dialect_for(name: str) -> base.Dialect:
    """The dialect of a platform name, a variant ("vyos13") or an ansible_network_os value (FQCN or short)."""
    for dialect in DIALECTS.values():
        if name in dialect.platforms() or name in dialect.network_os:
            return dialect
    raise base.ReadError("platform %r is not supported; valid: %s" % (name, ", ".join(config_platforms())))


def platform(network_os: str) -> str:
    """The platform name of an ``ansible_network_os`` value (short or FQCN)."""
    for dialect in DIALECTS.values():
        if network_os in dialect.network_os or (network_os or "").split(".")[-1] == dialect.name:
            return dialect.name
    raise base.ReadError("ansible_network_os=%s is not supported; use %s" % (
        network_os or "unset", ", ".join(network_os_names()[:-1]) + " or " + network_os_names()[-1]))
