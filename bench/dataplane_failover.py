# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measure the data-plane lab: bring-up time, and the loss window of a cut, a one-way cut, a stopped endpoint and a drain.

Run as root from the repo root:  PYTHONPATH=.collections:. python bench/dataplane_failover.py [--hold 30] [--keepalive 10]
    [--cgw-keepalive N] [--ha] [--runs N]
Prints one JSON line per measurement. The defaults are AWS's (keepalive 10 s, hold 30 s, DPD 10/30 s).
--cgw-keepalive sets only the CGW's BGP keepalive (hold unchanged): what the CGW side can do about a
one-way cut. --ha measures an HA pair on a TGW instead: the host's CGW loses its uplink.
"""

from __future__ import annotations

import argparse
import json
import threading
import time

from lab.dataplane import examples, probe, spec as specmod, topology
from lab.dataplane.cli import wait_up
from lab.dataplane.state import LabState

VPC_HOST = examples.VPC["host_ip"]


def measure(lab, name: str, action, seconds: float, target: str = "t1") -> dict:
    """Probe on-prem -> VPC at 20/s while ``action`` runs 2 s in, then restore ``target`` (a tunnel or a router)."""
    running = probe.Probe(lab.host_ns("cgw"), VPC_HOST, rate=20, seconds=seconds)
    timer = threading.Timer(2.0, action)
    timer.start()
    result = running.result()
    timer.join()
    started = time.monotonic()
    lab.restore(target)
    wait_up(lab, 90)
    # Let t1 win back the route (lowest MED) before the next measurement.
    time.sleep(2)
    return dict(result.as_dict(), event=name, restore_s=round(time.monotonic() - started, 1))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hold", type=int, default=30)
    parser.add_argument("--keepalive", type=int, default=10)
    parser.add_argument("--cgw-keepalive", type=int, help="the CGW's BGP keepalive only (default: --keepalive)")
    parser.add_argument("--kind", choices=("vgw", "tgw"), default="vgw")
    parser.add_argument("--ha", action="store_true", help="an HA pair of CGWs on one LAN (TGW): uplink loss of the host's CGW")
    parser.add_argument("--runs", type=int, default=1, help="repeat the failover events")
    args = parser.parse_args()
    timers = {"keepalive": args.keepalive, "hold": args.hold, "dpd_delay": args.keepalive, "dpd_timeout": args.hold}
    data = examples.ha_pair("bench", timers) if args.ha else examples.gateway_to_cgw("bench", 2, args.kind, timers)
    for tunnel in data["tunnels"]:
        tunnel["cgw"]["bgp"]["keepalive"] = args.cgw_keepalive or args.keepalive
    spec = specmod.from_dict(data)
    topology.teardown(LabState.for_lab(spec.name))
    lab = topology.Lab.create(spec)
    try:
        started = time.monotonic()
        lab.up()
        infra = time.monotonic() - started
        report = wait_up(lab, 90)
        print(json.dumps({"event": "bring-up", "namespaces_and_daemons_s": round(infra, 2), "all_tunnels_up_s": round(time.monotonic() - started, 2),
                          "up": [t["tunnel"] for t in report["tunnels"] if t["up"]], "timers": timers}))
        window = args.hold + args.keepalive + 5
        events = [("HA pair: the host's CGW loses its uplink", lambda: lab.cut("cgw"), window, "cgw")] if args.ha else [
            ("cut both ways", lambda: lab.cut("t1"), window, "t1"),
            ("cut toward aws only", lambda: lab.cut("t1", "aws"), window, "t1"),
            ("cut toward the cgw only", lambda: lab.cut("t1", "cgw"), window, "t1"),
            ("stop aws charon", lambda: lab.stop("t1", "aws"), window, "t1"),
            ("drain (AWS maintenance)", lambda: lab.drain("t1"), 10, "t1")]
        for _run in range(args.runs):
            for name, action, seconds, target in events:
                print(json.dumps(dict(measure(lab, name, action, seconds, target), cgw_keepalive=args.cgw_keepalive or args.keepalive)), flush=True)
    finally:
        started = time.monotonic()
        lab.down()
        print(json.dumps({"event": "down", "seconds": round(time.monotonic() - started, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
