# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_estate's pure parts: item validation, the in-memory Describe, the shared waiter, the role's arguments."""

from __future__ import annotations

import collections
import re
import threading
import time
from types import SimpleNamespace

import botocore.exceptions
import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_args
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import estate_placement
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_connection_manager as manager
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_estate
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan as plan_model
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import aws_samples


def params(**over) -> dict:
    base = {k: v.get("default") for k, v in vpn_estate.argument_spec().items()}
    base.update(customer_gateways=[{"name": "rtr1", "ip_address": "198.51.100.10", "bgp_asn": 65010}],
                connections=[{"name": "vpn1", "customer_gateway": "rtr1", "transit_gateway_id": "tgw-1",
                              "tunnel_options": [{"inside_cidr": "169.254.10.0/30"}, {"inside_cidr": "169.254.10.4/30"}]}],
                pre_shared_keys={"vpn1": ["Tunnel.one.key", None]})
    base.update(over)
    return base


def test_valid_items_get_defaults_run_options_and_their_keys():
    gateways, connections, found = vpn_estate.parse(params(wait_timeout=60), no_log=False)
    assert found == []
    assert gateways[0]["state"] == "present" and gateways[0]["device_name"] is None
    conn = connections[0]
    assert conn["wait_timeout"] == 60 and conn["purge_routes"] is True and conn["match_tags"] == ["Name"]
    assert conn["tunnel_options"][0]["pre_shared_key"] == "Tunnel.one.key" and not conn["tunnel_options"][1]["pre_shared_key"]


@pytest.mark.parametrize("address, options, rule", [
    ("198.51.100.10", {"outside_ip_address_type": "Ipv6"}, "cgw.outside_ip_family"),
    ("2001:db8:51::10", {}, "cgw.outside_ip_family"),
    ("198.51.100.10", {"outside_ip_address_type": "PrivateIpv4", "transport_transit_gateway_attachment_id": "tgw-attach-1"},
     "cgw.outside_ip_private"),
    ("2001:db8:51::10", {"outside_ip_address_type": "Ipv6"}, None),
])
def test_a_connection_s_outside_type_fits_its_customer_gateway_s_address(address, options, rule):
    """Issue 19 item 6: refused before any call, naming the connection's customer_gateway (AWS would refuse the create)."""
    given = params()
    given["customer_gateways"][0]["ip_address"] = address
    given["connections"][0]["connection_options"] = options
    _g, _c, found = vpn_estate.parse(given, no_log=False)
    assert [(f, r) for f, r, _m in found] == ([("connections[0] (vpn1).customer_gateway", rule)] if rule else [])


def test_problems_name_the_item_and_the_field():
    bad = params()
    bad["connections"].append({"name": "vpn2", "customer_gateway": "rtr9", "vpn_gateway_id": "vgw-1", "transit_gateway_id": "tgw-1",
                               "transit_gateway_routing": {}})
    bad["connections"][0]["tunnel_options"][0]["rekey_fuzz_percentage"] = 101
    bad["connections"][0]["tunnel_options"][1]["pre_shared_key"] = "Placed.wrongly.1"
    bad["customer_gateways"].append({"ip_address": "198.51.100.11"})
    bad["pre_shared_keys"]["vpn9"] = ["Some.key.1234"]
    _g, _c, found = vpn_estate.parse(bad, no_log=False)
    fields = {(f, r) for f, r, _m in found}
    assert ("connections[0] (vpn1).tunnel_options[0].rekey_fuzz_percentage", "tunnel_option.range") in fields
    assert ("connections[0] (vpn1).tunnel_options", "estate.psk_location") in fields
    assert ("connections[1] (vpn2)", "estate.option") in fields  # both target gateways given
    assert ("customer_gateways[1]", "estate.option") in fields  # name missing
    assert ("pre_shared_keys.vpn9", "estate.reference") in fields
    assert not any("Placed.wrongly.1" in m or "Some.key.1234" in m for _f, _r, m in found)


def test_every_given_key_is_a_secret_even_a_misplaced_one():
    given = params()
    given["connections"][0]["tunnel_options"][1]["pre_shared_key"] = "Placed.wrongly.1"
    assert vpn_estate.secret_values(given) == {"Tunnel.one.key", "Placed.wrongly.1"}


def test_snapshot_answers_describe_filters_in_memory():
    snap = vpn_estate.Snapshot()
    snap.add([{"VpnConnectionId": "vpn-1", "State": "available", "CustomerGatewayId": "cgw-1", "TransitGatewayId": "tgw-1",
               "Tags": [{"Key": "s2s:key", "Value": "a"}]},
              {"VpnConnectionId": "vpn-2", "State": "deleted", "CustomerGatewayId": "cgw-1", "TransitGatewayId": "tgw-1",
               "Tags": [{"Key": "s2s:key", "Value": "a"}]}])
    live = {"Name": "state", "Values": ["pending", "available"]}
    assert [c["VpnConnectionId"] for c in snap.describe(Filters=[live, {"Name": "tag:s2s:key", "Values": ["a"]}])] == ["vpn-1"]
    assert snap.describe(Filters=[{"Name": "tag:s2s:key", "Values": ["b"]}]) == []
    assert [c["VpnConnectionId"] for c in snap.describe(VpnConnectionIds=["vpn-2"])] == ["vpn-2"]
    assert len(snap.describe(Filters=[{"Name": "customer-gateway-id", "Values": ["cgw-1"]},
                                      {"Name": "transit-gateway-id", "Values": ["tgw-1"]}])) == 2


class NoCalls:
    """A client that fails any call: the check must come from what was already read."""

    def __getattr__(self, name):
        raise AssertionError("AWS called: %s" % name)


def _on_tgw(vpn_id: str, cidrs: list) -> dict:
    return {"VpnConnectionId": vpn_id, "State": "available", "CustomerGatewayId": "cgw-other", "TransitGatewayId": "tgw-1",
            "Options": {"TunnelOptions": [{"OutsideIpAddress": "203.0.113.%d" % i, "TunnelInsideCidr": c}
                                          for i, c in enumerate(cidrs, 1)]}}


def _creating_manager(snapshot, check_mode):
    _g, connections, found = vpn_estate.parse(params(), no_log=False)
    assert found == []
    item = dict(connections[0], customer_gateway_id="cgw-1")
    module = SimpleNamespace(params=item, check_mode=check_mode, no_log_values=set())
    return manager.VpnConnectionManager(module, NoCalls(), item, describe=snapshot.describe)


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_create_refuses_an_inside_cidr_the_gateway_already_runs_before_any_call(check_mode):
    snapshot = vpn_estate.Snapshot()
    snapshot.add([_on_tgw("vpn-held", ["169.254.10.4/30", "169.254.99.0/30"])])
    m = _creating_manager(snapshot, check_mode)
    with pytest.raises(VpnError) as err:
        m.create()
    assert [(p["field"], p["rule"]) for p in err.value.details["problems"]] == [("tunnel_options[1].inside_cidr", "inside_cidr.taken")]
    assert "169.254.10.4/30 is already used by vpn-held" in err.value.message


def test_the_connection_being_replaced_does_not_hold_its_cidrs():
    snapshot = vpn_estate.Snapshot()
    snapshot.add([_on_tgw("vpn-old", ["169.254.10.0/30", "169.254.10.4/30"])])
    m = _creating_manager(snapshot, check_mode=True)
    m.deleted.add("vpn-old")
    assert m.create() is None and m.changes == ["create VPN connection"]


class CountingClient:
    """A connection is available from the third poll that asks about it on; counts the calls."""

    def __init__(self):
        self.calls = []
        self.looks = collections.Counter()

    def describe_vpn_connections(self, Filters):  # pylint: disable=invalid-name
        ids = Filters[0]["Values"]
        self.calls.append(ids)
        self.looks.update(ids)
        return {"VpnConnections": [{"VpnConnectionId": i, "State": "available" if self.looks[i] >= 3 else "pending"} for i in ids]}


def test_threads_waiting_together_share_each_poll():
    client = CountingClient()
    start = threading.Barrier(4)
    waiter = api.VpnStateWaiter(client, sleep=lambda _s: time.sleep(0.01))
    results = {}

    def wait(vpn_id):
        start.wait()
        results[vpn_id] = waiter.wait(vpn_id, ("available",), 60)["State"]
    threads = [threading.Thread(target=wait, args=("vpn-%d" % n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {"vpn-%d" % n: "available" for n in range(4)}
    # Four connections, each needing three looks: fewer polls than the twelve of a waiter each.
    assert len(client.calls) < 12 and max(len(ids) for ids in client.calls) > 1


def test_role_arguments_for_the_whole_plan():
    intent = {"region": "us-east-1", "tags": {"project": "t"},
              "gateways": [{"name": "tgw1", "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16"], "ecmp": True}],
              "sites": [{"name": "s1", "gateway": "tgw1", "prefixes": ["10.101.0.0/16"],
                         "cgws": [{"name": "s1-a", "public_ip": "198.51.100.10", "asn": 65001, "platform": "ios"},
                                  {"name": "s1-b", "public_ip": "198.51.100.11", "asn": 65001, "platform": "ios"}]}]}
    planned = plan_model.build(intent)
    gateways = aws_args.estate_customer_gateways(planned)
    assert [g["name"] for g in gateways] == ["s1-a", "s1-b"] and gateways[0]["tags"]["s2s:cgw"] == "s1-a"
    conns = aws_args.estate_connections(planned, {"tgw1": "tgw-1"}, {"tgw1": "tgw-rtb-1"})
    assert [c["customer_gateway"] for c in conns] == ["s1-a", "s1-b"] and conns[0]["transit_gateway_id"] == "tgw-1"
    assert conns[0]["transit_gateway_routing"] == {"association_route_table_id": "tgw-rtb-1", "propagation_route_table_ids": ["tgw-rtb-1"]}
    assert all("pre_shared_key" not in t for c in conns for t in c["tunnel_options"])
    assert aws_args.estate_connections(planned, {"tgw1": ""}, {}) == []  # check mode, gateway not built yet
    assert aws_args.estate_keys(planned, intent) == {} and aws_args.estate_keys(planned, None) == {}


def test_a_gateways_concentrator_carries_its_connections():
    intent = {"region": "us-east-1",
              "gateways": [{"name": "tgw1", "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16"], "concentrator": True}],
              "sites": [{"name": "s%d" % i, "gateway": "tgw1", "prefixes": ["10.%d.0.0/16" % (100 + i)],
                         "cgws": [{"name": "s%d-a" % i, "public_ip": "198.51.100.%d" % (10 + i), "asn": 65001, "platform": "ios"}]}
                        for i in range(3)]}
    planned = plan_model.build(intent)
    conns = aws_args.estate_connections(planned, {"tgw1": "tgw-1"}, {}, concentrator_ids={"tgw1": "vcn-1"})
    assert [c["vpn_concentrator_id"] for c in conns] == ["vcn-1"] * 3
    assert all("vpn_concentrator_id" not in c for c in aws_args.estate_connections(planned, {"tgw1": "tgw-1"}, {}))  # check mode
    _g, items, found = vpn_estate.parse(params(connections=[dict(conns[0], name="vpn1", customer_gateway="rtr1")], pre_shared_keys={}),
                                        no_log=False, default_region="us-east-1")
    assert found == [] and items[0]["vpn_concentrator_id"] == "vcn-1"


def test_a_cloudwan_gateways_connections_are_on_no_gateway_and_attached_with_its_tags():
    intent = {"region": "us-east-1", "tags": {"project": "t"},
              "gateways": [{"name": "wan", "type": "cloudwan", "amazon_side_asn": 64520, "vpc_cidrs": ["10.30.0.0/16"],
                            "core_network_id": "core-network-0123456789abcdef0", "segment": "sites",
                            "attachment_tags": {"segment": "sites"}}],
              "sites": [{"name": "s1", "gateway": "wan", "prefixes": ["10.101.0.0/16"],
                         "cgws": [{"name": "s1-a", "public_ip": "198.51.100.10", "asn": 65001, "platform": "ios"}]}]}
    planned = plan_model.build(intent)
    ids = {"wan": "core-network-0123456789abcdef0"}
    conns = aws_args.estate_connections(planned, ids, {})
    assert conns[0]["cloudwan"] is True and "transit_gateway_id" not in conns[0] and "vpn_gateway_id" not in conns[0]
    _g, items, found = vpn_estate.parse(params(connections=[dict(conns[0], name="vpn1", customer_gateway="rtr1")], pre_shared_keys={}),
                                        no_log=False, default_region="us-east-1")
    assert found == [] and items[0]["cloudwan"] is True
    assert aws_args.estate_attachments(planned, ids, {}) == []  # check mode: no connection yet
    assert aws_args.estate_attachments(planned, ids, {"s1/s1-a/1": "vpn-0123"}) == [
        {"name": "s1/s1-a/1", "core_network_id": "core-network-0123456789abcdef0", "vpn_connection_id": "vpn-0123",
         "segment": "sites", "tags": {"project": "t", "segment": "sites", "Name": "s1-a-vpn1", "s2s:key": "s1/s1-a/1"}}]


def test_role_keys_come_from_the_intent_by_connection_key():
    intent = {"region": "us-east-1",
              "gateways": [{"name": "vgw1", "type": "vgw", "amazon_side_asn": 64512, "vpc_cidrs": ["10.20.0.0/16"]}],
              "sites": [{"name": "s1", "gateway": "vgw1", "prefixes": ["10.101.0.0/16"],
                         "cgws": [{"name": "s1-a", "public_ip": "198.51.100.10", "asn": 65001, "platform": "ios",
                                   "connections": [{"tunnels": [{"pre_shared_key": "Intent.key.one"}, {}]}]}]}]}
    planned = plan_model.build(intent)
    assert aws_args.estate_keys(planned, intent) == {"s1/s1-a/1": ["Intent.key.one", None]}
    assert [t.get("pre_shared_key") for t in aws_args.tunnel_options(planned["connections"][0], intent)] == ["Intent.key.one", None]
    assert all("pre_shared_key" not in t for t in aws_args.tunnel_options(planned["connections"][0]))
    assert [c["name"] for c in aws_args.estate_connections(planned, {"vgw1": "vgw-1"}, {})] == ["s1/s1-a/1"]


def test_a_change_the_running_connection_cannot_take_is_refused_before_any_call():
    raw = aws_samples.connection()
    raw.update(TransitGatewayId="tgw-1", VpnGatewayId=None)
    raw["Options"]["EnableAcceleration"] = True
    _g, connections, found = vpn_estate.parse(params(pre_shared_keys={}), no_log=False)
    item = dict(connections[0], customer_gateway_id="cgw-1", tunnel_options=None, connection_options={"tunnel_bandwidth": "large"})
    m = manager.VpnConnectionManager(SimpleNamespace(params=item, check_mode=False, no_log_values=set()), NoCalls(), item)
    with pytest.raises(VpnError) as err:
        m.plan(raw, normalize.connection(raw))
    assert [p["rule"] for p in err.value.details["problems"]] == ["connection_option.large_not_accelerated"] and found == []


WEST_ROLE = "arn:aws:iam::222222222222:role/s2s-network"


def test_items_are_placed_by_region_and_account_and_a_gateway_serves_its_own():
    west = {"region": "eu-west-1", "account_role_arn": WEST_ROLE}
    given = params(customer_gateways=[{"name": "rtr1", "ip_address": "198.51.100.10", "bgp_asn": 65010},
                                      dict(west, name="rtr1-west", ip_address="198.51.100.10", bgp_asn=65010)],
                   connections=[{"name": "vpn1", "customer_gateway": "rtr1", "transit_gateway_id": "tgw-1"},
                                dict(west, name="vpn1-west", customer_gateway="rtr1-west", transit_gateway_id="tgw-2"),
                                dict(west, name="vpn2-west", customer_gateway="rtr1", transit_gateway_id="tgw-2")],
                   pre_shared_keys={})
    gateways, connections, found = vpn_estate.parse(given, no_log=False, default_region="us-east-1")
    assert [(f, r) for f, r, _m in found] == [("connections[2] (vpn2-west).customer_gateway", "estate.placement")]
    assert "rtr1 is in us-east-1, this connection in eu-west-1 of %s" % WEST_ROLE in found[0][2]
    placements = estate_placement.place(gateways, connections[:2])
    assert [(p.region, p.account_id, [g["name"] for g in p.gateways], [c["name"] for c in p.connections])
            for p in placements] == [("us-east-1", None, ["rtr1"], ["vpn1"]),
                                     ("eu-west-1", "222222222222", ["rtr1-west"], ["vpn1-west"])]
    assert placements[1].label == "eu-west-1 in account 222222222222 (role %s)" % WEST_ROLE


def test_a_malformed_region_or_role_is_refused_before_any_call():
    given = params(connections=[{"name": "vpn1", "customer_gateway": "rtr1", "transit_gateway_id": "tgw-1",
                                 "region": "us-east-1", "account_role_arn": "arn:aws:iam::1234:role/x"}], pre_shared_keys={})
    given["customer_gateways"][0].update(region="US East", account_role_arn="arn:aws:iam::1234:role/x")
    _g, _c, found = vpn_estate.parse(given, no_log=False, default_region="us-east-1")
    assert sorted((f, r) for f, r, _m in found) == [
        ("connections[0] (vpn1).account_role_arn", "estate.account_role_arn"),
        ("connections[0] (vpn1).customer_gateway", "estate.placement"),  # "US East" is not us-east-1
        ("customer_gateways[0] (rtr1).account_role_arn", "estate.account_role_arn"),
        ("customer_gateways[0] (rtr1).region", "estate.region")]


def test_the_session_name_says_who_and_what_within_awss_rule():
    name = estate_placement.session_name(SimpleNamespace(_name="hybridvpn.s2s.vpn_estate"))
    assert name.startswith("s2s.vpn_estate@") and 2 <= len(name) <= 64
    assert re.fullmatch(r"[\w+=,.@-]+", name)


def test_the_role_gives_each_item_its_gateways_region_and_account():
    intent = {"region": "us-east-1", "accounts": {"network": WEST_ROLE},
              "gateways": [{"name": "tgw1", "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16"]},
                           {"name": "tgw2", "type": "tgw", "amazon_side_asn": 64514, "vpc_cidrs": ["10.30.0.0/16"],
                            "region": "eu-west-1", "account": "network"}],
              "sites": [{"name": "s%d" % i, "gateway": "tgw%d" % (1 + i), "prefixes": ["10.%d.0.0/16" % (100 + i)],
                         "cgws": [{"name": "s%d-a" % i, "public_ip": "198.51.100.10", "asn": 65001, "platform": "ios"}]}
                        for i in range(2)]}
    planned = plan_model.build(intent)
    cgws = aws_args.estate_customer_gateways(planned)
    conns = aws_args.estate_connections(planned, {"tgw1": "tgw-1", "tgw2": "tgw-2"}, {})
    assert [(c["name"], c["region"], c.get("account_role_arn")) for c in cgws] == [
        ("s0-a", "us-east-1", None), ("s1-a", "eu-west-1", WEST_ROLE)]
    assert [(c["name"], c["region"], c.get("account_role_arn")) for c in conns] == [
        ("s0/s0-a/1", "us-east-1", None), ("s1/s1-a/1", "eu-west-1", WEST_ROLE)]
    _g, _c, found = vpn_estate.parse(params(customer_gateways=cgws, connections=conns, pre_shared_keys={}), no_log=False)
    assert found == []


class RefusingModule:
    """What make_clients needs of AnsibleAWSModule: an STS client refusing one role, EC2 clients by Region."""
    _name = "hybridvpn.s2s.vpn_estate"

    def __init__(self, refused: str):
        self.refused = refused
        self.made = []

    def client(self, service, region=None, retry_decorator=None, **extra):  # pylint: disable=unused-argument
        if service == "sts":
            return SimpleNamespace(assume_role=self.assume_role)
        self.made.append((region, extra.get("aws_access_key_id")))
        return (service, region)

    def assume_role(self, RoleArn, RoleSessionName, aws_retry):  # pylint: disable=invalid-name,unused-argument
        if RoleArn == self.refused:
            raise botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "not authorized"}}, "AssumeRole")
        return {"Credentials": {"AccessKeyId": "AKIA" + RoleArn.split(":")[4], "SecretAccessKey": "s", "SessionToken": "t"}}


def test_a_role_that_cannot_be_assumed_fails_its_placements_only_and_each_role_is_assumed_once():
    refused = "arn:aws:iam::333333333333:role/s2s-network"
    items = [{"name": "a", "region": "us-east-1", "account_role_arn": None},
             {"name": "b", "region": "eu-west-1", "account_role_arn": WEST_ROLE},
             {"name": "c", "region": "us-west-2", "account_role_arn": WEST_ROLE},
             {"name": "d", "region": "eu-west-1", "account_role_arn": refused}]
    placements = estate_placement.place(items, [])
    module = RefusingModule(refused)
    estate_placement.make_clients(module, placements)
    assert [(p.region, p.client is not None, p.error) for p in placements] == [
        ("us-east-1", True, None), ("eu-west-1", True, None), ("us-west-2", True, None),
        ("eu-west-1", False, "cannot assume %s: An error occurred (AccessDenied) when calling the AssumeRole operation: "
                             "not authorized" % refused)]
    assert module.made == [("us-east-1", None), ("eu-west-1", "AKIA222222222222"), ("us-west-2", "AKIA222222222222")]
