#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_tunnel_replace
short_description: Replace one tunnel endpoint of an AWS Site-to-Site VPN connection
version_added: 1.1.0
description:
  - Calls C(ReplaceVpnTunnel) for the tunnel with outside address O(outside_ip_address), optionally applying
    the pending endpoint maintenance (O(apply_pending_maintenance)), then waits for the tunnel to be provisioned
    again and, with O(wait_for_tunnel_up), for it to be C(UP).
  - Replacing a tunnel takes it down for a while. To keep the connection carrying traffic, the module refuses
    to replace a tunnel while the other tunnel is not C(UP), unless O(allow_both_tunnels_down=true).
  - Every check (the address, the connection's state, the other tunnel) is made before C(ReplaceVpnTunnel);
    errors name the field and the rule.
  - A replacement is an action, so the task always reports a change, unless O(only_with_pending_maintenance=true)
    and AWS has no maintenance pending for the tunnel.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  vpn_connection_id:
    description: The VPN connection.
    type: str
    required: true
  outside_ip_address:
    description: AWS's outside address of the tunnel to replace.
    type: str
    required: true
  apply_pending_maintenance:
    description: Apply the pending endpoint maintenance with the replacement (C(ApplyPendingMaintenance)).
    type: bool
    default: false
  only_with_pending_maintenance:
    description: Replace only if AWS reports maintenance pending for the tunnel (so repeated runs change nothing).
    type: bool
    default: false
  allow_both_tunnels_down:
    description: Replace the tunnel even when the other tunnel is not C(UP) (the connection then carries no traffic).
    type: bool
    default: false
  wait:
    description:
      - Wait until the tunnel endpoint is provisioned again (C(GetActiveVpnTunnelStatus) C(ProvisioningStatus)
        C(available), where botocore has that call) and the connection is C(available).
    type: bool
    default: true
  wait_for_tunnel_up:
    description: Also wait until the tunnel's telemetry is C(UP) (the customer gateway must bring it up again).
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 600
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode (nothing is replaced; the checks still run).
  - Throttled calls are retried with jittered backoff; after a 5xx the replacement status is read first,
    so a tunnel is never replaced twice.
"""

EXAMPLES = r"""
- name: Apply AWS's pending maintenance to tunnel 1, if there is any, and wait for it to come back
  hybridvpn.s2s.vpn_tunnel_replace:
    vpn_connection_id: "{{ vpn.vpn_connection.vpn_connection_id }}"
    outside_ip_address: "{{ vpn.vpn_connection.tunnels[0].outside_ip_address }}"
    apply_pending_maintenance: true
    only_with_pending_maintenance: true
    wait_for_tunnel_up: true

- name: Failover drill - replace tunnel 2 (refused unless tunnel 1 is UP)
  hybridvpn.s2s.vpn_tunnel_replace:
    vpn_connection_id: vpn-0123456789abcdef0
    outside_ip_address: 198.51.100.8
"""

RETURN = r"""
replaced:
  description: Whether the tunnel was replaced (or would be, in check mode).
  returned: always
  type: bool
vpn_connection_id:
  description: The connection.
  returned: always
  type: str
tunnel:
  description: The tunnel after the task, normalised as in RV(hybridvpn.s2s.vpn_connection#module:vpn_connection.tunnels), without the key.
  returned: always
  type: dict
maintenance_before:
  description: The tunnel's endpoint maintenance before (pending_maintenance, maintenance_auto_applied_after, last_maintenance_applied).
  returned: always
  type: dict
maintenance_after:
  description: The same, after the replacement.
  returned: when replaced and not in check mode
  type: dict
provisioning_status:
  description: The tunnel's C(ProvisioningStatus) after the wait, when botocore has C(GetActiveVpnTunnelStatus).
  returned: when replaced and waited for
  type: str
"""

import ipaddress
import time

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import AnsibleEC2Error
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request

ACTIVE_STATUS_OPERATION = "GetActiveVpnTunnelStatus"


def input_problems(params: dict) -> list:
    found = vpn_request.run_problems(params, no_log=True)
    try:
        ipaddress.ip_address(params["outside_ip_address"])
    except ValueError:
        found.append(("outside_ip_address", "tunnel.outside_ip", "%r is not an IP address" % params["outside_ip_address"]))
    return found


def read(client, module):
    """(raw connection, normalised connection) of the live connection; keys masked."""
    found = [c for c in api.describe_vpn_connections(client, VpnConnectionIds=[module.params["vpn_connection_id"]])
             if c.get("State") in ("pending", "available", "modifying")]
    if not found:
        module.fail_json(msg="vpn_connection_id: no live VPN connection %s [connection.not_found]" % module.params["vpn_connection_id"])
    module.no_log_values.update(normalize.tunnel_psks(found[0]))
    return found[0], normalize.connection(found[0])


def the_tunnels(module, conn: dict) -> tuple:
    """(the tunnel to replace, the other one), or fail naming the field."""
    ip = module.params["outside_ip_address"]
    mine = [t for t in conn["tunnels"] if t["outside_ip_address"] == ip]
    if not mine:
        module.fail_json(msg="outside_ip_address: %s is not a tunnel of %s (its tunnels: %s) [tunnel.unknown]"
                         % (ip, conn["vpn_connection_id"], ", ".join(t["outside_ip_address"] for t in conn["tunnels"])))
    others = [t for t in conn["tunnels"] if t["outside_ip_address"] != ip]
    return mine[0], (others[0] if others else None)


def preconditions(module, conn: dict, other) -> None:
    """AWS only replaces a tunnel of an available connection; we only replace one while the other carries traffic."""
    if conn["state"] != "available":
        module.fail_json(msg="vpn_connection_id: %s is %s; a tunnel can be replaced once it is available [connection.state]"
                         % (conn["vpn_connection_id"], conn["state"]))
    status = ((other or {}).get("telemetry") or {}).get("status")
    if status != "UP" and not module.params["allow_both_tunnels_down"]:
        module.fail_json(msg="allow_both_tunnels_down: the other tunnel (%s) is %s, so replacing %s would leave %s without a "
                         "working tunnel; bring it up first or set allow_both_tunnels_down: true [tunnel.redundancy]"
                         % (other["outside_ip_address"] if other else "none", status or "unknown",
                            module.params["outside_ip_address"], conn["vpn_connection_id"]))


def maintenance(client, vpn_id: str, ip: str) -> dict:
    return normalize.snake(api.get_vpn_tunnel_replacement_status(client, vpn_id, ip) or {})


def poll(what: str, check, timeout: int):
    """Call ``check()`` with growing pauses until it returns something truthy; AnsibleEC2Error on timeout."""
    deadline, pause = time.monotonic() + timeout, 0.5
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() + pause > deadline:
            raise AnsibleEC2Error(message="Timeout waiting %ds for %s" % (timeout, what))
        time.sleep(pause)
        pause = min(pause * 2, 15.0)


def wait_back(client, module) -> str:
    """Wait for the endpoint to be provisioned again (and UP if asked); its provisioning status."""
    params = module.params
    vpn_id, ip = params["vpn_connection_id"], params["outside_ip_address"]
    status = None
    if api.has_operation(client, ACTIVE_STATUS_OPERATION):
        def provisioned():
            active = api.get_active_vpn_tunnel_status(client, vpn_id, ip) or {}
            return active.get("ProvisioningStatus") if active.get("ProvisioningStatus") == "available" else None
        status = poll("tunnel %s of %s to be provisioned" % (ip, vpn_id), provisioned, params["wait_timeout"])
    api.wait_for_vpn_state(client, vpn_id, ("available",), params["wait_timeout"])
    if params["wait_for_tunnel_up"]:
        def up():
            return the_tunnels(module, read(client, module)[1])[0]["telemetry"]["status"] == "UP"
        poll("tunnel %s of %s to be UP" % (ip, vpn_id), up, params["wait_timeout"])
    return status


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            vpn_connection_id=dict(type="str", required=True),
            outside_ip_address=dict(type="str", required=True),
            apply_pending_maintenance=dict(type="bool", default=False),
            only_with_pending_maintenance=dict(type="bool", default=False),
            allow_both_tunnels_down=dict(type="bool", default=False),
            wait=dict(type="bool", default=True),
            wait_for_tunnel_up=dict(type="bool", default=False),
            wait_timeout=dict(type="int", default=600),
        ),
        supports_check_mode=True,
    )
    params = module.params
    found = input_problems(params)
    if found:
        module.fail_json(msg=vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
    client = api.ec2_client(module)
    vpn_id, ip = params["vpn_connection_id"], params["outside_ip_address"]
    result = {"vpn_connection_id": vpn_id, "replaced": False}
    try:
        _raw, conn = read(client, module)
        tunnel, other = the_tunnels(module, conn)
        before = maintenance(client, vpn_id, ip)
        result.update(tunnel=tunnel, maintenance_before=before)
        if params["only_with_pending_maintenance"] and not before.get("pending_maintenance"):
            module.exit_json(changed=False, **result)
        preconditions(module, conn, other)
        result["replaced"] = True
        if module.check_mode:
            module.exit_json(changed=True, **result)
        api.replace_vpn_tunnel(client, vpn_id, ip, params["apply_pending_maintenance"],
                               lambda: maintenance(client, vpn_id, ip).get("last_maintenance_applied") != before.get("last_maintenance_applied"))
        if params["wait"]:
            result["provisioning_status"] = wait_back(client, module)
        result["tunnel"] = the_tunnels(module, read(client, module)[1])[0]
        result["maintenance_after"] = maintenance(client, vpn_id, ip)
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=True, **result)


if __name__ == "__main__":
    main()
