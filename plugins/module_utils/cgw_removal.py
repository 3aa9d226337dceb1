# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commands that remove one VPN connection's objects from a device, and nothing else.

Objects are found in the device's own config text by the names the collection gives them
(``S2S-<vpn id>-...``) and the ``s2s:<vpn id>:<n>`` descriptions, so user config is never touched.
"""

from __future__ import annotations

import re

# IOS-XE removes users before what they use: routes, interfaces, then these, in this order.
_IOS_ORDER = ("crypto ipsec profile", "crypto ipsec transform-set", "crypto ikev2 profile", "crypto ikev2 keyring",
              "crypto ikev2 policy", "crypto ikev2 proposal", "route-map", "ip prefix-list")


def _ios_object(line: str, names, interfaces):
    """The `no` form of a top-level IOS line that belongs to one of ``names``, else None."""
    if line.startswith("ip route ") and line.split()[-1] in interfaces:
        return "no " + line.strip()
    if not any(re.search(r"\b%s(?:-|\b)" % re.escape(n), line) for n in names):
        return None
    words = line.split()
    if line.startswith("ip prefix-list "):
        return "no ip prefix-list %s" % words[2]
    if line.startswith("route-map "):
        return "no route-map %s" % words[1]
    if line.startswith("crypto ipsec transform-set "):
        return "no crypto ipsec transform-set %s" % words[3]
    if line.startswith("crypto "):
        return "no " + " ".join(words[:4])
    return None


def ios(config_text: str, remove: list, discovered: dict) -> list:
    """IOS-XE commands (flat, for cli_config) removing the connections in ``remove``."""
    names = ["S2S-%s" % entry["vpn_connection_id"].replace("vpn-", "") for entry in remove]
    tunnel_ids = {tid for entry in remove for tid in entry["tunnel_ids"]}
    interfaces = ["Tunnel%d" % n for tid, n in sorted((discovered or {}).get("owned", {}).items())
                  if tid in tunnel_ids]
    found, bgp_asn, neighbors = [], None, []
    for line in (config_text or "").splitlines():
        if line.startswith("router bgp "):
            bgp_asn = line.split()[2]
        match = re.match(r"^ neighbor (\S+) description (\S+)", line)
        if match and match.group(2) in tunnel_ids:
            neighbors.append(match.group(1))
        if not line.startswith(" "):
            command = _ios_object(line, names, interfaces)
            if command and command not in found:
                found.append(command)
    commands = [c for c in found if c.startswith("no ip route ")]
    commands.extend("no interface %s" % name for name in interfaces)
    for prefix in _IOS_ORDER:
        commands.extend(c for c in found if c.startswith("no " + prefix))
    if neighbors and bgp_asn:
        commands.append("router bgp %s" % bgp_asn)
        commands.extend(" no neighbor %s" % n for n in neighbors)
    return commands
