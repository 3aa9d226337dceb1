# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the platform roles' vendor-definition tests render from: one VPN connection's tunnel facts as the aws_vpn
role publishes them, and a role's template rendered with Ansible's Templar (no playbook)."""

from __future__ import annotations

import copy
import os

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar, trust_as_template

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles

ROLES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles")


# The profiles a CGW can be configured for: cnsa2's required ML-KEM round runs on no supported platform release,
# so the render refuses it (cgw/render.py KEX_RULE; tests/unit/plugins/module_utils/cgw/test_render.py).
DEVICE_PROFILES = sorted(name for name, profile in profiles.PROFILES.items() if not profile.key_exchanges)


def connection(vpn="vpn-0a1b2c3d", options=None, outside=10, inside=40, **extra):
    """Two tunnels to 203.0.113.<outside + i> with inside /30s 169.254.<inside + i>.0 (i = 1, 2); ``extra`` overrides."""
    conn = {
        "vpn_connection_id": vpn, "name": "lab-cgw-" + vpn, "cgw_asn": 65011, "amazon_side_asn": 64512,
        "local_address": "198.51.100.11", "gateway_type": "vgw", "routing": "bgp",
        "advertise": ["192.168.11.0/24"], "accept": ["10.10.0.0/16"],
        "tunnels": [
            {"index": i, "outside_ip": "203.0.113.%d" % (outside + i), "inside_cidr": "169.254.%d.0/30" % (inside + i),
             "aws_inside_ip": "169.254.%d.1" % (inside + i), "cgw_inside_ip": "169.254.%d.2" % (inside + i),
             "pre_shared_key": "Key.%d_abcdefgh" % i, "options": copy.deepcopy(options or {})}
            for i in (1, 2)],
    }
    conn.update(extra)
    return conn


def role_file(role, *path):
    with open(os.path.join(ROLES, role, *path), encoding="utf-8") as handle:
        return handle.read()


def template_lines(role, template, variables):
    """The non-blank lines ``roles/<role>/templates/<template>`` renders with ``variables``."""
    text = Templar(loader=DataLoader(), variables=variables).template(trust_as_template(role_file(role, "templates", template)))
    return [line for line in (text or "").splitlines() if line.strip()]


CGW_OUTSIDE6 = "2001:db8:51::11"   # the device's address with AWS's OutsideIpAddressType Ipv6


def ipv6_outside(conn):
    """``conn`` with IPv6 outside addresses on both ends (AWS's Ipv6 outside type; the inside stays IPv4)."""
    conn = copy.deepcopy(conn)
    conn["local_address"] = CGW_OUTSIDE6
    for tunnel in conn["tunnels"]:
        tunnel["outside_ip"] = "2001:db8:ffff::%s" % tunnel["outside_ip"].rsplit(".", 1)[1]
    return conn
