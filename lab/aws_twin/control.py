# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twin's control API under /_twin/ (JSON in, JSON out); never recorded in the ledger.

    GET  /_twin/health                 {"ok": true}
    GET  /_twin/ledger?since=N         ledger entries with seq > N
    POST /_twin/ledger/reset
    GET  /_twin/faults  POST /_twin/faults {"seed", "rules": [...]}   (see faults.py)
    GET  /_twin/settings  POST /_twin/settings {name: value}          (see settings.py)
    POST /_twin/tunnel-status          one tunnel status report (see telemetry.REPORT_KEYS)
    POST /_twin/maintenance            {vpn_connection_id, outside_ip, pending_maintenance, auto_applied_after_seconds}
                                       (a pending one is announced as an AWS Health event on EventBridge: health.py)
    POST /_twin/metrics/publish        publish AWS/VPN datapoints for every available connection now
    POST /_twin/alarms/evaluate        {"region"}: evaluate AWS/VPN alarms, returns {alarm: state}
    POST /_twin/direct-connect-attachment {transit_gateway_id, region}: the attachment AWS makes when a Direct
                                       Connect gateway is associated with the transit gateway (a private IP VPN's transport)
    GET  /_twin/state                  VPN connections (PSKs left out)
    POST /_twin/reset                  moto's backends, VPN connections, ledger and faults back to empty
"""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs

from moto.moto_api._internal.models import moto_api_backend

from lab.aws_twin import alarms, gateways, telemetry
from lab.aws_twin.faults import FaultConfigError
from lab.aws_twin.query import ApiError

PREFIX = "/_twin/"


def _state(twin) -> list:
    out = []
    with twin.vpn.lock:
        now = time.time()
        for conn in twin.vpn.connections.values():
            conn.advance(now)
            out.append({
                "vpn_connection_id": conn.id, "account": conn.account, "region": conn.region, "state": conn.state,
                "customer_gateway_id": conn.customer_gateway_id, "vpn_gateway_id": conn.vpn_gateway_id,
                "transit_gateway_id": conn.transit_gateway_id,
                "tunnels": [{"outside_ip": t.outside_ip, "status": t.status(now), "inside_cidr": t.options.get("inside_cidr"),
                             "inside_ipv6_cidr": t.options.get("inside_ipv6_cidr"), "accepted_route_count": t.accepted_route_count}
                            for t in conn.tunnels],
            })
    return out


def _reset(twin) -> dict:
    moto_api_backend.reset()
    with twin.vpn.lock:
        twin.vpn.connections.clear()
        twin.vpn.concentrators.clear()
        twin.cloudwan.attachments.clear()
    twin.ledger.reset()
    twin.propagation.reset()
    twin.faults.configure({})
    return {"reset": True}


def _routes(twin, body: dict, query: dict) -> dict:
    return {
        ("GET", "health"): lambda: {"ok": True},
        ("GET", "ledger"): lambda: twin.ledger.entries(int(query.get("since", ["0"])[0])),
        ("POST", "ledger/reset"): lambda: twin.ledger.reset() or {"reset": True},
        ("GET", "faults"): twin.faults.config,
        ("POST", "faults"): lambda: twin.faults.configure(body),
        ("GET", "settings"): twin.settings.as_dict,
        ("POST", "settings"): lambda: twin.settings.update(body),
        ("POST", "tunnel-status"): lambda: twin.telemetry.report(body),
        ("POST", "maintenance"): lambda: twin.telemetry.set_maintenance(body),
        ("POST", "metrics/publish"): lambda: {"published": twin.telemetry.publish_all()},
        ("POST", "alarms/evaluate"): lambda: alarms.evaluate_alarms(telemetry.context_of(body)),
        ("POST", "direct-connect-attachment"): lambda: gateways.direct_connect_attachment(
            telemetry.context_of(body), body["transit_gateway_id"]),
        ("GET", "state"): lambda: _state(twin),
        ("POST", "reset"): lambda: _reset(twin),
    }


def handle(twin, environ: dict, body: bytes):
    """(status line, JSON-serialisable answer) for one control request."""
    name = environ.get("PATH_INFO", "")[len(PREFIX):].strip("/")
    method = environ.get("REQUEST_METHOD", "GET")
    try:
        payload = json.loads(body or b"{}")
    except ValueError as exc:
        return "400 Bad Request", {"error": "body is not JSON: %s" % exc}
    route = _routes(twin, payload, parse_qs(environ.get("QUERY_STRING", ""))).get((method, name))
    if route is None:
        return "404 Not Found", {"error": "no control endpoint %s %s%s" % (method, PREFIX, name)}
    try:
        return "200 OK", route()
    except (ValueError, KeyError, FaultConfigError) as exc:
        return "400 Bad Request", {"error": "%s: %s" % (type(exc).__name__, exc)}
    except ApiError as exc:
        return "404 Not Found", {"error": exc.message, "code": exc.code}
