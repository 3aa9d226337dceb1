# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What each customer gateway's committed config says, from the device twin's structured model.

The model carries PSKs only as fingerprints; the raw key is the device's own (its state file, its
"flash"), found by fingerprinting the words of the running config. Never the key AWS holds: a
device with the wrong key must fail authentication as real gear does.
"""

from __future__ import annotations

import ipaddress
import json
import re

import lab.device_twins as twins
from lab.device_twins import secret9
from lab.device_twins.running import words

from lab.dataplane_sync import proposals


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def device_keys(twin) -> dict:
    """{fingerprint: raw key} for every word of the twin's saved running config (the device's flash).

    Junos keeps keys as $9$ secrets: those words count by their clear text, as the device uses them.
    """
    with open(twin.state_file, encoding="utf-8") as handle:
        running = json.load(handle)["running"]
    keys = {}
    for text in _strings(running):
        for word in re.split(r"\s+", text):
            word = word.strip('"')
            if secret9.looks_encoded(word):
                try:
                    word = secret9.reveal(word)
                except secret9.NotASecret:
                    continue
            if word:
                found = words.key(word, twin.psk_salt)
                keys.setdefault(found["fingerprint"], word)
    return keys


def _dpd(dpd) -> tuple:
    """(delay, timeout) seconds from the dialect's DPD block; AWS's 10 s / 30 s when unset."""
    if not dpd:
        return 10, 30
    delay = int(dpd.get("interval") or dpd.get("delay") or 10)
    retries = dpd.get("retries") or dpd.get("threshold")
    timeout = dpd.get("timeout") or (delay * int(retries) if retries else 30)
    return delay, int(timeout)


def _policy_policies(neighbor, direction: str) -> list:
    """The policies a neighbor applies in one direction: an IOS/VyOS route-map, Junos import/export policies."""
    return [neighbor.get("route_map_" + direction)] + list(neighbor.get(("import" if direction == "in" else "export") + "_policies") or [])


def _policy_set(model, neighbor, direction: str, wanted) -> object:
    """The first set/then action of the neighbor's policies in one direction whose key ``wanted`` accepts, else None."""
    for policy in _policy_policies(neighbor, direction):
        for entry in model["route_maps"].get(policy or "", []):
            for key, value in entry.get("set", {}).items():
                if wanted(key.replace("-", "_")):
                    return value
    return None


def _prepend(model, neighbor) -> int:
    """Extra AS_PATH copies the CGW puts on what it advertises to this neighbor (set as-path prepend)."""
    value = _policy_set(model, neighbor, "out", lambda key: "as" in key and ("path" in key or "prepend" in key))
    words = value if isinstance(value, list) else str(value or "").split()
    return len([w for w in words if str(w).isdigit()])


def _local_pref(model, neighbor):
    """The local preference the CGW gives what it learns from this neighbor (set local-preference), None if unset:
    a drained tunnel gets the standby's, so the CGW sends over its partner."""
    value = _policy_set(model, neighbor, "in", lambda key: key == "local_preference")
    return int(value) if value is not None and str(value).isdigit() else None


def _policy_prefix_lists(model, neighbor, direction: str) -> list:
    """Prefix-lists a neighbor's policies match in one direction: IOS/VyOS route-maps, Junos import/export policies."""
    names = [neighbor.get("prefix_list_" + direction)]
    for policy in _policy_policies(neighbor, direction):
        for entry in model["route_maps"].get(policy or "", []):
            if entry.get("action") not in ("deny", "reject"):
                match = entry.get("match", {})
                names.extend(match.get("prefix_lists") or match.get("prefix-list") or [])
    return [e for name in names if name for e in model["prefix_lists"].get(name, []) if e["action"] == "permit"]


def _import_allow(model, neighbor) -> list:
    """The neighbor's inbound prefix-lists as lab spec entries; `any` when the device filters nothing."""
    plist = _policy_prefix_lists(model, neighbor, "in")
    if not plist:
        return ["any"]
    return [e["prefix"] + (" ge %s" % e["ge"] if e.get("ge") else "") + (" le %s" % e["le"] if e.get("le") else "") for e in plist]


def _advertised(model, bgp) -> list:
    """What the CGW originates: its BGP networks; Junos has none and exports what its export policies let out
    (the LAN routes are in its routing table)."""
    if bgp.get("networks"):
        return list(bgp["networks"])
    return _unique(e["prefix"] for n in bgp["neighbors"] for e in _policy_prefix_lists(model, n, "out"))


def _offered(device_proposals) -> list:
    """The proposals the device puts on the wire: a VyOS group offers each of its entries on its own."""
    return [entry for prop in device_proposals or [] for entry in prop.get("entries") or [prop]]


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def endpoints(twin) -> list:
    """One endpoint per tunnel interface of the twin with an IKE peer: crypto, addresses, its BGP neighbor, and
    ``ike_refused``: why the device drops IKE for it ('' when admitted).

    ``source`` is the address (or interface) the device binds IKE to and sources the tunnel from; translate puts
    the CGW on it, behind a 1:1 NAT to AWS's customer gateway address when they differ (docs/nat.md). ``local_id``
    is the identity the device's config names (None: the device sends its address, as strongSwan then does)."""
    model = twins.model(twin)
    refusals = twins.ike_refusals(twin)    # the device's own judgement: an SRX drops IKE its zone does not admit
    keys = device_keys(twin)
    bgp = model.get("bgp") or {"local_as": None, "neighbors": [], "networks": [], "maximum_paths": None}
    out = []
    for tun in model["tunnels"]:
        crypto = tun.get("crypto") or {}
        if not tun.get("peer") or not tun.get("inside_address") or not crypto:
            continue
        inside = ipaddress.ip_interface(tun["inside_address"])
        peer_inside = str(next(h for h in inside.network.hosts() if h != inside.ip))
        neighbor = next((n for n in bgp["neighbors"] if n["address"] == peer_inside), None)
        fingerprint = (crypto.get("psk") or {}).get("fingerprint")
        delay, timeout = _dpd(crypto.get("dpd"))
        out.append({
            "device_tunnel": tun["name"], "peer_outside_ip": tun["peer"], "source": tun.get("source"), "local_id": crypto.get("local_id"),
            "inside": str(inside), "peer_inside_ip": peer_inside, "psk": keys.get(fingerprint),
            "ike_version": 1 if str(crypto.get("ike_version")) == "ikev1" else 2,
            "ike_proposals": _unique(p for prop in _offered(crypto.get("ike_proposals")) for p in proposals.from_device(1, prop)),
            "esp_proposals": _unique(p for prop in _offered(crypto.get("ipsec_proposals"))
                                     for p in proposals.from_device(2, prop, crypto.get("pfs"))),
            "ike_lifetime": crypto.get("ike_lifetime") or 28800, "ipsec_lifetime": crypto.get("ipsec_lifetime") or 3600,
            "dpd_delay": delay, "dpd_timeout": timeout,
            "asn": bgp["local_as"], "neighbor": neighbor, "networks": _advertised(model, bgp),
            "maximum_paths": bgp.get("maximum_paths"), "prepend": _prepend(model, neighbor) if neighbor else 0,
            "local_pref": _local_pref(model, neighbor) if neighbor else None,
            "import_allow": _import_allow(model, neighbor) if neighbor else ["any"],
            "ike_refused": refusals.get(tun.get("ike_gateway"), ""),
        })
    return out
