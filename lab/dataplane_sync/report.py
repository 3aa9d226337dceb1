# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The data plane's real state back to both twins: each device twin's dataplane file (its show
commands read it) and each AWS tunnel's status report (VgwTelemetry, GetActiveVpnTunnelStatus,
CloudWatch TunnelState come from it)."""

from __future__ import annotations

import json
import os

from lab.aws_twin.client import TwinClient
from lab.dataplane_sync import proposals


def _negotiated(end: dict) -> dict:
    """AWS's negotiated-algorithm report keys from one endpoint's charon state."""
    out = {}
    for phase, key in ((1, "ike_algorithms"), (2, "esp_algorithms")):
        for name, value in proposals.negotiated(phase, end.get(key, "")).items():
            out["phase%d_%s" % (phase, name)] = value
    if end.get("ike_version"):
        out["ike_version"] = end["ike_version"].lower()
    return out


def _device_tunnel(end: dict, entry: dict, reason: str) -> dict:
    """One device tunnel's state from the CGW endpoint's charon: up/down, IKE SA uptime, CHILD SA counters."""
    ike_up, ipsec_up = end["ike_state"] == "ESTABLISHED", end["child_state"] == "INSTALLED"
    state = {"ike": "up" if ike_up else "down", "ipsec": "up" if ipsec_up else "down",
             "local": entry["cgw_outside_ip"], "remote": entry["aws_outside_ip"], "reason": reason,
             "uptime": end.get("ike_uptime", 0) if ike_up else 0, "ipsec_uptime": end.get("child_uptime", 0) if ipsec_up else 0}
    state.update({key: end.get(key, 0) if ipsec_up else 0 for key in ("bytes_in", "bytes_out", "packets_in", "packets_out")})
    return state


def device_files(status: dict, mapping: list, spec: dict, twin_specs: dict) -> dict:
    """{twin name: dataplane dict}, written to each twin's dataplane_file (0600 not needed: no keys)."""
    tunnels = {t["tunnel"]: t for t in status["tunnels"]}
    advertised = {t["name"]: t["aws"]["bgp"]["advertise"] for t in spec["tunnels"]}
    files = {name: {"tunnels": {}, "bgp": {}, "routes": []} for name in twin_specs}
    for entry in mapping:
        tun = tunnels[entry["tunnel"]]
        cgw_end, cgw_bgp = tun["endpoints"]["cgw"], tun["bgp"]["cgw"]
        out = files.setdefault(entry["twin"], {"tunnels": {}, "bgp": {}, "routes": []})
        out["tunnels"][entry["device_tunnel"]] = _device_tunnel(cgw_end, entry, tun["reason"])
        established = cgw_bgp["state"] == "Established"
        out["bgp"][entry["aws_inside_ip"]] = {
            "state": cgw_bgp["state"], "prefixes_received": cgw_bgp.get("accepted", 0), "uptime": cgw_bgp.get("uptime", 0) if established else 0,
            "msg_rcvd": cgw_bgp.get("msg_rcvd", 0), "msg_sent": cgw_bgp.get("msg_sent", 0)}
        if cgw_bgp.get("accepted"):
            out["routes"].extend({"prefix": p, "next_hop": entry["aws_inside_ip"]} for p in advertised[entry["tunnel"]])
    for name, data in files.items():
        path = twin_specs[name].dataplane_file
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
        os.replace(tmp, path)
    return files


def aws_reports(status: dict, mapping: list, url: str) -> list:
    """POST one tunnel-status per AWS tunnel; the status message is the data plane's reason when down."""
    client = TwinClient(url)
    tunnels = {t["tunnel"]: t for t in status["tunnels"]}
    sent = []
    for entry in mapping:
        tun = tunnels[entry["tunnel"]]
        aws_end, aws_bgp = tun["endpoints"]["aws"], tun["bgp"]["aws"]
        up = tun["up"]
        body = {"status_message": "" if up else tun["reason"][:200], "accepted_route_count": int(aws_bgp.get("accepted", 0) or 0)}
        if tun["ipsec_up"]:
            body["negotiated"] = _negotiated(aws_end)
        client.report_tunnel(entry["vpn_connection_id"], entry["aws_outside_ip"], "UP" if up else "DOWN", **body)
        sent.append({"tunnel": entry["tunnel"], "vpn_connection_id": entry["vpn_connection_id"], "outside_ip": entry["aws_outside_ip"],
                     "status": "UP" if up else "DOWN", "accepted_route_count": body["accepted_route_count"]})
    return sent
