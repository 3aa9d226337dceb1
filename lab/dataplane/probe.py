# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Traffic probe: ping at a fixed rate from one namespace and measure the longest loss window.

An echo reply proves both directions (request one way, reply the other), so a failover on either
router shows up. The loss window is the longest time with no reply beyond the probe interval, taken from
the reply timestamps (ping -D): ping slows its sending while replies are missing or ICMP errors come back
(a 38 s probe at 20/s once sent 265 packets), so counting lost sequence numbers times the interval would
understate an outage several times over.
"""

from __future__ import annotations

import re
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field

from . import system

PING = "ping"

REPLY = re.compile(r"^\[(\d+\.\d+)\] .*bytes from .*icmp_seq=(\d+)")
SENT = re.compile(r"(\d+) packets transmitted.*time (\d+)ms")


@dataclass
class ProbeResult:
    sent: int
    received: int
    interval: float
    lost_seqs: list = field(default_factory=list)
    reply_times: dict = field(default_factory=dict)   # seq -> when its reply arrived (epoch seconds)
    elapsed: float = 0.0                               # ping's own run time, first send to the end

    def _outages(self) -> list:
        """(seconds without a reply beyond the interval, last seq of the stretch) for each stretch of lost packets."""
        replies = sorted(self.reply_times)
        lost = set(self.lost_seqs)
        out = []
        if replies and replies[0] > 1:         # lost from the start (no send time to go by: counted, a lower bound)
            out.append(((replies[0] - 1) * self.interval, replies[0] - 1))
        for before, after in zip(replies, replies[1:]):
            if after - before > 1:
                out.append((self.reply_times[after] - self.reply_times[before] - self.interval, after - 1))
        if replies and self.sent in lost:      # lost to the end: from the last reply to ping's end
            out.append((self._start() + self.elapsed - self.reply_times[replies[-1]], self.sent))
        elif not replies and self.sent:
            out.append((self.elapsed, self.sent))
        return out

    def _start(self) -> float:
        """When the first packet was sent (epoch seconds), from the first reply and the interval."""
        first = min(self.reply_times)
        return self.reply_times[first] - (first - 1) * self.interval

    @property
    def loss_window(self) -> float:
        """Longest time traffic did not get through, in seconds."""
        return round(max((seconds for seconds, _end in self._outages()), default=0.0), 3)

    @property
    def replies_after_outage(self) -> int:
        """Replies to packets sent after the longest loss window: traffic that got through once it was over.
        (Counting, not looking at the last sequence number: ping's deadline can cut off the reply to the very
        last packet even when traffic flows again.)"""
        outages = self._outages()
        if not outages:
            return self.received
        end = max(outages)[1]
        return sum(1 for seq in self.reply_times if seq > end)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "received": self.received, "lost": len(self.lost_seqs),
                "interval_s": self.interval, "loss_window_s": self.loss_window}

    def timeline(self) -> dict:
        """When the probe started (epoch seconds) and each reply's sequence number with its arrival, seconds after
        the start: the drill report draws the loss window from it (playbooks/failover_drill.yml)."""
        if not self.reply_times:
            return {"started": None, "replies": []}
        start = self._start()
        return {"started": round(start, 3), "replies": [[seq, round(self.reply_times[seq] - start, 3)] for seq in sorted(self.reply_times)]}


class Probe:
    """A running ping; ``result()`` waits for it and parses the output."""

    def __init__(self, ns: str, target: str, rate: float, seconds: float, source: str = None):
        self.interval = 1.0 / rate
        # -D: a timestamp on every reply (the loss window is timed, not counted). -w: a deadline one second past the
        # probe's time; with it, -c is the number of replies to wait for (rate x seconds), and ping keeps sending
        # until it has them or the deadline passes.
        self.count = max(1, round(seconds * rate))
        args = ["-n", "-D", "-i", "%.3f" % self.interval, "-W", "1", "-c", str(self.count), "-w", "%d" % (max(1, round(seconds)) + 1)]
        # A source address picks the router on a shared LAN (the host routes by source, one table per router).
        args += ["-I", source, target] if source else [target]
        # Into a file, not a pipe: nobody reads while ping runs, and a full pipe (64 KiB, some 800 replies) would stop
        # ping mid-probe. The file outlives this call: result() and stop() read and close it.
        self.out = tempfile.TemporaryFile(mode="w+")  # pylint: disable=consider-using-with
        self.proc = subprocess.Popen(system.ns_argv(ns, PING, *args), stdout=self.out, stderr=subprocess.STDOUT, text=True)

    def _output(self) -> str:
        self.proc.wait()
        with self.out:
            self.out.seek(0)
            return self.out.read()

    def result(self) -> ProbeResult:
        return parse(self._output(), self.interval, self.count)

    def stop(self) -> ProbeResult:
        """End the probe now (ping prints its summary on SIGINT) and parse it. The packets of the last second (ping's
        -W 1 reply wait) had no time to be answered: unanswered ones at the very end are in flight, not lost."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        return parse(self._output(), self.interval, stopped=True)


def parse(output: str, interval: float, count: int = 0, stopped: bool = False) -> ProbeResult:
    """``stopped``: ping was interrupted (Probe.stop); up to one second of unanswered packets at the end were in
    flight, not lost."""
    replies = {}
    for match in (REPLY.search(line) for line in output.splitlines()):
        if match:
            replies.setdefault(int(match.group(2)), float(match.group(1)))
    summary = SENT.search(output)
    sent = int(summary.group(1)) if summary else (max(replies) if replies else 0)
    if count and len(replies) >= count:
        # With a deadline (-w), -c counts replies: ping stops at the count-th reply, and a packet it sent while
        # waiting for that reply was still in flight, not lost.
        sent = min(sent, max(replies))
    if stopped and replies and sent - max(replies) <= round(1 / interval):
        sent = max(replies)
    elapsed = int(summary.group(2)) / 1000.0 if summary else 0.0
    lost = [seq for seq in range(1, sent + 1) if seq not in replies]
    return ProbeResult(sent=sent, received=len(replies), interval=interval, lost_seqs=lost, reply_times=replies, elapsed=elapsed)


def probe(ns: str, target: str, rate: float = 20, seconds: float = 5, source: str = None) -> ProbeResult:
    return Probe(ns, target, rate, seconds, source).result()
