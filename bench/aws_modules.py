# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How long the AWS modules take against the twin (run from the repo root: python bench/aws_modules.py [N]).

Prints seconds and AWS calls for ansible-playbook runs of N VPN connections (one play, N tasks):
create, a second run that changes nothing, a tunnel change on every connection, and delete.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import yaml

sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), ".collections")]

from lab.aws_twin.client import TwinProcess  # noqa: E402  pylint: disable=wrong-import-position


def play(twin, cgw: str, tgw: str, count: int, lifetime: int, state: str = "present") -> list:
    defaults = {"region": "us-east-1", "endpoint_url": twin.endpoint_url}
    tasks = [{"name": "vpn %d" % n, "hybridvpn.s2s.vpn_connection": {
        "state": state, "customer_gateway_id": cgw, "transit_gateway_id": tgw, "tags": {"Name": "bench-%d" % n},
        "tunnel_options": [{"phase1_lifetime_seconds": lifetime}] * 2}} for n in range(count)]
    return [{"hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/hybridvpn.s2s.aws": defaults}, "tasks": tasks}]


def run(twin, label: str, plays: list, workdir: str) -> None:
    path = os.path.join(workdir, "bench.yml")
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(plays, handle)
    env = dict(os.environ, **twin.environment())
    env.update(PYTHONPATH=os.path.join(os.getcwd(), ".collections"), ANSIBLE_CONFIG=os.path.join(os.getcwd(), "ansible.cfg"))
    since = twin.last_seq()
    start = time.perf_counter()
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                    "-e", "ansible_python_interpreter=%s" % sys.executable, path],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    calls = twin.ledger(since)
    print("%-28s %8.2f s %5d calls %4d mutating" % (label, elapsed, len(calls), sum(1 for c in calls if c["mutating"])))


def main(count: int = 5) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        twin = TwinProcess.start(os.path.join(workdir, "twin"))
        try:
            ec2 = twin.client("ec2")
            cgw = ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
            tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
            run(twin, "create %d" % count, play(twin, cgw, tgw, count, 14400), workdir)
            run(twin, "second run %d" % count, play(twin, cgw, tgw, count, 14400), workdir)
            run(twin, "change both tunnels %d" % count, play(twin, cgw, tgw, count, 10800), workdir)
            run(twin, "delete %d" % count, play(twin, cgw, tgw, count, 10800, "absent"), workdir)
        finally:
            twin.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
