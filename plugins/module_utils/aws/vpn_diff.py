# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired versus actual for one VPN connection (pure functions).

Only what the user set is compared: an option left unset is "whatever AWS runs".
Lists compare as sets of canonical names (AWS evaluates proposals in its own order and
reads them back as ``[{"Value": x}]``), log options compare the keys given.

Tunnel identity across runs: desired tunnel ``i`` is the actual tunnel whose inside CIDR
it names; tunnels without an inside CIDR (or naming one AWS does not run) take the
remaining actual tunnels in the order AWS lists them (``Options.TunnelOptions``).
"""

from __future__ import annotations

import copy
import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import connection_options as copts
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

CIDR_KEYS = ("inside_cidr", "inside_ipv6_cidr")


def match_tunnels(desired: list, actual: list) -> list:
    """Pairs (desired index, actual tunnel) following the identity rule in the module docstring."""
    free = list(actual)
    pairs = {}
    for i, spec in enumerate(desired):
        for tunnel in free:
            if any(spec.get(k) and spec.get(k) == tunnel.get(k) for k in CIDR_KEYS):
                pairs[i] = tunnel
                free.remove(tunnel)
                break
    for i in range(len(desired)):
        if i not in pairs and free:
            pairs[i] = free.pop(0)
    return sorted(pairs.items())


def _same(name: str, want, have) -> bool:
    f = topts.BY_NAME[name]
    if f.kind == "list":
        return have is not None and set(topts.canonical_value(name, want)) == set(topts.canonical_value(name, have))
    if f.kind == "kex":
        return topts.canonical_value(name, want) == topts.canonical_value(name, have or [])
    if f.kind == "log":
        have = have or {}
        return all(have.get(k) == v for k, v in want.items())
    if f.kind in ("cidr4", "cidr6"):
        return have is not None and ipaddress.ip_network(want) == ipaddress.ip_network(have)
    return want == have


def tunnel_changes(spec: dict, actual_options: dict, actual_psk=None) -> dict:
    """The fields of ``spec`` (snake-case, one tunnel) that differ from what the tunnel runs.

    ``actual_options`` are the tunnel's effective options (vpn_normalize). The key is
    compared only when AWS returned one (it does not with Secrets Manager storage).
    """
    changes = {}
    for name, want in spec.items():
        if want is None:
            continue
        if name == "pre_shared_key":
            if actual_psk is not None and want != actual_psk:
                changes[name] = want
        elif not _same(name, want, actual_options.get(name)):
            changes[name] = want
    return changes


def pending_tunnel_changes(connection: dict, outside_ip: str, changes: dict) -> dict:
    """What of ``changes`` the tunnel at ``outside_ip`` of a normalised connection (with keys) still lacks."""
    tunnel = next((t for t in connection["tunnels"] if t["outside_ip_address"] == outside_ip), None)
    if tunnel is None:
        return dict(changes)
    return tunnel_changes(changes, tunnel["options"], tunnel.get("pre_shared_key"))


def connection_changes(desired: dict, actual: dict) -> tuple:
    """(options ModifyVpnConnectionOptions can change, [(option, actual, desired)] that need a new connection)."""
    modify, replace = {}, []
    for name, want in (desired or {}).items():
        if want is None:
            continue
        have = actual.get(name)
        if name.endswith("_network_cidr") and have is not None:
            equal = ipaddress.ip_network(want) == ipaddress.ip_network(have)
        else:
            equal = want == have
        if equal:
            continue
        if copts.BY_NAME[name].change == "modify":
            modify[name] = want
        else:
            replace.append((name, have, want))
    return modify, replace


def identity_changes(params: dict, actual: dict) -> list:
    """[(field, actual, desired)] for a CGW, gateway or concentrator the connection does not terminate on (AWS sets a
    concentrator only at creation)."""
    out = []
    for name in ("customer_gateway_id", "vpn_gateway_id", "transit_gateway_id", "vpn_concentrator_id"):
        want = params.get(name)
        if want and want != actual.get(name):
            out.append((name, actual.get(name), want))
    if params.get("cloudwan") and (actual.get("vpn_gateway_id") or actual.get("transit_gateway_id")):
        out.append(("cloudwan", actual.get("vpn_gateway_id") or actual.get("transit_gateway_id"), True))
    return out


def route_changes(desired, actual_routes: list, purge: bool) -> tuple:
    """(routes to add, routes to delete); ``desired`` None means routes are not managed."""
    if desired is None:
        return [], []
    have = {r["destination_cidr_block"] for r in actual_routes if r.get("state") not in ("deleted", "deleting")}
    want = {str(ipaddress.ip_network(r)) for r in desired}
    return sorted(want - have), sorted(have - want) if purge else []


def modify_request(name_values: dict) -> dict:
    """ModifyVpnConnectionOptions keyword arguments for snake-case connection options."""
    return copts.to_api(name_values)


# Keys of the normalised connection a diff shows: what the user manages, nothing volatile.
_DIFF_TUNNEL_KEYS = ("outside_ip_address", "inside_cidr", "inside_ipv6_cidr", "options")


def diff_view(normalised) -> dict:
    """The part of a normalised connection shown in ``--diff`` (never a key, never telemetry)."""
    if not normalised:
        return {}
    return {
        "vpn_connection_id": normalised.get("vpn_connection_id"),
        "customer_gateway_id": normalised.get("customer_gateway_id"),
        "vpn_gateway_id": normalised.get("vpn_gateway_id"),
        "transit_gateway_id": normalised.get("transit_gateway_id"),
        "vpn_concentrator_id": normalised.get("vpn_concentrator_id"),
        "options": normalised.get("options"),
        "routes": [r["destination_cidr_block"] for r in normalised.get("routes", [])],
        "tags": normalised.get("tags"),
        "tunnels": [{k: t.get(k) for k in _DIFF_TUNNEL_KEYS} for t in normalised.get("tunnels", [])],
    }


def predict(view: dict, option_changes: dict, tunnel_changes_by_ip: dict, routes: tuple, tags: dict) -> dict:
    """The diff view after the given changes: what check mode reports as ``after``."""
    after = copy.deepcopy(view)
    after["options"].update(option_changes)
    for tunnel in after["tunnels"]:
        for name, value in tunnel_changes_by_ip.get(tunnel["outside_ip_address"], {}).items():
            if name in topts.SECRET_FIELDS:
                continue
            value = topts.canonical_value(name, value)
            if name in CIDR_KEYS:
                tunnel[name] = value
            tunnel["options"][name] = value
    add, remove = routes
    after["routes"] = sorted(set(after["routes"]) - set(remove) | set(add))
    if tags is not None:
        after["tags"] = tags
    return after
