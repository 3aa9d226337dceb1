# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One VPN connection converged: find it, compare with the desired state, then act.

Shared by the vpn_connection module (one connection per run) and the vpn_estate module (every
connection of an estate in one run). ``params`` has vpn_connection's options. How the manager
reads AWS is injectable so the batch can serve finds from one Describe of the whole estate
(``describe``), look ASNs up in what it already read (``asns``) and wait for many connections
with one poll (``waiter``). Problems are raised as ``VpnError`` (never fail_json: the batch runs
managers in threads and reports per connection).
"""

from __future__ import annotations

import functools

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_specifications

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_diff
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts


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
        elif f.kind == "kex":
            spec[f.name] = {"type": "list", "elements": "dict", "no_log": False, "options": {
                "round": {"type": "int", "required": True}, "methods": {"type": "list", "elements": "int"},
                "requirement": {"type": "str", "choices": list(topts.REQUIREMENTS), "default": topts.REQUIREMENTS[0]}}}
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
        vpn_concentrator_id=dict(type="str"),
        cloudwan=dict(type="bool", default=False),
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
    """Find, compare, then act, for one connection (``params``, module.params by default, is the desired state).

    ``describe(**kwargs)`` answers finds (DescribeVpnConnections by default), ``asns(raw)`` gives a
    connection's BGP ASNs (read from AWS by default), ``waiter`` waits for states (a VpnStateWaiter).
    """

    def __init__(self, module, client, params=None, describe=None, asns=None, waiter=None):
        self.module = module
        self.client = client
        self.params = module.params if params is None else params
        self.live_describe = functools.partial(api.describe_vpn_connections, client)
        self.describe = describe or self.live_describe
        self.asns = asns or functools.partial(api.connection_asns, client)
        self.waiter = waiter or api.VpnStateWaiter(client)
        self.changes = []
        self.deleted = set()  # connections this manager deleted (a batch's snapshot still lists them)

    # ---- finding -----------------------------------------------------------------------------

    def _unique(self, found: list, how: str):
        live = [c for c in found if c.get("State") in LIVE_STATES]
        if len(live) > 1:
            raise VpnError("%d VPN connections match %s (%s); set vpn_connection_id"
                           % (len(live), how, ", ".join(c["VpnConnectionId"] for c in live)))
        return live[0] if live else None

    def find(self, describe=None):
        """The live connection the parameters identify (Describe shape), or None."""
        params = self.params
        describe = describe or self.describe
        state_filter = {"Name": "state", "Values": list(LIVE_STATES)}
        if params["vpn_connection_id"]:
            found = describe(VpnConnectionIds=[params["vpn_connection_id"]])
            return self._unique(found, "vpn_connection_id")
        tags = params["tags"] or {}
        keys = [k for k in params["match_tags"] if k in tags]
        if keys:
            filters = [state_filter] + [{"Name": "tag:%s" % k, "Values": [tags[k]]} for k in keys]
            found = self._unique(describe(Filters=filters),
                                 "tags %s" % ", ".join(keys))
            if found:
                return found
        target_key = "transit-gateway-id" if params["transit_gateway_id"] else "vpn-gateway-id"
        target = params["transit_gateway_id"] or params["vpn_gateway_id"]
        if not (params["customer_gateway_id"] and (target or params["cloudwan"])):
            return None
        filters = [state_filter, {"Name": "customer-gateway-id", "Values": [params["customer_gateway_id"]]}]
        if target:
            found = describe(Filters=filters + [{"Name": target_key, "Values": [target]}])
        else:  # Cloud WAN: the customer gateway's connections on no gateway (no filter says "none")
            target_key = "no gateway"
            found = [c for c in describe(Filters=filters) if not (c.get("VpnGatewayId") or c.get("TransitGatewayId"))]
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
        asns = self.asns(raw)
        return normalize.connection(raw, asns, include_psk=self.params["return_pre_shared_keys"])

    def wait(self, vpn_id: str, states=("available",)):
        return self.waiter.wait(vpn_id, states, self.params["wait_timeout"])

    # ---- create / delete ---------------------------------------------------------------------

    def create(self) -> dict:
        params = self.params
        specs = vpn_request.with_generated_keys(vpn_request.tunnel_specs(params), params["generate_pre_shared_keys"])
        if not params["return_pre_shared_keys"]:
            self.module.no_log_values.update(s["pre_shared_key"] for s in specs if s.get("pre_shared_key"))
        self.changes.append("create VPN connection")
        if params["routes"]:
            self.changes.extend("create route %s" % r for r in params["routes"])
        self.check_inside_cidrs_free(specs)
        if self.module.check_mode:
            return None
        found = vpn_request.create_problems(params)
        if found:
            raise VpnError(vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
        request = vpn_request.create_request(params, specs, boto3_tag_specifications(params["tags"], ["vpn-connection"]))
        # After a 5xx the create looks AWS up again (never the batch's snapshot).
        created = api.create_vpn_connection(self.client, lambda: self.find(self.live_describe), **request)
        vpn_id = created["VpnConnectionId"]
        if params["routes"] or params["wait"]:
            created = self.wait(vpn_id)
        for route in params["routes"] or []:
            api.create_vpn_connection_route(self.client, vpn_id, route)
        return self.live_describe(VpnConnectionIds=[vpn_id])[0] if params["routes"] else created

    def check_inside_cidrs_free(self, specs: list) -> None:
        """Refuse (in check mode too) pinned inside CIDRs another connection on the gateway holds."""
        target = vpn_request.target_filter(self.params)
        if not (target and vpn_request.pins_inside_cidrs(specs)):
            return
        on_gateway = self.describe(Filters=[{"Name": "state", "Values": list(LIVE_STATES)}, target])
        found = vpn_request.inside_cidr_conflicts(specs, [c for c in on_gateway if c["VpnConnectionId"] not in self.deleted])
        if found:
            raise VpnError(vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))

    def delete(self, raw, wait: bool) -> None:
        self.changes.append("delete VPN connection %s" % raw["VpnConnectionId"])
        self.deleted.add(raw["VpnConnectionId"])
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
        options = vpn_diff.connection_changes(params["connection_options"] or {}, actual["options"])[0]
        found = vpn_request.modify_problems(options, actual["options"], vpn_request.actual_target(actual))
        if found:
            raise VpnError(vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
        return {
            "options": options,
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
        return self.live_describe(VpnConnectionIds=[vpn_id])[0]

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
                raise VpnError("VPN connection %s needs replacement to apply this (%s): AWS cannot change it in place. "
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
                "vpn_concentrator_id": params.get("vpn_concentrator_id"),
                "options": options, "routes": [{"destination_cidr_block": r} for r in params["routes"] or []],
                "tags": params["tags"] or {}, "tunnels": tunnels}
