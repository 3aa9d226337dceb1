# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPN connection and tunnel records with AWS's state machine.

States advance lazily from timestamps on every read (pending -> available, modifying ->
available, deleting -> deleted), so no background thread is needed and a test that waits the
configured delay always sees the next state.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from lab.aws_twin import api_rules

NEXT_STATE = {"pending": "available", "modifying": "available", "deleting": "deleted"}


def utc(ts: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)


@dataclass
class Tunnel:
    outside_ip: str
    options: dict  # snake-case, effective (AWS defaults filled in), inside CIDR and PSK included
    reported_status: str = "DOWN"
    status_message: str = ""
    last_status_change: float = field(default_factory=time.time)
    accepted_route_count: int = 0
    negotiated: dict = field(default_factory=dict)
    data_in: int = 0
    data_out: int = 0
    busy_until: float = 0.0  # being modified or replaced: DOWN until then
    pending_maintenance: str = None
    maintenance_auto_applied_after: float = None
    last_maintenance_applied: float = None

    def busy(self, now: float) -> bool:
        return now < self.busy_until

    def apply_due_maintenance(self, now: float, replace_seconds: float) -> None:
        """AWS applies pending endpoint maintenance itself once MaintenanceAutoAppliedAfter has passed."""
        due = self.maintenance_auto_applied_after
        if due is not None and now >= due:
            self.busy_until = max(self.busy_until, due + replace_seconds)
            self.last_maintenance_applied = due
            self.pending_maintenance = self.maintenance_auto_applied_after = None

    def status(self, now: float) -> str:
        return "DOWN" if self.busy(now) else self.reported_status

    def telemetry(self, now: float) -> dict:
        busy = self.busy(now)
        return {
            "OutsideIpAddress": self.outside_ip,
            "Status": self.status(now),
            "StatusMessage": "Tunnel endpoint is being replaced" if busy else self.status_message,
            "LastStatusChange": utc(self.busy_until if busy else self.last_status_change),
            "AcceptedRouteCount": 0 if busy else self.accepted_route_count,
        }

    def describe(self, hide_psk: bool) -> dict:
        opts = dict(self.options)
        if hide_psk:
            opts.pop("pre_shared_key", None)
        out = {"OutsideIpAddress": self.outside_ip}
        for name, value in opts.items():
            if value is None:
                continue
            rule = api_rules.BY_KEY[name]
            if rule.kind == "list":
                out[rule.read] = [{"Value": v} for v in value]
            elif rule.kind == "log":
                out[rule.read] = {"CloudWatchLogOptions": {api_rules.LOG_BY_KEY[k].member: v for k, v in value.items()}}
            else:
                out[rule.read] = value
        return out


@dataclass
class Connection:
    id: str
    account: str
    region: str
    customer_gateway_id: str
    vpn_gateway_id: str
    transit_gateway_id: str
    options: dict  # connection-level options, API spelling, defaults filled in
    tunnels: list
    psk_storage: str = "Standard"
    psk_arn: str = None
    concentrator_id: str = None
    core_network_arn: str = None  # Cloud WAN: set while a site-to-site VPN attachment holds the connection
    core_network_attachment_arn: str = None
    type: str = "ipsec.1"
    state: str = "pending"
    state_until: float = 0.0
    deleted_at: float = None
    routes: dict = field(default_factory=dict)  # static routes: cidr -> state
    created: float = field(default_factory=time.time)

    def advance(self, now: float) -> None:
        """Apply the state transitions whose delay has passed."""
        while self.state in NEXT_STATE and now >= self.state_until:
            done_at = self.state_until
            self.state = NEXT_STATE[self.state]
            if self.state == "deleted":
                self.deleted_at = done_at
                for cidr in self.routes:
                    self.routes[cidr] = "deleted"

    def enter(self, state: str, seconds: float, now: float) -> None:
        self.state = state
        self.state_until = now + seconds
        self.advance(now)

    def gateway_key(self) -> str:
        return self.transit_gateway_id or self.vpn_gateway_id

    def tunnel(self, outside_ip: str):
        for t in self.tunnels:
            if t.outside_ip == outside_ip:
                return t
        return None

    def live(self) -> bool:
        return self.state not in ("deleting", "deleted")
