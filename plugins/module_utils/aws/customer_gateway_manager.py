# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One customer gateway: input rules, identity (IP, ASN, device name), create request, convergence.

Shared by the customer_gateway module and the vpn_estate module. ``params`` has customer_gateway's
options; problems are raised as VpnError (the batch reports them per gateway).
"""

from __future__ import annotations

import ipaddress

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError

ASN_MAX = 4294967294
ASN_2BYTE_FIELD_MAX = 2147483647  # larger ASNs go in BgpAsnExtended
RESERVED_ASNS = (7224,)
DEVICE_NAME_MAX = 255
LIVE_STATES = ("pending", "available")


def argument_spec() -> dict:
    return dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        customer_gateway_id=dict(type="str"),
        ip_address=dict(type="str"),
        bgp_asn=dict(type="int"),
        device_name=dict(type="str"),
        certificate_arn=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )


def problems(params: dict) -> list:
    found = []
    if params["state"] != "present":
        return found
    if params["bgp_asn"] is None and not params["customer_gateway_id"]:
        found.append(("bgp_asn", "cgw.asn_required", "is required with state=present"))
    elif params["bgp_asn"] is not None:
        if not 1 <= params["bgp_asn"] <= ASN_MAX:
            found.append(("bgp_asn", "asn.range", "must be within 1-%d (got %d)" % (ASN_MAX, params["bgp_asn"])))
        elif params["bgp_asn"] in RESERVED_ASNS:
            found.append(("bgp_asn", "asn.reserved", "%d is reserved by AWS" % params["bgp_asn"]))
    if params["ip_address"]:
        try:
            ipaddress.ip_address(params["ip_address"])
        except ValueError:
            found.append(("ip_address", "cgw.ip_address", "%r is not an IP address" % params["ip_address"]))
    elif not params["certificate_arn"] and not params["customer_gateway_id"]:
        found.append(("ip_address", "cgw.ip_required", "is required unless certificate_arn is given"))
    if params["device_name"] is not None and not 0 < len(params["device_name"]) <= DEVICE_NAME_MAX:
        found.append(("device_name", "cgw.device_name", "must be 1 to %d characters" % DEVICE_NAME_MAX))
    if params["certificate_arn"] and not params["certificate_arn"].startswith("arn:"):
        found.append(("certificate_arn", "cgw.certificate_arn", "must be an ARN (arn:...)"))
    return found


def canonical_ip(value):
    """An address as one spelling (IPv6 compressed, lower case): 2001:DB8::0001 is 2001:db8::1 to AWS's filter and
    to the identity check; anything that is no address (checked in ``problems``) passes unchanged."""
    try:
        return str(ipaddress.ip_address(value)) if value else value
    except ValueError:
        return value


def identity_filters(params: dict) -> list:
    filters = [{"Name": "state", "Values": list(LIVE_STATES)}]
    if params["ip_address"]:
        filters.append({"Name": "ip-address", "Values": [canonical_ip(params["ip_address"])]})
    return filters


def find_raw(client, params: dict):
    """The live CGW the parameters identify (Describe shape), or None; ambiguity fails."""
    if params["customer_gateway_id"]:
        found = api.describe_customer_gateways(client, CustomerGatewayIds=[params["customer_gateway_id"]])
        return next((c for c in found if c.get("State") in LIVE_STATES), None)
    return match(api.describe_customer_gateways(client, Filters=identity_filters(params)), params)


def match(found: list, params: dict):
    """The one live gateway of ``found`` with the identity of ``params``, or None; two fail.

    Describe filters only narrow the search; the check here is exact (a bgp-asn filter would miss
    BgpAsnExtended, and not every endpoint honours the state filter)."""
    matches = [c for c in found if c.get("State") in LIVE_STATES and same_identity(normalize.customer_gateway(c), params)]
    if len(matches) > 1:
        raise VpnError("%d customer gateways match ip_address, bgp_asn and device_name (%s); set customer_gateway_id"
                       % (len(matches), ", ".join(c["CustomerGatewayId"] for c in matches)))
    return matches[0] if matches else None


def same_identity(gateway: dict, params: dict) -> bool:
    return (canonical_ip(gateway["ip_address"]) == canonical_ip(params["ip_address"]) and gateway["bgp_asn"] == params["bgp_asn"]
            and (gateway["device_name"] or None) == params["device_name"])


def create_request(params: dict) -> dict:
    request = {"Type": "ipsec.1"}
    asn = params["bgp_asn"]
    request["BgpAsnExtended" if asn > ASN_2BYTE_FIELD_MAX else "BgpAsn"] = asn
    for key, api_key in (("ip_address", "IpAddress"), ("device_name", "DeviceName"), ("certificate_arn", "CertificateArn")):
        if params[key]:
            request[api_key] = canonical_ip(params[key]) if key == "ip_address" else params[key]
    specs = boto3_tag_specifications(params["tags"], ["customer-gateway"])
    if specs:
        request["TagSpecifications"] = specs
    return request


def ensure_present(client, module, params: dict, current):
    """(changed, gateway after) for state=present; ``module`` gives check mode and tagging."""
    if current is None:
        if module.check_mode:
            predicted = {"customer_gateway_id": None, "state": "available", "type": "ipsec.1",
                         "ip_address": params["ip_address"], "bgp_asn": params["bgp_asn"],
                         "device_name": params["device_name"], "certificate_arn": params["certificate_arn"],
                         "tags": params["tags"] or {}}
            return True, predicted
        created = api.create_customer_gateway(client, lambda: find_raw(client, params), **create_request(params))
        return True, normalize.customer_gateway(created)
    if params["certificate_arn"] and params["certificate_arn"] != current["certificate_arn"]:
        raise VpnError("certificate_arn differs from customer gateway %s (%s); AWS cannot change a customer gateway, "
                       "create a new one and move the VPN connections to it"
                       % (current["customer_gateway_id"], current["certificate_arn"]))
    changed = api.ensure_tags(client, module, current["customer_gateway_id"], current["tags"], params["tags"],
                              params["purge_tags"])
    if not changed:
        return False, current
    to_set, to_unset = api.tag_changes(current["tags"], params["tags"], params["purge_tags"])
    after = dict(current, tags={k: v for k, v in dict(current["tags"], **to_set).items() if k not in to_unset})
    return True, after


def ensure_absent(client, module, current):
    if current is None:
        return False, {}
    if not module.check_mode:
        api.delete_customer_gateway(client, current["customer_gateway_id"])
    return True, {}
