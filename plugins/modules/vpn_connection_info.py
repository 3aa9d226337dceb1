#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_connection_info
short_description: Read AWS Site-to-Site VPN connections as normalised tunnels, with status and device configs
version_added: 1.0.0
description:
  - Finds VPN connections by ID, by EC2 filters or by tags and returns them in the same shape as
    M(hybridvpn.s2s.vpn_connection) (normalised tunnels, effective crypto per phase, VgwTelemetry).
  - On request adds per tunnel the negotiated crypto (C(GetActiveVpnTunnelStatus), where this botocore has it),
    the endpoint replacement status (C(GetVpnTunnelReplacementStatus)), the device types AWS has sample
    configurations for and the sample configuration for one device type.
  - Only reads; never changes anything.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  vpn_connection_ids:
    description: The connections to read.
    type: list
    elements: str
  filters:
    description:
      - EC2 filters for C(DescribeVpnConnections), for example C(state) or C(customer-gateway-id).
      - Without a C(state) filter, deleted connections are left out.
    type: dict
    default: {}
  tags:
    description: Only connections carrying all these tags.
    type: dict
  include_active_status:
    description: Add RV(vpn_connections[].tunnels[].active_status), the crypto the tunnel negotiated.
    type: bool
    default: false
  include_replacement_status:
    description: Add RV(vpn_connections[].tunnels[].maintenance), pending endpoint maintenance.
    type: bool
    default: false
  list_device_types:
    description: Return RV(device_types), the devices AWS has sample configurations for.
    type: bool
    default: false
  device_type_id:
    description:
      - Return RV(vpn_connections[].sample_configuration) for this device type (see O(list_device_types)).
      - The sample carries the keys, so the task must set C(no_log) true.
    type: str
  ike_version:
    description: IKE version of the sample configuration.
    type: str
    choices: [ikev1, ikev2]
  sample_type:
    description: compatibility (AWS's minimum profile) or recommended.
    type: str
    choices: [compatibility, recommended]
  return_pre_shared_keys:
    description: Return each tunnel's key. The task must set C(no_log) true.
    type: bool
    default: false
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode (it only reads).
  - Sample configurations show AWS's minimum crypto profile (AES128/SHA1/DH2), not the tunnel's restricted options.
"""

EXAMPLES = r"""
- name: One connection with its negotiated crypto
  hybridvpn.s2s.vpn_connection_info:
    vpn_connection_ids: [vpn-0123456789abcdef0]
    include_active_status: true
  register: info

- name: Every live connection of one estate
  hybridvpn.s2s.vpn_connection_info:
    tags:
      s2s:estate: prod
    filters:
      state: [available, pending]

- name: The sample configuration for a device type (carries the keys)
  hybridvpn.s2s.vpn_connection_info:
    vpn_connection_ids: [vpn-0123456789abcdef0]
    device_type_id: 7125681a
    ike_version: ikev2
  no_log: true
  register: sample
"""

RETURN = r"""
vpn_connections:
  description: The connections, in the shape RV(hybridvpn.s2s.vpn_connection#module:vpn_connection) documents.
  returned: always
  type: list
  elements: dict
  contains:
    vpn_connection_id:
      description: The ID.
      type: str
    state:
      description: pending, available, deleting or deleted.
      type: str
    core_network_arn:
      description: The Cloud WAN core network a site-to-site VPN attachment holds the connection on, if any.
      type: str
    core_network_attachment_arn:
      description: That attachment's ARN (M(hybridvpn.s2s.cloudwan_vpn_attachment) manages it), if any.
      type: str
    tunnels:
      description: Normalised tunnels (outside and inside addresses, ASNs, options, crypto, telemetry).
      type: list
      elements: dict
      contains:
        active_status:
          description: Negotiated phase 1/2 algorithms, DH groups, IKE version and provisioning status.
          type: dict
          returned: with O(include_active_status=true) and a botocore that has GetActiveVpnTunnelStatus
        maintenance:
          description: pending_maintenance, maintenance_auto_applied_after, last_maintenance_applied.
          type: dict
          returned: with O(include_replacement_status=true)
    sample_configuration:
      description: The device sample configuration text.
      type: str
      returned: with O(device_type_id)
device_types:
  description: Devices AWS has sample configurations for.
  returned: with O(list_device_types=true)
  type: list
  elements: dict
  contains:
    vpn_connection_device_type_id:
      description: The ID to pass as O(device_type_id).
      type: str
    vendor:
      description: The vendor.
      type: str
    platform:
      description: The platform.
      type: str
    software:
      description: The software version.
      type: str
active_status_supported:
  description: Whether this botocore knows GetActiveVpnTunnelStatus.
  returned: always
  type: bool
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_tag_filter_dict
from ansible_collections.amazon.aws.plugins.module_utils.transformation import ansible_dict_to_boto3_filter_list

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize

ACTIVE_STATUS_OPERATION = "GetActiveVpnTunnelStatus"


def describe(client, params) -> list:
    filters = dict(params["filters"])
    filters.update(ansible_dict_to_tag_filter_dict(params["tags"] or {}))
    request = {"Filters": ansible_dict_to_boto3_filter_list(filters)} if filters else {}
    if params["vpn_connection_ids"]:
        request["VpnConnectionIds"] = params["vpn_connection_ids"]
    found = api.describe_vpn_connections(client, **request)
    if "state" not in filters:
        found = [c for c in found if c.get("State") != "deleted"]
    return sorted(found, key=lambda c: c["VpnConnectionId"])


def enrich(client, module, raw: dict, active_supported: bool, cache) -> dict:
    params = module.params
    conn = normalize.connection(raw, api.connection_asns(client, raw, cache.lookup), include_psk=params["return_pre_shared_keys"])
    for tunnel in conn["tunnels"]:
        ip = tunnel["outside_ip_address"]
        if params["include_active_status"] and active_supported and ip:
            status = api.get_active_vpn_tunnel_status(client, conn["vpn_connection_id"], ip)
            tunnel["active_status"] = normalize.snake(status) if status else None
        if params["include_replacement_status"] and ip:
            details = api.get_vpn_tunnel_replacement_status(client, conn["vpn_connection_id"], ip)
            tunnel["maintenance"] = normalize.snake(details) if details is not None else None
    if params["device_type_id"] and conn["state"] in ("pending", "available"):
        conn["sample_configuration"] = api.get_vpn_connection_device_sample_configuration(
            client, conn["vpn_connection_id"], params["device_type_id"], params["ike_version"], params["sample_type"])
    return conn


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            vpn_connection_ids=dict(type="list", elements="str"),
            filters=dict(type="dict", default={}),
            tags=dict(type="dict"),
            include_active_status=dict(type="bool", default=False),
            include_replacement_status=dict(type="bool", default=False),
            list_device_types=dict(type="bool", default=False),
            device_type_id=dict(type="str"),
            ike_version=dict(type="str", choices=["ikev1", "ikev2"]),
            sample_type=dict(type="str", choices=["compatibility", "recommended"]),
            return_pre_shared_keys=dict(type="bool", default=False, no_log=False),
        ),
        supports_check_mode=True,
    )
    params = module.params
    for flag in ("return_pre_shared_keys", "device_type_id"):
        if params[flag] and not module.no_log:
            module.fail_json(msg="%s returns the tunnels' keys and needs no_log: true on the task [psk.no_log]" % flag)
    client = api.ec2_client(module)
    active_supported = api.has_operation(client, ACTIVE_STATUS_OPERATION)
    try:
        found = describe(client, params)
        # Keys asked for (as such or inside a sample configuration) are not masked: the task is no_log.
        if not (params["return_pre_shared_keys"] or params["device_type_id"]):
            for raw in found:
                module.no_log_values.update(normalize.tunnel_psks(raw))
        cache = api.GatewayCache(client).prefetch_for(found)
        result = {"vpn_connections": [enrich(client, module, raw, active_supported, cache) for raw in found],
                  "active_status_supported": active_supported}
        if params["list_device_types"]:
            result["device_types"] = [normalize.snake(t) for t in api.get_vpn_connection_device_types(client)]
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
