# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""customer_gateway + vpn_connection through ansible-playbook against the twin: create, converge, delete."""

from __future__ import annotations

import json

import pytest

CGW = {"ip_address": "198.51.100.10", "bgp_asn": 65010, "tags": {"Name": "branch1-rtr1"}}
RESTRICTED = {"phase1_encryption_algorithms": ["AES256-GCM-16"], "phase2_encryption_algorithms": ["AES256-GCM-16"],
              "phase1_integrity_algorithms": ["SHA2-384"], "phase2_integrity_algorithms": ["SHA2-384"],
              "phase1_dh_group_numbers": [20], "phase2_dh_group_numbers": [20], "ike_versions": ["ikev2"],
              "phase1_lifetime_seconds": 14400, "phase2_lifetime_seconds": 1800, "dpd_timeout_seconds": 40,
              "dpd_timeout_action": "restart"}


def site_tasks(target_key: str, target_id: str, **vpn_args) -> list:
    """A CGW and a VPN connection to it, the way a role would write them."""
    vpn = {"customer_gateway_id": "{{ cgw.customer_gateway.customer_gateway_id }}", target_key: target_id,
           "tunnel_options": [dict(RESTRICTED, inside_cidr="169.254.10.0/30"), dict(RESTRICTED, inside_cidr="169.254.10.4/30")],
           "tags": {"Name": "branch1-vpn1", "s2s:key": "branch1/rtr1/1"}, "match_tags": ["s2s:key"]}
    vpn.update(vpn_args)
    return [{"name": "cgw", "hybridvpn.s2s.customer_gateway": CGW, "register": "cgw"},
            {"name": "vpn", "hybridvpn.s2s.vpn_connection": vpn, "register": "vpn"}]


def live(ec2) -> list:
    return [c for c in ec2.describe_vpn_connections()["VpnConnections"] if c["State"] != "deleted"]


@pytest.mark.parametrize("target", ["vgw", "tgw"])
def test_create_then_second_run_makes_no_mutating_call(playbook, twin, ec2, gateways, psks, target):
    key = "vpn_gateway_id" if target == "vgw" else "transit_gateway_id"
    tasks = site_tasks(key, getattr(gateways, target))
    first = playbook(tasks)
    assert first.rc == 0, first.output[-3000:]
    vpn = first.task("vpn")
    assert vpn["changed"] and vpn["changes"] == ["create VPN connection"]
    conn = vpn["vpn_connection"]
    assert conn["state"] == "available" and conn[key] == getattr(gateways, target)
    assert [t["inside_cidr"] for t in conn["tunnels"]] == ["169.254.10.0/30", "169.254.10.4/30"]
    tunnel = conn["tunnels"][0]
    assert (tunnel["aws_inside_ip"], tunnel["cgw_inside_ip"]) == ("169.254.10.1", "169.254.10.2")
    assert tunnel["customer_gateway_asn"] == 65010
    assert tunnel["amazon_side_asn"] == (64600 if target == "vgw" else 64700)
    assert tunnel["crypto"]["phase1"]["encryption_algorithms"] == ["AES256-GCM-16"]
    assert tunnel["crypto"]["phase2"]["pfs_dh_group_numbers"] == [20]
    assert tunnel["options"]["dpd_timeout_action"] == "restart"
    assert all("pre_shared_key" not in t for t in conn["tunnels"])
    assert not any(k in json.dumps(vpn) for k in psks(conn["vpn_connection_id"]))

    since = twin.last_seq()
    second = playbook(tasks)
    assert second.rc == 0, second.output[-3000:]
    assert not second.task("cgw")["changed"] and not second.task("vpn")["changed"]
    assert second.task("vpn")["changes"] == []
    assert twin.mutating_calls(since) == []
    assert len(live(ec2)) == 1


def test_check_mode_create_and_change_make_no_mutating_call(playbook, twin, ec2, gateways):
    since = twin.last_seq()
    planned = playbook(site_tasks("vpn_gateway_id", gateways.vgw), check=True, diff=True)
    assert planned.rc == 0, planned.output[-3000:]
    assert planned.task("cgw")["changed"] and planned.task("vpn")["changed"]
    assert twin.mutating_calls(since) == [] and live(ec2) == []

    assert playbook(site_tasks("vpn_gateway_id", gateways.vgw)).rc == 0
    changed = site_tasks("vpn_gateway_id", gateways.vgw)
    changed[1]["hybridvpn.s2s.vpn_connection"]["tunnel_options"][1]["phase2_lifetime_seconds"] = 1200
    since = twin.last_seq()
    planned = playbook(changed, check=True, diff=True)
    vpn = planned.task("vpn")
    assert vpn["changed"] and len(vpn["changes"]) == 1 and "phase2_lifetime_seconds" in vpn["changes"][0]
    assert twin.mutating_calls(since) == []


def test_diff_shows_the_change_and_no_key(playbook, gateways, psks):
    created = playbook(site_tasks("vpn_gateway_id", gateways.vgw, generate_pre_shared_keys=True))
    assert created.rc == 0, created.output[-3000:]
    vpn_id = created.task("vpn")["vpn_connection"]["vpn_connection_id"]
    changed = site_tasks("vpn_gateway_id", gateways.vgw, connection_options={"remote_ipv4_network_cidr": "10.10.0.0/16"})
    changed[1]["hybridvpn.s2s.vpn_connection"]["tunnel_options"][0]["replay_window_size"] = 512
    run = playbook(changed, diff=True, callback="default")
    assert run.rc == 0, run.output[-3000:]
    assert "-    replay_window_size: 1024" in run.stdout.replace("\"", "") or "replay_window_size" in run.stdout
    assert "10.10.0.0/16" in run.stdout
    assert not any(k in run.output for k in psks(vpn_id))
    structured = playbook(changed, diff=True)
    assert not structured.task("vpn")["changed"]  # already applied


def test_delete_is_clean_and_idempotent(playbook, twin, ec2, gateways):
    assert playbook(site_tasks("transit_gateway_id", gateways.tgw)).rc == 0
    gone = {"state": "absent", "tags": {"s2s:key": "branch1/rtr1/1"}, "match_tags": ["s2s:key"]}
    absent = [{"name": "vpn", "hybridvpn.s2s.vpn_connection": gone},
              {"name": "cgw", "hybridvpn.s2s.customer_gateway": dict(CGW, state="absent")}]
    first = playbook(absent)
    assert first.rc == 0, first.output[-3000:]
    assert first.task("vpn")["changed"] and first.task("cgw")["changed"]
    assert live(ec2) == []
    attachments = ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-type", "Values": ["vpn"]}])
    assert all(a["State"] in ("deleting", "deleted") for a in attachments["TransitGatewayAttachments"])
    since = twin.last_seq()
    second = playbook(absent)
    assert second.rc == 0 and not second.task("vpn")["changed"] and not second.task("cgw")["changed"]
    assert twin.mutating_calls(since) == []


def test_replacement_is_refused_unless_allowed(playbook, ec2, gateways):
    assert playbook(site_tasks("vpn_gateway_id", gateways.vgw)).rc == 0
    old = live(ec2)[0]["VpnConnectionId"]
    static = site_tasks("vpn_gateway_id", gateways.vgw, connection_options={"static_routes_only": True},
                        routes=["10.20.0.0/16"])
    refused = playbook(static)
    assert refused.rc != 0
    assert "static_routes_only" in refused.task("vpn")["msg"] and "allow_replacement" in refused.task("vpn")["msg"]
    assert [c["VpnConnectionId"] for c in live(ec2)] == [old]
    static[1]["hybridvpn.s2s.vpn_connection"]["allow_replacement"] = True
    replaced = playbook(static)
    assert replaced.rc == 0, replaced.output[-3000:]
    conn = replaced.task("vpn")["vpn_connection"]
    assert conn["vpn_connection_id"] != old and conn["options"]["static_routes_only"] is True
    assert [r["destination_cidr_block"] for r in conn["routes"]] == ["10.20.0.0/16"]
    assert [c["VpnConnectionId"] for c in live(ec2)] == [conn["vpn_connection_id"]]


def test_static_routes_converge(playbook, twin, gateways):
    tasks = site_tasks("vpn_gateway_id", gateways.vgw, connection_options={"static_routes_only": True},
                       routes=["10.20.0.0/16", "10.21.0.0/16"])
    assert playbook(tasks).rc == 0
    tasks[1]["hybridvpn.s2s.vpn_connection"]["routes"] = ["10.21.0.0/16", "10.22.0.0/16"]
    run = playbook(tasks)
    assert run.rc == 0, run.output[-3000:]
    assert sorted(run.task("vpn")["changes"]) == ["create route 10.22.0.0/16", "delete route 10.20.0.0/16"]
    assert [r["destination_cidr_block"] for r in run.task("vpn")["vpn_connection"]["routes"]] == ["10.21.0.0/16", "10.22.0.0/16"]
    since = twin.last_seq()
    assert not playbook(tasks).task("vpn")["changed"] and twin.mutating_calls(since) == []


def test_tgw_routing_association_and_propagation(playbook, twin, ec2, gateways):
    # The VPN attachment starts associated with the TGW's default table (moto cannot disassociate
    # it, so the association stays there and the test moves propagations).
    default = ec2.describe_transit_gateways(TransitGatewayIds=[gateways.tgw])["TransitGateways"][0]["Options"][
        "AssociationDefaultRouteTableId"]
    tables = [ec2.create_transit_gateway_route_table(TransitGatewayId=gateways.tgw)["TransitGatewayRouteTable"]
              ["TransitGatewayRouteTableId"] for _table in range(2)]
    tasks = site_tasks("transit_gateway_id", gateways.tgw) + [{
        "name": "routing", "hybridvpn.s2s.transit_gateway_vpn_routing": {
            "vpn_connection_id": "{{ vpn.vpn_connection.vpn_connection_id }}",
            "association_route_table_id": default, "propagation_route_table_ids": tables, "purge_propagations": True}}]
    first = playbook(tasks)
    assert first.rc == 0, first.output[-3000:]
    routing = first.task("routing")
    assert routing["changed"] and routing["association_route_table_id"] == default
    assert routing["propagation_route_table_ids"] == sorted(tables)
    tasks[2]["hybridvpn.s2s.transit_gateway_vpn_routing"]["propagation_route_table_ids"] = tables[1:]
    moved = playbook(tasks)
    assert moved.rc == 0 and moved.task("routing")["propagation_route_table_ids"] == tables[1:]
    assert moved.task("routing")["diff"]["before"]["propagation_route_table_ids"] == sorted(tables)
    since = twin.last_seq()
    second = playbook(tasks)
    assert second.rc == 0 and not second.task("routing")["changed"] and twin.mutating_calls(since) == []


def test_secrets_manager_storage_and_ipv6_tunnels_on_a_tgw(playbook, twin, ec2, gateways):
    tasks = site_tasks("transit_gateway_id", gateways.tgw, pre_shared_key_storage="SecretsManager",
                       connection_options={"tunnel_inside_ip_version": "ipv6", "local_ipv6_network_cidr": "fd10::/64"},
                       tunnel_options=[{"inside_ipv6_cidr": "fd00:0:0:1::/126"}, {"inside_ipv6_cidr": "fd00:0:0:2::/126"}])
    first = playbook(tasks)
    assert first.rc == 0, first.output[-3000:]
    conn = first.task("vpn")["vpn_connection"]
    assert conn["pre_shared_key_storage"] == "SecretsManager" and conn["pre_shared_key_arn"].startswith("arn:")
    assert conn["options"]["tunnel_inside_ip_version"] == "ipv6"
    tunnel = conn["tunnels"][0]
    assert tunnel["inside_ipv6_cidr"] == "fd00:0:0:1::/126" and tunnel["inside_prefixlen"] == 126
    assert (tunnel["aws_inside_ip"], tunnel["cgw_inside_ip"]) == ("fd00:0:0:1::1", "fd00:0:0:1::2")
    since = twin.last_seq()
    second = playbook(tasks)
    assert second.rc == 0 and not second.task("vpn")["changed"] and twin.mutating_calls(since) == []


# A core network with an edge in the playbook's Region; segment "sites" for attachments tagged segment=sites, whose
# attachments the owner must accept (Cloud WAN core network policy, cloudwan-policies-json).
CORE_POLICY = {"version": "2021.12",
               "core-network-configuration": {"asn-ranges": ["64512-64555"], "edge-locations": [{"location": "us-east-1"}]},
               "segments": [{"name": "sites", "require-attachment-acceptance": True}],
               "attachment-policies": [{"rule-number": 100, "action": {"association-method": "constant", "segment": "sites"},
                                        "conditions": [{"type": "tag-value", "key": "segment", "value": "sites",
                                                        "operator": "equals"}]}]}


def test_cloudwan_connection_attached_accepted_idempotent_and_removed(playbook, twin, ec2, psks):
    manager = twin.client("networkmanager", region="us-west-2")
    network = manager.create_global_network()["GlobalNetwork"]["GlobalNetworkId"]
    core = manager.create_core_network(GlobalNetworkId=network, PolicyDocument=json.dumps(CORE_POLICY))["CoreNetwork"]
    vpn_id = "{{ vpn.vpn_connection.vpn_connection_id }}"
    attach = {"core_network_id": core["CoreNetworkId"], "vpn_connection_id": vpn_id, "tags": {"segment": "sites"},
              "segment": "sites", "accept": True}
    static = {"name": "static refused", "hybridvpn.s2s.vpn_connection": {
        "customer_gateway_id": "{{ cgw.customer_gateway.customer_gateway_id }}", "cloudwan": True,
        "connection_options": {"static_routes_only": True}, "tags": {"Name": "branch9-vpn1"}}, "ignore_errors": True}
    tasks = site_tasks("cloudwan", True, tunnel_options=[]) + [
        {"name": "attach", "hybridvpn.s2s.cloudwan_vpn_attachment": attach, "register": "attached"},
        dict(site_tasks("cloudwan", True, tunnel_options=[])[1], name="vpn again"),
        {"name": "attach again", "hybridvpn.s2s.cloudwan_vpn_attachment": attach},
        static,
        {"name": "detach", "hybridvpn.s2s.cloudwan_vpn_attachment": dict(attach, state="absent")},
        {"name": "delete", "hybridvpn.s2s.vpn_connection": {"state": "absent", "vpn_connection_id": vpn_id}},
    ]
    run = playbook(tasks)
    assert run.rc == 0, run.output[-3000:]
    conn = run.task("vpn")["vpn_connection"]
    assert conn["vpn_gateway_id"] is None and conn["transit_gateway_id"] is None
    attached = run.task("attach")["cloudwan_vpn_attachment"]
    assert run.task("attach")["changed"] and attached["state"] == "AVAILABLE" and attached["segment"] == "sites"
    assert attached["edge_location"] == "us-east-1" and attached["vpn_connection_arn"].endswith(conn["vpn_connection_id"])
    assert not run.task("vpn again")["changed"] and not run.task("attach again")["changed"]
    assert run.task("vpn again")["vpn_connection"]["core_network_arn"] == core["CoreNetworkArn"]
    refused = run.task("static refused")
    assert refused["failed"] and refused["problems"][0]["rule"] == "connection.cloudwan_bgp"
    assert run.task("detach")["changed"] and run.task("delete")["changed"]
    assert manager.list_attachments(CoreNetworkId=core["CoreNetworkId"])["Attachments"] == []
    assert live(ec2) == []
    assert not any(k in run.output for k in psks(conn["vpn_connection_id"]))
