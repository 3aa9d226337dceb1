# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``lab`` CLI for device twins.

    python -m lab.device_twins serve SPEC [--ready-file F]      # foreground, Ctrl-C stops
    python -m lab.device_twins start SPEC [--pid-file P]        # background, waits until listening
    python -m lab.device_twins stop [--pid-file P]
    python -m lab.device_twins status SPEC
    python -m lab.device_twins model NAME [--spec SPEC]         # structured model JSON
    python -m lab.device_twins inventory SPEC [--pid-file P]    # Ansible inventory (YAML) for the twins
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time

import yaml

from lab.device_twins import model
from lab.device_twins.spec import NETWORK_OS, TRANSPORTS, SpecError, load

DEFAULT_SPEC = "lab/device_twins/lab-twins.yml"
DEFAULT_PID = ".lab/device-twins.pid"
DEFAULT_LOG = ".lab/device-twins.log"


def _serve(args):
    from lab.device_twins import server   # pylint: disable=import-outside-toplevel
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    server.serve(load(args.spec), args.ready_file)
    return 0


def _start(args):
    specs = load(args.spec)
    os.makedirs(os.path.dirname(os.path.abspath(args.pid_file)), exist_ok=True)
    if _alive(args.pid_file):
        print("device twins already running (pid file %s)" % args.pid_file)
        return 0
    ready = args.pid_file + ".ready.json"
    if os.path.exists(ready):
        os.unlink(ready)
    with open(args.log_file, "ab") as log:
        # the server outlives this command on purpose: `stop` ends it through the pid file
        command = [sys.executable, "-m", "lab.device_twins", "serve", args.spec, "--ready-file", ready]
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,  # pylint: disable=consider-using-with
                                start_new_session=True)
    deadline = time.time() + 30
    while not os.path.exists(ready):
        if proc.poll() is not None or time.time() > deadline:
            print("device twins failed to start; see %s" % args.log_file, file=sys.stderr)
            return 1
        time.sleep(0.1)
    with open(args.pid_file, "w", encoding="utf-8") as handle:
        handle.write("%d\n" % proc.pid)
    for spec in specs:
        print("%-20s %-7s ssh -p %d %s@%s" % (spec.name, spec.platform, spec.port, spec.username, spec.host))
    return 0


def _alive(pid_file):
    try:
        with open(pid_file, encoding="utf-8") as handle:
            pid = int(handle.read().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _stop(args):
    pid = _alive(args.pid_file)
    if not pid:
        print("device twins not running")
        return 0
    os.kill(pid, signal.SIGTERM)
    for _attempt in range(100):
        if not _alive(args.pid_file):
            break
        time.sleep(0.1)
    for path in (args.pid_file, args.pid_file + ".ready.json"):
        if os.path.exists(path):
            os.unlink(path)
    print("device twins stopped (pid %d)" % pid)
    return 0


def _status(args):
    for spec in load(args.spec):
        try:
            with socket.create_connection((spec.host, spec.port), timeout=1):
                state = "listening"
        except OSError:
            state = "down"
        print("%-20s %-7s %s:%d %s" % (spec.name, spec.platform, spec.host, spec.port, state))
    return 0


def _model(args):
    twins = {t.name: t for t in load(args.spec)}
    if args.name not in twins:
        print("no twin %r in %s; twins: %s" % (args.name, args.spec, ", ".join(twins)), file=sys.stderr)
        return 2
    print(json.dumps(model(twins[args.name]), indent=2, sort_keys=True))
    return 0


def inventory(specs, ports=None):
    """An Ansible inventory: one group per platform, each twin's connection vars (its transport's)."""
    groups = {}
    for spec in specs:
        host = dict(TRANSPORTS[spec.transport], ansible_host=spec.host, ansible_port=(ports or {}).get(spec.name, spec.port),
                    ansible_network_os=NETWORK_OS[spec.platform], ansible_user=spec.username)
        if spec.password:
            host["ansible_password"] = spec.password
        groups.setdefault(spec.platform, {"hosts": {}})["hosts"][spec.name] = host
    return {"all": {"children": {"device_twins": {"children": groups}}}}


def _inventory(args):
    ports = {}
    ready = args.pid_file + ".ready.json"
    if os.path.exists(ready):       # running twins: their real ports (a spec may say 0)
        with open(ready, encoding="utf-8") as handle:
            ports = {name: info["port"] for name, info in json.load(handle).items()}
    print(yaml.safe_dump(inventory(load(args.spec), ports), sort_keys=False), end="")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lab.device_twins", description="SSH device twins")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="run the twins in the foreground")
    p.add_argument("spec", nargs="?", default=DEFAULT_SPEC)
    p.add_argument("--ready-file", help="write the listening ports here (JSON) once up")
    p.set_defaults(func=_serve)
    p = sub.add_parser("start", help="run the twins in the background")
    p.add_argument("spec", nargs="?", default=DEFAULT_SPEC)
    p.add_argument("--pid-file", default=DEFAULT_PID)
    p.add_argument("--log-file", default=DEFAULT_LOG)
    p.set_defaults(func=_start)
    p = sub.add_parser("stop", help="stop background twins")
    p.add_argument("--pid-file", default=DEFAULT_PID)
    p.set_defaults(func=_stop)
    p = sub.add_parser("status", help="which twins listen")
    p.add_argument("spec", nargs="?", default=DEFAULT_SPEC)
    p.set_defaults(func=_status)
    p = sub.add_parser("model", help="print a twin's structured model as JSON")
    p.add_argument("name")
    p.add_argument("--spec", default=DEFAULT_SPEC)
    p.set_defaults(func=_model)
    p = sub.add_parser("inventory", help="print an Ansible inventory for the twins")
    p.add_argument("spec", nargs="?", default=DEFAULT_SPEC)
    p.add_argument("--pid-file", default=DEFAULT_PID)
    p.set_defaults(func=_inventory)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SpecError as exc:
        print("spec error: %s" % exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
