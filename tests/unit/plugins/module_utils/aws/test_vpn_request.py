# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk as psk_rules


def params(**over):
    base = {"customer_gateway_id": "cgw-1", "vpn_gateway_id": "vgw-1", "transit_gateway_id": None,
            "vpn_connection_id": None, "connection_options": None, "tunnel_options": None, "routes": None,
            "pre_shared_key_storage": None}
    base.update(over)
    return base


BAD = [
    ({"tunnel_options": [{}, {}, {}]}, "tunnel_options", "tunnel_options.count"),
    ({"tunnel_options": [{"phase1_lifetime_seconds": 100}]}, "tunnel_options[0].phase1_lifetime_seconds", "tunnel_option.range"),
    ({"tunnel_options": [{}, {"dpd_timeout_action": "hold"}]}, "tunnel_options[1].dpd_timeout_action", "tunnel_option.choice"),
    ({"tunnel_options": [{"pre_shared_key": "0startswithzero"}]}, "tunnel_options[0].pre_shared_key", "psk.leading_zero"),
    ({"tunnel_options": [{"inside_cidr": "169.254.10.0/30"}, {"inside_cidr": "169.254.10.0/30"}]},
     "tunnel_options[1].inside_cidr", "tunnel_option.distinct"),
    ({"tunnel_options": [{"log_options": {"log_enabled": True, "log_group_arn": "not-an-arn"}}]},
     "tunnel_options[0].log_options", "tunnel_option.log_group_arn"),
    ({"tunnel_options": [{"inside_ipv6_cidr": "fd00::/126"}]}, "tunnel_options[0].inside_ipv6_cidr", "tunnel_option.ip_version"),
    ({"connection_options": {"tunnel_bandwidth": "large"}}, "connection_options.tunnel_bandwidth", "connection_option.tgw_only"),
    ({"connection_options": {"remote_ipv4_network_cidr": "10.0.0.1/8"}}, "connection_options.remote_ipv4_network_cidr",
     "connection_option.cidr"),
    ({"vpn_concentrator_id": "vcn-1"}, "vpn_concentrator_id", "connection.concentrator_tgw"),
    ({"vpn_gateway_id": None, "transit_gateway_id": "tgw-1", "connection_options": {"tunnel_bandwidth": "large",
      "enable_acceleration": True}}, "connection_options.tunnel_bandwidth", "connection_option.large_not_accelerated"),
    ({"vpn_concentrator_id": "vcn-1", "vpn_gateway_id": None, "transit_gateway_id": "tgw-1",
      "connection_options": {"static_routes_only": True}}, "vpn_concentrator_id", "connection.concentrator_bgp"),
    ({"cloudwan": True}, "vpn_gateway_id", "connection.cloudwan_no_gateway"),
    ({"cloudwan": True, "vpn_gateway_id": None, "connection_options": {"static_routes_only": True}},
     "connection_options.static_routes_only", "connection.cloudwan_bgp"),
    ({"cloudwan": True, "vpn_gateway_id": None, "connection_options": {"enable_acceleration": True}},
     "connection_options.enable_acceleration", "connection_option.tgw_only"),
    ({"routes": ["10.0.0.0/16"]}, "routes", "routes.static_only"),
    ({"routes": ["10.0.0.0/33"], "connection_options": {"static_routes_only": True}}, "routes[0]", "routes.cidr"),
]


def test_create_needs_a_customer_gateway_and_a_target():
    found = [(f, r) for f, r, _m in vpn_request.create_problems(params(customer_gateway_id=None, vpn_gateway_id=None))]
    assert found == [("customer_gateway_id", "connection.customer_gateway"), ("vpn_gateway_id", "connection.target")]
    assert vpn_request.create_problems(params()) == []


@pytest.mark.parametrize("over,field,rule", BAD)
def test_problems_name_field_and_rule(over, field, rule):
    found = vpn_request.problems(params(**over))
    assert (field, rule) in [(f, r) for f, r, _m in found], found


def test_valid_params_have_no_problems():
    assert vpn_request.problems(params(tunnel_options=[{"inside_cidr": "169.254.10.0/30", "ike_versions": ["ikev2"]}])) == []


def test_one_key_on_both_tunnels_is_accepted_as_aws_does():
    """AWS accepts it; one key per tunnel is the intent's profiles' rule (profile.distinct_keys), not the module's."""
    assert vpn_request.problems(params(tunnel_options=[{"pre_shared_key": "Same_key_1"}, {"pre_shared_key": "Same_key_1"}])) == []


def test_messages_never_contain_the_key():
    key = "0badKey!"
    found = vpn_request.problems(params(tunnel_options=[{"pre_shared_key": key}]))
    assert found and not any(key in m for _f, _r, m in found)
    assert key not in vpn_request.format_problems(found)


def test_generated_keys_are_valid_distinct_and_keep_given_ones():
    specs = vpn_request.with_generated_keys([{"pre_shared_key": "Given_key_1"}], True)
    assert specs[0]["pre_shared_key"] == "Given_key_1"
    assert specs[1]["pre_shared_key"] != "Given_key_1" and psk_rules.problems(specs[1]["pre_shared_key"]) == []
    assert vpn_request.with_generated_keys([{}], False) == [{}]


def test_create_request_never_sends_none_and_wraps_lists():
    request = vpn_request.create_request(
        params(transit_gateway_id="tgw-1", vpn_gateway_id=None, pre_shared_key_storage="SecretsManager",
               connection_options={"static_routes_only": False, "tunnel_bandwidth": None}),
        vpn_request.tunnel_specs({"tunnel_options": [{"phase1_dh_group_numbers": ["20"], "dpd_timeout_action": None}]}),
        [{"ResourceType": "vpn-connection", "Tags": [{"Key": "Name", "Value": "x"}]}])
    assert request["TransitGatewayId"] == "tgw-1" and "VpnGatewayId" not in request
    assert request["Options"] == {"StaticRoutesOnly": False, "TunnelOptions": [{"Phase1DHGroupNumbers": [{"Value": 20}]}]}
    assert request["PreSharedKeyStorage"] == "SecretsManager"

    def no_none(value):
        if isinstance(value, dict):
            return all(no_none(v) for v in value.values())
        if isinstance(value, list):
            return all(no_none(v) for v in value)
        return value is not None
    assert no_none(request)


def test_connection_options_round_trip():
    given = {"tunnel_inside_ip_version": "ipv4", "remote_ipv4_network_cidr": "10.0.0.0/8"}
    assert {k: v for k, v in copts.from_api(copts.to_api(given)).items() if k in given} == given


@pytest.mark.parametrize("options,target,field,rule", [
    ({"outside_ip_address_type": "PrivateIpv4"}, "tgw", "transport_transit_gateway_attachment_id", "connection_option.transport"),
    ({"transport_transit_gateway_attachment_id": "tgw-attach-1"}, "tgw", "transport_transit_gateway_attachment_id",
     "connection_option.transport"),
    ({"tunnel_inside_ip_version": "ipv6", "local_ipv4_network_cidr": "10.0.0.0/8"}, "tgw", "local_ipv4_network_cidr",
     "connection_option.ip_version"),
    ({"local_ipv6_network_cidr": "fd00::/8"}, "tgw", "local_ipv6_network_cidr", "connection_option.ip_version"),
    ({"enable_acceleration": True}, "vgw", "enable_acceleration", "connection_option.tgw_only"),
    ({"outside_ip_address_type": "Ipv4"}, "tgw", "outside_ip_address_type", "connection_option.choice"),
    ({"bogus": 1}, "tgw", "bogus", "connection_option.unknown"),
    ({"outside_ip_address_type": "Ipv6"}, "vgw", "outside_ip_address_type", "connection_option.tgw_only"),
    ({"outside_ip_address_type": "PrivateIpv4", "transport_transit_gateway_attachment_id": "tgw-attach-1",
      "enable_acceleration": True}, "tgw", "enable_acceleration", "connection_option.private_ip_accelerated"),
])
def test_connection_option_rules(options, target, field, rule):
    assert (field, rule) in [(f, r) for f, r, _m in copts.problems(options, target)]


def test_unset_log_suboptions_are_not_checked_or_sent():
    log = {"log_enabled": True, "log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/x",
           "log_output_format": None, "bgp_log_enabled": None, "bgp_log_group_arn": None, "bgp_log_output_format": None}
    assert vpn_request.problems(params(tunnel_options=[{"log_options": log}])) == []
    assert vpn_request.tunnel_specs({"tunnel_options": [{"log_options": log}]}) == [
        {"log_options": {"log_enabled": True, "log_group_arn": log["log_group_arn"]}}]


def test_a_concentrator_goes_into_the_create_request_of_a_tgw_connection():
    p = params(vpn_gateway_id=None, transit_gateway_id="tgw-1", vpn_concentrator_id="vcn-1")
    assert vpn_request.problems(p) == []
    request = vpn_request.create_request(p, [])
    assert (request["TransitGatewayId"], request["VpnConcentratorId"]) == ("tgw-1", "vcn-1") and "VpnGatewayId" not in request


def test_a_cloudwan_connection_is_created_on_no_gateway_and_takes_large_tunnels():
    p = params(vpn_gateway_id=None, cloudwan=True, connection_options={"tunnel_bandwidth": "large"})
    assert vpn_request.problems(p) == [] and vpn_request.create_problems(p) == []
    request = vpn_request.create_request(p, [])
    assert "VpnGatewayId" not in request and "TransitGatewayId" not in request
    assert vpn_request.actual_target({"vpn_gateway_id": None, "transit_gateway_id": None}) == "cloudwan"
    assert vpn_request.modify_problems({"tunnel_bandwidth": "large"}, copts.from_api({}), "cloudwan") == []


def test_an_in_place_change_is_judged_with_what_the_connection_runs():
    running = copts.from_api({"EnableAcceleration": True, "TunnelInsideIpVersion": "ipv4"})
    found = vpn_request.modify_problems({"tunnel_bandwidth": "large"}, running, "tgw")
    assert [(f, r) for f, r, _m in found] == [("connection_options.tunnel_bandwidth", "connection_option.large_not_accelerated")]
    assert vpn_request.modify_problems({"tunnel_bandwidth": "large"}, copts.from_api({}), "tgw") == []
    assert vpn_request.modify_problems({"remote_ipv4_network_cidr": "10.0.0.0/8"}, running, "tgw") == []
