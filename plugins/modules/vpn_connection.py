#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_connection
short_description: Manage AWS Site-to-Site VPN connections with every connection and tunnel option
version_added: 1.0.0
description:
  - Creates, converges and deletes an AWS Site-to-Site VPN connection to a virtual private gateway
    (VGW) or a transit gateway (TGW), with BGP or static routing.
  - Every C(Options) field and every C(TunnelOptions) field is managed. Drift on a live connection is
    applied with C(ModifyVpnConnectionOptions) and C(ModifyVpnTunnelOptions), one tunnel at a time,
    waiting for the connection to be C(available) in between so that one tunnel always carries traffic.
  - Only what you set is compared; an option left unset is whatever AWS runs. Lists compare as sets.
  - Changes AWS can only make by replacing the connection (customer gateway, target gateway,
    O(connection_options.static_routes_only), O(connection_options.tunnel_inside_ip_version),
    O(connection_options.outside_ip_address_type), O(connection_options.enable_acceleration),
    O(connection_options.transport_transit_gateway_attachment_id), O(pre_shared_key_storage))
    fail with an explanation unless O(allow_replacement=true).
  - "The existing connection is found by O(vpn_connection_id); else by the tags named in O(match_tags);
    else by customer gateway plus target gateway. More than one match fails."
  - "Tunnel identity across runs: entry I(i) of O(tunnel_options) is the tunnel whose inside CIDR it names;
    entries without an inside CIDR (or naming one AWS does not run) take the remaining tunnels in the
    order AWS lists them in C(Options.TunnelOptions)."
  - Every input is validated with the collection's shared model before any AWS call that changes
    anything; errors name the field and the rule.
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  state:
    description: Whether the VPN connection exists.
    type: str
    choices: [present, absent]
    default: present
  vpn_connection_id:
    description: The connection to manage.
    type: str
  customer_gateway_id:
    description: The customer gateway. Required to create a connection.
    type: str
  vpn_gateway_id:
    description: The virtual private gateway to terminate on. Mutually exclusive with O(transit_gateway_id).
    type: str
  transit_gateway_id:
    description: The transit gateway to terminate on. Mutually exclusive with O(vpn_gateway_id).
    type: str
  vpn_concentrator_id:
    description:
      - A VPN concentrator (M(hybridvpn.s2s.vpn_concentrator)) on O(transit_gateway_id) to put the connection on.
      - AWS takes it only at creation and only for BGP connections (not with
        O(connection_options.static_routes_only)); a different one needs O(allow_replacement).
    type: str
  cloudwan:
    description:
      - Create the connection on no gateway ("Not associated" in AWS's console), for a Cloud WAN core network to take
        it through M(hybridvpn.s2s.cloudwan_vpn_attachment). Not with O(vpn_gateway_id) or O(transit_gateway_id).
      - AWS attaches only BGP connections to a core network, and does not accelerate them
        (O(connection_options.static_routes_only) and O(connection_options.enable_acceleration) are refused).
      - Without O(vpn_connection_id) or an identity tag the connection is found as the customer gateway's one on no gateway.
    type: bool
    default: false
  match_tags:
    description:
      - Keys of O(tags) whose values identify the connection when O(vpn_connection_id) is not given.
      - Keys not present in O(tags) are ignored; with none left, the connection is found by
        customer gateway and target gateway.
    type: list
    elements: str
    default: [Name]
  connection_options:
    description: The connection's C(Options), apart from the tunnels.
    type: dict
    suboptions:
      static_routes_only:
        description: V(true) for static routing (see O(routes)), V(false) for BGP. Needs replacement to change.
        type: bool
      enable_acceleration:
        description: AWS Global Accelerator for the tunnels (TGW only). Needs replacement to change.
        type: bool
      tunnel_inside_ip_version:
        description: ipv4 or ipv6 (TGW only) inside the tunnels. Needs replacement to change.
        type: str
      local_ipv4_network_cidr:
        description: The customer side IPv4 CIDR allowed through the tunnels (AWS default 0.0.0.0/0).
        type: str
      remote_ipv4_network_cidr:
        description: The AWS side IPv4 CIDR allowed through the tunnels (AWS default 0.0.0.0/0).
        type: str
      local_ipv6_network_cidr:
        description: The customer side IPv6 CIDR (AWS default ::/0).
        type: str
      remote_ipv6_network_cidr:
        description: The AWS side IPv6 CIDR (AWS default ::/0).
        type: str
      outside_ip_address_type:
        description:
          - PublicIpv4, PrivateIpv4 (with O(connection_options.transport_transit_gateway_attachment_id), not accelerated)
            or Ipv6 (transit gateway only). The customer gateway's address must be of that kind.
        type: str
      transport_transit_gateway_attachment_id:
        description: The transit gateway's Direct Connect gateway attachment a PrivateIpv4 connection runs over.
        type: str
      tunnel_bandwidth:
        description: standard (1.25 Gbps) or large (5 Gbps, TGW only).
        type: str
  tunnel_options:
    description:
      - Up to two entries, one per tunnel (see the tunnel identity rule above). Values follow AWS's rules,
        checked by the collection's shared model.
    type: list
    elements: dict
    suboptions:
      inside_cidr:
        description: A /30 inside 169.254.0.0/16, not one AWS reserves.
        type: str
      inside_ipv6_cidr:
        description: A /126 inside fd00::/8.
        type: str
      pre_shared_key:
        description: 8 to 64 characters of letters, digits, '.' and '_'; must not start with 0.
        type: str
      phase1_lifetime_seconds:
        description: 900 to 28800.
        type: int
      phase2_lifetime_seconds:
        description: 900 to 3600, below O(tunnel_options[].phase1_lifetime_seconds).
        type: int
      rekey_margin_time_seconds:
        description: 60 to half of O(tunnel_options[].phase2_lifetime_seconds).
        type: int
      rekey_fuzz_percentage:
        description: 0 to 100.
        type: int
      replay_window_size:
        description: 64 to 2048.
        type: int
      dpd_timeout_seconds:
        description: 30 or more.
        type: int
      dpd_timeout_action:
        description: clear, none or restart.
        type: str
      phase1_encryption_algorithms:
        description: Among AES128, AES256, AES128-GCM-16, AES256-GCM-16.
        type: list
        elements: str
      phase2_encryption_algorithms:
        description: Among AES128, AES256, AES128-GCM-16, AES256-GCM-16.
        type: list
        elements: str
      phase1_integrity_algorithms:
        description: Among SHA1, SHA2-256, SHA2-384, SHA2-512.
        type: list
        elements: str
      phase2_integrity_algorithms:
        description: Among SHA1, SHA2-256, SHA2-384, SHA2-512.
        type: list
        elements: str
      phase1_dh_group_numbers:
        description:
          - Among 2, 14 to 24 and 35 (ML-KEM-512).
          - Unset, AWS runs 2 and 14 to 24; ML-KEM is offered only when listed.
        type: list
        elements: int
      phase2_dh_group_numbers:
        description:
          - Among 2, 5, 14 to 24, 35, 36 and 37 (ML-KEM-512, -768, -1024).
          - Unset, AWS runs 2, 5 and 14 to 24; ML-KEM is offered only when listed.
        type: list
        elements: int
      phase1_additional_key_exchanges: &kex
        description:
          - Additional key exchange rounds after the initial one (RFC 9370), the way to a hybrid post-quantum
            tunnel (for example round 1 requiring 37, ML-KEM-1024, after DH 20). IKEv2 only.
          - The initial exchange and each required round must be able to use different methods.
        type: list
        elements: dict
        suboptions:
          round:
            description: The round, 1 to 7, each once.
            type: int
            required: true
          methods:
            description:
              - Key exchange method numbers (IANA IKEv2 Transform Type 4) permitted in this round.
              - Among 2, 5, 14 to 24, 35, 36 and 37. A required round needs at least one; an optional round
                without any is off.
            type: list
            elements: int
          requirement:
            description: C(required) (no tunnel unless the CGW runs this round) or C(optional).
            type: str
            choices: [required, optional]
            default: required
      phase2_additional_key_exchanges: *kex
      ike_versions:
        description: Among ikev1 and ikev2.
        type: list
        elements: str
      startup_action:
        description: add (AWS waits for the CGW) or start (AWS initiates; IKEv2 only).
        type: str
      enable_tunnel_lifecycle_control:
        description: Let you decide when AWS replaces the tunnel endpoint for maintenance.
        type: bool
      log_options:
        description: CloudWatch logging of the tunnel (enabling it briefly interrupts the tunnel).
        type: dict
        suboptions:
          log_enabled:
            description: Log IKE/IPsec events.
            type: bool
          log_group_arn:
            description:
              - The log group's ARN, C(arn:<partition>:logs:<region>:<12-digit account>:log-group:<name>) (use an
                C(/aws/vendedlogs/) group); anything else is refused before AWS is called.
            type: str
          log_output_format:
            description: json or text.
            type: str
          bgp_log_enabled:
            description: Log BGP events.
            type: bool
          bgp_log_group_arn:
            description: The BGP log group's ARN, in the same form as O(tunnel_options[].log_options.log_group_arn).
            type: str
          bgp_log_output_format:
            description: json or text.
            type: str
  generate_pre_shared_keys:
    description:
      - When creating, generate a distinct key for every tunnel without O(tunnel_options[].pre_shared_key)
        (the collection's PSK rules) instead of letting AWS pick one.
    type: bool
    default: false
  pre_shared_key_storage:
    description: Standard (in the connection) or SecretsManager (AWS keeps the keys in a secret). Needs replacement to change.
    type: str
    choices: [Standard, SecretsManager]
  return_pre_shared_keys:
    description:
      - Return each tunnel's key in RV(vpn_connection.tunnels[].pre_shared_key).
      - The task must set C(no_log) true, so keys never reach the output.
    type: bool
    default: false
  routes:
    description: Static routes (CIDRs on the customer side); only with O(connection_options.static_routes_only=true).
    type: list
    elements: str
  purge_routes:
    description: Delete static routes not in O(routes).
    type: bool
    default: true
  allow_replacement:
    description:
      - Delete and recreate the connection when a change needs it. Both tunnels go down and come back
        with new outside IPs; the customer gateways must be reconfigured.
    type: bool
    default: false
  skip_tunnel_replacement:
    description: Passed to C(ModifyVpnTunnelOptions) (with tunnel lifecycle control, apply without replacing the endpoint).
    type: bool
    default: false
  wait:
    description: Wait for C(available) after a create or change (and for C(deleted) after a delete).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for each state change.
    type: int
    default: 900
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode. The diff never contains keys.
  - Between two tunnel changes the module always waits for C(available), whatever O(wait) says.
  - With Secrets Manager storage AWS does not return the keys, so O(tunnel_options[].pre_shared_key) is not compared.
  - Throttling and 5xx answers are retried with jittered backoff. A create interrupted by a 5xx is looked up
    (by the identity rule above) before it is retried, so no duplicate connection is left behind; a change
    whose retry fails because AWS did run the first attempt counts as done once the connection settles.
"""

EXAMPLES = r"""
- name: A BGP VPN to a transit gateway with a restricted crypto profile
  hybridvpn.s2s.vpn_connection:
    customer_gateway_id: "{{ cgw.customer_gateway.customer_gateway_id }}"
    transit_gateway_id: tgw-0123456789abcdef0
    generate_pre_shared_keys: true
    tunnel_options:
      - inside_cidr: 169.254.10.0/30
        phase1_encryption_algorithms: [AES256-GCM-16]
        phase2_encryption_algorithms: [AES256-GCM-16]
        phase1_integrity_algorithms: [SHA2-384]
        phase2_integrity_algorithms: [SHA2-384]
        phase1_dh_group_numbers: [20]
        phase2_dh_group_numbers: [20]
        ike_versions: [ikev2]
        startup_action: start
      - inside_cidr: 169.254.10.4/30
        phase1_encryption_algorithms: [AES256-GCM-16]
        phase2_encryption_algorithms: [AES256-GCM-16]
        phase1_integrity_algorithms: [SHA2-384]
        phase2_integrity_algorithms: [SHA2-384]
        phase1_dh_group_numbers: [20]
        phase2_dh_group_numbers: [20]
        ike_versions: [ikev2]
    tags:
      Name: branch1-vpn1
  register: vpn

- name: Static routing to a VGW
  hybridvpn.s2s.vpn_connection:
    customer_gateway_id: cgw-0123456789abcdef0
    vpn_gateway_id: vgw-0123456789abcdef0
    connection_options:
      static_routes_only: true
    routes: [10.20.0.0/16]
    tags:
      Name: branch2-vpn1

- name: Read the keys (the task must not log)
  hybridvpn.s2s.vpn_connection:
    vpn_connection_id: "{{ vpn.vpn_connection.vpn_connection_id }}"
    return_pre_shared_keys: true
  no_log: true
  register: vpn_keys

- name: Delete it
  hybridvpn.s2s.vpn_connection:
    state: absent
    vpn_connection_id: "{{ vpn.vpn_connection.vpn_connection_id }}"
"""

RETURN = r"""
vpn_connection:
  description: The connection as it is after the task (empty after O(state=absent)).
  returned: always
  type: dict
  contains:
    vpn_connection_id:
      description: The ID.
      type: str
      sample: vpn-0123456789abcdef0
    state:
      description: pending, available, deleting or deleted.
      type: str
    customer_gateway_id:
      description: The customer gateway.
      type: str
    vpn_gateway_id:
      description: The VGW, if the target is a VGW.
      type: str
    transit_gateway_id:
      description: The TGW, if the target is a TGW.
      type: str
    vpn_concentrator_id:
      description: The VPN concentrator the connection is on, if any.
      type: str
    core_network_arn:
      description: The Cloud WAN core network that holds the connection through an attachment, if any.
      type: str
    core_network_attachment_arn:
      description: That attachment (M(hybridvpn.s2s.cloudwan_vpn_attachment)), if any.
      type: str
    gateway_association_state:
      description: associated, not-associated (a Cloud WAN connection before its attachment), associating or disassociating.
      type: str
    pre_shared_key_storage:
      description: Standard or SecretsManager.
      type: str
    pre_shared_key_arn:
      description: The Secrets Manager secret holding the keys, with SecretsManager storage.
      type: str
    options:
      description: The connection options with AWS's defaults filled in (same keys as O(connection_options)).
      type: dict
    routes:
      description: Static routes.
      type: list
      elements: dict
    tags:
      description: The tags.
      type: dict
    tunnels:
      description: The tunnels in the order AWS lists them.
      type: list
      elements: dict
      contains:
        index:
          description: 1 or 2.
          type: int
        outside_ip_address:
          description: AWS's outside (public) address of the tunnel.
          type: str
          sample: 198.51.100.7
        inside_cidr:
          description: The inside /30.
          type: str
          sample: 169.254.10.0/30
        inside_ipv6_cidr:
          description: The inside /126, for IPv6 tunnels.
          type: str
        aws_inside_ip:
          description: AWS's inside address (BGP neighbour of the CGW).
          type: str
          sample: 169.254.10.1
        cgw_inside_ip:
          description: The CGW's inside address.
          type: str
          sample: 169.254.10.2
        inside_prefixlen:
          description: 30 or 126.
          type: int
        amazon_side_asn:
          description: The VGW's or TGW's ASN.
          type: int
          sample: 64512
        customer_gateway_asn:
          description: The CGW's ASN.
          type: int
          sample: 65010
        bgp_hold_time:
          description: The BGP hold time AWS configured, when AWS reports it.
          type: int
        options:
          description: Every tunnel option as AWS runs it (defaults filled in), snake-case, without the key.
          type: dict
        crypto:
          description: The effective crypto per phase (C(ike_versions), C(phase1), C(phase2)).
          type: dict
        telemetry:
          description: The tunnel's VgwTelemetry (status, status_message, last_status_change, accepted_route_count).
          type: dict
        pre_shared_key:
          description: The key; only with O(return_pre_shared_keys=true) (which requires C(no_log)).
          type: str
          returned: when O(return_pre_shared_keys=true)
changes:
  description: What the task changed (or would change in check mode), one line per call it made.
  returned: always
  type: list
  elements: str
  sample: ["modify tunnel 198.51.100.7: phase1_lifetime_seconds, phase1_encryption_algorithms"]
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_diff
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.vpn_connection_manager import VpnConnectionManager
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.vpn_connection_manager import argument_spec


def main():
    module = AnsibleAWSModule(
        argument_spec=argument_spec(),
        supports_check_mode=True,
        mutually_exclusive=[("vpn_gateway_id", "transit_gateway_id")],
    )
    params = module.params
    found = vpn_request.run_problems(params, module.no_log)
    if params["state"] == "present":
        found.extend(vpn_request.problems(params))
    if found:
        module.fail_json(msg=vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
    manager = VpnConnectionManager(module, api.ec2_client(module))
    try:
        raw = manager.find()
        manager.hide_keys(raw)
        if params["state"] == "absent":
            before = vpn_diff.diff_view(manager.normalised(raw))
            if raw:
                manager.delete(raw, params["wait"])
            after, after_view = {}, {}
        else:
            after, before, after_view = manager.ensure_present(raw)
    except VpnError as exc:
        module.fail_json(msg=exc.message, **exc.details)
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=bool(manager.changes), changes=manager.changes, vpn_connection=after,
                     diff={"before": before, "after": after_view})


if __name__ == "__main__":
    main()
