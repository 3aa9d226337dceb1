#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_tunnel_alarms
short_description: Turn the actions of the CloudWatch alarms on VPN tunnels off or on (planned maintenance)
version_added: 1.0.0
description:
  - Finds every CloudWatch metric alarm on C(AWS/VPN) C(TunnelState) whose only dimension is one of the given tunnel
    outside addresses (C(TunnelIpAddress)), as the C(hybridvpn.s2s.monitoring) role makes them, or others do, and
    disables or enables their actions (C(DisableAlarmActions), C(EnableAlarmActions)).
  - With actions disabled an alarm still changes state but notifies nobody; CloudWatch acts on state changes only, so
    an alarm that went to C(ALARM) and back to C(OK) while disabled never pages. The maintenance playbook disables the
    alarm of the tunnel it drains and replaces, and enables it again after the undrain, whatever happened in between.
  - The alarm of a whole connection (dimension C(VpnId)) is never touched - both tunnels down is an outage.
  - An address without an alarm is not an error (a connection without monitoring); it is listed in RV(missing).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  outside_ip_addresses:
    description: The tunnels' outside IP addresses.
    type: list
    elements: str
    required: true
  actions:
    description: Whether the alarms' actions are enabled or disabled afterwards.
    type: str
    choices: [enabled, disabled]
    required: true
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
"""

EXAMPLES = r"""
- name: Silence the alarm of the tunnel under maintenance
  hybridvpn.s2s.vpn_tunnel_alarms:
    outside_ip_addresses: [203.0.113.10]
    actions: disabled

- name: And turn it back on
  hybridvpn.s2s.vpn_tunnel_alarms:
    outside_ip_addresses: [203.0.113.10]
    actions: enabled
"""

RETURN = r"""
alarms:
  description: The tunnels' alarms after the task.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The alarm name.
      type: str
    outside_ip:
      description: The tunnel it watches.
      type: str
    actions_enabled:
      description: Whether its actions are enabled.
      type: bool
missing:
  description: Given addresses no alarm watches.
  returned: always
  type: list
  elements: str
"""

import ipaddress

try:
    import botocore
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

NAMESPACE = "AWS/VPN"
METRIC = "TunnelState"
DIMENSION = "TunnelIpAddress"


def tunnel_alarms(client, addresses: set) -> list:
    """{name, outside_ip, actions_enabled} of every TunnelState alarm on exactly one of ``addresses``."""
    found = []
    for page in client.get_paginator("describe_alarms").paginate(AlarmTypes=["MetricAlarm"]):
        for alarm in page.get("MetricAlarms", []):
            dimensions = alarm.get("Dimensions") or []
            if (alarm.get("Namespace"), alarm.get("MetricName")) != (NAMESPACE, METRIC) or len(dimensions) != 1:
                continue
            if dimensions[0]["Name"] == DIMENSION and dimensions[0]["Value"] in addresses:
                found.append({"name": alarm["AlarmName"], "outside_ip": dimensions[0]["Value"], "actions_enabled": alarm["ActionsEnabled"]})
    return sorted(found, key=lambda a: a["name"])


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(outside_ip_addresses=dict(type="list", elements="str", required=True),
                           actions=dict(type="str", choices=["enabled", "disabled"], required=True)),
        supports_check_mode=True,
    )
    addresses = module.params["outside_ip_addresses"]
    for address in addresses:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            module.fail_json(msg="outside_ip_addresses: %r is not an IP address [tunnel.outside_ip]" % address)
    wanted = module.params["actions"] == "enabled"
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())
    try:
        before = tunnel_alarms(client, set(addresses))
        to_change = [a["name"] for a in before if a["actions_enabled"] != wanted]
        if to_change and not module.check_mode:
            call = client.enable_alarm_actions if wanted else client.disable_alarm_actions
            for start in range(0, len(to_change), 100):   # at most 100 names a call
                call(AlarmNames=to_change[start:start + 100], aws_retry=True)
        after = [dict(a, actions_enabled=wanted) if a["name"] in to_change else a for a in before]
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
        module.fail_json_aws(exc, msg="CloudWatch alarms of tunnels %s" % ", ".join(addresses))
    missing = sorted(set(addresses) - {a["outside_ip"] for a in before})
    module.exit_json(changed=bool(to_change), alarms=after, missing=missing, diff={"before": {"alarms": before}, "after": {"alarms": after}})


if __name__ == "__main__":
    main()
