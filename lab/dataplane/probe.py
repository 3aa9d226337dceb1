# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Traffic probe: ping at a fixed rate from one namespace and measure the longest loss window.

An echo reply proves both directions (request one way, reply the other), so a failover on either
router shows up. The loss window is the longest run of consecutive sequence numbers without a
reply, times the interval: the time traffic did not get through.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field

from . import system

PING = "ping"

SEQ = re.compile(r"icmp_seq=(\d+)")
SENT = re.compile(r"(\d+) packets transmitted")


@dataclass
class ProbeResult:
    sent: int
    received: int
    interval: float
    lost_seqs: list = field(default_factory=list)

    @property
    def loss_window(self) -> float:
        """Longest stretch of consecutive lost packets, in seconds."""
        longest = run = 0
        previous = None
        for seq in self.lost_seqs:
            run = run + 1 if previous is not None and seq == previous + 1 else 1
            longest = max(longest, run)
            previous = seq
        return round(longest * self.interval, 3)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "received": self.received, "lost": len(self.lost_seqs),
                "interval_s": self.interval, "loss_window_s": self.loss_window}


class Probe:
    """A running ping; ``result()`` waits for it and parses the output."""

    def __init__(self, ns: str, target: str, rate: float, seconds: float, source: str = None):
        self.interval = 1.0 / rate
        # -c: send rate x seconds probes; -w: the deadline leaves the last probe its one second (-W 1) to be
        # answered, so a reply still in flight when the sending stops is not counted as lost.
        count = max(1, round(seconds * rate))
        args = ["-n", "-i", "%.3f" % self.interval, "-W", "1", "-c", str(count), "-w", "%d" % (max(1, round(seconds)) + 1)]
        # A source address picks the router on a shared LAN (the host routes by source, one table per router).
        args += ["-I", source, target] if source else [target]
        self.proc = subprocess.Popen(system.ns_argv(ns, PING, *args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def result(self) -> ProbeResult:
        out = self.proc.communicate()[0]
        return parse(out, self.interval)


def parse(output: str, interval: float) -> ProbeResult:
    replies = {int(m.group(1)) for m in (SEQ.search(line) for line in output.splitlines() if "bytes from" in line) if m}
    sent_match = SENT.search(output)
    sent = int(sent_match.group(1)) if sent_match else (max(replies) if replies else 0)
    lost = [seq for seq in range(1, sent + 1) if seq not in replies]
    return ProbeResult(sent=sent, received=len(replies), interval=interval, lost_seqs=lost)


def probe(ns: str, target: str, rate: float = 20, seconds: float = 5, source: str = None) -> ProbeResult:
    return Probe(ns, target, rate, seconds, source).result()
