# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_concentrator's rules, convergence and module run (resource_module) against botocore's Stubber (the requests
AWS's model validates)."""

from __future__ import annotations

from types import SimpleNamespace

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_concentrator_manager as concentrators
from ansible_collections.hybridvpn.s2s.plugins.modules import vpn_concentrator
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import module_run

RAW = {"VpnConcentratorId": "vcn-0123456789abcdef0", "State": "available", "TransitGatewayId": "tgw-1",
       "TransitGatewayAttachmentId": "tgw-attach-1", "Type": "ipsec.1", "Tags": [{"Key": "Name", "Value": "branches"}]}


def params(**over):
    base = {k: v.get("default") for k, v in concentrators.argument_spec().items()}
    base.update(transit_gateway_id="tgw-1", tags={"Name": "branches"})
    base.update(over)
    return base


@pytest.fixture
def stubbed():
    client = boto3.client("ec2", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stub:
        yield client, stub


def test_a_new_concentrator_needs_its_transit_gateway_and_a_name():
    assert concentrators.problems(params()) == []
    found = [(f, r) for f, r, _m in concentrators.problems(params(transit_gateway_id=None, tags={}))]
    assert found == [("transit_gateway_id", "concentrator.transit_gateway"), ("tags.Name", "concentrator.identity")]
    assert concentrators.problems(params(transit_gateway_id=None, tags=None, vpn_concentrator_id="vcn-1")) == []
    assert concentrators.problems(params(state="absent", tags=None)) == []


def test_found_by_transit_gateway_and_name(stubbed):
    client, stub = stubbed
    other = dict(RAW, VpnConcentratorId="vcn-0ffffffffffffffff", Tags=[{"Key": "Name", "Value": "other"}])
    stub.add_response("describe_vpn_concentrators", {"VpnConcentrators": [other, RAW]}, {})
    assert concentrators.find_raw(client, params())["VpnConcentratorId"] == RAW["VpnConcentratorId"]
    assert concentrators.concentrator(RAW) == {"vpn_concentrator_id": "vcn-0123456789abcdef0", "state": "available", "type": "ipsec.1",
                                               "transit_gateway_id": "tgw-1", "transit_gateway_attachment_id": "tgw-attach-1",
                                               "tags": {"Name": "branches"}}


def test_check_mode_predicts_and_a_real_run_creates_with_its_tags(stubbed):
    client, stub = stubbed
    changed, predicted = concentrators.ensure_present(client, SimpleNamespace(check_mode=True), params(), None)
    assert changed and predicted["vpn_concentrator_id"] is None and predicted["tags"] == {"Name": "branches"}
    stub.add_response("create_vpn_concentrator", {"VpnConcentrator": RAW}, {
        "Type": "ipsec.1", "TransitGatewayId": "tgw-1",
        "TagSpecifications": [{"ResourceType": "vpn-concentrator", "Tags": [{"Key": "Name", "Value": "branches"}]}]})
    changed, after = concentrators.ensure_present(client, SimpleNamespace(check_mode=False), params(), None)
    assert changed and after["vpn_concentrator_id"] == RAW["VpnConcentratorId"]
    stub.assert_no_pending_responses()


def test_absent_deletes_only_what_exists(stubbed):
    client, stub = stubbed
    assert concentrators.ensure_absent(client, SimpleNamespace(check_mode=False), None) == (False, {})
    stub.add_response("delete_vpn_concentrator", {"Return": True}, {"VpnConcentratorId": RAW["VpnConcentratorId"]})
    assert concentrators.ensure_absent(client, SimpleNamespace(check_mode=False), concentrators.concentrator(RAW)) == (True, {})
    stub.assert_no_pending_responses()


def _run_module(monkeypatch, client, args):
    """vpn_concentrator's main (resource_module.run) with a stubbed client: its exit or fail arguments."""
    return module_run.run_module(monkeypatch, vpn_concentrator.main, "ec2_client", client, args)


def test_the_module_refuses_bad_input_before_any_call(monkeypatch, stubbed):
    client, stub = stubbed
    kind, result = _run_module(monkeypatch, client, {"tags": {"Name": "branches"}})
    assert kind == "fail" and [p["rule"] for p in result["problems"]] == ["concentrator.transit_gateway"]
    stub.assert_no_pending_responses()


def test_the_module_is_idempotent_and_shows_its_diff(monkeypatch, stubbed):
    client, stub = stubbed
    stub.add_response("describe_vpn_concentrators", {"VpnConcentrators": [RAW]}, {})
    kind, result = _run_module(monkeypatch, client, {"transit_gateway_id": "tgw-1", "tags": {"Name": "branches"}})
    assert kind == "exit" and result["changed"] is False
    assert result["vpn_concentrator"] == result["diff"]["before"] == result["diff"]["after"] == concentrators.concentrator(RAW)
