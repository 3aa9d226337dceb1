# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m lab.aws_twin``: serve, stop, and talk to a running twin.

    serve  --port 5000 --state-dir .lab/aws-twin [--set pending_seconds=2 ...]   run in the foreground
    start  --port 5000 --state-dir .lab/aws-twin [--set ...]   run in the background, return once it answers
    stop   --state-dir .lab/aws-twin                            SIGTERM the twin of that state dir
    report --endpoint URL VPN_ID OUTSIDE_IP UP|DOWN [--routes N] [--message TEXT]
    ledger --endpoint URL [--mutating]
    faults --endpoint URL RULES_JSON [--seed N]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time

from lab.aws_twin.client import TwinClient

DEFAULT_STATE_DIR = os.path.join(".lab", "aws-twin")


def _settings(pairs):
    from lab.aws_twin.settings import TwinSettings  # pylint: disable=import-outside-toplevel
    settings = TwinSettings()
    settings.update(dict(p.split("=", 1) for p in pairs or []))
    return settings


def _serve(args) -> int:
    from lab.aws_twin import server  # pylint: disable=import-outside-toplevel
    server.serve(args.host, args.port, args.state_dir, _settings(args.set))
    return 0


def _start(args) -> int:
    from lab.aws_twin.client import TwinError, TwinProcess  # pylint: disable=import-outside-toplevel
    state = os.path.join(args.state_dir, "aws-twin.json")
    if os.path.exists(state):
        with open(state, encoding="utf-8") as handle:
            running = json.load(handle)
        try:
            TwinClient(running["endpoint_url"]).health()
            print("aws twin already running at %s (pid %d)" % (running["endpoint_url"], running["pid"]))
            return 0
        except (OSError, TwinError):
            os.unlink(state)
    twin = TwinProcess.start(args.state_dir, args.port, args.host, detach=True,
                             **dict(p.split("=", 1) for p in args.set or []))
    print("aws twin running at %s (pid %d); export AWS_ENDPOINT_URL=%s" % (twin.endpoint_url, twin.process.pid, twin.endpoint_url))
    return 0


def _stop(args) -> int:
    path = os.path.join(args.state_dir, "aws-twin.json")
    if not os.path.exists(path):
        print("no twin running for %s" % args.state_dir)
        return 0
    with open(path, encoding="utf-8") as handle:
        pid = json.load(handle)["pid"]
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        os.unlink(path)  # stale: the twin died without cleaning up
    deadline = time.monotonic() + 15
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.1)  # the twin removes its state file once the server has shut down
    print("stopped aws twin pid %d" % pid)
    return 0


def _report(args) -> int:
    extra = {"status_message": args.message} if args.message else {}
    if args.routes is not None:
        extra["accepted_route_count"] = args.routes
    print(json.dumps(TwinClient(args.endpoint).report_tunnel(args.vpn_id, args.outside_ip, args.status, **extra)))
    return 0


def _ledger(args) -> int:
    client = TwinClient(args.endpoint)
    entries = client.mutating_calls() if args.mutating else client.ledger()
    print(json.dumps(entries, indent=1))
    return 0


def _faults(args) -> int:
    print(json.dumps(TwinClient(args.endpoint).faults(json.loads(args.rules), args.seed)))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab.aws_twin", description="The AWS twin (moto + VPN fidelity layer)")
    sub = parser.add_subparsers(dest="command", required=True)
    endpoint = os.environ.get("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
    for name, run, text in (("serve", _serve, "run the twin in the foreground"), ("start", _start, "run the twin in the background")):
        serve = sub.add_parser(name, help=text)
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=5000, help="0 picks a free port")
        serve.add_argument("--state-dir", default=DEFAULT_STATE_DIR)
        serve.add_argument("--set", action="append", metavar="NAME=VALUE", help="a twin setting (see settings.py)")
        serve.set_defaults(run=run)
    stop = sub.add_parser("stop", help="stop the twin of a state dir")
    stop.add_argument("--state-dir", default=DEFAULT_STATE_DIR)
    stop.set_defaults(run=_stop)
    report = sub.add_parser("report", help="report one tunnel's status")
    report.add_argument("--endpoint", default=endpoint)
    report.add_argument("vpn_id")
    report.add_argument("outside_ip")
    report.add_argument("status", choices=("UP", "DOWN"))
    report.add_argument("--routes", type=int, help="accepted route count")
    report.add_argument("--message", help="status message")
    report.set_defaults(run=_report)
    ledger = sub.add_parser("ledger", help="print the call ledger")
    ledger.add_argument("--endpoint", default=endpoint)
    ledger.add_argument("--mutating", action="store_true", help="only mutating calls")
    ledger.set_defaults(run=_ledger)
    faults = sub.add_parser("faults", help="set fault injection rules (JSON list)")
    faults.add_argument("--endpoint", default=endpoint)
    faults.add_argument("rules")
    faults.add_argument("--seed", type=int, default=0)
    faults.set_defaults(run=_faults)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
