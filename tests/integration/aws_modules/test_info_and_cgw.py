# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_connection_info (telemetry, negotiated crypto, maintenance, device types) and customer_gateway."""

from __future__ import annotations


def make_vpn(playbook, ec2, gateways, name: str) -> str:
    cgw = ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    run = playbook([{"name": "vpn", "hybridvpn.s2s.vpn_connection": {
        "customer_gateway_id": cgw, "vpn_gateway_id": gateways.vgw, "tags": {"Name": name, "estate": "test"},
        "tunnel_options": [{"ike_versions": ["ikev2"], "phase1_encryption_algorithms": ["AES256"]}] * 2}}])
    assert run.rc == 0, run.output[-3000:]
    return run.task("vpn")["vpn_connection"]["vpn_connection_id"]


def test_info_reports_telemetry_negotiated_crypto_and_maintenance(playbook, twin, ec2, gateways):
    vpn_id = make_vpn(playbook, ec2, gateways, "info-test")
    conn = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]
    first_ip = conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]
    twin.report_tunnel(vpn_id, first_ip, "UP", accepted_route_count=3, negotiated={
        "phase1_encryption": "AES256", "phase2_encryption": "AES256", "phase1_integrity": "SHA2-256",
        "phase2_integrity": "SHA2-256", "phase1_dh_group": 20, "phase2_dh_group": 20, "ike_version": "ikev2"})
    twin.maintenance(vpn_id, first_ip, pending="Tunnel endpoint replacement", auto_applied_after_seconds=3600)

    since = twin.last_seq()
    run = playbook([{"name": "info", "hybridvpn.s2s.vpn_connection_info": {
        "tags": {"Name": "info-test"}, "include_active_status": True, "include_replacement_status": True,
        "list_device_types": True}}], check=True)
    assert run.rc == 0, run.output[-3000:]
    assert twin.mutating_calls(since) == []
    info = run.task("info")
    assert not info["changed"] and info["active_status_supported"] is True
    (found,) = info["vpn_connections"]
    tunnel = next(t for t in found["tunnels"] if t["outside_ip_address"] == first_ip)
    assert tunnel["telemetry"]["status"] == "UP" and tunnel["telemetry"]["accepted_route_count"] == 3
    active = tunnel["active_status"]
    assert active["phase1_encryption_algorithm"] == "AES256" and active["ike_version"] == "ikev2"
    assert tunnel["maintenance"]["pending_maintenance"] == "Tunnel endpoint replacement"
    assert tunnel["crypto"]["phase1"]["encryption_algorithms"] == ["AES256"]
    assert {t["vendor"] for t in info["device_types"]} >= {"Cisco Systems, Inc.", "Juniper Networks, Inc."}


def test_info_by_id_filters_and_tags(playbook, ec2, gateways):
    vpn_id = make_vpn(playbook, ec2, gateways, "by-id")
    run = playbook([
        {"name": "by id", "hybridvpn.s2s.vpn_connection_info": {"vpn_connection_ids": [vpn_id]}},
        {"name": "by filter", "hybridvpn.s2s.vpn_connection_info": {"filters": {"vpn-gateway-id": gateways.vgw}}},
        {"name": "by tags", "hybridvpn.s2s.vpn_connection_info": {"tags": {"estate": "test"}}},
        {"name": "no match", "hybridvpn.s2s.vpn_connection_info": {"tags": {"estate": "other"}}},
    ])
    assert run.rc == 0, run.output[-3000:]
    for name in ("by id", "by filter", "by tags"):
        assert [c["vpn_connection_id"] for c in run.task(name)["vpn_connections"]] == [vpn_id], name
    assert run.task("no match")["vpn_connections"] == []


def test_customer_gateway_converges_tags_check_mode_and_delete(playbook, twin, ec2):
    cgw = {"ip_address": "198.51.100.30", "bgp_asn": 65030, "tags": {"Name": "rtr3", "site": "branch3"}}
    planned = playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": cgw}], check=True, diff=True)
    assert planned.task("cgw")["changed"] and ec2.describe_customer_gateways()["CustomerGateways"] == []
    created = playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": cgw}])
    assert created.rc == 0 and created.task("cgw")["changed"]
    cgw_id = created.task("cgw")["customer_gateway"]["customer_gateway_id"]
    assert created.task("cgw")["customer_gateway"]["bgp_asn"] == 65030

    retag = dict(cgw, tags={"Name": "rtr3"})
    since = twin.last_seq()
    run = playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": retag}], diff=True)
    assert run.task("cgw")["changed"] and run.task("cgw")["customer_gateway"]["tags"] == {"Name": "rtr3"}
    assert run.task("cgw")["diff"]["before"]["tags"] == cgw["tags"]
    assert [e["action"] for e in twin.mutating_calls(since)] == ["DeleteTags"]
    since = twin.last_seq()
    again = playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": dict(retag, purge_tags=False, tags={"extra": "1"})}])
    assert again.task("cgw")["customer_gateway"]["tags"] == {"Name": "rtr3", "extra": "1"}
    assert again.task("cgw")["customer_gateway"]["customer_gateway_id"] == cgw_id

    gone = playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": {"state": "absent", "customer_gateway_id": cgw_id}}])
    assert gone.task("cgw")["changed"]
    since = twin.last_seq()
    assert not playbook([{"name": "cgw", "hybridvpn.s2s.customer_gateway": dict(cgw, state="absent")}]).task("cgw")["changed"]
    assert twin.mutating_calls(since) == []
