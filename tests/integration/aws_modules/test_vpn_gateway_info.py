# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_gateway_info against what the stock amazon.aws modules really build (the aws_vpn role's gateway tasks):
missing before, in sync after, the same answer under injected throttling and 5xx, and it never changes anything."""

from __future__ import annotations

TAGS = {"project": "gwinfo"}
GATEWAYS = [
    {"name": "vgw-a", "type": "vgw", "amazon_side_asn": 64601, "vpc_cidrs": ["10.31.0.0/16"], "vpc_id": None, "ecmp": False},
    {"name": "tgw-a", "type": "tgw", "amazon_side_asn": 64701, "vpc_cidrs": ["10.32.0.0/16", "10.33.0.0/16"], "vpc_id": None, "ecmp": True},
]
INFO = {"hybridvpn.s2s.vpn_gateway_info": {"gateways": GATEWAYS, "tags": TAGS}}
# A gateway in another Region and account (issue 19): read with the role's credentials in its Region.
WEST = {"name": "vgw-w", "type": "vgw", "amazon_side_asn": 64602, "vpc_cidrs": ["10.34.0.0/16"], "vpc_id": None,
        "region": "eu-west-1", "account_role_arn": "arn:aws:iam::222222222222:role/s2s-network"}


def build_with_the_role():
    return [
        dict(INFO, name="before", register="before"),
        {"name": "gateway tasks of the role", "ansible.builtin.include_role": {"name": "hybridvpn.s2s.aws_vpn", "tasks_from": "gateway.yml"},
         "loop": "{{ before.gateways }}", "loop_control": {"loop_var": "aws_vpn_gateway_found"},
         "vars": {"aws_vpn_gateway": "{{ gateways | selectattr('name', '==', aws_vpn_gateway_found.name) | first }}",
                  "aws_vpn_plan": {"tags": TAGS}}},
        dict(INFO, name="after"),
        {"name": "west", "hybridvpn.s2s.vpn_gateway_info": {"gateways": [WEST, GATEWAYS[0]], "tags": TAGS}},
    ]


def test_what_the_stock_modules_build_reads_as_in_sync(playbook, twin, ec2, fault_mix):
    west = twin.assumed_client("ec2", WEST["account_role_arn"], WEST["region"])
    west.create_vpc(CidrBlock="10.34.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [
        {"Key": k, "Value": v} for k, v in dict(TAGS, Name="s2s-vgw-w", **{"s2s:gateway": "vgw-w", "s2s:created": "true"}).items()]}])
    run = playbook(build_with_the_role(), play_vars={"gateways": GATEWAYS})
    assert run.rc == 0, run.output[-3000:]
    before = run.task("before")["gateways"]
    assert [g["in_sync"] for g in before] == [False, False]
    assert before[0]["drift"] == ["VPC s2s-vgw-a: not found"] and before[1]["drift"] == ["VPC s2s-tgw-a: not found"]
    after = run.task("after")
    assert not after["changed"]
    vgw, tgw = after["gateways"]
    assert (vgw["in_sync"], vgw["drift"], tgw["in_sync"], tgw["drift"]) == (True, [], True, [])
    assert vgw["gateway_id"] == [g["VpnGatewayId"] for g in ec2.describe_vpn_gateways()["VpnGateways"] if g["State"] == "available"][0]
    live = ec2.describe_transit_gateways(TransitGatewayIds=[tgw["gateway_id"]])["TransitGateways"][0]
    assert live["Description"] == "tgw-a" and tgw["route_table_id"] == live["Options"]["AssociationDefaultRouteTableId"]
    assert {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]} >= {vgw["vpc_id"], tgw["vpc_id"]}
    # Each gateway read where it is: the west VPC found in its account and Region (its VGW not), the other as before.
    placed, home = run.task("west")["gateways"]
    assert (placed["name"], placed["region"], placed["account_id"], placed["drift"]) == (
        "vgw-w", "eu-west-1", "222222222222", ["VGW vgw-w: not found"])
    assert placed["vpc_id"] == west.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["s2s-vgw-w"]}])["Vpcs"][0]["VpcId"]
    assert (home["region"], home["account_id"], home["in_sync"]) == ("us-east-1", None, True)

    twin.faults(fault_mix, seed=11)
    since = twin.last_seq()
    try:
        faulty = playbook([dict(INFO, name="info")], check=True)
    finally:
        met = [e for e in twin.ledger(since) if e.get("fault")]
        twin.faults([])
    assert faulty.rc == 0, faulty.output[-3000:]
    assert met, "the run met no injected fault"
    assert faulty.task("info")["gateways"] == after["gateways"]
    assert twin.mutating_calls(since) == []
