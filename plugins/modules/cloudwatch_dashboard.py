#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudwatch_dashboard
short_description: Manage a CloudWatch dashboard (its JSON body), idempotently
version_added: 1.0.0
description:
  - Creates, updates or deletes one CloudWatch dashboard. amazon.aws and community.aws have no dashboard module.
  - The body is compared as JSON (key order and whitespace do not count), so an unchanged body changes nothing.
  - CloudWatch answers a body it cannot use with C(InvalidParameterInput); the module fails with CloudWatch's messages.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  name:
    description: The dashboard name (letters, digits, C(-) and C(_), at most 255).
    type: str
    required: true
  body:
    description: The dashboard body (a dict with C(widgets)). Required with O(state=present).
    type: dict
  state:
    description: Whether the dashboard exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode.
"""

EXAMPLES = r"""
- name: A dashboard of one VPN tunnel
  hybridvpn.s2s.cloudwatch_dashboard:
    name: s2s-vpn-vgw-lab
    body:
      widgets:
        - type: metric
          properties:
            title: tunnel state
            region: us-east-1
            metrics: [["AWS/VPN", "TunnelState", "TunnelIpAddress", "203.0.113.10"]]
"""

RETURN = r"""
dashboard:
  description: The dashboard after the task (C(name), C(arn), C(body)); empty when absent.
  returned: always
  type: dict
  contains:
    name:
      description: The name.
      type: str
    arn:
      description: The dashboard ARN.
      type: str
    body:
      description: The body as a dict.
      type: dict
"""

import json
import re

try:
    import botocore
except ImportError:
    pass  # AnsibleAWSModule reports a missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

NAME = re.compile(r"[A-Za-z0-9_-]{1,255}")


def current(client, name):
    """{name, arn, body} of the dashboard, or None."""
    try:
        found = client.get_dashboard(DashboardName=name, aws_retry=True)
    except is_boto3_error_code("ResourceNotFound"):
        return None
    return {"name": found["DashboardName"], "arn": found.get("DashboardArn"), "body": json.loads(found.get("DashboardBody") or "{}")}


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(name=dict(type="str", required=True), body=dict(type="dict"),
                           state=dict(type="str", choices=["present", "absent"], default="present")),
        required_if=[("state", "present", ["body"])],
        supports_check_mode=True,
    )
    name, body, state = module.params["name"], module.params["body"], module.params["state"]
    if not NAME.fullmatch(name):
        module.fail_json(msg="name: a dashboard name is 1-255 letters, digits, '-' and '_' [dashboard.name]")
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())
    try:
        before = current(client, name)
        if state == "absent":
            after, changed = {}, before is not None
            if changed and not module.check_mode:
                client.delete_dashboards(DashboardNames=[name], aws_retry=True)
        else:
            changed = before is None or before["body"] != body
            after = dict(before or {"name": name, "arn": None}, body=body)
            if changed and not module.check_mode:
                answer = client.put_dashboard(DashboardName=name, DashboardBody=json.dumps(body, sort_keys=True), aws_retry=True)
                problems = [m.get("Message") for m in answer.get("DashboardValidationMessages") or []]
                if problems:
                    module.fail_json(msg="CloudWatch did not take the dashboard body of %s: %s" % (name, "; ".join(problems)))
                after = current(client, name)
    except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
        module.fail_json_aws(exc, msg="CloudWatch dashboard %s" % name)
    module.exit_json(changed=changed, dashboard=after, diff={"before": before or {}, "after": after})


if __name__ == "__main__":
    main()
