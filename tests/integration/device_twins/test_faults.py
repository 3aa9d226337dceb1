# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection (lab/device_twins/faults.py): a twin refuses, drops or freezes on the line its faults file names."""

from __future__ import annotations

import asyncio
import json
import time

import asyncssh

from .twinlab import PASSWORD


async def _session(port):
    conn = await asyncssh.connect("127.0.0.1", port, username="admin", password=PASSWORD, known_hosts=None)
    process = await conn.create_process(term_type="vt100")
    await _until(process, "#")
    return conn, process


async def _until(process, ending, timeout=30):
    text = ""
    while not text.rstrip().endswith(ending):
        chunk = await asyncio.wait_for(process.stdout.read(4096), timeout)
        if not chunk:
            raise EOFError(text)
        text += chunk
    return text


def _arm(twins, name, rules):
    (twins.folder / "state" / ("%s.faults.json" % name)).write_text(json.dumps(rules))


def test_refuse_drop_and_stall(twins):
    port = twins.ports["t-ios"]

    async def scenario():
        _arm(twins, "t-ios", [{"match": "^hostname", "action": "refuse"},
                              {"match": "^ip prefix-list FAULT seq 5", "action": "stall", "seconds": 2},
                              {"match": "^ip prefix-list FAULT seq 10", "action": "drop"}])
        conn, process = await _session(port)
        process.stdin.write("configure terminal lock\n")
        await _until(process, "(config)#")
        process.stdin.write("hostname t-ios\n")
        refused = await _until(process, "(config)#")
        assert "% Invalid input detected at '^' marker." in refused
        # a stall freezes the whole twin: another session's command waits, the held line runs first
        other_conn, other = await _session(port)
        began = time.monotonic()
        process.stdin.write("ip prefix-list FAULT seq 5 permit 10.5.0.0/16\n")
        await asyncio.sleep(0.2)
        other.stdin.write("show running-config | include FAULT\n")
        seen = await _until(other, "t-ios#")
        assert time.monotonic() - began >= 1.8 and "seq 5 permit 10.5.0.0/16" in seen, seen
        await _until(process, "(config)#")
        # a drop ends the session: its lock goes with it, the line is not run
        process.stdin.write("ip prefix-list FAULT seq 10 permit 10.6.0.0/16\n")
        await conn.wait_closed()
        other.stdin.write("show configuration lock\n")
        lock = await _until(other, "t-ios#")
        other.stdin.write("show running-config | include FAULT\n")
        config = await _until(other, "t-ios#")
        for line in ("configure terminal", "no ip prefix-list FAULT seq 5 permit 10.5.0.0/16", "end"):      # the twins are shared: leave it clean
            other.stdin.write(line + "\n")
            await _until(other, "#")
        other_conn.close()
        return lock, config

    lock, config = asyncio.run(scenario())
    assert "State             : FREE" in lock
    assert "seq 10" not in config
    rules = json.loads((twins.folder / "state" / "t-ios.faults.json").read_text())
    assert rules == []      # every rule fired once
