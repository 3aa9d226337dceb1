# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line of the data-plane lab.

    python -m lab.dataplane example OUT.json [--kind vgw|tgw] [--tunnels 2]
    python -m lab.dataplane up SPEC.json [--wait 60]
    python -m lab.dataplane status [--json] [--lab NAME]
    python -m lab.dataplane cut TUNNEL|ROUTER [--side aws|cgw|both]
    python -m lab.dataplane stop TUNNEL --side aws|cgw
    python -m lab.dataplane drain TUNNEL
    python -m lab.dataplane restore TUNNEL|ROUTER
    python -m lab.dataplane probe --from NS --to IP [--source IP] [--rate 20] [--seconds 10]
    python -m lab.dataplane check                       # every program and plugin package the lab uses is installed
    python -m lab.dataplane down [--lab NAME]

Commands that act on a running lab pick the only one that is up, or the one named with --lab.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from . import examples, host, probe as probemod, spec as specmod, status as statusmod, system, topology
from .state import LabState


def _lab(args) -> topology.Lab:
    if args.lab:
        return topology.Lab.load(args.lab)
    labs = LabState.labs()
    if len(labs) != 1:
        raise SystemExit("lab: %s; name one with --lab" % ("no lab is up" if not labs else "several labs are up: " + ", ".join(labs)))
    return topology.Lab.load(labs[0])


def wait_up(lab: topology.Lab, timeout: float, tunnels=None) -> dict:
    """Poll status until every (named) tunnel is up or ``timeout`` passes; return the last report."""
    deadline = time.monotonic() + timeout
    while True:
        report = statusmod.lab_status(lab)
        wanted = [t for t in report["tunnels"] if tunnels is None or t["tunnel"] in tunnels]
        if all(t["up"] for t in wanted) or time.monotonic() >= deadline:
            return report
        time.sleep(0.5)


def cmd_example(args) -> int:
    data = examples.gateway_to_cgw(args.name, args.tunnels, args.kind)
    # The example holds freshly generated PSKs: owner-only from the first byte.
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    print("wrote %s (%d tunnels, %s; PSKs generated, file mode 0600)" % (args.out, args.tunnels, args.kind))
    return 0


def cmd_up(args) -> int:
    spec = specmod.load(args.spec)
    start = time.monotonic()
    lab = topology.start(spec)
    if args.wait:
        report = wait_up(lab, args.wait)
        print(statusmod.render(report))
        up = sum(t["up"] for t in report["tunnels"])
        print("%d/%d tunnels up after %.1f s" % (up, len(report["tunnels"]), time.monotonic() - start))
        return 0 if up == len(report["tunnels"]) else 1
    print("lab %s started in %.1f s" % (spec.name, time.monotonic() - start))
    return 0


def cmd_check(_args) -> int:
    host.require_files()
    print("every program and charon plugin the lab uses is installed")
    return 0


def cmd_down(args) -> int:
    names = [args.lab] if args.lab else LabState.labs()
    unreaped = [line for name in names for line in topology.teardown(LabState.for_lab(name))]
    print("removed: %s" % (", ".join(names) or "nothing was up"))
    if unreaped:
        # They outlived the `up` that started them; whoever adopted them (init, a child subreaper) must reap them.
        print("error: lab processes stopped but not reaped by the process that adopted them (run the lab under an init "
              "that reaps, or not below a child subreaper that does not): %s" % "; ".join(unreaped), file=sys.stderr)
        return 1
    return 0


def cmd_status(args) -> int:
    report = statusmod.lab_status(_lab(args))
    print(json.dumps(report, indent=1) if args.json else statusmod.render(report))
    return 0


def cmd_cut(args) -> int:
    _lab(args).cut(args.tunnel, args.side)
    return 0


def cmd_stop(args) -> int:
    _lab(args).stop(args.tunnel, args.side)
    return 0


def cmd_drain(args) -> int:
    _lab(args).drain(args.tunnel)
    return 0


def cmd_restore(args) -> int:
    _lab(args).restore(args.tunnel)
    return 0


def cmd_probe(args) -> int:
    result = probemod.probe(args.source, args.target, args.rate, args.seconds, args.address)
    print(json.dumps(dict(result.as_dict(), **result.timeline())))
    return 0 if result.received else 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m lab.dataplane", description="IKEv2/IPsec + BGP data-plane lab in network namespaces")
    sub = top.add_subparsers(dest="command", required=True)

    def add(name, func, help_text, lab=True):
        cmd = sub.add_parser(name, help=help_text)
        cmd.set_defaults(func=func)
        if lab:
            cmd.add_argument("--lab", help="lab (spec name) to act on")
        return cmd

    cmd = add("example", cmd_example, "write an example spec (fresh PSKs, mode 0600)", lab=False)
    cmd.add_argument("out")
    cmd.add_argument("--name", default="lab")
    cmd.add_argument("--kind", choices=("vgw", "tgw"), default="vgw")
    cmd.add_argument("--tunnels", type=int, default=2)
    cmd = add("up", cmd_up, "bring a spec up", lab=False)
    cmd.add_argument("spec")
    cmd.add_argument("--wait", type=float, default=0, help="seconds to wait for every tunnel to be up")
    add("check", cmd_check, "check that the host has every program and charon plugin package the lab uses", lab=False)
    add("down", cmd_down, "tear down one lab or all of them")
    cmd = add("status", cmd_status, "per-tunnel IKE/CHILD/BGP state and reasons")
    cmd.add_argument("--json", action="store_true")
    cmd = add("cut", cmd_cut, "blackhole a tunnel's underlay (side = the endpoint that stops hearing its peer)")
    cmd.add_argument("tunnel", help="a tunnel, or a router: every tunnel of it (a CGW's uplink fails)")
    cmd.add_argument("--side", choices=("aws", "cgw", "both"), default="both")
    cmd = add("stop", cmd_stop, "stop one endpoint's charon")
    cmd.add_argument("tunnel")
    cmd.add_argument("--side", choices=specmod.SIDES, required=True)
    cmd = add("drain", cmd_drain, "AWS maintenance: steer traffic off a tunnel with BGP, then take it down")
    cmd.add_argument("tunnel")
    cmd = add("restore", cmd_restore, "undo cut/stop/drain on a tunnel and bring it back")
    cmd.add_argument("tunnel", help="a tunnel, or a router: every tunnel of it")
    cmd = add("probe", cmd_probe, "ping at a fixed rate and report the longest loss window", lab=False)
    cmd.add_argument("--from", dest="source", required=True, help="namespace to send from")
    cmd.add_argument("--to", dest="target", required=True, help="address to reach")
    cmd.add_argument("--source", dest="address", help="source address (on a shared LAN: picks the router)")
    cmd.add_argument("--rate", type=float, default=20, help="packets per second")
    cmd.add_argument("--seconds", type=float, default=10)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (specmod.SpecError, specmod.SpecErrors, KeyError, system.CommandError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
