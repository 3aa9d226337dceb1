# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vpn_diagnose
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: Diagnose each tunnel of a VPN connection from both ends (cause and fix per vendor)
description:
  - Joins AWS's view of a connection (M(hybridvpn.s2s.vpn_connection_info), with telemetry, negotiated crypto and the
    options AWS accepts) with the customer gateway's state (P(hybridvpn.s2s.cgw_tunnel_state#filter)) and its running
    config, tunnel by tunnel (the device tunnel whose peer is AWS's outside IP), and names the likely cause and the fix.
  - Rules (first match wins) - healthy; no routes accepted; the device drops IKE (a Junos security zone that does not
    admit it on the gateway's external interface); pre-shared key mismatch; IKE proposal or version mismatch;
    IPsec proposal/PFS mismatch; a NO_PROPOSAL_CHOSEN without config evidence; traffic selector mismatch; no IKE
    response (underlay/firewall/DPD); BGP down with IPsec up (ASN, neighbour or inside address mismatch); one-sided
    state; down without a named cause. See docs/troubleshooting.md.
  - The config text is read into the collection's device model; the key in it becomes a fingerprint and is dropped,
    so nothing returned carries a key.
options:
  _input:
    description: One connection of M(hybridvpn.s2s.vpn_connection_info) (without keys).
    type: dict
    required: true
  device_state:
    description: The device's C(cgw_state) (P(hybridvpn.s2s.cgw_tunnel_state#filter)); empty when the device was not read.
    type: dict
    required: true
  config_text:
    description: The device's running config (IOS C(show running-config), Junos C(show configuration | display set),
      VyOS C(show configuration commands)); empty to diagnose without it.
    type: str
    required: true
  platform:
    description: ios, junos, vyos or vyos13 (VyOS 1.3 syntax).
    type: str
    required: true
"""

EXAMPLES = r"""
diagnosis: "{{ conn | hybridvpn.s2s.vpn_diagnose(hostvars[cgw].cgw_state, hostvars[cgw].troubleshoot_config, 'ios') }}"
"""

RETURN = r"""
_value:
  description: C(connection), C(tunnels) (per tunnel C(outside_ip), C(status) healthy|degraded|down, C(cause), C(evidence),
    C(fix), C(check)) and C(report) (lines to print).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import diagnose

UNREAD = {"ike": False, "ipsec": False, "bgp": "unknown", "prefixes_received": 0, "up": False, "reason": "device state not read"}


def vpn_diagnose(connection, device_state, config_text, platform):
    vendor = registry.dialect_for(platform).name if platform in registry.config_platforms() else platform
    try:
        model = load.parse(config_text, load.Source(name="device", platform=platform)) if config_text else {}
    except load.DeviceConfigError as exc:
        raise AnsibleFilterError("config of the device: %s" % exc) from exc
    routing = "static" if (connection.get("options") or {}).get("static_routes_only") else "bgp"
    device_tunnels = {t["peer"]: t for t in (device_state or {}).get("tunnels") or []}
    name = (connection.get("tags") or {}).get("Name") or connection["vpn_connection_id"]
    tunnels, report = [], []
    for tunnel in connection.get("tunnels") or []:
        peer = tunnel["outside_ip_address"]
        # Not read (host not in the inventory or unreachable) is not "not configured": AWS's evidence still counts.
        device = device_tunnels.get(peer) if device_state else dict(UNREAD, peer=peer)
        found = diagnose.diagnose(tunnel, device,
                                  diagnose.tunnel_config(model, peer, vendor) if model else {}, vendor, routing)
        tunnels.append(found)
        report.append("%s %s: %s -- %s" % (name, peer, found["status"].upper(), found["cause"]))
        report.extend("    %s" % line for line in found["evidence"])
        report.extend("    fix: %s" % line for line in found["fix"])
        if found["status"] != "healthy" and found["check"]:
            report.append("    look: %s" % "; ".join(found["check"]))
    return {"connection": name, "vpn_connection_id": connection["vpn_connection_id"], "tunnels": tunnels, "report": report}


class FilterModule:
    def filters(self):
        return {"vpn_diagnose": vpn_diagnose}
