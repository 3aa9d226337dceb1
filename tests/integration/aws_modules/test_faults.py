# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""With 20% throttling, 5% 5xx and eventual consistency injected, a run converges without duplicates."""

from __future__ import annotations

import pytest


def site(vgw: str, lifetime: int) -> list:
    tunnel = {"phase1_lifetime_seconds": lifetime, "ike_versions": ["ikev2"]}
    return [
        {"name": "cgw", "hybridvpn.s2s.customer_gateway": {"ip_address": "198.51.100.10", "bgp_asn": 65010,
                                                           "tags": {"Name": "rtr1"}},
         "register": "cgw"},
        {"name": "vpn", "hybridvpn.s2s.vpn_connection": {
            "customer_gateway_id": "{{ cgw.customer_gateway.customer_gateway_id }}", "vpn_gateway_id": vgw,
            "generate_pre_shared_keys": True, "tags": {"Name": "rtr1-vpn1", "site": "branch1"},
            "tunnel_options": [dict(tunnel, inside_cidr="169.254.40.0/30"), dict(tunnel, inside_cidr="169.254.40.4/30")]}},
        {"name": "info", "hybridvpn.s2s.vpn_connection_info": {"tags": {"Name": "rtr1-vpn1"}}, "register": "info"},
    ]


@pytest.mark.parametrize("seed", [7, 1234])
def test_run_converges_under_faults_without_duplicates(seed, playbook, twin, ec2, gateways, fault_mix):
    twin.faults(fault_mix, seed=seed)
    since = twin.last_seq()
    created = playbook(site(gateways.vgw, 14400))
    changed = playbook(site(gateways.vgw, 10800))
    faults = [e for e in twin.ledger(since) if e.get("fault")]
    twin.faults([])
    assert created.rc == 0, created.output[-3000:]
    assert changed.rc == 0, changed.output[-3000:]
    assert faults, "the run met no injected fault"

    cgws = [c for c in ec2.describe_customer_gateways()["CustomerGateways"] if c["State"] == "available"]
    assert len(cgws) == 1
    live = [c for c in ec2.describe_vpn_connections()["VpnConnections"] if c["State"] != "deleted"]
    assert len(live) == 1
    assert {t["Phase1LifetimeSeconds"] for t in live[0]["Options"]["TunnelOptions"]} == {10800}
    assert len(changed.task("info")["vpn_connections"]) == 1

    since = twin.last_seq()
    again = playbook(site(gateways.vgw, 10800))
    assert again.rc == 0 and not again.task("vpn")["changed"] and not again.task("cgw")["changed"]
    assert twin.mutating_calls(since) == []
