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
        description: PublicIpv4, PrivateIpv4 (with O(connection_options.transport_transit_gateway_attachment_id)) or Ipv6.
        type: str
      transport_transit_gateway_attachment_id:
        description: The Direct Connect TGW attachment a PrivateIpv4 connection runs over.
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
        description: Among 2 and 14 to 24.
        type: list
        elements: int
      phase2_dh_group_numbers:
        description: Among 2, 5 and 14 to 24.
        type: list
        elements: int
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
            description: The log group (use an C(/aws/vendedlogs/) group).
            type: str
          log_output_format:
            description: json or text.
            type: str
          bgp_log_enabled:
            description: Log BGP events.
            type: bool
          bgp_log_group_arn:
            description: The BGP log group.
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
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications

from ansible_collections.hybridvpn.s2s.plugins.module_utils import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.plugins.module_utils import vpn_diff
from ansible_collections.hybridvpn.s2s.plugins.module_utils import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils import vpn_request

# "modifying" is what AWS shows while a tunnel change is applied; such a connection is still the one.
LIVE_STATES = ("pending", "available", "modifying")


def _tunnel_option_spec() -> dict:
    """Argument spec of one tunnel, from the shared model's FIELDS (types only; rules are the model's)."""
    kinds = {"int": {"type": "int"}, "str": {"type": "str"}, "bool": {"type": "bool"},
             "cidr4": {"type": "str"}, "cidr6": {"type": "str"}, "psk": {"type": "str", "no_log": True}}
    spec = {}
    for f in topts.FIELDS:
        if f.kind == "list":
            spec[f.name] = {"type": "list", "elements": "int" if f.name.endswith("dh_group_numbers") else "str"}
        elif f.kind == "log":
            spec[f.name] = {"type": "dict", "options": {
                k: {"type": "bool" if k.endswith("enabled") else "str"} for k in topts.LOG_KEYS}}
        else:
            spec[f.name] = dict(kinds[f.kind])
        if "key" in f.name and f.kind != "psk":
            spec[f.name]["no_log"] = False  # rekey_* are not secrets
    return spec


def argument_spec() -> dict:
    return dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        vpn_connection_id=dict(type="str"),
        customer_gateway_id=dict(type="str"),
        vpn_gateway_id=dict(type="str"),
        transit_gateway_id=dict(type="str"),
        match_tags=dict(type="list", elements="str", default=["Name"]),
        connection_options=dict(type="dict", options={
            f.name: {"type": "bool" if f.kind == "bool" else "str"} for f in copts.FIELDS}),
        tunnel_options=dict(type="list", elements="dict", options=_tunnel_option_spec()),
        generate_pre_shared_keys=dict(type="bool", default=False, no_log=False),
        pre_shared_key_storage=dict(type="str", choices=["Standard", "SecretsManager"], no_log=False),
        return_pre_shared_keys=dict(type="bool", default=False, no_log=False),
        routes=dict(type="list", elements="str"),
        purge_routes=dict(type="bool", default=True),
        allow_replacement=dict(type="bool", default=False),
        skip_tunnel_replacement=dict(type="bool", default=False),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )


class VpnConnectionManager:
    """Find, compare, then act, for one connection (module.params is the desired state)."""

    def __init__(self, module, client):
        self.module = module
        self.client = client
        self.params = module.params
        self.changes = []

    # ---- finding -----------------------------------------------------------------------------

    def _unique(self, found: list, how: str):
        live = [c for c in found if c.get("State") in LIVE_STATES]
        if len(live) > 1:
            self.module.fail_json(msg="%d VPN connections match %s (%s); set vpn_connection_id"
                                  % (len(live), how, ", ".join(c["VpnConnectionId"] for c in live)))
        return live[0] if live else None

    def find(self):
        """The live connection the parameters identify (Describe shape), or None."""
        params = self.params
        state_filter = {"Name": "state", "Values": list(LIVE_STATES)}
        if params["vpn_connection_id"]:
            found = api.describe_vpn_connections(self.client, VpnConnectionIds=[params["vpn_connection_id"]])
            return self._unique(found, "vpn_connection_id")
        tags = params["tags"] or {}
        keys = [k for k in params["match_tags"] if k in tags]
        if keys:
            filters = [state_filter] + [{"Name": "tag:%s" % k, "Values": [tags[k]]} for k in keys]
            found = self._unique(api.describe_vpn_connections(self.client, Filters=filters),
                                 "tags %s" % ", ".join(keys))
            if found:
                return found
        target_key = "transit-gateway-id" if params["transit_gateway_id"] else "vpn-gateway-id"
        target = params["transit_gateway_id"] or params["vpn_gateway_id"]
        if not (params["customer_gateway_id"] and target):
            return None
        filters = [state_filter, {"Name": "customer-gateway-id", "Values": [params["customer_gateway_id"]]},
                   {"Name": target_key, "Values": [target]}]
        found = api.describe_vpn_connections(self.client, Filters=filters)
        # Connections carrying other identity tags belong to someone else's intent.
        found = [c for c in found if not keys or all(normalize.tags(c.get("Tags")).get(k) in (None, tags[k]) for k in keys)]
        return self._unique(found, "customer_gateway_id and %s" % target_key.replace("-", "_"))

    # ---- results -----------------------------------------------------------------------------

    def hide_keys(self, raw) -> None:
        """Mask every key this run has seen in anything the module prints, unless keys were asked for."""
        if not self.params["return_pre_shared_keys"] and raw:
            self.module.no_log_values.update(normalize.tunnel_psks(raw))

    def normalised(self, raw) -> dict:
        if not raw:
            return {}
        self.hide_keys(raw)
        asns = api.connection_asns(self.client, raw)
        return normalize.connection(raw, asns, include_psk=self.params["return_pre_shared_keys"])

    def wait(self, vpn_id: str, states=("available",)):
        return api.wait_for_vpn_state(self.client, vpn_id, states, self.params["wait_timeout"])

    # ---- create / delete ---------------------------------------------------------------------

    def create(self) -> dict:
        params = self.params
        specs = vpn_request.with_generated_keys(vpn_request.tunnel_specs(params), params["generate_pre_shared_keys"])
        if not params["return_pre_shared_keys"]:
            self.module.no_log_values.update(s["pre_shared_key"] for s in specs if s.get("pre_shared_key"))
        self.changes.append("create VPN connection")
        if params["routes"]:
            self.changes.extend("create route %s" % r for r in params["routes"])
        if self.module.check_mode:
            return None
        found = vpn_request.create_problems(params)
        if found:
            self.module.fail_json(msg=vpn_request.format_problems(found),
                                  problems=[{"field": f, "rule": r, "message": m} for f, r, m in found])
        request = vpn_request.create_request(params, specs, boto3_tag_specifications(params["tags"], ["vpn-connection"]))
        created = api.create_vpn_connection(self.client, self.find, **request)
        vpn_id = created["VpnConnectionId"]
        if params["routes"] or params["wait"]:
            created = self.wait(vpn_id)
        for route in params["routes"] or []:
            api.create_vpn_connection_route(self.client, vpn_id, route)
        return api.describe_vpn_connections(self.client, VpnConnectionIds=[vpn_id])[0] if params["routes"] else created

    def delete(self, raw, wait: bool) -> None:
        self.changes.append("delete VPN connection %s" % raw["VpnConnectionId"])
        if self.module.check_mode:
            return
        api.delete_vpn_connection(self.client, raw["VpnConnectionId"])
        if wait:
            self.wait(raw["VpnConnectionId"], ("deleted",))

    # ---- converging a live connection ----------------------------------------------------------

    def replacement_reasons(self, actual: dict) -> list:
        reasons = vpn_diff.identity_changes(self.params, actual)
        reasons.extend(vpn_diff.connection_changes(self.params["connection_options"] or {}, actual["options"])[1])
        storage = self.params["pre_shared_key_storage"]
        if storage and storage != actual["pre_shared_key_storage"]:
            reasons.append(("pre_shared_key_storage", actual["pre_shared_key_storage"], storage))
        return reasons

    def plan(self, raw, actual: dict) -> dict:
        """Every change the live connection needs, nothing applied yet."""
        params = self.params
        specs = vpn_request.tunnel_specs(params)
        keys = {t.get("OutsideIpAddress"): t.get("PreSharedKey") for t in (raw.get("Options") or {}).get("TunnelOptions") or []}
        tunnels = []
        for i, tunnel in vpn_diff.match_tunnels(specs, actual["tunnels"]):
            ip = tunnel["outside_ip_address"]
            changed = vpn_diff.tunnel_changes(specs[i], tunnel["options"], keys.get(ip))
            if changed:
                tunnels.append((ip, changed))
        return {
            "options": vpn_diff.connection_changes(params["connection_options"] or {}, actual["options"])[0],
            "tunnels": tunnels,
            "routes": vpn_diff.route_changes(params["routes"], actual["routes"], params["purge_routes"]),
            "tags": api.tag_changes(actual["tags"], params["tags"], params["purge_tags"]),
        }

    def describe_plan(self, plan: dict) -> None:
        if plan["options"]:
            self.changes.append("modify connection options: %s" % ", ".join(sorted(plan["options"])))
        for ip, changed in plan["tunnels"]:
            self.changes.append("modify tunnel %s: %s" % (ip, ", ".join(changed)))
        add, remove = plan["routes"]
        self.changes.extend(["create route %s" % r for r in add] + ["delete route %s" % r for r in remove])
        to_set, to_unset = plan["tags"]
        if to_set or to_unset:
            self.changes.append("tags: set %s, unset %s" % (sorted(to_set) or "none", sorted(to_unset) or "none"))

    def apply(self, raw, plan: dict):
        """Make the planned calls; each waits for ``available`` first (AWS refuses them otherwise),
        which is also what keeps one tunnel up while the other one changes."""
        vpn_id = raw["VpnConnectionId"]
        for call, still_needed in self.steps(vpn_id, plan):
            self.wait(vpn_id)
            try:
                call()
            except AnsibleAWSError:
                # After a 5xx AWS may have run the request and the retry then fails (IncorrectState,
                # duplicate route...): once the connection settles, fail only if the change is missing.
                if still_needed(self.wait(vpn_id)):
                    raise
        api.ensure_tags(self.client, self.module, vpn_id, normalize.tags(raw.get("Tags")),
                        self.params["tags"], self.params["purge_tags"])
        if self.params["wait"] and (plan["options"] or plan["tunnels"] or any(plan["routes"])):
            return self.wait(vpn_id)
        return api.describe_vpn_connections(self.client, VpnConnectionIds=[vpn_id])[0]

    def steps(self, vpn_id: str, plan: dict) -> list:
        """(call, still_needed(raw connection) -> bool) for every planned change, in order."""
        params, client = self.params, self.client
        out = []
        if plan["options"]:
            out.append((lambda: api.modify_vpn_connection_options(client, vpn_id, **vpn_diff.modify_request(plan["options"])),
                        lambda raw: bool(vpn_diff.connection_changes(plan["options"], copts.from_api(raw.get("Options")))[0])))
        for ip, changed in plan["tunnels"]:
            out.append((lambda ip=ip, changed=changed: api.modify_vpn_tunnel_options(
                client, vpn_id, ip, topts.to_api(changed), params["skip_tunnel_replacement"]),
                lambda raw, ip=ip, changed=changed: bool(vpn_diff.pending_tunnel_changes(
                    normalize.connection(raw, include_psk=True), ip, changed))))
        add, remove = plan["routes"]
        for cidr in add:
            out.append((lambda cidr=cidr: api.create_vpn_connection_route(client, vpn_id, cidr),
                        lambda raw, cidr=cidr: bool(vpn_diff.route_changes([cidr], normalize.connection(raw)["routes"], False)[0])))
        for cidr in remove:
            out.append((lambda cidr=cidr: api.delete_vpn_connection_route(client, vpn_id, cidr),
                        lambda raw, cidr=cidr: cidr in vpn_diff.route_changes([], normalize.connection(raw)["routes"], True)[1]))
        return out

    def ensure_present(self, raw):
        """(raw connection after, diff before view, diff after view)."""
        if raw is None:
            created = self.create()
            after = self.normalised(created) if created else self.predicted_new()
            return after, {}, vpn_diff.diff_view(after)
        actual = self.normalised(raw)
        reasons = self.replacement_reasons(actual)
        if reasons:
            explain = "; ".join("%s is %r, wanted %r" % r for r in reasons)
            if not self.params["allow_replacement"]:
                self.module.fail_json(msg="VPN connection %s needs replacement to apply this (%s): AWS cannot change it in place. "
                                      "Set allow_replacement: true to delete and recreate it (both tunnels go down and come "
                                      "back with new outside IPs)." % (raw["VpnConnectionId"], explain),
                                      replacement_reasons=[{"field": f, "actual": a, "desired": d} for f, a, d in reasons])
            self.delete(raw, wait=True)  # the new connection may reuse the old one's inside CIDRs
            after, _before, after_view = self.ensure_present(None)
            return after, vpn_diff.diff_view(actual), after_view
        plan = self.plan(raw, actual)
        self.describe_plan(plan)
        before_view = vpn_diff.diff_view(actual)
        if not self.changes:
            return actual, before_view, before_view
        if self.module.check_mode:
            to_set, to_unset = plan["tags"]
            tags = {k: v for k, v in dict(actual["tags"], **to_set).items() if k not in to_unset}
            after_view = vpn_diff.predict(before_view, plan["options"], dict(plan["tunnels"]), plan["routes"], tags)
            return actual, before_view, after_view
        after = self.normalised(self.apply(raw, plan))
        return after, before_view, vpn_diff.diff_view(after)

    def predicted_new(self) -> dict:
        """What check mode reports for a connection it would create (no AWS IDs or addresses yet)."""
        params = self.params
        options = copts.from_api(copts.to_api(params["connection_options"] or {}))
        tunnels = []
        for i, spec in enumerate(vpn_request.tunnel_specs(params), start=1):
            public = {k: v for k, v in spec.items() if k not in topts.SECRET_FIELDS}
            tunnels.append({"index": i, "outside_ip_address": None, "inside_cidr": spec.get("inside_cidr"),
                            "inside_ipv6_cidr": spec.get("inside_ipv6_cidr"), "options": topts.effective(public),
                            "crypto": normalize.crypto(public)})
        return {"vpn_connection_id": None, "state": "pending", "customer_gateway_id": params["customer_gateway_id"],
                "vpn_gateway_id": params["vpn_gateway_id"], "transit_gateway_id": params["transit_gateway_id"],
                "options": options, "routes": [{"destination_cidr_block": r} for r in params["routes"] or []],
                "tags": params["tags"] or {}, "tunnels": tunnels}


def main():
    module = AnsibleAWSModule(
        argument_spec=argument_spec(),
        supports_check_mode=True,
        mutually_exclusive=[("vpn_gateway_id", "transit_gateway_id")],
    )
    params = module.params
    if params["return_pre_shared_keys"] and not module.no_log:
        module.fail_json(msg="return_pre_shared_keys: true needs no_log: true on the task, so the keys are never displayed "
                         "[psk.no_log]")
    if params["wait_timeout"] <= 0:
        module.fail_json(msg="wait_timeout: must be a positive number of seconds (got %d) [wait.timeout]" % params["wait_timeout"])
    if params["state"] == "present":
        found = vpn_request.problems(params)
        if found:
            module.fail_json(msg=vpn_request.format_problems(found),
                             problems=[{"field": f, "rule": r, "message": m} for f, r, m in found])
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
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=bool(manager.changes), changes=manager.changes, vpn_connection=after,
                     diff={"before": before, "after": after_view})


if __name__ == "__main__":
    main()
