# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cgw_junos role's templates rendered as the role renders them (Ansible's templating, the role's defaults),
from cgw.render's data for intents built like test_render's: every crypto profile, with and without each option."""

from __future__ import annotations

import copy
import os

import yaml
from ansible.template import Templar, trust_as_template
from ansible.parsing.dataloader import DataLoader

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles

ROLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "cgw_junos")


def role_file(*path):
    with open(os.path.join(ROLE, *path), encoding="utf-8") as handle:
        return handle.read()


def defaults():
    return yaml.safe_load(role_file("defaults", "main.yml"))


def connection(vpn="vpn-0a1b2c3d", profile="recommended", **extra):
    options = profiles.get(profile).tunnel_options()
    conn = {
        "vpn_connection_id": vpn, "name": "lab-junos-" + vpn, "cgw_asn": 65011, "amazon_side_asn": 64512,
        "local_address": "198.51.100.11", "gateway_type": "vgw", "routing": "bgp",
        "advertise": ["192.168.11.0/24"], "accept": ["10.10.0.0/16"],
        "tunnels": [
            {"index": i, "outside_ip": "203.0.113.%d" % (10 + i), "inside_cidr": "169.254.%d.0/30" % (40 + i),
             "aws_inside_ip": "169.254.%d.1" % (40 + i), "cgw_inside_ip": "169.254.%d.2" % (40 + i),
             "pre_shared_key": "Key.%d_abcdefgh" % i, "options": copy.deepcopy(options)}
            for i in (1, 2)],
    }
    conn.update(extra)
    return conn


# Each option the template branches on, off and on (routing, ECMP, prepend, redundancy, empty prefix lists).
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
    for profile in sorted(profiles.PROFILES):
        for variant, extra in VARIANTS.items():
            out.append(("%s-%s" % (profile, variant), [connection(profile=profile, **extra)], {}))
    out.append(("two-connections", [connection(), connection("vpn-99887766", profile="strict")], {}))
    out.append(("other-external", [connection()], {"cgw_junos_external_interface": "reth0.100",
                                                   "cgw_junos_external_zone": "internet"}))
    return out


def lines(connections, role_vars=None, template="config.j2", settings=None):
    """The set lines the role renders for ``connections`` (blank lines dropped)."""
    data = render.build(connections, "junos", settings)
    variables = dict(defaults(), cgw_render=data, **(role_vars or {}))
    text = Templar(loader=DataLoader(), variables=variables).template(trust_as_template(role_file("templates", template)))
    return [line for line in (text or "").splitlines() if line.strip()]
