# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cgw role pushed to N device twins, against the floor of one SSH session per device (issue 6).

One twin process serves N twins (IOS-XE, Junos, VyOS in turn, as bench/device_twins_scale.py). Three
ansible-playbook runs over the same hosts, forks F, network_cli with its default timings:

    floor      ansible.netcommon.cli_command ``show version`` (one session + one command per device)
    push       hybridvpn.s2s.cgw, one VPN connection (2 tunnels + BGP) per device, first run
    no-change  the same again: must report changed=0 everywhere; target <= 2x the floor
               (--no-change-runs N: N such runs; hosts whose push failed change in the first)

Verification is skipped (``cgw_verify: skip``): the twins have no data plane here, so the post-change
checks would only measure their timeout. Prints a table (wall seconds, seconds per host, ratio to the
floor, hosts changed/failed) and, with --json, one JSON line.

    PYTHONPATH=.collections:. .venv/bin/python bench/cgw_push.py --twins 100 --forks 20
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / ".collections")]

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk  # noqa: E402  pylint: disable=wrong-import-position

PLATFORMS = (("ios", "cisco.ios.ios"), ("junos", "junipernetworks.junos.junos"), ("vyos", "vyos.vyos.vyos"))
PASSWORD = "bench-pw"
FLOOR = [{"name": "floor", "hosts": "all", "gather_facts": False,
          "tasks": [{"name": "show version", "ansible.netcommon.cli_command": {"command": "show version"}}]}]
PUSH = [{"name": "cgw", "hosts": "all", "gather_facts": False,
         "tasks": [{"name": "cgw", "ansible.builtin.include_role": {"name": "hybridvpn.s2s.cgw"}}]}]
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def _connection(i):
    """One VGW connection with two tunnels for device ``i`` (addresses unique per device)."""
    vpn = "vpn-%017x" % (0xbe9c0000 + i)
    keys = psk.generate_distinct(2)
    return {"vpn_connection_id": vpn, "name": "bench-%03d" % i, "cgw_asn": 65000 + i % 500, "amazon_side_asn": 64512,
            "local_address": "198.51.%d.%d" % (100 + i // 250, 1 + i % 250), "advertise": ["10.%d.%d.0/24" % (100 + i // 250, i % 250)],
            "accept": ["172.16.0.0/12"],
            "tunnels": [{"index": n, "outside_ip": "203.0.%d.%d" % (i // 120, 2 * (i % 120) + n),
                         "inside_cidr": "169.254.%d.%d/30" % (100 + i // 32, (i % 32) * 8 + (n - 1) * 4),
                         "aws_inside_ip": "169.254.%d.%d" % (100 + i // 32, (i % 32) * 8 + (n - 1) * 4 + 1),
                         "cgw_inside_ip": "169.254.%d.%d" % (100 + i // 32, (i % 32) * 8 + (n - 1) * 4 + 2),
                         "pre_shared_key": keys[n - 1],
                         "options": {"phase1_encryption_algorithms": ["AES256-GCM-16", "AES256"],
                                     "phase1_integrity_algorithms": ["SHA2-384", "SHA2-256"], "phase1_dh_group_numbers": [20, 14],
                                     "phase2_encryption_algorithms": ["AES256-GCM-16", "AES256"],
                                     "phase2_integrity_algorithms": ["SHA2-256"], "phase2_dh_group_numbers": [20, 14],
                                     "ike_versions": ["ikev2"]}} for n in (1, 2)]}


class Twins:
    """``python -m lab.device_twins serve`` with N twins on free ports."""

    def __init__(self, folder, count):
        self.folder = folder
        self.names = ["cgw%03d" % i for i in range(count)]
        spec = {"defaults": {"username": "admin", "password": PASSWORD, "state_dir": str(folder / "state")},
                "twins": [{"name": n, "platform": PLATFORMS[i % 3][0], "port": 0} for i, n in enumerate(self.names)]}
        (folder / "twins.yml").write_text(yaml.safe_dump(spec))
        self.proc = None
        self.ports = {}

    def __enter__(self):
        ready = self.folder / "ready.json"
        with open(self.folder / "twins.log", "ab") as log:
            command = [sys.executable, "-m", "lab.device_twins", "serve", str(self.folder / "twins.yml"), "--ready-file", str(ready)]
            self.proc = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        deadline = time.time() + 120
        while not ready.exists():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("device twins did not start: see %s" % (self.folder / "twins.log"))
            time.sleep(0.1)
        self.ports = {name: info["port"] for name, info in json.loads(ready.read_text()).items()}
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)

    def inventory(self):
        hosts = {}
        for i, name in enumerate(self.names):
            hosts[name] = {"ansible_connection": "ansible.netcommon.network_cli", "ansible_network_os": PLATFORMS[i % 3][1],
                           "ansible_host": "127.0.0.1", "ansible_port": self.ports[name], "ansible_user": "admin",
                           "ansible_password": PASSWORD, "cgw_connections": [_connection(i)], "cgw_verify": "skip"}
        path = self.folder / "inventory.yml"
        path.write_text(yaml.safe_dump({"all": {"hosts": hosts}}))
        return path


def _env():
    env = dict(os.environ)
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / ".collections")]), ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
               ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_DEPRECATION_WARNINGS="False", ANSIBLE_NOCOLOR="1")
    env.pop("ANSIBLE_STDOUT_CALLBACK", None)
    return env


def play(folder, name, plays, inventory, forks):
    """Run ``plays``; (wall seconds, hosts changed, hosts failed or unreachable)."""
    path = folder / ("%s.yml" % name)
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    started = time.monotonic()
    run = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory), "--forks", str(forks), str(path)],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=3600, check=False)
    wall = time.monotonic() - started
    (folder / ("%s.log" % name)).write_text(run.stdout + run.stderr)
    recap = [(int(c), int(u) + int(f)) for _h, _ok, c, u, f in RECAP.findall(run.stdout)]
    return wall, sum(1 for c, _bad in recap if c), sum(1 for _c, bad in recap if bad)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--twins", type=int, default=100)
    parser.add_argument("--forks", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="also print the results as one JSON line")
    parser.add_argument("--keep", help="keep the playbooks, inventory and logs in this folder")
    parser.add_argument("--no-change-runs", type=int, default=1,
                        help="no-change runs after the push; a later one measures a fully converged estate when the push left failures")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="cgw-push-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    with Twins(folder, args.twins) as twins:
        inventory = twins.inventory()
        again = [("no-change-%d" % n if n > 1 else "no-change", PUSH) for n in range(1, args.no_change_runs + 1)]
        for name, plays in [("floor", FLOOR), ("push", PUSH)] + again:
            wall, changed, failed = play(folder, name, plays, inventory, args.forks)
            rows.append({"run": name, "wall_s": round(wall, 1), "per_host_s": round(wall / args.twins, 3),
                         "changed_hosts": changed, "failed_hosts": failed})
    for row in rows:
        row["x_floor"] = round(row["wall_s"] / rows[0]["wall_s"], 2)
    print("%d twins (ios/junos/vyos), forks %d, logs in %s" % (args.twins, args.forks, folder))
    print("| run | wall s | s per host | x floor | hosts changed | hosts failed |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| {run} | {wall_s} | {per_host_s} | {x_floor} | {changed_hosts} | {failed_hosts} |".format(**row))
    if args.json:
        print(json.dumps({"twins": args.twins, "forks": args.forks, "runs": rows}))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(r["failed_hosts"] == 0 for r in rows) and rows[-1]["changed_hosts"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
