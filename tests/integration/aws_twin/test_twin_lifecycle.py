# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""State transitions, tunnel replacement and the active tunnel status, as on AWS."""

from __future__ import annotations

import json
import time

import pytest
from botocore.exceptions import ClientError


def states(ec2, vpn_id):
    return [c["State"] for c in ec2.describe_vpn_connections()["VpnConnections"] if c["VpnConnectionId"] == vpn_id]


def test_pending_available_deleting_deleted_then_gone(twin, gw, ec2, wait_state):
    # Delays long enough to see each state even on a loaded machine; waits poll, never sleep blindly.
    twin.settings(pending_seconds=1.5, deleting_seconds=1.5, deleted_retention_seconds=1.0)
    vpn_id = gw.vpn()["VpnConnectionId"]
    assert states(ec2, vpn_id) == ["pending"]
    assert wait_state(ec2, vpn_id, "available")["State"] == "available"
    ec2.delete_vpn_connection(VpnConnectionId=vpn_id)
    assert states(ec2, vpn_id) == ["deleting"]
    assert wait_state(ec2, vpn_id, "deleted")["State"] == "deleted"
    ec2.delete_vpn_connection(VpnConnectionId=vpn_id)  # deleting again is harmless, as on AWS
    time.sleep(1.1)
    assert states(ec2, vpn_id) == []  # deleted connections drop out of Describe after a while
    with pytest.raises(ClientError) as err:
        ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])
    assert err.value.response["Error"]["Code"] == "InvalidVpnConnectionID.NotFound"


def test_deleted_connection_frees_its_inside_cidrs_and_tgw_attachment(gw, ec2, wait_state):
    pinned = {"TunnelOptions": [{"TunnelInsideCidr": "169.254.123.0/30"}]}
    conn = gw.vpn(on="tgw", Options=pinned)
    ec2.delete_vpn_connection(VpnConnectionId=conn["VpnConnectionId"])
    wait_state(ec2, conn["VpnConnectionId"], "deleted")
    assert gw.vpn(on="tgw", Options=pinned)["Options"]["TunnelOptions"][0]["TunnelInsideCidr"] == "169.254.123.0/30"
    attachments = ec2.describe_transit_gateway_attachments(
        Filters=[{"Name": "resource-id", "Values": [conn["VpnConnectionId"]]}])["TransitGatewayAttachments"]
    assert [a["State"] for a in attachments] == ["deleted"]


def test_modify_needs_available(twin, gw, ec2):
    twin.settings(pending_seconds=5)
    conn = gw.vpn()
    with pytest.raises(ClientError) as err:
        ec2.modify_vpn_tunnel_options(VpnConnectionId=conn["VpnConnectionId"],
                                      VpnTunnelOutsideIpAddress=conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"],
                                      TunnelOptions={"DPDTimeoutSeconds": 40})
    assert err.value.response["Error"]["Code"] == "IncorrectState"


def test_tunnel_replacement_and_maintenance(twin, gw, ec2, wait_state):
    twin.settings(modifying_seconds=2.0)
    conn = gw.vpn()
    vpn_id = conn["VpnConnectionId"]
    first, second = [t["OutsideIpAddress"] for t in conn["Options"]["TunnelOptions"]]
    wait_state(ec2, vpn_id, "available")
    for ip in (first, second):
        twin.report_tunnel(vpn_id, ip, "UP")
    status = ec2.get_vpn_tunnel_replacement_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first)
    assert status["VpnGatewayId"] == gw.vgw and status["MaintenanceDetails"] == {}
    twin.maintenance(vpn_id, first, pending="Tunnel endpoint upgrade", auto_applied_after_seconds=3600)
    details = ec2.get_vpn_tunnel_replacement_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first)["MaintenanceDetails"]
    assert details["PendingMaintenance"] == "Tunnel endpoint upgrade" and "MaintenanceAutoAppliedAfter" in details
    assert ec2.replace_vpn_tunnel(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first, ApplyPendingMaintenance=True)["Return"] is True
    telemetry = {t["OutsideIpAddress"]: t["Status"] for t in ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["VgwTelemetry"]}
    assert telemetry == {first: "DOWN", second: "UP"}  # a sanctioned failover: one tunnel at a time
    active = ec2.get_active_vpn_tunnel_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first)["ActiveVpnTunnelStatus"]
    assert active["ProvisioningStatus"] == "pending"
    with pytest.raises(ClientError) as err:
        ec2.replace_vpn_tunnel(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first)
    assert err.value.response["Error"]["Code"] == "IncorrectState"
    time.sleep(2.1)
    details = ec2.get_vpn_tunnel_replacement_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=first)["MaintenanceDetails"]
    assert "PendingMaintenance" not in details and "LastMaintenanceApplied" in details
    telemetry = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["VgwTelemetry"]
    assert all(t["Status"] == "UP" for t in telemetry)


def test_active_tunnel_status_reports_negotiated_algorithms(twin, gw, ec2, wait_state):
    conn = gw.vpn()
    vpn_id, ip = conn["VpnConnectionId"], conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]
    wait_state(ec2, vpn_id, "available")
    twin.report_tunnel(vpn_id, ip, "UP", negotiated={"phase1_encryption": "aes256", "phase1_integrity": "SHA2-256",
                                                     "phase1_dh_group": "20", "phase2_encryption": "AES256-GCM-16",
                                                     "phase2_integrity": "sha2-256", "phase2_dh_group": 20, "ike_version": "IKEv2"})
    active = ec2.get_active_vpn_tunnel_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=ip)["ActiveVpnTunnelStatus"]
    assert active == {"Phase1EncryptionAlgorithm": "AES256", "Phase1IntegrityAlgorithm": "SHA2-256", "Phase1DHGroup": 20,
                      "Phase2EncryptionAlgorithm": "AES256-GCM-16", "Phase2IntegrityAlgorithm": "SHA2-256", "Phase2DHGroup": 20,
                      "IkeVersion": "ikev2", "ProvisioningStatus": "available"}


def test_gateways_in_use_cannot_be_deleted(gw, ec2, wait_state):
    conn = gw.vpn()
    for call in (lambda: ec2.delete_customer_gateway(CustomerGatewayId=gw.cgw),
                 lambda: ec2.delete_vpn_gateway(VpnGatewayId=gw.vgw)):
        with pytest.raises(ClientError) as err:
            call()
        assert err.value.response["Error"]["Code"] == "IncorrectState"
    ec2.delete_vpn_connection(VpnConnectionId=conn["VpnConnectionId"])
    wait_state(ec2, conn["VpnConnectionId"], "deleted")
    ec2.delete_customer_gateway(CustomerGatewayId=gw.cgw)  # free once the connection is gone
    ec2.delete_vpn_gateway(VpnGatewayId=gw.vgw)


def test_pending_maintenance_is_applied_after_its_deadline(twin, gw, ec2, wait_state):
    twin.settings(modifying_seconds=30)
    conn = gw.vpn()
    vpn_id, ip = conn["VpnConnectionId"], conn["Options"]["TunnelOptions"][0]["OutsideIpAddress"]
    wait_state(ec2, vpn_id, "available")
    twin.report_tunnel(vpn_id, ip, "UP")
    twin.maintenance(vpn_id, ip, pending="Tunnel endpoint upgrade", auto_applied_after_seconds=0)
    details = ec2.get_vpn_tunnel_replacement_status(VpnConnectionId=vpn_id, VpnTunnelOutsideIpAddress=ip)["MaintenanceDetails"]
    assert "PendingMaintenance" not in details and "LastMaintenanceApplied" in details
    telemetry = ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]["VgwTelemetry"]
    assert [t["Status"] for t in telemetry if t["OutsideIpAddress"] == ip] == ["DOWN"]  # being replaced


def test_pending_maintenance_is_announced_as_an_aws_health_event_on_eventbridge(twin, gw, ec2, wait_state):
    """AWS Health sends AWS_VPN_TUNNEL_UPDATE_AVAILABLE to the default bus; a rule on it routes the event to SQS."""
    events, sqs = twin.client("events"), twin.client("sqs")
    queue = sqs.create_queue(QueueName="vpn-health")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    pattern = {"source": ["aws.health"], "detail-type": ["AWS Health Event"], "detail": {"eventTypeCode": ["AWS_VPN_TUNNEL_UPDATE_AVAILABLE"]}}
    events.put_rule(Name="vpn-maintenance", EventPattern=json.dumps(pattern))
    events.put_targets(Rule="vpn-maintenance", Targets=[{"Id": "queue", "Arn": queue_arn}])
    conn = gw.vpn()
    vpn_id, ip = conn["VpnConnectionId"], conn["Options"]["TunnelOptions"][1]["OutsideIpAddress"]
    wait_state(ec2, vpn_id, "available")
    twin.maintenance(vpn_id, ip, pending="Tunnel endpoint upgrade", auto_applied_after_seconds=7200)
    twin.maintenance(vpn_id, ip, pending=None)  # withdrawn: nothing announced
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    event = json.loads(messages[0]["Body"])
    assert (event["source"], event["detail-type"], event["resources"]) == ("aws.health", "AWS Health Event", [vpn_id])
    detail = event["detail"]
    assert detail["eventArn"].startswith("arn:aws:health:us-east-1::event/VPN/AWS_VPN_TUNNEL_UPDATE_AVAILABLE/")
    assert (detail["service"], detail["eventTypeCategory"], detail["statusCode"]) == ("VPN", "scheduledChange", "upcoming")
    assert detail["affectedEntities"] == [{"entityValue": vpn_id}]
    assert detail["eventDescription"] == [{"language": "en_US", "latestDescription": "%s: Tunnel endpoint upgrade" % ip}]
    assert "endTime" in detail
