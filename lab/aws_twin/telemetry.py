# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tunnel status reported by the lab, the AWS/VPN CloudWatch metrics built from it, and alarm evaluation.

Tunnels are DOWN until the lab reports otherwise (POST /_twin/tunnel-status). Metrics go into
moto's CloudWatch backend with AWS's names and dimensions: per tunnel {TunnelIpAddress} (the console's
"VPN Tunnel Metrics"), per connection {VpnId} (one datapoint per tunnel, so Minimum < 1 means a tunnel
is down). Moto stores alarms but never
evaluates them: alarms.py does, after every periodic publication (CloudWatch evaluates continuously).
"""

from __future__ import annotations

import json
import threading
import time

from moto.core.utils import utcnow

from lab.aws_twin import alarms, api_rules, gateways, health

NAMESPACE = "AWS/VPN"
TICK_SECONDS = 0.2
STATUSES = ("UP", "DOWN")
# Report key -> (GetActiveVpnTunnelStatus member, the tunnel option whose AWS values it takes).
NEGOTIATED = {
    "phase1_encryption": ("Phase1EncryptionAlgorithm", "Phase1EncryptionAlgorithms"),
    "phase2_encryption": ("Phase2EncryptionAlgorithm", "Phase2EncryptionAlgorithms"),
    "phase1_integrity": ("Phase1IntegrityAlgorithm", "Phase1IntegrityAlgorithms"),
    "phase2_integrity": ("Phase2IntegrityAlgorithm", "Phase2IntegrityAlgorithms"),
    "phase1_dh_group": ("Phase1DHGroup", "Phase1DHGroupNumbers"),
    "phase2_dh_group": ("Phase2DHGroup", "Phase2DHGroupNumbers"),
    "ike_version": ("IkeVersion", "IKEVersions"),
}
REPORT_KEYS = ("vpn_connection_id", "outside_ip", "status", "status_message", "accepted_route_count",
               "negotiated", "data_in", "data_out", "region", "account")


class ReportError(ValueError):
    pass


def context_of(body: dict) -> gateways.Context:
    return gateways.Context(body.get("account") or gateways.Context.account, body.get("region") or gateways.DEFAULT_REGION)


def _aws_value(option: str, value):
    """A lab-reported value in AWS's spelling (case and int/str aside, it must be one of AWS's values)."""
    for allowed in api_rules.TUNNEL[option].choices:
        if str(allowed).lower() == str(value).strip().lower():
            return allowed
    raise ReportError("%r is not one of AWS's values: %s" % (value, ", ".join(str(c) for c in api_rules.TUNNEL[option].choices)))


def _negotiated(values: dict) -> dict:
    out = {}
    for key, value in (values or {}).items():
        if key not in NEGOTIATED:
            raise ReportError("unknown negotiated key %r; valid: %s" % (key, ", ".join(NEGOTIATED)))
        member, option = NEGOTIATED[key]
        try:
            out[member] = _aws_value(option, value)
        except ReportError as exc:
            raise ReportError("negotiated.%s: %s" % (key, exc)) from exc
    return out


def _log_tunnel(ctx, conn, tunnel) -> None:
    """Tunnel activity log (LogOptions.CloudWatchLogOptions): one event per status report, JSON or text.

    The stream is named <vpn id>-<outside ip>-IKE; the JSON keys follow AWS's IKE log records."""
    opts = tunnel.options.get("log_options") or {}
    if not (opts.get("log_enabled") and opts.get("log_group_arn")):
        return
    now = time.time()
    up = tunnel.status(now) == "UP"
    record = {"event_timestamp": int(now), "details": tunnel.status_message or ("Tunnel is up" if up else "Tunnel is down"),
              "dpd_enabled": True, "nat_t_detected": False,
              "ike_phase1_state": "established" if up else "down", "ike_phase2_state": "established" if up else "down"}
    if opts.get("log_output_format", "json") == "json":
        message = json.dumps(record)
    else:
        message = " ".join("%s=%s" % item for item in record.items())
    gateways.write_log(ctx, opts["log_group_arn"], "%s-%s-IKE" % (conn.id, tunnel.outside_ip), int(now * 1000), message)


class Telemetry:
    def __init__(self, vpn_service):
        self.vpn = vpn_service
        self._stop = threading.Event()
        self._thread = None

    def report(self, body: dict) -> dict:
        """Apply one tunnel status report from the lab; publishes that tunnel's metrics at once."""
        unknown = set(body) - set(REPORT_KEYS)
        if unknown:
            raise ReportError("unknown report key(s) %s; valid: %s" % (", ".join(sorted(unknown)), ", ".join(REPORT_KEYS)))
        if body.get("status", "UP") not in STATUSES:
            raise ReportError("status must be UP or DOWN")
        ctx = context_of(body)
        negotiated = _negotiated(body.get("negotiated"))
        with self.vpn.lock:
            conn = self.vpn.get(ctx, body["vpn_connection_id"], live=True)
            tunnel = conn.tunnel(body["outside_ip"])
            if tunnel is None:
                raise ReportError("%s has no tunnel with outside IP %s" % (conn.id, body["outside_ip"]))
            status = body.get("status", tunnel.reported_status)
            if status != tunnel.reported_status:
                tunnel.last_status_change = time.time()
            tunnel.reported_status = status
            tunnel.status_message = body.get("status_message", tunnel.status_message)
            tunnel.accepted_route_count = int(body.get("accepted_route_count", tunnel.accepted_route_count))
            tunnel.negotiated.update(negotiated)
            tunnel.data_in += int(body.get("data_in", 0))
            tunnel.data_out += int(body.get("data_out", 0))
            self._publish(ctx, conn, [tunnel], time.time())
            _log_tunnel(ctx, conn, tunnel)
            return {"vpn_connection_id": conn.id, "outside_ip": tunnel.outside_ip, "status": tunnel.status(time.time())}

    def set_maintenance(self, body: dict) -> dict:
        """Announce pending endpoint maintenance on a tunnel (what GetVpnTunnelReplacementStatus shows) and, as
        AWS Health does, send AWS_VPN_TUNNEL_UPDATE_AVAILABLE to the account's EventBridge bus."""
        ctx = context_of(body)
        with self.vpn.lock:
            now = time.time()
            conn = self.vpn.get(ctx, body["vpn_connection_id"], live=True)
            tunnel = conn.tunnel(body["outside_ip"])
            if tunnel is None:
                raise ReportError("%s has no tunnel with outside IP %s" % (conn.id, body["outside_ip"]))
            tunnel.pending_maintenance = body.get("pending_maintenance")
            after = body.get("auto_applied_after_seconds")
            tunnel.maintenance_auto_applied_after = now + float(after) if after is not None else None
            if tunnel.pending_maintenance:
                health.announce(ctx, health.update_available(
                    ctx, conn.id, "%s: %s" % (tunnel.outside_ip, tunnel.pending_maintenance), now, tunnel.maintenance_auto_applied_after))
        return {"vpn_connection_id": conn.id, "outside_ip": tunnel.outside_ip, "pending_maintenance": tunnel.pending_maintenance}

    @staticmethod
    def _publish(ctx, conn, tunnels, now: float) -> None:
        stamp = utcnow()
        data = []
        for tunnel in tunnels:
            up = 1.0 if tunnel.status(now) == "UP" else 0.0
            per_tunnel = [{"Name": "TunnelIpAddress", "Value": tunnel.outside_ip}]
            data.append({"MetricName": "TunnelState", "Value": up, "Dimensions": [{"Name": "VpnId", "Value": conn.id}], "Timestamp": stamp, "Unit": "None"})
            data.append({"MetricName": "TunnelState", "Value": up, "Dimensions": per_tunnel, "Timestamp": stamp, "Unit": "None"})
            for metric, total in (("TunnelDataIn", tunnel.data_in), ("TunnelDataOut", tunnel.data_out)):
                data.append({"MetricName": metric, "Value": float(total), "Dimensions": per_tunnel, "Timestamp": stamp, "Unit": "Bytes"})
            tunnel.data_in = tunnel.data_out = 0  # bytes are per period: each datapoint carries what came since the last
        gateways.cloudwatch(ctx).put_metric_data(NAMESPACE, data)

    def publish_all(self) -> int:
        """Publish a datapoint for every available connection in every account and region."""
        count = 0
        with self.vpn.lock:
            now = time.time()
            for conn in list(self.vpn.connections.values()):
                conn.advance(now)
                if conn.state in ("available", "modifying"):
                    self._publish(gateways.Context(conn.account, conn.region), conn, conn.tunnels, now)
                    count += 1
        return count

    def evaluate_all(self) -> dict:
        """Evaluate the AWS/VPN alarms of every account and Region that has connections."""
        with self.vpn.lock:
            contexts = {(c.account, c.region) for c in self.vpn.connections.values()}
            return {"%s/%s" % ctx: alarms.evaluate_alarms(gateways.Context(*ctx)) for ctx in sorted(contexts)}

    def start(self) -> None:
        """Publish periodically, like AWS (every metrics_interval_seconds)."""
        def loop():
            last = time.monotonic()
            while not self._stop.wait(TICK_SECONDS):  # a short tick, so a new interval setting applies at once
                if time.monotonic() - last >= self.vpn.settings.metrics_interval_seconds:
                    last = time.monotonic()
                    self.publish_all()
                    self.evaluate_all()
        self._thread = threading.Thread(target=loop, name="aws-twin-metrics", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
