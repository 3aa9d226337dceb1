# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cgw_junos role's templates rendered as the role renders them (Ansible's templating, the role's defaults),
from cgw.render's data for intents built like test_render's: every crypto profile, with and without each option."""

from __future__ import annotations

import yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from tests.unit.roles import role_render
from tests.unit.roles.role_render import DEVICE_PROFILES


def role_file(*path):
    return role_render.role_file("cgw_junos", *path)


def defaults():
    return yaml.safe_load(role_file("defaults", "main.yml"))


def connection(vpn="vpn-0a1b2c3d", profile="recommended", **extra):
    return role_render.connection(vpn, profiles.get(profile).tunnel_options(), name="lab-junos-" + vpn, **extra)


PRIVATE_ADDRESS = "10.0.11.11"   # the device's own address behind NAT (cgw_connections[].private_address)

VARIANTS = {
    "plain": {},
    "tgw_ecmp": {"gateway_type": "tgw", "ecmp": True},
    "static": {"routing": "static"},
    "active_passive": {"redundancy": "active_passive"},
    "no_accept": {"accept": []},
    "no_advertise": {"advertise": []},
}


def cases():
    """(case id, connections, role variables) for every profile and option variant."""
    out = []
    for profile in DEVICE_PROFILES:
        for variant, extra in VARIANTS.items():
            out.append(("%s-%s" % (profile, variant), [connection(profile=profile, **extra)], {}))
    out.append(("two-connections", [connection(), connection("vpn-99887766", profile="strict")], {}))
    out.append(("other-external", [connection()], {"cgw_junos_external_interface": "reth0.100",
                                                   "cgw_junos_external_zone": "internet"}))
    out.append(("behind-nat", [connection(private_address=PRIVATE_ADDRESS)], {}))
    out.append(("ipv6-outside", [role_render.ipv6_outside(connection())], {}))
    return out


def lines(connections, role_vars=None, template="config.j2", settings=None, data=None):
    """The set lines the role renders for ``connections`` (blank lines dropped; ``data``: render data built otherwise)."""
    data = data or render.build(connections, "junos", settings)
    return role_render.template_lines("cgw_junos", template, dict(defaults(), cgw_render=data, **(role_vars or {})))
