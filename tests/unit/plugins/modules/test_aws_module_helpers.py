# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure parts of the AWS modules: input rules, request building, planning."""

from __future__ import annotations


import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import customer_gateway_manager as customer_gateway
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import tgw_vpn_routing as routing
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.modules import vpn_connection


def cgw_params(**over):
    base = {"state": "present", "customer_gateway_id": None, "ip_address": "203.0.113.10", "bgp_asn": 65010,
            "device_name": None, "certificate_arn": None, "tags": None, "purge_tags": True}
    base.update(over)
    return base


@pytest.mark.parametrize("over,field,rule", [
    ({"bgp_asn": None}, "bgp_asn", "cgw.asn_required"),
    ({"bgp_asn": 0}, "bgp_asn", "asn.range"),
    ({"bgp_asn": 7224}, "bgp_asn", "asn.reserved"),
    ({"ip_address": "not-an-ip"}, "ip_address", "cgw.ip_address"),
    ({"ip_address": None}, "ip_address", "cgw.ip_required"),
    ({"device_name": "x" * 256}, "device_name", "cgw.device_name"),
    ({"certificate_arn": "cert"}, "certificate_arn", "cgw.certificate_arn"),
])
def test_customer_gateway_rules(over, field, rule):
    assert (field, rule) in [(f, r) for f, r, _m in customer_gateway.problems(cgw_params(**over))]


def test_customer_gateway_absent_needs_no_checks():
    assert customer_gateway.problems(cgw_params(state="absent", bgp_asn=None, ip_address=None)) == []


def test_customer_gateway_request_uses_extended_asn_and_never_public_ip():
    request = customer_gateway.create_request(cgw_params(bgp_asn=4200000010, device_name="rtr1", tags={"Name": "rtr1"}))
    assert request["BgpAsnExtended"] == 4200000010 and "BgpAsn" not in request and "PublicIp" not in request
    assert request["DeviceName"] == "rtr1" and request["IpAddress"] == "203.0.113.10"
    assert request["TagSpecifications"][0]["ResourceType"] == "customer-gateway"
    assert customer_gateway.create_request(cgw_params())["BgpAsn"] == 65010


def test_customer_gateway_identity_includes_the_device_name():
    gateway = {"ip_address": "203.0.113.10", "bgp_asn": 65010, "device_name": "rtr1"}
    assert customer_gateway.same_identity(gateway, cgw_params(device_name="rtr1"))
    assert not customer_gateway.same_identity(gateway, cgw_params())
    assert not customer_gateway.same_identity(dict(gateway, bgp_asn=65011), cgw_params(device_name="rtr1"))


def routing_module(**over):
    params = {"state": "present", "association_route_table_id": "rtb-a", "propagation_route_table_ids": ["rtb-a", "rtb-b"],
              "purge_propagations": False}
    params.update(over)
    return params


def test_routing_plan_moves_the_association_and_adds_propagations():
    todo = routing.plan(routing_module(), "rtb-old", {"rtb-a", "rtb-c"})
    assert todo == {"disassociate": "rtb-old", "associate": "rtb-a", "enable": {"rtb-b"}, "disable": set()}


def test_routing_plan_purges_and_is_empty_when_converged():
    assert routing.plan(routing_module(purge_propagations=True), "rtb-a", {"rtb-a", "rtb-c"})["disable"] == {"rtb-c"}
    converged = routing.plan(routing_module(), "rtb-a", {"rtb-a", "rtb-b"})
    assert not (converged["disassociate"] or converged["associate"] or converged["enable"] or converged["disable"])


def test_routing_plan_absent_only_touches_what_it_names():
    todo = routing.plan(routing_module(state="absent"), "rtb-a", {"rtb-a", "rtb-c"})
    assert todo == {"disassociate": "rtb-a", "associate": None, "enable": set(), "disable": {"rtb-a"}}
    assert routing.plan(routing_module(state="absent"), "rtb-x", set())["disassociate"] is None


def test_vpn_connection_argument_spec_mirrors_the_shared_model():
    tunnel = vpn_connection.argument_spec()["tunnel_options"]["options"]
    assert set(tunnel) == set(topts.BY_NAME)
    assert tunnel["pre_shared_key"]["no_log"] is True
    assert set(tunnel["log_options"]["options"]) == set(topts.LOG_KEYS)
    assert tunnel["phase1_dh_group_numbers"]["elements"] == "int"


def test_an_ipv6_customer_gateway_is_one_address_however_it_is_spelled():
    """IPv6 outside addresses (issue 19 item 6): the request, the Describe filter and the identity use one spelling."""
    params = cgw_params(ip_address="2001:DB8:0:0::0010")
    assert customer_gateway.create_request(params)["IpAddress"] == "2001:db8::10"
    assert customer_gateway.identity_filters(params)[-1] == {"Name": "ip-address", "Values": ["2001:db8::10"]}
    assert customer_gateway.same_identity({"ip_address": "2001:db8::10", "bgp_asn": 65010, "device_name": None}, params)
