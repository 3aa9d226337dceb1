# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keep a running data plane in step with both twins while playbooks change them (`python -m lab.dataplane_sync
follow`), so what a playbook does to a twin happens to real strongSwan and FRR (issue 20's maintenance, in the lab):

- a device twin's committed BGP policy changes (a drain or undrain: AS-path prepend, local preference) -> the CGW
  router's route-maps change live with a soft refresh, as the device's own would (topology.Lab.update_policy), and
  the follower waits until the routers have moved their traffic;
- the AWS twin replaces a tunnel endpoint (ReplaceVpnTunnel, with or without ApplyPendingMaintenance) -> the lab's
  AWS endpoint of that tunnel is reported DOWN and goes away (its charon stops, its SAs are gone) while the twin
  provisions the new endpoint (GetActiveVpnTunnelStatus pending), then comes back and negotiates new SAs with the
  CGW; once the tunnel is up again (IKE, IPsec, BGP with routes) both twins get the data plane's status.

Every action is recorded (``records``): what changed, in the order it happened.
"""

from __future__ import annotations

import os
import threading
import time

import lab.device_twins as twins
from lab.aws_twin.client import TwinClient
from lab.dataplane import cli as dpcli, spec as specmod, system, topology
from lab.dataplane_sync import aws_side, cli

PROVISION_TIMEOUT = 300   # a twin's replacement (modifying_seconds) is shorter
UP_TIMEOUT = 90           # IKE + BGP (connect timer 2 s) after the endpoint is back
DEFAULT_LOCAL_PREF = 100  # BGP's, where a route-map sets none


class Follower:
    """The data plane of the last `sync` (its sync.json), followed every ``interval`` seconds."""

    def __init__(self, interval: float = 0.5):
        sync = cli.read_state("sync.json")
        self.interval, self.lab_name, self.twins_spec = interval, sync["lab"], sync["twins"]
        self.aws_url = sync["aws"]
        self.twin, self.ec2 = TwinClient(sync["aws"]), aws_side.client(sync["aws"])
        self.records = []
        self._cursor = self.twin.last_seq()
        self._applied = self._maintenance_applied()
        self._configs = self._config_stamps()
        self._stop = threading.Event()
        self._thread = None

    # --- what changed ------------------------------------------------------------------------
    def _config_stamps(self) -> dict:
        return {t.name: os.stat(t.state_file).st_mtime_ns for t in twins.load_spec(self.twins_spec) if os.path.exists(t.state_file)}

    def _maintenance_applied(self) -> dict:
        """{lab tunnel: LastMaintenanceApplied} as AWS reports it (ReplaceVpnTunnel sets it)."""
        out = {}
        for entry in cli.read_state("map.json"):
            status = self.ec2.get_vpn_tunnel_replacement_status(VpnConnectionId=entry["vpn_connection_id"],
                                                                VpnTunnelOutsideIpAddress=entry["aws_outside_ip"])
            out[entry["tunnel"]] = status["MaintenanceDetails"].get("LastMaintenanceApplied")
        return out

    def _record(self, what: str, **detail) -> dict:
        item = dict(detail, what=what, time=time.time())
        self.records.append(item)
        return item

    # --- one round ---------------------------------------------------------------------------
    def step(self) -> None:
        """Follow a device config change first (a drain precedes the replacement it prepares), then replacements."""
        stamps = self._config_stamps()
        if stamps != self._configs:
            self._configs = stamps
            self.follow_policy()
        entries = self.twin.ledger(self._cursor)
        if entries:
            self._cursor = entries[-1]["seq"]
        if any(e["action"] == "ReplaceVpnTunnel" and e["status_code"] == 200 for e in entries):
            applied = self._maintenance_applied()
            for tunnel in sorted(t for t in applied if applied[t] != self._applied.get(t)):
                self.replace(tunnel)
            self._applied = applied

    def follow_policy(self) -> None:
        spec, _mapping, _unpaired = cli.build(self.aws_url, self.twins_spec, self.lab_name)
        lab = topology.Lab.load(self.lab_name)
        try:
            routers = lab.update_policy(specmod.from_dict(spec))
        except ValueError as exc:   # a new tunnel, new crypto: `sync --up` replaces the lab, not the follower
            self._record("not_followed", reason=str(exc))
            return
        if not routers:
            return
        # As the device would: the route-maps apply at once, the routers converge on the new best paths.
        settled = system.wait_for(lambda: self._settled(lab), max(t.cgw.bgp.hold for t in lab.spec.tunnels))
        self._record("policy", routers=routers, drained=self._drained(lab), settled=bool(settled))
        self.report()

    @staticmethod
    def _drained(lab) -> list:
        """Tunnels whose CGW end is steered away from (a higher prepend or a lower local preference than its partner's)."""
        out = []
        for tunnel in lab.spec.tunnels:
            others = [t for t in lab.spec.tunnels if t is not tunnel and t.cgw.router == tunnel.cgw.router and t.aws.router == tunnel.aws.router]
            mine = tunnel.cgw.bgp
            if any(mine.prepend > o.cgw.bgp.prepend or (mine.local_pref or DEFAULT_LOCAL_PREF) < (o.cgw.bgp.local_pref or DEFAULT_LOCAL_PREF) for o in others):
                out.append(tunnel.name)
        return out

    def _settled(self, lab) -> bool:
        return not [t for t in self._drained(lab) if lab.carries_traffic(lab.spec.tunnel(t))]

    def replace(self, tunnel_name: str) -> None:
        """AWS's endpoint of the tunnel is replaced: away while the twin provisions it, then new SAs."""
        lab = topology.Lab.load(self.lab_name)
        entry = next(m for m in cli.read_state("map.json") if m["tunnel"] == tunnel_name)
        ids = {"VpnConnectionId": entry["vpn_connection_id"], "VpnTunnelOutsideIpAddress": entry["aws_outside_ip"]}
        self.twin.report_tunnel(entry["vpn_connection_id"], entry["aws_outside_ip"], "DOWN",
                                status_message="Tunnel endpoint is being replaced", accepted_route_count=0)
        # Late: the twin's replacement window was over before the DOWN report, so a reader could have seen the old UP.
        late = self._provisioned(ids)
        partner_up = [t["tunnel"] for t in dpcli.wait_up(lab, 0)["tunnels"] if t["up"] and t["tunnel"] != tunnel_name]
        self._record("replacing", tunnel=tunnel_name, outside_ip=entry["aws_outside_ip"], late=late,
                     carries_traffic=lab.carries_traffic(lab.spec.tunnel(tunnel_name)), up=partner_up)
        lab.stop(tunnel_name, "aws")
        system.wait_for(lambda: self._provisioned(ids), PROVISION_TIMEOUT, 0.5)
        lab.restore(tunnel_name)
        status = dpcli.wait_up(lab, UP_TIMEOUT, [tunnel_name])
        back = next(t for t in status["tunnels"] if t["tunnel"] == tunnel_name)
        self._record("replaced", tunnel=tunnel_name, up=back["up"], reason=back["reason"],
                     ike_uptime=back["endpoints"]["aws"].get("ike_uptime"))
        self.report()

    def _provisioned(self, ids: dict) -> bool:
        return self.ec2.get_active_vpn_tunnel_status(**ids)["ActiveVpnTunnelStatus"]["ProvisioningStatus"] == "available"

    def report(self) -> None:
        cli.report_all()

    # --- running -----------------------------------------------------------------------------
    def run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception as exc:  # pylint: disable=broad-except  # recorded for the caller; the next round retries
                self._record("error", reason="%s: %s" % (type(exc).__name__, exc))
            self._stop.wait(self.interval)

    def start(self) -> "Follower":
        self._thread = threading.Thread(target=self.run, name="dataplane-follower", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> list:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=PROVISION_TIMEOUT + UP_TIMEOUT)
        return self.records
