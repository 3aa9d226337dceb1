# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One small wrapper per AWS call the VPN modules make, each with retries and error handling.

Retries: ``AWSRetry.jittered_backoff`` (full jitter) on throttling and 5xx codes. The EC2 client
comes from ``ec2_client`` with botocore's own retries off, so this is the only retry layer:
botocore would replay a create after a 5xx, and CreateCustomerGateway/CreateVpnConnection take
no ClientToken, so a replay can make a duplicate. Creates go through ``create_once`` instead,
which looks for the resource (by the identity the caller gives) before it tries again.
Errors surface as ``AnsibleEC2Error`` naming the call; modules turn them into fail_json_aws_error.
"""

from __future__ import annotations

import collections
import threading
import time

try:
    import botocore
except ImportError:
    pass  # AnsibleAWSModule reports the missing library.

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.cloud import BackoffIterator
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import add_ec2_tags
from ansible_collections.amazon.aws.plugins.module_utils.ec2 import remove_ec2_tags
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

# Codes AWS answers when it did not run the request (throttled) and when it may have (5xx).
THROTTLE_CODES = ("RequestLimitExceeded", "Throttling", "ThrottlingException", "TooManyRequestsException")
SERVER_CODES = ("InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "500", "502", "503", "504")
RETRY = dict(retries=10, delay=1, backoff=2.0, max_delay=30)
retry = AWSRetry.jittered_backoff(catch_extra_error_codes=list(THROTTLE_CODES + SERVER_CODES), **RETRY)
# botocore retries off: see the module docstring.
NO_BOTOCORE_RETRIES = {"retries": {"max_attempts": 1, "mode": "standard"}}


def ec2_client(module, **placement):
    """The module's EC2 client; ``placement``: another Region and credentials (``region``, ``aws_access_key_id``, ...)."""
    return module.client("ec2", config=NO_BOTOCORE_RETRIES, **placement)


class VpnErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleEC2Error

    @classmethod
    def _is_missing(cls):
        # EC2's codes, and Network Manager's (Cloud WAN attachments, core networks)
        return is_boto3_error_code(["InvalidVpnConnectionID.NotFound", "InvalidCustomerGatewayID.NotFound",
                                    "InvalidCustomerGatewayId.NotFound", "InvalidRoute.NotFound",
                                    "InvalidTransitGatewayAttachmentID.NotFound", "ResourceNotFoundException"])


def _error_code(exc) -> str:
    return exc.response.get("Error", {}).get("Code", "") if hasattr(exc, "response") else ""


def create_once(create, find, sleep=None):
    """Call ``create`` until it succeeds, never leaving a duplicate behind.

    Throttled requests did not run: try again after a jittered pause. After a 5xx the
    request may have run: ``find()`` first and return what it finds.
    """
    attempts = BackoffIterator(RETRY["delay"], RETRY["backoff"], RETRY["max_delay"], jitter=True)
    for attempt, pause in enumerate(attempts, start=1):
        try:
            return create()
        except botocore.exceptions.ClientError as exc:
            code = _error_code(exc)
            if attempt >= RETRY["retries"] or code not in THROTTLE_CODES + SERVER_CODES:
                raise
            if code in SERVER_CODES:
                found = find()
                if found:
                    return found
        (sleep or time.sleep)(pause)
    return None  # BackoffIterator is endless; this line only satisfies linters


def tag_changes(current: dict, desired, purge: bool) -> tuple:
    """(tags to set, keys to unset); ``desired`` None leaves tags alone."""
    if desired is None:
        return {}, []
    return compare_aws_tags(current, desired, purge)


def ensure_tags(client, module, resource_id: str, current: dict, desired, purge: bool) -> bool:
    """amazon.aws's tag calls (check mode aware), fed the tags Describe already returned."""
    to_set, to_unset = tag_changes(current, desired, purge)
    changed = remove_ec2_tags(client, module, resource_id, to_unset, retry_codes=list(SERVER_CODES))
    return add_ec2_tags(client, module, resource_id, to_set, retry_codes=list(SERVER_CODES)) or changed


# ---- customer gateways ------------------------------------------------------------------------

@VpnErrorHandler.list_error_handler("describe customer gateways", [])
@retry
def describe_customer_gateways(client, **params) -> list:
    return client.describe_customer_gateways(**params)["CustomerGateways"]


@VpnErrorHandler.common_error_handler("create customer gateway")
def create_customer_gateway(client, find, **params) -> dict:
    return create_once(lambda: client.create_customer_gateway(**params)["CustomerGateway"], find)


@VpnErrorHandler.deletion_error_handler("delete customer gateway")
@retry
def delete_customer_gateway(client, customer_gateway_id: str) -> bool:
    client.delete_customer_gateway(CustomerGatewayId=customer_gateway_id)
    return True


# ---- VPN concentrators ------------------------------------------------------------------------

@VpnErrorHandler.list_error_handler("describe VPN concentrators", [])
@retry
def describe_vpn_concentrators(client, **params) -> list:
    return client.describe_vpn_concentrators(**params)["VpnConcentrators"]


@VpnErrorHandler.common_error_handler("create VPN concentrator")
def create_vpn_concentrator(client, find, **params) -> dict:
    return create_once(lambda: client.create_vpn_concentrator(**params)["VpnConcentrator"], find)


@VpnErrorHandler.deletion_error_handler("delete VPN concentrator")
@retry
def delete_vpn_concentrator(client, vpn_concentrator_id: str) -> bool:
    client.delete_vpn_concentrator(VpnConcentratorId=vpn_concentrator_id)
    return True


# ---- Cloud WAN (Network Manager) ----------------------------------------------------------------

def networkmanager_client(module):
    return module.client("networkmanager", config=NO_BOTOCORE_RETRIES)


@VpnErrorHandler.list_error_handler("get core network", None)
@retry
def get_core_network(client, core_network_id: str):
    return client.get_core_network(CoreNetworkId=core_network_id)["CoreNetwork"]


@VpnErrorHandler.list_error_handler("list attachments", [])
@retry
def list_attachments(client, **params) -> list:
    return client.get_paginator("list_attachments").paginate(**params).build_full_result()["Attachments"]


@VpnErrorHandler.common_error_handler("create site-to-site VPN attachment")
@retry
def create_site_to_site_vpn_attachment(client, **params) -> dict:
    # The caller's ClientToken stays the same across retries, so a replay after a 5xx cannot make a second one.
    return client.create_site_to_site_vpn_attachment(**params)["SiteToSiteVpnAttachment"]["Attachment"]


@VpnErrorHandler.list_error_handler("get site-to-site VPN attachment", None)
@retry
def get_site_to_site_vpn_attachment(client, attachment_id: str):
    return client.get_site_to_site_vpn_attachment(AttachmentId=attachment_id)["SiteToSiteVpnAttachment"]["Attachment"]


@VpnErrorHandler.common_error_handler("accept attachment")
@retry
def accept_attachment(client, attachment_id: str) -> dict:
    return client.accept_attachment(AttachmentId=attachment_id)["Attachment"]


@VpnErrorHandler.deletion_error_handler("delete attachment")
@retry
def delete_attachment(client, attachment_id: str) -> bool:
    client.delete_attachment(AttachmentId=attachment_id)
    return True


# ---- VPN connections --------------------------------------------------------------------------

@VpnErrorHandler.list_error_handler("describe VPN connections", [])
@retry
def describe_vpn_connections(client, **params) -> list:
    return client.describe_vpn_connections(**params)["VpnConnections"]


@VpnErrorHandler.common_error_handler("create VPN connection")
def create_vpn_connection(client, find, **params) -> dict:
    return create_once(lambda: client.create_vpn_connection(**params)["VpnConnection"], find)


@VpnErrorHandler.deletion_error_handler("delete VPN connection")
@retry
def delete_vpn_connection(client, vpn_connection_id: str) -> bool:
    client.delete_vpn_connection(VpnConnectionId=vpn_connection_id)
    return True


@VpnErrorHandler.common_error_handler("modify VPN tunnel options")
@retry
def modify_vpn_tunnel_options(client, vpn_connection_id: str, outside_ip: str, tunnel_options: dict,
                              skip_tunnel_replacement: bool = False) -> dict:
    return client.modify_vpn_tunnel_options(
        VpnConnectionId=vpn_connection_id, VpnTunnelOutsideIpAddress=outside_ip,
        TunnelOptions=tunnel_options, SkipTunnelReplacement=skip_tunnel_replacement)["VpnConnection"]


@VpnErrorHandler.common_error_handler("modify VPN connection options")
@retry
def modify_vpn_connection_options(client, vpn_connection_id: str, **options) -> dict:
    return client.modify_vpn_connection_options(VpnConnectionId=vpn_connection_id, **options)["VpnConnection"]


@VpnErrorHandler.common_error_handler("create VPN connection route")
@retry
def create_vpn_connection_route(client, vpn_connection_id: str, cidr: str) -> bool:
    client.create_vpn_connection_route(VpnConnectionId=vpn_connection_id, DestinationCidrBlock=cidr)
    return True


@VpnErrorHandler.deletion_error_handler("delete VPN connection route")
@retry
def delete_vpn_connection_route(client, vpn_connection_id: str, cidr: str) -> bool:
    client.delete_vpn_connection_route(VpnConnectionId=vpn_connection_id, DestinationCidrBlock=cidr)
    return True


# ---- lifecycle, status and device configuration (read only) -------------------------------------

def has_operation(client, name: str) -> bool:
    """Whether this botocore knows ``name`` (GetActiveVpnTunnelStatus is recent)."""
    return name in client.meta.service_model.operation_names


@VpnErrorHandler.list_error_handler("get active VPN tunnel status", None)
@retry
def get_active_vpn_tunnel_status(client, vpn_connection_id: str, outside_ip: str) -> dict:
    return client.get_active_vpn_tunnel_status(
        VpnConnectionId=vpn_connection_id, VpnTunnelOutsideIpAddress=outside_ip)["ActiveVpnTunnelStatus"]


@VpnErrorHandler.list_error_handler("get VPN tunnel replacement status", None)
@retry
def get_vpn_tunnel_replacement_status(client, vpn_connection_id: str, outside_ip: str) -> dict:
    return client.get_vpn_tunnel_replacement_status(
        VpnConnectionId=vpn_connection_id, VpnTunnelOutsideIpAddress=outside_ip).get("MaintenanceDetails", {})


@VpnErrorHandler.common_error_handler("replace VPN tunnel")
def replace_vpn_tunnel(client, vpn_connection_id: str, outside_ip: str, apply_pending_maintenance: bool, ran) -> bool:
    """ReplaceVpnTunnel, never twice: after a 5xx, ``ran()`` says whether AWS did replace it (see create_once)."""
    return create_once(lambda: client.replace_vpn_tunnel(
        VpnConnectionId=vpn_connection_id, VpnTunnelOutsideIpAddress=outside_ip,
        ApplyPendingMaintenance=apply_pending_maintenance)["Return"], ran)


@VpnErrorHandler.common_error_handler("get VPN connection device types")
@retry
def get_vpn_connection_device_types(client) -> list:
    types, token = [], None
    while True:
        page = client.get_vpn_connection_device_types(**({"NextToken": token} if token else {}))
        types.extend(page.get("VpnConnectionDeviceTypes", []))
        token = page.get("NextToken")
        if not token:
            return types


@VpnErrorHandler.common_error_handler("get VPN connection device sample configuration")
@retry
def get_vpn_connection_device_sample_configuration(client, vpn_connection_id: str, device_type_id: str,
                                                   ike_version=None, sample_type=None) -> str:
    params = {"VpnConnectionId": vpn_connection_id, "VpnConnectionDeviceTypeId": device_type_id}
    if ike_version:
        params["InternetKeyExchangeVersion"] = ike_version
    if sample_type:
        params["SampleType"] = sample_type
    return client.get_vpn_connection_device_sample_configuration(**params)["VpnConnectionDeviceSampleConfiguration"]


# ---- transit gateway route tables ---------------------------------------------------------------

@VpnErrorHandler.list_error_handler("describe transit gateway attachments", [])
@retry
def describe_transit_gateway_attachments(client, **params) -> list:
    return client.describe_transit_gateway_attachments(**params)["TransitGatewayAttachments"]


@VpnErrorHandler.list_error_handler("describe transit gateway route tables", [])
@retry
def describe_transit_gateway_route_tables(client, **params) -> list:
    return client.describe_transit_gateway_route_tables(**params)["TransitGatewayRouteTables"]


@VpnErrorHandler.list_error_handler("get transit gateway route table propagations", [])
@retry
def get_transit_gateway_route_table_propagations(client, route_table_id: str) -> list:
    return client.get_transit_gateway_route_table_propagations(
        TransitGatewayRouteTableId=route_table_id)["TransitGatewayRouteTablePropagations"]


@VpnErrorHandler.common_error_handler("associate transit gateway route table")
@retry
def associate_transit_gateway_route_table(client, route_table_id: str, attachment_id: str) -> dict:
    return client.associate_transit_gateway_route_table(
        TransitGatewayRouteTableId=route_table_id, TransitGatewayAttachmentId=attachment_id)["Association"]


@VpnErrorHandler.deletion_error_handler("disassociate transit gateway route table")
@retry
def disassociate_transit_gateway_route_table(client, route_table_id: str, attachment_id: str) -> bool:
    client.disassociate_transit_gateway_route_table(
        TransitGatewayRouteTableId=route_table_id, TransitGatewayAttachmentId=attachment_id)
    return True


@VpnErrorHandler.common_error_handler("enable transit gateway route table propagation")
@retry
def enable_transit_gateway_route_table_propagation(client, route_table_id: str, attachment_id: str) -> dict:
    return client.enable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=route_table_id, TransitGatewayAttachmentId=attachment_id)["Propagation"]


@VpnErrorHandler.deletion_error_handler("disable transit gateway route table propagation")
@retry
def disable_transit_gateway_route_table_propagation(client, route_table_id: str, attachment_id: str) -> bool:
    client.disable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=route_table_id, TransitGatewayAttachmentId=attachment_id)
    return True


# ---- waiting ---------------------------------------------------------------------------------

class VpnStateWaiter:
    """Waits for VPN connections to reach a state; threads waiting at the same time share each poll.

    A poll is one DescribeVpnConnections (filtered by id, so a connection AWS does not show yet,
    eventual consistency right after a create, simply counts as not there yet) for every connection
    a thread is waiting on: N connections of a batch cost one call per poll, not N.
    """

    def __init__(self, client, sleep=time.sleep, clock=time.monotonic):
        self.client, self.sleep, self.clock = client, sleep, clock
        self._lock = threading.Lock()  # one poll at a time; the others reuse its answer
        self._waiting = collections.Counter()
        self._polls = 0  # number of the last poll started
        self._seen = {}  # vpn id -> Describe entry, for the ids the last poll asked about

    def _state_after(self, vpn_connection_id: str, poll: int):
        """The connection as a poll numbered above ``poll`` saw it (polling now if none has)."""
        with self._lock:
            if self._polls <= poll or vpn_connection_id not in self._seen:
                self._polls += 1
                ids = sorted(self._waiting)
                found = describe_vpn_connections(self.client, Filters=[{"Name": "vpn-connection-id", "Values": ids}])
                self._seen = dict.fromkeys(ids)
                self._seen.update((c["VpnConnectionId"], c) for c in found if c["VpnConnectionId"] in self._seen)
            return self._seen[vpn_connection_id], self._polls

    def wait(self, vpn_connection_id: str, states, timeout: int):
        """Poll until the connection is in one of ``states``; returns it (None once deleted and gone).

        Raises AnsibleEC2Error on timeout, naming the state it was stuck in.
        """
        deadline = self.clock() + timeout
        pause = 0.5
        with self._lock:
            self._waiting[vpn_connection_id] += 1
            poll = self._polls
        try:
            while True:
                current, poll = self._state_after(vpn_connection_id, poll)
                if current and current["State"] in states:
                    return current
                if current is None and "deleted" in states:
                    return None
                if self.clock() + pause > deadline:
                    raise AnsibleEC2Error(message="Timeout waiting %ds for VPN connection %s to be %s (still %s)"
                                          % (timeout, vpn_connection_id, " or ".join(states),
                                             current["State"] if current else "not visible"))
                self.sleep(pause)
                pause = min(pause * 2, 15.0)
        finally:
            with self._lock:
                self._waiting[vpn_connection_id] -= 1
                if not self._waiting[vpn_connection_id]:
                    del self._waiting[vpn_connection_id]


def wait_for_vpn_state(client, vpn_connection_id: str, states, timeout: int, sleep=time.sleep, clock=time.monotonic):
    """One connection's wait (see VpnStateWaiter)."""
    return VpnStateWaiter(client, sleep, clock).wait(vpn_connection_id, states, timeout)


# ---- gateways (read only, for the ASNs a normalised tunnel reports) ------------------------------

@VpnErrorHandler.list_error_handler("describe VPN gateways", [])
@retry
def describe_vpn_gateways(client, **params) -> list:
    return client.describe_vpn_gateways(**params)["VpnGateways"]


@VpnErrorHandler.list_error_handler("describe transit gateways", [])
@retry
def describe_transit_gateways(client, **params) -> list:
    return client.describe_transit_gateways(**params)["TransitGateways"]


def describe_gateway(client, kind: str, gateway_id: str):
    """One customer, virtual private or transit gateway (``kind`` cgw, vgw or tgw) in Describe shape, or None."""
    if kind == "cgw":
        found = describe_customer_gateways(client, CustomerGatewayIds=[gateway_id])
    elif kind == "vgw":
        found = describe_vpn_gateways(client, VpnGatewayIds=[gateway_id])
    else:
        found = describe_transit_gateways(client, TransitGatewayIds=[gateway_id])
    return found[0] if found else None


class GatewayCache:
    """Gateways by kind and id, each read once (thread safe): ``lookup`` for connection_asns.

    ``prefetch`` reads many of a kind in one Describe, so N connections do not cost N reads."""

    ID_KEYS = {"cgw": "CustomerGatewayId", "vgw": "VpnGatewayId", "tgw": "TransitGatewayId"}

    def __init__(self, client):
        self.client = client
        self.known = {}
        self._lock = threading.Lock()

    def add(self, kind: str, found: list) -> None:
        self.known.update(((kind, g[self.ID_KEYS[kind]]), g) for g in found)

    def prefetch(self, kind: str, ids) -> None:
        missing = sorted({i for i in ids if i} - {i for k, i in self.known if k == kind})
        if missing:
            describe = {"cgw": describe_customer_gateways, "vgw": describe_vpn_gateways, "tgw": describe_transit_gateways}[kind]
            self.add(kind, describe(self.client, **{self.ID_KEYS[kind] + "s": missing}))

    def prefetch_for(self, connections: list) -> "GatewayCache":
        """Every gateway of these (Describe shape) connections, one read per kind."""
        for kind, key in (("cgw", "CustomerGatewayId"), ("vgw", "VpnGatewayId"), ("tgw", "TransitGatewayId")):
            self.prefetch(kind, [c.get(key) for c in connections])
        return self

    def lookup(self, kind: str, gateway_id: str):
        with self._lock:
            if (kind, gateway_id) not in self.known:
                self.known[(kind, gateway_id)] = describe_gateway(self.client, kind, gateway_id)
            return self.known[(kind, gateway_id)]


def connection_asns(client, connection: dict, lookup=None) -> dict:
    """Both BGP ASNs of a connection: the CGW's and the VGW's or TGW's Amazon side.

    ``lookup(kind, id)`` finds the gateways (``describe_gateway`` by default; a batch passes what it already read)."""
    lookup = lookup or (lambda kind, gateway_id: describe_gateway(client, kind, gateway_id))
    out = {}
    cgw = lookup("cgw", connection["CustomerGatewayId"])
    if cgw:
        asn = cgw.get("BgpAsnExtended") or cgw.get("BgpAsn")
        out["customer_gateway_asn"] = int(asn) if asn else None
    if connection.get("VpnGatewayId"):
        vgw = lookup("vgw", connection["VpnGatewayId"])
        out["amazon_side_asn"] = vgw.get("AmazonSideAsn") if vgw else None
    elif connection.get("TransitGatewayId"):
        tgw = lookup("tgw", connection["TransitGatewayId"])
        out["amazon_side_asn"] = tgw.get("Options", {}).get("AmazonSideAsn") if tgw else None
    return out
