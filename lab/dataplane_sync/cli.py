# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`python -m lab.dataplane_sync`:

    sync --aws URL --twins SPEC [--up] [--wait 60]   # build the spec from both twins; --up: run it (root);
                                                     # --wait: exit 1, naming each tunnel down and why, unless all are up
    report                                           # data-plane status -> device twins + AWS twin
    status [--json]                                  # the data plane's status with device/VPN names
    pings [--json]                                   # on-prem host -> VPC host ping per CGW/gateway pair
    replace TUNNEL [--seconds 40]                    # ReplaceVpnTunnel at the twin, AWS endpoint away meanwhile
    follow [--interval 0.5]                          # follow the twins: a device's drain/undrain live, AWS's endpoint
                                                     # replacements (ReplaceVpnTunnel) as real SA renegotiation

State in .lab/dataplane_sync/ (DATAPLANE_SYNC_STATE_DIR overrides): spec.json (0600, the PSKs), map.json, sync.json.
sync is idempotent: an unchanged spec leaves the running lab alone; a BGP policy change (a device's drain) is applied
live; any other change replaces the lab.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

import lab.device_twins as twins
from lab.dataplane_sync import aws_side, cgw_side, report as reportmod, translate
from lab.dataplane import cli as dpcli, probe as probemod, spec as specmod, status as statusmod, system, topology
from lab.dataplane.state import LabState

DEFAULT_DIR = pathlib.Path(__file__).resolve().parents[2] / ".lab" / "dataplane_sync"


def state_dir() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("DATAPLANE_SYNC_STATE_DIR", str(DEFAULT_DIR)))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _write(path: pathlib.Path, data) -> None:
    """Owner-only from the first byte (spec.json holds keys), replaced atomically."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    tmp.replace(path)


def read_state(name: str):
    """One of the state files (sync.json, map.json, spec.json)."""
    return json.loads((state_dir() / name).read_text(encoding="utf-8"))


def build(aws_url: str, twins_spec: str, name: str = translate.LAB_NAME) -> tuple:
    connections = aws_side.connections(aws_side.client(aws_url))
    specs = {t.name: t for t in twins.load_spec(twins_spec)}
    cgws = {name: cgw_side.endpoints(t) for name, t in specs.items() if os.path.exists(t.state_file)}
    return translate.build(connections, cgws, name)


def _running_spec(name: str):
    state = LabState.for_lab(name)
    return state.read_spec() if state.path.exists() else None


def run_spec(loaded: specmod.Spec) -> topology.Lab:
    """Start the spec, or bring the running lab to it: left alone when equal, changed live when only BGP policy
    differs (a device's drain or undrain), else replaced."""
    running = _running_spec(loaded.name)
    if running is not None and running == loaded.to_dict():
        print("data plane %s already runs this spec" % loaded.name)
        return topology.Lab.load(loaded.name)
    if running is not None:
        lab = topology.Lab.load(loaded.name)
        try:
            routers = lab.update_policy(loaded)
            print("BGP policy changed on %s: applied live" % (", ".join(routers) or "no router"))
            return lab
        except ValueError:
            print("spec changed: replacing data plane %s" % loaded.name)
            topology.teardown(LabState.for_lab(loaded.name))
    start = time.monotonic()
    lab = topology.start(loaded)
    print("data plane %s started in %.1f s" % (loaded.name, time.monotonic() - start))
    return lab


def cmd_sync(args) -> int:
    spec, mapping, unpaired = build(args.aws, args.twins, args.lab)
    specmod.from_dict(spec)   # validate before anything runs: errors name the field and the rule
    folder = state_dir()
    _write(folder / "spec.json", spec)
    _write(folder / "map.json", mapping)
    _write(folder / "sync.json", {"aws": args.aws, "twins": args.twins, "lab": spec["name"]})
    pairs = ", ".join("%s=%s/%s" % (m["tunnel"], m["twin"], m["device_tunnel"]) for m in mapping)
    print("spec %s: %d routers, %d tunnels (%s)" % (spec["name"], len(spec["routers"]), len(spec["tunnels"]), pairs))
    for item in unpaired:
        print("unpaired AWS tunnel %(vpn_connection_id)s %(outside_ip)s: %(reason)s" % item)
    if not args.up:
        return 0
    if os.geteuid() != 0:
        print("the data plane needs root (network namespaces); spec written, not started", file=sys.stderr)
        return 3
    lab = run_spec(specmod.from_dict(spec))
    if args.wait:
        start = time.monotonic()
        status = dpcli.wait_up(lab, args.wait)
        up = sum(t["up"] for t in status["tunnels"])
        print("%d/%d tunnels up after %.1f s" % (up, len(status["tunnels"]), time.monotonic() - start))
        down = [t for t in status["tunnels"] if not t["up"]]
        for tunnel in down:
            print("  %s down: %s" % (tunnel["tunnel"], tunnel["reason"] or "no reason reported"))
        if down:
            # The demo must stop here, with the reasons, not minutes later in an unrelated step.
            return 1
    return 0


def _status() -> tuple:
    sync = read_state("sync.json")
    return sync, statusmod.lab_status(topology.Lab.load(sync["lab"])), read_state("map.json")


def report_all() -> list:
    """The data plane's status to the device twins' dataplane files and the AWS twin's tunnels."""
    sync, status, mapping = _status()
    specs = {t.name: t for t in twins.load_spec(sync["twins"])}
    reportmod.device_files(status, mapping, read_state("spec.json"), specs)
    return reportmod.aws_reports(status, mapping, sync["aws"])


def cmd_report(_args) -> int:
    for item in report_all():
        print("%(tunnel)-4s %(vpn_connection_id)s %(outside_ip)-15s %(status)-4s routes %(accepted_route_count)d" % item)
    return 0


def cmd_status(args) -> int:
    _sync, status, mapping = _status()
    names = {m["tunnel"]: m for m in mapping}
    for tun in status["tunnels"]:
        tun["map"] = names.get(tun["tunnel"], {})
    if args.json:
        print(json.dumps(status, indent=1))
    else:
        print(statusmod.render(status))
    return 0


def pings(rate: float = 10, seconds: float = 2) -> list:
    """Ping every VPC host from the on-prem host of each CGW router with tunnels to its gateway (the reply is VPC -> on-prem)."""
    sync = read_state("sync.json")
    lab = topology.Lab.load(sync["lab"])
    routers = {r.name: r for r in lab.spec.routers}
    pairs = sorted({(m["cgw_router"], m["aws_router"]) for m in read_state("map.json")})
    # From the CGW's own host address: on an HA pair's shared LAN that picks the CGW the probe leaves by.
    runs = [(c, a, probemod.Probe(lab.host_ns(c), routers[a].lan.host_ip, rate, seconds, routers[c].lan.host_ip)) for c, a in pairs]
    out = []
    for cgw, aws, run in runs:
        result = run.result()
        out.append({"from": routers[cgw].lan.host_ip, "from_ns": lab.host_ns(cgw), "to": routers[aws].lan.host_ip,
                    "sent": result.sent, "received": result.received, "ok": result.received > 0})
    return out


def cmd_pings(args) -> int:
    result = pings(args.rate, args.seconds)
    if args.json:
        print(json.dumps(result))
    else:
        for item in result:
            print("%(from)-15s -> %(to)-15s %(received)d/%(sent)d" % item)
    return 0 if all(p["ok"] for p in result) else 1


def cmd_replace(args) -> int:
    """AWS replaces a tunnel endpoint (ReplaceVpnTunnel, as maintenance or a failure would): the twin
    marks it DOWN and the lab's AWS endpoint goes away for `--seconds`, then comes back and reports."""
    sync = read_state("sync.json")
    entry = next(m for m in read_state("map.json") if m["tunnel"] == args.tunnel)
    aws_side.client(sync["aws"]).replace_vpn_tunnel(VpnConnectionId=entry["vpn_connection_id"], VpnTunnelOutsideIpAddress=entry["aws_outside_ip"])
    lab = topology.Lab.load(sync["lab"])
    lab.stop(args.tunnel, "aws")
    print("replacing %s (%s %s): AWS endpoint down for %.0f s" % (args.tunnel, entry["vpn_connection_id"], entry["aws_outside_ip"], args.seconds))
    time.sleep(args.seconds)
    lab.restore(args.tunnel)
    return 0


def cmd_follow(args) -> int:
    """Follow the twins until interrupted, printing each action."""
    from lab.dataplane_sync import follow   # pylint: disable=import-outside-toplevel  # it builds on this module
    follower = follow.Follower(args.interval).start()
    shown = 0
    try:
        while True:
            time.sleep(args.interval)
            for item in follower.records[shown:]:
                print(json.dumps(item, sort_keys=True), flush=True)
            shown = len(follower.records)
    except KeyboardInterrupt:
        follower.stop()
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m lab.dataplane_sync", description="AWS twin + device twins -> data plane -> both twins")
    sub = top.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("sync", help="build the data-plane spec from both twins (and run it with --up)")
    cmd.add_argument("--aws", default="http://127.0.0.1:5000", help="AWS twin endpoint URL")
    cmd.add_argument("--twins", default="lab/device_twins/lab-twins.yml", help="device twins spec")
    cmd.add_argument("--up", action="store_true", help="bring the data plane up or update it (root)")
    cmd.add_argument("--wait", type=float, default=0, help="seconds to wait for every tunnel to come up")
    cmd.add_argument("--lab", default=translate.LAB_NAME, help="data-plane lab name (prefixes every namespace)")
    cmd.set_defaults(func=cmd_sync)
    sub.add_parser("report", help="data-plane status -> device twins' dataplane files and AWS twin tunnel status").set_defaults(func=cmd_report)
    cmd = sub.add_parser("status", help="data-plane status with VPN and device names")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(func=cmd_status)
    cmd = sub.add_parser("replace", help="ReplaceVpnTunnel on the AWS twin and the AWS endpoint down meanwhile")
    cmd.add_argument("tunnel")
    cmd.add_argument("--seconds", type=float, default=40, help="how long the endpoint is away")
    cmd.set_defaults(func=cmd_replace)
    cmd = sub.add_parser("follow", help="keep the data plane in step with the twins: device BGP policy live, AWS endpoint replacements")
    cmd.add_argument("--interval", type=float, default=0.5, help="seconds between looks at the twins")
    cmd.set_defaults(func=cmd_follow)
    cmd = sub.add_parser("pings", help="ping VPC hosts from the on-prem host namespaces (both directions of each path)")
    cmd.add_argument("--rate", type=float, default=10)
    cmd.add_argument("--seconds", type=float, default=2)
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(func=cmd_pings)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (specmod.SpecError, specmod.SpecErrors, FileNotFoundError, KeyError, system.CommandError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
