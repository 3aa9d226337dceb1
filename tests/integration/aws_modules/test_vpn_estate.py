# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_estate (every gateway and connection in one task) through ansible-playbook against the twin."""

from __future__ import annotations

import copy
import ipaddress

SITES = 4
KEYS = {"site-1-vpn": ["Site1.tunnel1.key", "Site1.tunnel2.key"]}
# A branch in another Region and account (issue 19 item 7): its own client, assumed role, converged beside the rest.
WEST = {"region": "eu-west-1", "account_role_arn": "arn:aws:iam::222222222222:role/s2s-network"}


IPV6_SITE, IPV6_CGW = 3, "2001:DB8:51:0::23"   # IPv6 outside addresses (issue 19), the address in a long spelling
PRIVATE_SITE, PRIVATE_CGW = 2, "10.20.0.22"     # a private IP VPN over the TGW's Direct Connect attachment


def estate(tgw: str, route_tables: tuple = None, transport: str = None, **over) -> dict:
    """SITES customer gateways with a connection each on the TGW; site 1 with keys from the task; site 3 on IPv6
    outside addresses; with ``transport`` (a Direct Connect attachment of the TGW) site 2 a private IP VPN."""
    connections = []
    for n in range(SITES):
        conn = {"name": "site-%d-vpn" % n, "customer_gateway": "site-%d" % n, "transit_gateway_id": tgw,
                "tunnel_options": [{"inside_cidr": "169.254.%d.0/30" % (10 + n), "phase1_lifetime_seconds": 14400},
                                   {"inside_cidr": "169.254.%d.4/30" % (10 + n), "ike_versions": ["ikev2"]}],
                "generate_pre_shared_keys": True,
                "tags": {"Name": "site-%d-vpn" % n, "s2s:key": "site-%d/1" % n}}
        if n == IPV6_SITE:
            conn["connection_options"] = {"outside_ip_address_type": "Ipv6"}
        if n == PRIVATE_SITE and transport:
            conn["connection_options"] = {"outside_ip_address_type": "PrivateIpv4",
                                          "transport_transit_gateway_attachment_id": transport}
        if route_tables:
            conn["transit_gateway_routing"] = {"association_route_table_id": route_tables[0], "propagation_route_table_ids": list(route_tables)}
        connections.append(conn)
    addresses = {IPV6_SITE: IPV6_CGW, PRIVATE_SITE: PRIVATE_CGW if transport else None}
    args = {"customer_gateways": [{"name": "site-%d" % n, "ip_address": addresses.get(n) or "198.51.100.%d" % (20 + n),
                                   "bgp_asn": 65020 + n, "tags": {"Name": "site-%d" % n}} for n in range(SITES)],
            "connections": connections, "pre_shared_keys": "{{ estate_keys }}", "match_tags": ["s2s:key"]}
    args.update(over)
    return args


def with_west(args: dict, tgw: str) -> dict:
    """The estate plus a customer gateway and a connection in WEST (the same device address: one gateway per Region)."""
    args["customer_gateways"].append(dict(WEST, name="site-w", ip_address="198.51.100.20", bgp_asn=65020, tags={"Name": "site-w"}))
    args["connections"].append(dict(WEST, name="site-w-vpn", customer_gateway="site-w", transit_gateway_id=tgw,
                                    tags={"Name": "site-w-vpn", "s2s:key": "site-w/1"}))
    return args


def task(args: dict, name: str = "estate") -> list:
    return [{"name": name, "hybridvpn.s2s.vpn_estate": args, "register": "estate"}]


def run(playbook, args, **kwargs):
    return playbook(task(args), play_vars={"estate_keys": KEYS}, **kwargs)


def live(ec2) -> list:
    return [c for c in ec2.describe_vpn_connections()["VpnConnections"] if c["State"] != "deleted"]


def route_tables(ec2, tgw: str) -> tuple:
    """The TGW's default route table (VPN attachments are associated with and propagate to it) and a second one."""
    default = ec2.describe_transit_gateways(TransitGatewayIds=[tgw])["TransitGateways"][0]["Options"]["AssociationDefaultRouteTableId"]
    return default, ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]


def test_create_then_no_change_run_makes_no_mutating_call(playbook, twin, ec2, gateways, psks):
    rtbs = route_tables(ec2, gateways.tgw)
    transport = twin.direct_connect_attachment(gateways.tgw)["TransitGatewayAttachmentId"]
    west = twin.assumed_client("ec2", WEST["account_role_arn"], WEST["region"])
    west_tgw = west.create_transit_gateway(Options={"AmazonSideAsn": 64701})["TransitGateway"]["TransitGatewayId"]
    first = run(playbook, with_west(estate(gateways.tgw, rtbs, transport), west_tgw))
    assert first.rc == 0, first.output[-3000:]
    result = first.task("estate")
    assert result["changed"]
    assert [g["name"] for g in result["customer_gateways"]] == ["site-%d" % n for n in range(SITES)] + ["site-w"]
    assert [(p["region"], p["account_id"], p["vpn_connections"], p["changed"]) for p in result["placements"]] == [
        ("us-east-1", None, ["site-%d-vpn" % n for n in range(SITES)], True), ("eu-west-1", "222222222222", ["site-w-vpn"], True)]
    conns = {c["name"]: c for c in result["vpn_connections"]}
    west_vpn = conns.pop("site-w-vpn")
    assert (west_vpn["region"], west_vpn["account_id"], west_vpn["vpn_connection"]["transit_gateway_id"]) == (
        "eu-west-1", "222222222222", west_tgw)
    # Each account and Region holds its own, read with its own credentials only.
    assert [c["VpnConnectionId"] for c in live(west)] == [west_vpn["vpn_connection"]["vpn_connection_id"]]
    assert live(twin.client("ec2", region="eu-west-1")) == [] and len(live(ec2)) == SITES
    assert [c["IpAddress"] for c in west.describe_customer_gateways()["CustomerGateways"]] == ["198.51.100.20"]
    assert len(conns) == SITES and all(c["changes"][0] == "create VPN connection" for c in conns.values())
    for n in range(SITES):
        vpn = conns["site-%d-vpn" % n]["vpn_connection"]
        assert vpn["state"] == "available" and vpn["transit_gateway_id"] == gateways.tgw
        assert [t["inside_cidr"] for t in vpn["tunnels"]] == ["169.254.%d.0/30" % (10 + n), "169.254.%d.4/30" % (10 + n)]
        assert vpn["tunnels"][0]["customer_gateway_asn"] == 65020 + n and vpn["tunnels"][0]["amazon_side_asn"] == 64700
        assert vpn["tunnels"][0]["options"]["phase1_lifetime_seconds"] == 14400
        assert all("pre_shared_key" not in t for t in vpn["tunnels"])
        routing = conns["site-%d-vpn" % n]["transit_gateway_routing"]
        assert routing["association_route_table_id"] == rtbs[0] and routing["propagation_route_table_ids"] == sorted(rtbs)
    ipv6 = conns["site-%d-vpn" % IPV6_SITE]["vpn_connection"]
    assert ipv6["options"]["outside_ip_address_type"] == "Ipv6"
    assert all(ipaddress.ip_address(t["outside_ip_address"]).version == 6 for t in ipv6["tunnels"])
    assert result["customer_gateways"][IPV6_SITE]["customer_gateway"]["ip_address"] == str(ipaddress.ip_address(IPV6_CGW))
    private = conns["site-%d-vpn" % PRIVATE_SITE]["vpn_connection"]["options"]
    assert (private["outside_ip_address_type"], private["transport_transit_gateway_attachment_id"]) == ("PrivateIpv4", transport)
    site1 = conns["site-1-vpn"]["vpn_connection"]["vpn_connection_id"]
    assert psks(site1) == KEYS["site-1-vpn"]
    all_keys = [k for c in conns.values() for k in psks(c["vpn_connection"]["vpn_connection_id"])]
    assert len(set(all_keys)) == 2 * SITES
    assert not any(k in first.output for k in all_keys)

    since = twin.last_seq()
    second = run(playbook, with_west(estate(gateways.tgw, rtbs, transport), west_tgw))
    assert second.rc == 0, second.output[-3000:]
    result = second.task("estate")
    assert not result["changed"] and all(c["changes"] == [] for c in result["vpn_connections"])
    assert twin.mutating_calls(since) == []
    # One read per resource type for each account and Region, however many connections; one AssumeRole per role.
    for region, reads in (("us-east-1", 1), ("eu-west-1", 1)):
        calls = [c["action"] for c in twin.ledger(since) if c["region"] == region and c["service"] == "ec2"]
        assert calls.count("DescribeVpnConnections") == reads and calls.count("DescribeCustomerGateways") == reads
    calls = [c["action"] for c in twin.ledger(since)]
    assert calls.count("DescribeTransitGatewayAttachments") == 1 and calls.count("AssumeRole") == 1
    assert len(live(ec2)) == SITES and len(live(west)) == 1


def test_drift_on_several_connections_is_applied_one_tunnel_at_a_time(playbook, twin, ec2, gateways):
    assert run(playbook, estate(gateways.tgw)).rc == 0
    drifted = estate(gateways.tgw)
    for n in (0, 2, 3):
        for tunnel in drifted["connections"][n]["tunnel_options"]:
            tunnel["phase2_lifetime_seconds"] = 1200
    since = twin.last_seq()
    changed = run(playbook, drifted, diff=True)
    assert changed.rc == 0, changed.output[-3000:]
    conns = {c["name"]: c for c in changed.task("estate")["vpn_connections"]}
    assert [n for n in range(SITES) if conns["site-%d-vpn" % n]["changed"]] == [0, 2, 3]
    for n in (0, 2, 3):
        tunnels = conns["site-%d-vpn" % n]["vpn_connection"]["tunnels"]
        assert [t["options"]["phase2_lifetime_seconds"] for t in tunnels] == [1200, 1200]
    modifies = [c for c in twin.ledger(since) if c["action"] == "ModifyVpnTunnelOptions"]
    assert len(modifies) == 6 and twin.mutating_calls(since) == modifies
    # One tunnel at a time per connection: the twin refuses a change while the connection is modifying,
    # and the run did not fail, so each connection's second change waited for the first.
    assert all(c["status_code"] == 200 for c in modifies)
    assert "phase2_lifetime_seconds" in changed.output  # the diff shows the change


def test_check_mode_plans_everything_and_calls_nothing_mutating(playbook, twin, ec2, gateways):
    west = twin.assumed_client("ec2", WEST["account_role_arn"], WEST["region"])
    west_tgw = west.create_transit_gateway(Options={"AmazonSideAsn": 64701})["TransitGateway"]["TransitGatewayId"]
    since = twin.last_seq()
    planned = run(playbook, with_west(estate(gateways.tgw), west_tgw), check=True, diff=True)
    assert planned.rc == 0, planned.output[-3000:]
    result = planned.task("estate")
    assert result["changed"] and len(result["vpn_connections"]) == SITES + 1
    assert all(c["vpn_connection"]["vpn_connection_id"] is None for c in result["vpn_connections"])
    assert [p["changed"] for p in result["placements"]] == [True, True]
    assert "site-w-vpn" in planned.output  # its diff, beside the others'
    assert twin.mutating_calls(since) == [] and live(ec2) == [] and live(west) == []

    assert run(playbook, estate(gateways.tgw)).rc == 0
    drifted = estate(gateways.tgw)
    drifted["connections"][1]["tunnel_options"][0]["dpd_timeout_seconds"] = 45
    since = twin.last_seq()
    planned = run(playbook, drifted, check=True, diff=True)
    conns = {c["name"]: c for c in planned.task("estate")["vpn_connections"]}
    assert conns["site-1-vpn"]["changed"] and "dpd_timeout_seconds" in conns["site-1-vpn"]["changes"][0]
    assert not any(conns["site-%d-vpn" % n]["changed"] for n in (0, 2, 3))
    assert twin.mutating_calls(since) == []


def test_a_bad_item_is_rejected_before_any_mutating_call_naming_item_and_field(playbook, twin, gateways):
    bad = estate(gateways.tgw)
    bad["connections"][2]["tunnel_options"][1]["phase2_lifetime_seconds"] = 5000
    bad["customer_gateways"][3]["bgp_asn"] = 7224
    bad["connections"][0]["customer_gateway"] = "nowhere"
    since = twin.last_seq()
    failed = run(playbook, bad)
    assert failed.rc != 0
    result = failed.task("estate")
    fields = {p["field"]: p["rule"] for p in result["problems"]}
    assert fields["connections[2] (site-2-vpn).tunnel_options[1].phase2_lifetime_seconds"].startswith("tunnel_option")
    assert fields["customer_gateways[3] (site-3).bgp_asn"] == "asn.reserved"
    assert fields["connections[0] (site-0-vpn).customer_gateway"] == "estate.reference"
    assert "connections[2] (site-2-vpn).tunnel_options[1].phase2_lifetime_seconds" in result["msg"]
    assert twin.ledger(since) == []


def test_keys_in_the_wrong_place_or_of_the_wrong_type_are_rejected_and_never_shown(playbook, twin, gateways):
    misplaced = estate(gateways.tgw)
    misplaced["connections"][0]["tunnel_options"][0]["pre_shared_key"] = "Misplaced.key.123"
    misplaced["connections"][1]["tunnel_options"][0]["phase1_lifetime_seconds"] = "not-a-number"
    since = twin.last_seq()
    failed = run(playbook, misplaced, verbosity=4, callback="default")
    assert failed.rc != 0
    assert "connections[0] (site-0-vpn).tunnel_options" in failed.output and "estate.psk_location" in failed.output
    assert "connections[1] (site-1-vpn)" in failed.output and "phase1_lifetime_seconds" in failed.output
    assert "Misplaced.key.123" not in failed.output
    assert not any(k in failed.output for k in KEYS["site-1-vpn"])
    assert twin.ledger(since) == []


def test_keys_never_appear_in_vvvv_output(playbook, ec2, gateways, psks):
    created = run(playbook, estate(gateways.tgw), verbosity=4, callback="default", diff=True)
    assert created.rc == 0, created.output[-3000:]
    again = copy.deepcopy(estate(gateways.tgw))
    again["connections"][0]["tunnel_options"][0]["dpd_timeout_seconds"] = 50
    changed = run(playbook, again, verbosity=4, callback="default", diff=True)
    assert changed.rc == 0, changed.output[-3000:]
    keys = {k for conn in live(ec2) for k in psks(conn["VpnConnectionId"])}
    assert "pre_shared_keys" in created.output and "module_args" in created.output  # the invocation was printed
    assert len(keys) == 2 * SITES
    for output in (created.output, changed.output):
        assert not any(k in output for k in keys)
