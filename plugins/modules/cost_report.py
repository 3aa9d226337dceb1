#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cost_report
short_description: Monthly cost of the Site-to-Site VPN estate in a Region, with findings that would lower it
version_added: 1.0.0
description:
  - Reads the VPN connections of a Region (their gateways, acceleration, tunnel telemetry), the VPC attachments of
    their transit gateways and the C(AWS/VPN) C(TunnelDataIn)/C(TunnelDataOut) sums of the last O(idle_days) from
    CloudWatch, and prices them with O(prices) (a table like C(roles/cost_report/files/aws_prices.yml)).
  - Costs per connection, per site (the first part of the C(s2s:key) tag) and per gateway - VPN connection-hours,
    TGW attachment-hours, TGW data processing, accelerated VPN and data transfer out by an assumed (or measured)
    volume.
  - "Findings: idle connections (no traffic for O(idle_days)), connections whose both tunnels have been down for
    O(down_hours), acceleration without the traffic to need it, and VGW against TGW for the estate's connection count."
  - Only reads; never changes anything.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  prices:
    description:
      - The price table - C(as_of), C(hours_per_month), C(default) prices, per-Region overrides under C(regions)
        and C(sources). The C(cost_report) role loads the shipped file and merges the user's overrides.
    type: dict
    required: true
  tags:
    description: Only connections carrying all these tags; without it every live connection of the Region is priced.
    type: dict
  default_volume:
    description: Assumed GB per month per connection into AWS (C(gb_in)) and out of AWS (C(gb_out)).
    type: dict
    default: {gb_in: 0, gb_out: 0}
  site_volumes:
    description: Per site, the assumed volume of each of its connections (C(gb_in), C(gb_out)); overrides O(default_volume).
    type: dict
    default: {}
  volume_source:
    description: Price traffic by the assumed volumes, or by the CloudWatch bytes of the last O(idle_days) scaled to a month.
    type: str
    choices: [assumed, measured]
    default: assumed
  idle_days:
    description: Window of the traffic sums; a connection with no bytes in it is idle.
    type: int
    default: 14
  down_hours:
    description: A connection whose both tunnels have been DOWN this long is reported.
    type: float
    default: 24
  accel_min_gb:
    description: An accelerated connection measured below this many GB a month does not need acceleration.
    type: float
    default: 100
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode (it only reads).
  - Needs C(ec2:DescribeVpnConnections), C(ec2:DescribeTransitGatewayAttachments) and C(cloudwatch:GetMetricStatistics).
"""

EXAMPLES = r"""
- name: Cost of the estate, priced with the shipped table
  hybridvpn.s2s.cost_report:
    region: us-east-1
    prices: "{{ lookup('ansible.builtin.file', 'aws_prices.yml') | from_yaml }}"
    default_volume: {gb_in: 50, gb_out: 200}
  register: cost
"""

RETURN = r"""
report:
  description: The cost report.
  returned: always
  type: dict
  contains:
    prices:
      description: The effective prices for the Region, with C(as_of) and C(region_specific).
      type: dict
    connections:
      description: Per connection - id, name, site, gateway, acceleration, volume and charges (USD/month).
      type: list
      elements: dict
    sites:
      description: Per site - connection count and monthly total.
      type: list
      elements: dict
    gateways:
      description: Per gateway - shared charges (a TGW's VPC attachments).
      type: list
      elements: dict
    totals:
      description: Monthly totals of connections, gateways and the estate.
      type: dict
    break_even:
      description: VGW against TGW for the estate's connections and VPCs.
      type: dict
    findings:
      description: Each with C(kind) (idle, both_tunnels_down, accelerated_without_need, gateway_break_even), the connection,
        site, message and C(monthly_saving).
      type: list
      elements: dict
"""

import datetime
import time

try:
    import botocore
except ImportError:
    pass  # AnsibleAWSModule reports the missing library.

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_tag_filter_dict
from ansible_collections.amazon.aws.plugins.module_utils.transformation import ansible_dict_to_boto3_filter_list

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.plan import KEY_TAG
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import cost_model


@api.retry
def _metric_sum(cloudwatch, metric: str, outside_ip: str, start, end):
    """Sum of one AWS/VPN byte metric of one tunnel over [start, end]; None without datapoints.

    AWS publishes per-tunnel metrics under the dimension TunnelIpAddress alone (VpnId is the per-connection set).
    """
    points = cloudwatch.get_metric_statistics(
        Namespace="AWS/VPN", MetricName=metric, StartTime=start, EndTime=end, Period=86400, Statistics=["Sum"],
        Dimensions=[{"Name": "TunnelIpAddress", "Value": outside_ip}])["Datapoints"]
    return sum(p["Sum"] for p in points) if points else None


def _traffic(cloudwatch, conn: dict, days: int) -> tuple:
    """(bytes in, bytes out) of both tunnels over the last ``days``; (None, None) when CloudWatch has nothing."""
    end = datetime.datetime.now(datetime.timezone.utc)
    start = end - datetime.timedelta(days=days)
    sums = {"TunnelDataIn": [], "TunnelDataOut": []}
    for tunnel in conn.get("VgwTelemetry") or []:
        for metric, found in sums.items():
            value = _metric_sum(cloudwatch, metric, tunnel["OutsideIpAddress"], start, end)
            if value is not None:
                found.append(value)
    if not sums["TunnelDataIn"] and not sums["TunnelDataOut"]:
        return None, None
    return int(sum(sums["TunnelDataIn"])), int(sum(sums["TunnelDataOut"]))


def _epoch(value):
    return value.timestamp() if isinstance(value, datetime.datetime) else None


def estate_connection(conn: dict, traffic: tuple) -> dict:
    """A DescribeVpnConnections entry in cost_model's shape."""
    tags = normalize.tags(conn.get("Tags"))
    key = tags.get(KEY_TAG)
    return {
        "vpn_connection_id": conn["VpnConnectionId"],
        "name": tags.get("Name") or conn["VpnConnectionId"],
        "site": key.split("/")[0] if key else None,
        "gateway_type": "tgw" if conn.get("TransitGatewayId") else "vgw" if conn.get("VpnGatewayId") else "cloudwan",
        "gateway_id": conn.get("TransitGatewayId") or conn.get("VpnGatewayId") or conn.get("CoreNetworkArn"),
        "accelerated": bool((conn.get("Options") or {}).get("EnableAcceleration")),
        "concentrator_id": conn.get("VpnConcentratorId"),
        "large": (conn.get("Options") or {}).get("TunnelBandwidth") == "large",
        "tunnels": [{"outside_ip": t.get("OutsideIpAddress"), "status": t.get("Status"),
                     "last_status_change": _epoch(t.get("LastStatusChange"))} for t in conn.get("VgwTelemetry") or []],
        "traffic_in_bytes": traffic[0], "traffic_out_bytes": traffic[1],
    }


def read_estate(module, ec2, cloudwatch) -> dict:
    params = module.params
    filters = ansible_dict_to_tag_filter_dict(params["tags"] or {})
    filters["state"] = ["pending", "available"]
    found = api.describe_vpn_connections(ec2, Filters=ansible_dict_to_boto3_filter_list(filters))
    connections = [estate_connection(c, _traffic(cloudwatch, c, params["idle_days"])) for c in found]
    gateways = {}
    for conn in connections:
        gateways.setdefault(conn["gateway_id"], {"id": conn["gateway_id"], "type": conn["gateway_type"]})
    tgws = sorted(g for g, v in gateways.items() if v["type"] == "tgw")
    if tgws:
        attachments = api.describe_transit_gateway_attachments(
            ec2, Filters=[{"Name": "transit-gateway-id", "Values": tgws}])
        for tgw in tgws:
            gateways[tgw]["vpc_attachments"] = sum(1 for a in attachments if a.get("TransitGatewayId") == tgw
                                                   and a.get("ResourceType") == "vpc" and a.get("State") == "available")
            gateways[tgw]["concentrators"] = len({c["concentrator_id"] for c in connections
                                                  if c["gateway_id"] == tgw and c["concentrator_id"]})
    return {"region": module.region, "connections": connections, "gateways": list(gateways.values())}


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            prices=dict(type="dict", required=True),
            tags=dict(type="dict"),
            default_volume=dict(type="dict", default={"gb_in": 0, "gb_out": 0}),
            site_volumes=dict(type="dict", default={}),
            volume_source=dict(type="str", choices=["assumed", "measured"], default="assumed"),
            idle_days=dict(type="int", default=14),
            down_hours=dict(type="float", default=24),
            accel_min_gb=dict(type="float", default=100),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if params["idle_days"] < 1:
        module.fail_json(msg="idle_days: must be at least 1 [cost.idle_days]")
    ec2 = api.ec2_client(module)
    cloudwatch = module.client("cloudwatch", config=api.NO_BOTOCORE_RETRIES)
    try:
        estate = read_estate(module, ec2, cloudwatch)
        settings = {k: params[k] for k in ("default_volume", "site_volumes", "volume_source", "idle_days", "down_hours", "accel_min_gb")}
        settings["now"] = time.time()
        result = cost_model.report(estate, params["prices"], settings)
    except cost_model.PriceError as exc:
        module.fail_json(msg=str(exc))
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
        module.fail_json_aws(exc, msg="Failed to read the VPN traffic from CloudWatch")
    module.exit_json(changed=False, report=result)


if __name__ == "__main__":
    main()
