# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How many device twins one process carries: start N twins, then drive all of them at once.

Each client does what network_cli does: an interactive shell, the terminal setup commands,
``show version``, enter configuration mode, push a tunnel + BGP block, leave, read the config
back. Prints one JSON line with the timings (seconds) and any failures.

    PYTHONPATH=.collections:. .venv/bin/python bench/device_twins_scale.py --twins 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time

import asyncssh

sys.path[:0] = [os.path.join(os.path.dirname(__file__), ".."), os.path.join(os.path.dirname(__file__), "..", ".collections")]

from lab.device_twins import server  # noqa: E402  pylint: disable=wrong-import-position
from lab.device_twins.spec import build  # noqa: E402  pylint: disable=wrong-import-position

PROMPT_END = ("#", "> ", "# ", "$ ")
SCRIPTS = {
    "ios": ["terminal length 0", "terminal width 512", "show version", "configure terminal", "interface Tunnel1",
            "ip address 169.254.10.2 255.255.255.252", "tunnel source 198.51.100.2", "tunnel destination 203.0.113.10",
            "tunnel mode ipsec ipv4", "router bgp 65010", "neighbor 169.254.10.1 remote-as 64512",
            "neighbor 169.254.10.1 timers 10 30 30", "end", "show running-config"],
    "junos": ["set cli screen-length 0", "show version", "configure",
              "set interfaces st0 unit 1 family inet address 169.254.10.6/30",
              "set protocols bgp group aws neighbor 169.254.10.5 peer-as 64512", "show | compare", "commit and-quit",
              "show configuration | display set"],
    "vyos": ["set terminal length 0", "show version", "configure", "set interfaces vti vti1 address 169.254.10.10/30",
             "set protocols bgp system-as 65030", "set protocols bgp neighbor 169.254.10.9 remote-as 64512", "compare",
             "commit", "exit", "show configuration commands"],
}


async def _until_prompt(process):
    out = ""
    while not out.rstrip(" ").endswith(("#", ">", "$")):
        chunk = await process.stdout.read(65536)
        if not chunk:
            raise ConnectionError("channel closed")
        out += chunk
    return out


async def drive(spec, password):
    started = time.monotonic()
    async with asyncssh.connect(spec.host, spec.port, username=spec.username, password=password, known_hosts=None) as conn:
        process = await conn.create_process(term_type="vt100")
        await _until_prompt(process)
        for command in SCRIPTS[spec.platform]:
            process.stdin.write(command + "\r")
            await _until_prompt(process)
        process.close()
    return time.monotonic() - started


async def run(count, folder):
    password = "bench-pw"
    specs = [build({"name": "cgw%03d" % i, "platform": ("ios", "junos", "vyos")[i % 3], "port": 0,
                    "password": password, "state_dir": folder}, {}, folder) for i in range(count)]
    t0 = time.monotonic()
    twins = await server.start(specs)
    started = time.monotonic() - t0
    try:
        t1 = time.monotonic()
        results = await asyncio.gather(*(drive(s, password) for s in specs), return_exceptions=True)
        wall = time.monotonic() - t1
    finally:
        for twin in twins:
            twin.server.close()
    durations = sorted(r for r in results if isinstance(r, float))
    failures = [repr(r) for r in results if not isinstance(r, float)]
    commands = sum(len(SCRIPTS[s.platform]) for s in specs)
    return {"twins": count, "start_s": round(started, 3), "concurrent_sessions_wall_s": round(wall, 3),
            "commands": commands, "commands_per_s": round(commands / wall, 1),
            "session_s": {"median": round(statistics.median(durations), 3) if durations else None,
                          "p95": round(durations[int(len(durations) * 0.95) - 1], 3) if durations else None,
                          "max": round(durations[-1], 3) if durations else None},
            "failures": failures[:5], "failed": len(failures)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--twins", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(asyncio.run(run(args.twins, folder))))


if __name__ == "__main__":
    main()
