#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vpn_estate
short_description: Converge every customer gateway and VPN connection of an estate in one task
version_added: 1.1.0
description:
  - One module run for a whole Site-to-Site VPN estate; what M(hybridvpn.s2s.customer_gateway),
    M(hybridvpn.s2s.vpn_connection) and M(hybridvpn.s2s.transit_gateway_vpn_routing) do for one resource,
    done for all of them with the same code, the same rules and the same results.
  - The estate is read with one C(DescribeCustomerGateways) (by the gateways' addresses), one
    C(DescribeVpnConnections) (by the first tag of O(match_tags) the connections carry), one
    C(DescribeTransitGatewayAttachments) and one read of each transit gateway's route tables.
    Connections that are not found by their tags are looked up once more, together, by customer gateway.
  - Creates and changes run concurrently (at most O(max_concurrency) at a time), every AWS call with
    jittered backoff retries. Connections waiting for C(available) share each poll, one
    C(DescribeVpnConnections) for all of them.
  - The changes of one connection are applied in order, one tunnel at a time, waiting for C(available)
    in between (see M(hybridvpn.s2s.vpn_connection)).
  - An estate across Regions and accounts - each item's C(region) and C(account_role_arn) - is converged
    with one EC2 client per account and Region (the role assumed with C(sts:AssumeRole) through the module's own
    credentials, once per role, session name C(s2s.vpn_estate@<local user>)), every account and Region at the
    same time, each one read, converged, checked and diffed as an estate of its own.
  - Every item is validated before any AWS call; a problem names the item and the field.
    A connection that fails while converging does not stop the others; the task then fails and lists
    every failure in RV(failures).
author:
  - hybridvpn.s2s contributors (@hybridvpn)
options:
  customer_gateways:
    description:
      - The customer gateways. Each entry has C(name) (required; its name in this task, which connections refer to
        and results are keyed by) plus the options of M(hybridvpn.s2s.customer_gateway) C(ip_address), C(bgp_asn),
        C(device_name), C(certificate_arn) and C(tags), with the same rules and identity (address, ASN and device name).
      - C(region) (default O(region)) and C(account_role_arn) (an IAM role to assume; default the module's credentials)
        say where the gateway is; a customer gateway serves one Region and account, so a device serving two needs
        an entry in each.
    type: list
    elements: dict
    default: []
  connections:
    description:
      - The VPN connections. Each entry has C(name) (required; results and O(pre_shared_keys) are keyed by it) and
        the per-connection options of M(hybridvpn.s2s.vpn_connection) with their meaning and rules
        (C(vpn_connection_id), C(customer_gateway_id), C(vpn_gateway_id) or C(transit_gateway_id), C(connection_options),
        C(tunnel_options) without keys, C(generate_pre_shared_keys), C(pre_shared_key_storage), C(routes),
        C(purge_routes), C(tags)).
      - C(customer_gateway) instead of C(customer_gateway_id) names an entry of O(customer_gateways) in the same
        C(region) and C(account_role_arn) as the connection (as for O(customer_gateways)).
      - C(transit_gateway_routing), for a connection to a transit gateway, manages its attachment as
        M(hybridvpn.s2s.transit_gateway_vpn_routing) does with C(state=present); keys C(association_route_table_id),
        C(propagation_route_table_ids) (list) and C(purge_propagations) (default V(false)).
      - The options that govern the whole run (O(match_tags), O(purge_tags), O(allow_replacement),
        O(skip_tunnel_replacement), O(wait), O(wait_timeout), O(return_pre_shared_keys)) are set once, at the top level.
    type: list
    elements: dict
    default: []
  pre_shared_keys:
    description:
      - Keys by connection name, tunnel 1 first (V(null) for a tunnel whose key is generated or left to AWS).
      - Keys are only accepted here (this option is C(no_log)), never in O(connections[]).
    type: dict
    default: {}
  match_tags:
    description: Keys of each connection's tags that identify it (see M(hybridvpn.s2s.vpn_connection)).
    type: list
    elements: str
    default: [Name]
  purge_tags:
    description: Remove tags not given, on every gateway and connection whose C(tags) are set.
    type: bool
    default: true
  return_pre_shared_keys:
    description: Return the keys in each tunnel of RV(vpn_connections[].vpn_connection) (C(pre_shared_key)); the task must set C(no_log).
    type: bool
    default: false
  allow_replacement:
    description: Delete and recreate a connection when a change needs it (see M(hybridvpn.s2s.vpn_connection)).
    type: bool
    default: false
  skip_tunnel_replacement:
    description: Passed to C(ModifyVpnTunnelOptions).
    type: bool
    default: false
  wait:
    description: Wait for C(available) after a create or change.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for each state change.
    type: int
    default: 900
  max_concurrency:
    description: Gateways or connections converged at the same time, in each Region and account.
    type: int
    default: 8
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Supports check mode and diff mode; the diff is keyed by item name and never contains keys.
  - In check mode a connection whose customer gateway or target gateway does not exist yet is reported as to be created.
"""

EXAMPLES = r"""
- name: Two branches on a transit gateway, in one task
  hybridvpn.s2s.vpn_estate:
    customer_gateways:
      - name: branch1
        ip_address: 198.51.100.10
        bgp_asn: 65010
        tags: {Name: branch1}
      - name: branch2
        ip_address: 198.51.100.11
        bgp_asn: 65011
        tags: {Name: branch2}
    connections:
      - name: branch1-vpn1
        customer_gateway: branch1
        transit_gateway_id: tgw-0123456789abcdef0
        generate_pre_shared_keys: true
        tunnel_options:
          - inside_cidr: 169.254.10.0/30
            ike_versions: [ikev2]
          - inside_cidr: 169.254.10.4/30
            ike_versions: [ikev2]
        transit_gateway_routing:
          association_route_table_id: tgw-rtb-0123456789abcdef0
          propagation_route_table_ids: [tgw-rtb-0123456789abcdef0]
        tags: {Name: branch1-vpn1}
      - name: branch2-vpn1
        customer_gateway: branch2
        transit_gateway_id: tgw-0123456789abcdef0
        tunnel_options:
          - inside_cidr: 169.254.11.0/30
          - inside_cidr: 169.254.11.4/30
        tags: {Name: branch2-vpn1}
    pre_shared_keys:
      branch2-vpn1: ["{{ vault_branch2_t1 }}", "{{ vault_branch2_t2 }}"]
  register: estate

- name: A branch in another Region and account (its own client, converged at the same time as the rest)
  hybridvpn.s2s.vpn_estate:
    customer_gateways:
      - name: branch3
        region: eu-west-1
        account_role_arn: arn:aws:iam::222222222222:role/s2s-network
        ip_address: 198.51.100.12
        bgp_asn: 65012
    connections:
      - name: branch3-vpn1
        region: eu-west-1
        account_role_arn: arn:aws:iam::222222222222:role/s2s-network
        customer_gateway: branch3
        transit_gateway_id: tgw-0fedcba9876543210
        tags: {Name: branch3-vpn1}
"""

RETURN = r"""
customer_gateways:
  description: Per customer gateway, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The entry's name.
      type: str
    changed:
      description: Whether the task changed (or would change) it.
      type: bool
    region:
      description: The Region of the gateway.
      type: str
    account_id:
      description: The account of its C(account_role_arn) (none for the module's credentials).
      type: str
    customer_gateway:
      description: The gateway after the task, as M(hybridvpn.s2s.customer_gateway) returns it.
      type: dict
placements:
  description: Per account and Region the task worked in, in the order the items name them.
  returned: always
  type: list
  elements: dict
  contains:
    region:
      description: The Region.
      type: str
    account_id:
      description: The account of the role (none for the module's credentials).
      type: str
    account_role_arn:
      description: The role assumed (none for the module's credentials).
      type: str
    customer_gateways:
      description: Names of the customer gateways placed here.
      type: list
      elements: str
    vpn_connections:
      description: Names of the connections placed here.
      type: list
      elements: str
    changed:
      description: Whether anything here changed (or would change).
      type: bool
    failed:
      description: Whether this account and Region could not be converged at all (see RV(failures)).
      type: bool
vpn_connections:
  description: Per connection that converged, in the order given.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The entry's name.
      type: str
    changed:
      description: Whether the task changed (or would change) it.
      type: bool
    changes:
      description: One line per change, as M(hybridvpn.s2s.vpn_connection) reports them.
      type: list
      elements: str
    vpn_connection:
      description: The connection after the task, the same normalised shape as M(hybridvpn.s2s.vpn_connection) returns.
      type: dict
    region:
      description: The Region of the connection.
      type: str
    account_id:
      description: The account of its C(account_role_arn), as for RV(customer_gateways[].account_id).
      type: str
    transit_gateway_routing:
      description: The attachment's association and propagations after the task.
      returned: when C(transit_gateway_routing) of O(connections) is set
      type: dict
      contains:
        transit_gateway_attachment_id:
          description: The attachment (none yet in check mode for a new connection).
          type: str
        association_route_table_id:
          description: The associated route table.
          type: str
        propagation_route_table_ids:
          description: Route tables it propagates to.
          type: list
          elements: str
failures:
  description: Items that failed while converging (the task fails when there is one).
  returned: on failure
  type: list
  elements: dict
  contains:
    kind:
      description: customer_gateway, vpn_connection, transit_gateway_routing or placement (a whole account and Region).
      type: str
    name:
      description: The item's name (for a placement, its Region and account).
      type: str
    msg:
      description: What went wrong, and where.
      type: str
    region:
      description: The Region.
      type: str
    account_id:
      description: The account (none for the module's credentials).
      type: str
problems:
  description: Invalid input, one entry per problem (C(field) names the item and its field, C(rule), C(message)).
  returned: on invalid input
  type: list
  elements: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import estate_placement
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_estate
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request


def main():
    module = AnsibleAWSModule(argument_spec=vpn_estate.argument_spec(), supports_check_mode=True)
    # Keys go nowhere the module prints, wherever the user put them, before anything can fail.
    module.no_log_values.update(vpn_estate.secret_values(module.params))
    gateways, connections, found = vpn_estate.parse(module.params, module.no_log, module.region)
    if found:
        module.fail_json(msg=vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
    estate = estate_placement.PlacedEstate(module, gateways, connections)
    estate.run()  # AWS errors are reported per item or per account and Region, in estate.failures
    if estate.failures:
        module.fail_json(msg="%d item(s) failed: %s" % (len(estate.failures), "; ".join(
            "%s %s: %s" % (f["kind"], f["name"], f["msg"]) for f in estate.failures)),
            failures=estate.failures, changed=estate.changed(), **estate.returned())
    module.exit_json(changed=estate.changed(), diff=estate.diff(), **estate.returned())


if __name__ == "__main__":
    main()
