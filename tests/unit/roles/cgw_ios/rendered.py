# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE role's config.j2 rendered in-process (Ansible's Templar, no playbook) for every crypto profile and
option combination of the render tests: what the vendor-parser and vendor-fixture tests read back."""

from __future__ import annotations

import functools
import json
import os
import pathlib
import subprocess
import sys

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from tests.unit.roles import role_render
from tests.unit.roles.role_render import DEVICE_PROFILES

TEMPLATE = pathlib.Path(__file__).resolve().parents[4] / "roles" / "cgw_ios" / "templates" / "config.j2"
# option combinations of tests/unit/plugins/module_utils/cgw/test_render.py (one connection unless said)
OPTIONS = {
    "active_active": {},
    "active_passive": {"redundancy": "active_passive"},
    "tgw_ecmp": {"gateway_type": "tgw", "ecmp": True},
    "static": {"routing": "static"},
}


PRIVATE_ADDRESS = "10.0.11.11"   # the device's own address behind NAT (cgw_connections[].private_address)


def connection(vpn="vpn-0a1b2c3d", options=None, base=10, **extra):
    """One VPN connection's tunnel facts, as the aws_vpn role publishes them (``base``: its addresses' offset)."""
    ios = dict({"name": "lab-ios-vpn1", "advertise": ["192.168.11.0/24", "192.168.12.0/24"]}, **extra)
    return role_render.connection(vpn, options, outside=base, inside=base + 30, **ios)


def cases():
    """(case id, connections): every profile (aws_default: AWS's defaults, every algorithm) x every option
    combination, and two connections on one device."""
    out = []
    for name in DEVICE_PROFILES:
        options = {} if name == "aws_default" else profiles.get(name).tunnel_options()
        for combo, extra in OPTIONS.items():
            out.append(("%s-%s" % (name, combo), [connection(options=options, **extra)]))
    recommended = profiles.get("recommended").tunnel_options()
    out.append(("two-connections", [connection(options=recommended),
                                    connection("vpn-0e0f", options=recommended, base=20,
                                               advertise=["192.168.13.0/24"])]))
    # recommended-active_active behind NAT (tests/unit/roles/test_behind_nat.py compares the two)
    out.append(("behind-nat", [connection(options=recommended, private_address=PRIVATE_ADDRESS)]))
    # IPv6 outside addresses (AWS's Ipv6 outside type), IPv4 inside
    out.append(("ipv6-outside", [role_render.ipv6_outside(connection(options=recommended))]))
    return out


def _render_all():
    """Every case's (render data, text). Run in a child process: Ansible's plugin loader, which the template's
    ansible.utils.ipaddr filter needs, installs a collection finder for the whole interpreter."""
    # pylint: disable=import-outside-toplevel
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import init_plugin_loader
    from ansible.template import Templar, trust_as_template

    init_plugin_loader()
    source = trust_as_template(TEMPLATE.read_text(encoding="utf-8"))
    out = {}
    for case_id, connections in cases():
        data = render.build(connections, "ios")
        out[case_id] = (data, Templar(loader=DataLoader(), variables={"cgw_render": data}).template(source))
    return out


@functools.lru_cache(maxsize=1)
def _all():
    # the child runs this file as a script: it finds tests.unit.roles from the checkout's root
    root = str(pathlib.Path(__file__).resolve().parents[4])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    child = subprocess.run([sys.executable, __file__], check=True, capture_output=True, text=True, env=env)
    return json.loads(child.stdout)


def rendered(case_id):
    """(render data, config text) of one case."""
    data, text = _all()[case_id]
    return data, text


CASE_IDS = [case_id for case_id, _connections in cases()]

if __name__ == "__main__":
    json.dump(_render_all(), sys.stdout)
