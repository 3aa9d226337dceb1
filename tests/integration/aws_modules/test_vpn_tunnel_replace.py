# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_tunnel_replace through ansible-playbook against the twin (ReplaceVpnTunnel and its replacement status)."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def vpn(ec2, gateways):
    """An available connection to the VGW: (id, [outside IP of tunnel 1, of tunnel 2])."""
    cgw = ec2.create_customer_gateway(Type="ipsec.1", IpAddress="198.51.100.40", BgpAsn=65040)["CustomerGateway"]["CustomerGatewayId"]
    vpn_id = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw, VpnGatewayId=gateways.vgw)["VpnConnection"]["VpnConnectionId"]
    for _attempt in range(60):
        conn = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]
        if conn["State"] == "available":
            return vpn_id, [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]
        time.sleep(0.5)
    raise AssertionError("connection never became available")


def replace(vpn_id: str, ip: str, **args) -> list:
    return [{"name": "replace", "hybridvpn.s2s.vpn_tunnel_replace": dict(vpn_connection_id=vpn_id, outside_ip_address=ip, **args),
             "register": "replaced"}]


def test_replaces_one_tunnel_applying_maintenance_and_waits_for_it(playbook, twin, vpn):
    vpn_id, ips = vpn
    twin.report_tunnel(vpn_id, ips[0], "UP")
    twin.report_tunnel(vpn_id, ips[1], "UP")
    twin.maintenance(vpn_id, ips[0], pending="Endpoint software update", auto_applied_after_seconds=3600)
    since = twin.last_seq()
    run = playbook(replace(vpn_id, ips[0], apply_pending_maintenance=True, wait_for_tunnel_up=True))
    assert run.rc == 0, run.output[-3000:]
    result = run.task("replace")
    assert result["changed"] and result["replaced"]
    assert result["maintenance_before"]["pending_maintenance"] == "Endpoint software update"
    assert not result["maintenance_after"].get("pending_maintenance") and result["maintenance_after"]["last_maintenance_applied"]
    assert result["provisioning_status"] == "available" and result["tunnel"]["telemetry"]["status"] == "UP"
    assert result["tunnel"]["outside_ip_address"] == ips[0] and "pre_shared_key" not in result["tunnel"]
    mutating = twin.mutating_calls(since)
    assert [c["action"] for c in mutating] == ["ReplaceVpnTunnel"]

    # Nothing pending any more: with only_with_pending_maintenance a second run changes nothing.
    since = twin.last_seq()
    again = playbook(replace(vpn_id, ips[0], apply_pending_maintenance=True, only_with_pending_maintenance=True))
    assert again.rc == 0 and not again.task("replace")["changed"] and not again.task("replace")["replaced"]
    assert twin.mutating_calls(since) == []


def test_check_mode_runs_the_checks_and_replaces_nothing(playbook, twin, vpn):
    vpn_id, ips = vpn
    twin.report_tunnel(vpn_id, ips[0], "UP")
    since = twin.last_seq()
    planned = playbook(replace(vpn_id, ips[1]), check=True)
    assert planned.rc == 0, planned.output[-3000:]
    assert planned.task("replace")["changed"] and planned.task("replace")["replaced"]
    refused = playbook(replace(vpn_id, ips[0]), check=True)  # the other tunnel (ips[1]) is DOWN
    assert refused.rc != 0 and "tunnel.redundancy" in refused.task("replace")["msg"]
    assert twin.mutating_calls(since) == []


def test_refuses_to_leave_the_connection_without_a_working_tunnel(playbook, twin, vpn):
    vpn_id, ips = vpn
    twin.report_tunnel(vpn_id, ips[0], "UP")
    since = twin.last_seq()
    refused = playbook(replace(vpn_id, ips[0]))
    assert refused.rc != 0
    msg = refused.task("replace")["msg"]
    assert msg.startswith("allow_both_tunnels_down:") and ips[1] in msg and "tunnel.redundancy" in msg
    assert twin.mutating_calls(since) == []
    forced = playbook(replace(vpn_id, ips[0], allow_both_tunnels_down=True))
    assert forced.rc == 0, forced.output[-3000:]
    assert [c["action"] for c in twin.mutating_calls(since)] == ["ReplaceVpnTunnel"]


@pytest.mark.parametrize("field,args,rule", [
    ("outside_ip_address", {"outside_ip_address": "not-an-ip"}, "tunnel.outside_ip"),
    ("outside_ip_address", {"outside_ip_address": "192.0.2.99"}, "tunnel.unknown"),
    ("vpn_connection_id", {"vpn_connection_id": "vpn-0000000000000000a"}, "connection.not_found"),
    ("wait_timeout", {"wait_timeout": 0}, "wait.timeout"),
])
def test_bad_input_is_rejected_before_any_mutating_call(playbook, twin, vpn, field, args, rule):
    vpn_id, ips = vpn
    since = twin.last_seq()
    task = replace(vpn_id, ips[0], allow_both_tunnels_down=True)
    task[0]["hybridvpn.s2s.vpn_tunnel_replace"].update(args)
    failed = playbook(task)
    assert failed.rc != 0
    msg = failed.task("replace")["msg"]
    assert field in msg and rule in msg
    assert twin.mutating_calls(since) == []
