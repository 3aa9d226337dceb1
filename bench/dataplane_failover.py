# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Measure the data-plane lab: bring-up time, and the loss window of a cut, a one-way cut, a stopped endpoint and a drain.

Run as root from the repo root:  PYTHONPATH=.collections:. python bench/dataplane_failover.py [--hold 30] [--keepalive 10]
Prints one JSON line per measurement. The defaults are AWS's (keepalive 10 s, hold 30 s, DPD 10/30 s).
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


def measure(lab, name: str, action, seconds: float) -> dict:
    """Probe on-prem -> VPC at 20/s while ``action`` runs 2 s in, then restore tunnel t1."""
    running = probe.Probe(lab.host_ns("cgw"), VPC_HOST, rate=20, seconds=seconds)
    timer = threading.Timer(2.0, action)
    timer.start()
    result = running.result()
    timer.join()
    started = time.monotonic()
    lab.restore("t1")
    wait_up(lab, 90, tunnels=("t1",))
    # Let t1 win back the route (lowest MED) before the next measurement.
    time.sleep(2)
    return dict(result.as_dict(), event=name, restore_s=round(time.monotonic() - started, 1))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hold", type=int, default=30)
    parser.add_argument("--keepalive", type=int, default=10)
    parser.add_argument("--kind", choices=("vgw", "tgw"), default="vgw")
    args = parser.parse_args()
    timers = {"keepalive": args.keepalive, "hold": args.hold, "dpd_delay": args.keepalive, "dpd_timeout": args.hold}
    spec = specmod.from_dict(examples.gateway_to_cgw("bench", 2, args.kind, timers))
    topology.teardown(LabState.for_lab(spec.name))
    lab = topology.Lab.create(spec)
    try:
        started = time.monotonic()
        lab.up()
        infra = time.monotonic() - started
        report = wait_up(lab, 90)
        print(json.dumps({"event": "bring-up", "namespaces_and_daemons_s": round(infra, 2), "all_tunnels_up_s": round(time.monotonic() - started, 2),
                          "up": [t["tunnel"] for t in report["tunnels"] if t["up"]], "timers": timers}))
        window = args.hold + 10
        print(json.dumps(measure(lab, "cut both ways", lambda: lab.cut("t1"), window)))
        print(json.dumps(measure(lab, "cut toward aws only", lambda: lab.cut("t1", "aws"), window)))
        print(json.dumps(measure(lab, "stop aws charon", lambda: lab.stop("t1", "aws"), window)))
        print(json.dumps(measure(lab, "drain (AWS maintenance)", lambda: lab.drain("t1"), 10)))
    finally:
        started = time.monotonic()
        lab.down()
        print(json.dumps({"event": "down", "seconds": round(time.monotonic() - started, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
