# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every customer gateway and VPN connection of an estate converged in one module run.

Why: a loop of single-resource tasks pays Ansible's per-task cost and a Describe (or several) per
item. Here the estate is read with one Describe per resource type, each gateway and connection is
converged by the same per-resource code the single modules use (customer_gateway_manager,
VpnConnectionManager, tgw_vpn_routing) in a small thread pool, and connections waiting for
``available`` share each poll (VpnStateWaiter). One tunnel at a time per connection still holds:
a connection's changes run in order in one thread.

Input rules: every item is validated (its option types with Ansible's own validator, then the
shared model's rules) before any AWS call; problems name the item and the field.
"""

from __future__ import annotations

import concurrent.futures

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import customer_gateway_manager as cgws
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import tgw_vpn_routing as routing
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_connection_manager as manager
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent as intent_model
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

# Options the whole run shares (top level of the module), handed to every connection's manager.
RUN_OPTIONS = ("match_tags", "return_pre_shared_keys", "allow_replacement", "skip_tunnel_replacement", "wait",
               "wait_timeout", "purge_tags")
ROUTING_SPEC = dict(
    association_route_table_id=dict(type="str"),
    propagation_route_table_ids=dict(type="list", elements="str", default=[]),
    purge_propagations=dict(type="bool", default=False),
)
# Where an item goes (estate_placement): its Region (default: the module's) and the role to assume (default: none).
PLACEMENT_SPEC = dict(region=dict(type="str"), account_role_arn=dict(type="str"))


def argument_spec() -> dict:
    return dict(
        customer_gateways=dict(type="list", elements="dict", default=[]),
        connections=dict(type="list", elements="dict", default=[]),
        pre_shared_keys=dict(type="dict", default={}, no_log=True),
        match_tags=dict(type="list", elements="str", default=["Name"]),
        purge_tags=dict(type="bool", default=True),
        return_pre_shared_keys=dict(type="bool", default=False, no_log=False),
        allow_replacement=dict(type="bool", default=False),
        skip_tunnel_replacement=dict(type="bool", default=False),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
        max_concurrency=dict(type="int", default=8),
    )


def cgw_item_spec() -> dict:
    spec = {k: v for k, v in cgws.argument_spec().items() if k not in ("state", "customer_gateway_id", "purge_tags")}
    spec.update(PLACEMENT_SPEC, name=dict(type="str", required=True))
    return spec


def connection_item_spec() -> dict:
    spec = {k: v for k, v in manager.argument_spec().items() if k not in RUN_OPTIONS + ("state", "customer_gateway_id")}
    spec.update(PLACEMENT_SPEC, name=dict(type="str", required=True), customer_gateway=dict(type="str"),
                customer_gateway_id=dict(type="str"),
                transit_gateway_routing=dict(type="dict", options=ROUTING_SPEC))
    return spec


# ---- input ----------------------------------------------------------------------------------

def _item_label(kind: str, index: int, item) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return "%s[%d]%s" % (kind, index, " (%s)" % name if name else "")


def _validated(spec: dict, item, label: str, found: list, **rules) -> dict:
    """Ansible's own type checks and defaults for one item; failures go to ``found``."""
    if not isinstance(item, dict):
        found.append((label, "estate.item", "must be a dictionary"))
        return None
    result = ArgumentSpecValidator(spec, **rules).validate(item)
    found.extend((label, "estate.option", message) for message in result.error_messages)
    return None if result.error_messages else result.validated_parameters


def _keys_problems(params: dict, names: set) -> list:
    found = []
    for name, keys in params["pre_shared_keys"].items():
        if name not in names:
            found.append(("pre_shared_keys.%s" % name, "estate.reference", "names no connection of this task"))
        elif not isinstance(keys, list) or len(keys) > vpn_request.MAX_TUNNELS:
            found.append(("pre_shared_keys.%s" % name, "estate.keys", "must be a list of at most %d keys (or nulls), "
                          "tunnel 1 first" % vpn_request.MAX_TUNNELS))
    return found


def _placed(label: str, item: dict, default_region) -> list:
    """Give the item its Region (``default_region`` when it names none); problems with its Region and role."""
    found = []
    if item["region"] is not None and not intent_model.REGION_NAME.match(item["region"]):
        found.append((label + ".region", "estate.region", "%r is not an AWS Region name (like us-east-1)" % item["region"]))
    if item["account_role_arn"] is not None and not intent_model.ROLE_ARN.match(item["account_role_arn"]):
        found.append((label + ".account_role_arn", "estate.account_role_arn", "%r is not an IAM role ARN "
                      "(arn:aws:iam::<12-digit account>:role/<name>)" % item["account_role_arn"]))
    item["region"] = item["region"] or default_region
    return found


def _where(item: dict) -> tuple:
    return item["account_role_arn"], item["region"]


def _reference_problem(label: str, item: dict, by_name: dict):
    """A connection's customer_gateway must name a gateway of this task in the same Region and account: a customer
    gateway is a resource of one Region (a CGW serving two needs an entry in each)."""
    if not item["customer_gateway"]:
        return None
    gateway = by_name.get(item["customer_gateway"])
    if gateway is None:
        return (label + ".customer_gateway", "estate.reference", "names no entry of customer_gateways (%s)"
                % (", ".join(sorted(by_name)) or "none given"))
    if _where(gateway) != _where(item):
        return (label + ".customer_gateway", "estate.placement", "%s is in %s, this connection in %s: a customer gateway "
                "serves one Region and account; give one in each" % (gateway["name"], _place_text(gateway), _place_text(item)))
    return None


def _place_text(item: dict) -> str:
    return "%s%s" % (item["region"],
                     " of %s" % item["account_role_arn"] if item["account_role_arn"] else "")


def secret_values(params: dict) -> set:
    """Every key the task was given, wherever it was put, so none is ever printed (even a misplaced one)."""
    out = set()
    for keys in params["pre_shared_keys"].values():
        out.update(k for k in (keys if isinstance(keys, list) else [keys]) if isinstance(k, str) and k)
    for item in params["connections"]:
        for tunnel in (item.get("tunnel_options") or []) if isinstance(item, dict) else []:
            key = tunnel.get("pre_shared_key") if isinstance(tunnel, dict) else None
            if isinstance(key, str) and key:
                out.add(key)
    return out


def parse(params: dict, no_log: bool, default_region=None) -> tuple:
    """(gateway items, connection items, problems); items are validated params (an item without a Region is in
    ``default_region``, the module's), problems name item and field."""
    found = list(vpn_request.run_problems(params, no_log))
    if params["max_concurrency"] < 1:
        found.append(("max_concurrency", "estate.concurrency", "must be 1 or more (got %d)" % params["max_concurrency"]))
    gateways, connections = [], []
    for i, item in enumerate(params["customer_gateways"]):
        label = _item_label("customer_gateways", i, item)
        valid = _validated(cgw_item_spec(), item, label, found)
        if valid is None:
            continue
        valid.update(state="present", customer_gateway_id=None, purge_tags=params["purge_tags"])
        found.extend(("%s.%s" % (label, f), r, m) for f, r, m in cgws.problems(valid))
        found.extend(_placed(label, valid, default_region))
        gateways.append(valid)
    cgw_by_name = {g["name"]: g for g in gateways}
    for i, item in enumerate(params["connections"]):
        label = _item_label("connections", i, item)
        valid = _validated(connection_item_spec(), item, label, found,
                           mutually_exclusive=[("vpn_gateway_id", "transit_gateway_id"), ("customer_gateway", "customer_gateway_id")])
        if valid is None:
            continue
        if any(t.get("pre_shared_key") for t in valid["tunnel_options"] or []):
            found.append((label + ".tunnel_options", "estate.psk_location", "give keys in pre_shared_keys (a no_log option), "
                          "not in the connection"))
        keys = params["pre_shared_keys"].get(valid["name"])
        valid["tunnel_options"] = psk.place(valid["tunnel_options"], keys if isinstance(keys, list) else []) or None
        valid.update({k: params[k] for k in RUN_OPTIONS}, state="present")
        found.extend(("%s.%s" % (label, f), r, m) for f, r, m in vpn_request.problems(valid))
        found.extend(_placed(label, valid, default_region))
        reference = _reference_problem(label, valid, cgw_by_name)
        if reference:
            found.append(reference)
        outside = (valid["connection_options"] or {}).get("outside_ip_address_type") or "PublicIpv4"
        cgw_ip = (cgw_by_name.get(valid["customer_gateway"]) or {}).get("ip_address")
        problem = cgw_ip and intent_model.outside_ip_problem(cgw_ip, outside)
        if problem:  # AWS refuses a customer gateway of the other family (or a public one for a private IP VPN)
            found.append((label + ".customer_gateway", problem[0], problem[1]))
        if valid["transit_gateway_routing"] and not valid["transit_gateway_id"]:
            found.append((label + ".transit_gateway_routing", "estate.routing_target", "needs transit_gateway_id"))
        connections.append(valid)
    for kind, items in (("customer_gateways", gateways), ("connections", connections)):
        names = [g["name"] for g in items]
        found.extend(("%s (%s)" % (kind, n), "estate.duplicate", "name used more than once")
                     for n in sorted({n for n in names if names.count(n) > 1}))
    found.extend(_keys_problems(params, {c["name"] for c in connections}))
    return gateways, connections, found


# ---- reading the estate ----------------------------------------------------------------------

def _filter_value(conn: dict, name: str):
    if name.startswith("tag:"):
        return normalize.tags(conn.get("Tags")).get(name[4:])
    field = {"state": "State", "customer-gateway-id": "CustomerGatewayId", "vpn-gateway-id": "VpnGatewayId",
             "transit-gateway-id": "TransitGatewayId", "vpn-connection-id": "VpnConnectionId"}[name]
    return conn.get(field)


class Snapshot:
    """Connections read once for the whole estate, answering DescribeVpnConnections in memory."""

    def __init__(self):
        self.connections = {}

    def add(self, found: list) -> None:
        self.connections.update((c["VpnConnectionId"], c) for c in found)

    def describe(self, VpnConnectionIds=None, Filters=None) -> list:  # pylint: disable=invalid-name
        out = list(self.connections.values())
        if VpnConnectionIds is not None:
            out = [c for c in out if c["VpnConnectionId"] in VpnConnectionIds]
        for rule in Filters or []:
            out = [c for c in out if _filter_value(c, rule["Name"]) in rule["Values"]]
        return out


# ---- the run ---------------------------------------------------------------------------------

class Estate:
    """One run in one Region and account (estate_placement runs one per placement): converge the gateways, then the
    connections, then their TGW routing."""

    def __init__(self, module, client, gateways: list, connections: list):
        self.module = module
        self.client = client
        self.params = module.params
        self.gateways = gateways
        self.connections = connections
        self.cache = api.GatewayCache(client)
        self.waiter = api.VpnStateWaiter(client)
        self.results = {"customer_gateways": [], "vpn_connections": []}
        self.failures = []

    def _parallel(self, work, items: list) -> list:
        """work(item) for every item in the pool; (item, result or None, error or None) in item order."""
        def guarded(item):
            try:
                return item, work(item), None
            except (VpnError, AnsibleAWSError) as exc:
                return item, None, exc
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.params["max_concurrency"]) as pool:
            return list(pool.map(guarded, items))

    def _fail(self, kind: str, item: dict, exc) -> None:
        entry = {"kind": kind, "name": item["name"], "msg": exc.message if isinstance(exc, VpnError) else str(exc)}
        if isinstance(exc, VpnError):
            entry.update(exc.details)
        self.failures.append(entry)

    # customer gateways

    def converge_gateways(self) -> dict:
        """{gateway name: customer gateway id, None if only planned}; one Describe for all of them."""
        ips = sorted({cgws.canonical_ip(g["ip_address"]) for g in self.gateways if g["ip_address"]})
        found = api.describe_customer_gateways(self.client, Filters=[
            {"Name": "state", "Values": list(cgws.LIVE_STATES)}, {"Name": "ip-address", "Values": ips}]) if ips else []
        self.cache.add("cgw", found)

        def converge(item):
            raw = cgws.match(found, item)
            current = normalize.customer_gateway(raw) if raw else None
            changed, after = cgws.ensure_present(self.client, self.module, item, current)
            return changed, current, after
        ids, created = {}, []
        for item, result, error in self._parallel(converge, self.gateways):
            if error is not None:
                self._fail("customer_gateway", item, error)
                continue
            changed, before, after = result
            ids[item["name"]] = after["customer_gateway_id"]
            if changed and not self.module.check_mode and before is None:
                created.append(after["customer_gateway_id"])
            self.results["customer_gateways"].append({"name": item["name"], "changed": changed, "customer_gateway": after,
                                                      "diff": {"before": before or {}, "after": after}})
        self.cache.prefetch("cgw", created)  # their ASNs, for the connections' results, in one read
        return ids

    # VPN connections

    def _read_connections(self, managers: list) -> None:
        """One Describe of the live connections carrying the first identity tag, then (only for items that
        found nothing) one by customer gateway, and one for explicit ids not seen yet."""
        snapshot = Snapshot()
        live = {"Name": "state", "Values": list(manager.LIVE_STATES)}
        for key in self.params["match_tags"]:
            values = sorted({m.params["tags"][key] for m in managers if key in (m.params["tags"] or {})})
            if values:
                snapshot.add(api.describe_vpn_connections(self.client, Filters=[live, {"Name": "tag:" + key, "Values": values}]))
                break
        ids = sorted({m.params["vpn_connection_id"] for m in managers if m.params["vpn_connection_id"]} - set(snapshot.connections))
        if ids:
            snapshot.add(api.describe_vpn_connections(self.client, Filters=[{"Name": "vpn-connection-id", "Values": ids}]))
        for m in managers:
            m.describe = snapshot.describe
        unmatched = [m for m in managers if not m.params["vpn_connection_id"] and m.params["customer_gateway_id"] and m.find() is None]
        if unmatched:
            snapshot.add(api.describe_vpn_connections(self.client, Filters=[
                live, {"Name": "customer-gateway-id", "Values": sorted({m.params["customer_gateway_id"] for m in unmatched})}]))
        # Every live connection on a gateway where an item still to create pins inside CIDRs: the create checks its
        # pins in this read (VpnConnectionManager.check_inside_cidrs_free), one Describe per gateway kind; a run
        # with nothing to create reads nothing more.
        pinning = [m.params for m in managers
                   if m.find() is None and vpn_request.pins_inside_cidrs(vpn_request.tunnel_specs(m.params))]
        for name, key in (("transit-gateway-id", "transit_gateway_id"), ("vpn-gateway-id", "vpn_gateway_id")):
            targets = sorted({p[key] for p in pinning if p[key]})
            if targets:
                snapshot.add(api.describe_vpn_connections(self.client, Filters=[live, {"Name": name, "Values": targets}]))

    def _read_targets(self) -> None:
        self.cache.prefetch("tgw", [c["transit_gateway_id"] for c in self.connections if c["transit_gateway_id"]])
        self.cache.prefetch("vgw", [c["vpn_gateway_id"] for c in self.connections if c["vpn_gateway_id"]])

    def converge_connections(self, cgw_ids: dict) -> list:
        """(item, vpn_connection after, changed) of every connection that converged."""
        managers = []
        for item in self.connections:
            params = dict(item)
            if item["customer_gateway"]:
                params["customer_gateway_id"] = cgw_ids.get(item["customer_gateway"])
            managers.append(manager.VpnConnectionManager(
                self.module, self.client, params, asns=lambda raw: api.connection_asns(self.client, raw, self.cache.lookup),
                waiter=self.waiter))
        if not managers:
            return []
        self._read_connections(managers)
        self._read_targets()

        def converge(m):
            raw = m.find()
            m.hide_keys(raw)
            return m.ensure_present(raw)
        done = []
        for m, result, error in self._parallel(converge, managers):
            if error is not None:
                self._fail("vpn_connection", m.params, error)
                continue
            after, before_view, after_view = result
            done.append((m.params, after))
            self.results["vpn_connections"].append({"name": m.params["name"], "changed": bool(m.changes), "changes": m.changes,
                                                    "vpn_connection": after, "diff": {"before": before_view, "after": after_view}})
        return done

    # TGW routing

    def converge_routing(self, done: list) -> None:
        """Association and propagations of the TGW attachments, from one Describe of the attachments
        and one read of each TGW's route tables."""
        wanted = [(item, after) for item, after in done if item["transit_gateway_routing"]]
        ids = [after["vpn_connection_id"] for _item, after in wanted if after.get("vpn_connection_id")]
        attachments = routing.vpn_attachments(self.client, ids) if ids else {}
        props = {}
        for tgw in sorted({a["TransitGatewayId"] for a in attachments.values()}):
            props.update(routing.propagations(self.client, tgw))
        by_name = {r["name"]: r for r in self.results["vpn_connections"]}

        def converge(pair):
            item, after = pair
            attachment = attachments.get(after.get("vpn_connection_id"))
            if attachment is None and not self.module.check_mode:
                raise VpnError("no live transit gateway attachment for %s" % after.get("vpn_connection_id"))
            attachment_id = attachment["TransitGatewayAttachmentId"] if attachment else None
            current = routing.association(attachment) if attachment else None
            current_props = props.get(attachment_id, set())
            options = dict(item["transit_gateway_routing"], state="present", wait_timeout=self.params["wait_timeout"])
            todo = routing.plan(options, current, current_props)
            if routing.needed(todo) and not self.module.check_mode:
                routing.apply(self.client, options, attachment_id, todo)
            return attachment_id, todo, routing.views(current, current_props, todo)
        for (item, _after), result, error in self._parallel(converge, wanted):
            if error is not None:
                self._fail("transit_gateway_routing", item, error)
                continue
            attachment_id, todo, (before, after) = result
            entry = by_name[item["name"]]
            entry["transit_gateway_routing"] = dict(after, transit_gateway_attachment_id=attachment_id)
            if routing.needed(todo):
                entry["changed"] = True
                entry["changes"].append("transit gateway routing: %s -> %s" % (before, after))
            entry["diff"]["before"]["transit_gateway_routing"] = before
            entry["diff"]["after"]["transit_gateway_routing"] = after

    def run(self) -> None:
        cgw_ids = self.converge_gateways()
        self.converge_routing(self.converge_connections(cgw_ids))

    def changed(self) -> bool:
        return any(e["changed"] for e in self.results["customer_gateways"] + self.results["vpn_connections"])
