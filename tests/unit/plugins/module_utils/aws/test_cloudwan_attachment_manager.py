# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cloudwan_vpn_attachment's rules and module run (resource_module) against botocore's Stubber (the requests are
checked against AWS's Network Manager model): identity, check mode, idempotence with its diff, accept, tags, absent."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import ANY, Stubber

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import cloudwan_attachment_manager as attachments
from ansible_collections.hybridvpn.s2s.plugins.modules import cloudwan_vpn_attachment
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import module_run

CORE = "core-network-0123456789abcdef0"
VPN_ARN = "arn:aws:ec2:us-east-1:123456789012:vpn-connection/vpn-0123456789abcdef0"
RAW = {"AttachmentId": "attachment-0123456789abcdef0", "State": "AVAILABLE", "CoreNetworkId": CORE,
       "CoreNetworkArn": "arn:aws:networkmanager::123456789012:core-network/" + CORE, "EdgeLocation": "us-east-1",
       "SegmentName": "sites", "ResourceArn": VPN_ARN, "OwnerAccountId": "123456789012", "AttachmentType": "SITE_TO_SITE_VPN",
       "Tags": [{"Key": "segment", "Value": "sites"}]}
ARGS = {"core_network_id": CORE, "vpn_connection_id": "vpn-0123456789abcdef0", "tags": {"segment": "sites"}, "segment": "sites"}
LIST = {"CoreNetworkId": CORE, "AttachmentType": "SITE_TO_SITE_VPN"}


@pytest.fixture
def stubbed():
    client = boto3.client("networkmanager", region_name="us-west-2", aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stub:
        yield client, stub


def _run_module(monkeypatch, client, args, check=False):
    return module_run.run_module(monkeypatch, cloudwan_vpn_attachment.main, "networkmanager_client", client, args, check)


def test_identity_is_needed_before_any_call(monkeypatch, stubbed):
    client, stub = stubbed
    kind, result = _run_module(monkeypatch, client, {"tags": {"segment": "sites"}})
    assert kind == "fail" and [p["rule"] for p in result["problems"]] == ["attachment.identity"] * 2
    stub.assert_no_pending_responses()


def test_check_mode_predicts_then_a_run_creates_in_the_core_networks_account_and_accepts(monkeypatch, stubbed):
    client, stub = stubbed
    stub.add_response("list_attachments", {"Attachments": []}, LIST)
    kind, result = _run_module(monkeypatch, client, dict(ARGS, accept=True), check=True)
    assert kind == "exit" and result["changed"] and result["cloudwan_vpn_attachment"]["edge_location"] == "us-east-1"
    stub.add_response("list_attachments", {"Attachments": []}, LIST)
    stub.add_response("get_core_network", {"CoreNetwork": {"CoreNetworkId": CORE, "CoreNetworkArn": RAW["CoreNetworkArn"]}},
                      {"CoreNetworkId": CORE})
    pending = dict(RAW, State="PENDING_ATTACHMENT_ACCEPTANCE")
    stub.add_response("create_site_to_site_vpn_attachment", {"SiteToSiteVpnAttachment": {"Attachment": dict(RAW, State="CREATING")}},
                      {"CoreNetworkId": CORE, "VpnConnectionArn": VPN_ARN, "ClientToken": ANY,
                       "Tags": [{"Key": "segment", "Value": "sites"}]})
    stub.add_response("get_site_to_site_vpn_attachment", {"SiteToSiteVpnAttachment": {"Attachment": pending}},
                      {"AttachmentId": RAW["AttachmentId"]})
    stub.add_response("accept_attachment", {"Attachment": dict(RAW, State="CREATING")}, {"AttachmentId": RAW["AttachmentId"]})
    stub.add_response("get_site_to_site_vpn_attachment", {"SiteToSiteVpnAttachment": {"Attachment": RAW}},
                      {"AttachmentId": RAW["AttachmentId"]})
    kind, result = _run_module(monkeypatch, client, dict(ARGS, accept=True))
    assert kind == "exit" and result["changed"] and result["cloudwan_vpn_attachment"] == attachments.attachment(RAW)
    stub.assert_no_pending_responses()


def test_the_module_is_idempotent_shows_its_diff_and_refuses_a_tag_change(monkeypatch, stubbed):
    client, stub = stubbed
    stub.add_response("list_attachments", {"Attachments": [RAW]}, LIST)
    kind, result = _run_module(monkeypatch, client, ARGS)
    assert kind == "exit" and result["changed"] is False, result
    assert result["cloudwan_vpn_attachment"] == result["diff"]["before"] == result["diff"]["after"] == attachments.attachment(RAW)
    stub.add_response("list_attachments", {"Attachments": [RAW]}, LIST)
    kind, result = _run_module(monkeypatch, client, dict(ARGS, tags={"segment": "lab"}))
    assert kind == "fail" and "attachment.tags_in_place" in result["msg"]
    stub.add_response("list_attachments", {"Attachments": [RAW]}, LIST)
    kind, result = _run_module(monkeypatch, client, dict(ARGS, segment="lab"))
    assert kind == "fail" and "attachment.segment" in result["msg"] and "segment sites, not lab" in result["msg"]
    stub.assert_no_pending_responses()


def test_absent_deletes_only_what_exists(monkeypatch, stubbed):
    client, stub = stubbed
    stub.add_response("list_attachments", {"Attachments": [dict(RAW, State="DELETING")]}, LIST)
    kind, result = _run_module(monkeypatch, client, dict(ARGS, state="absent"))
    assert kind == "exit" and result["changed"] is False and result["cloudwan_vpn_attachment"] == {}
    stub.add_response("list_attachments", {"Attachments": [RAW]}, LIST)
    stub.add_response("delete_attachment", {"Attachment": dict(RAW, State="DELETING")}, {"AttachmentId": RAW["AttachmentId"]})
    kind, result = _run_module(monkeypatch, client, dict(ARGS, state="absent", wait=False))
    assert kind == "exit" and result["changed"] and result["diff"]["before"]["attachment_id"] == RAW["AttachmentId"]
    stub.assert_no_pending_responses()
