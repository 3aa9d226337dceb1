# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The call ledger: every AWS action the twin answered, so tests can count mutating calls.

"Mutating" is decided by the action name alone (a read never changes state, whatever it
returns); a DryRun request is recorded as not mutating because AWS changes nothing for it.
"""

from __future__ import annotations

import threading
import time

READ_PREFIXES = ("Describe", "Get", "List", "Search", "Lookup", "BatchGet", "Filter")
# Reads whose names do not start with a read verb (EC2, CloudWatch, Logs, SNS, Secrets Manager), and STS's
# AssumeRole, which hands out temporary credentials and changes no resource (a check-mode run assumes roles to read).
READ_ACTIONS = frozenset((
    "CheckIfPhoneNumberIsOptedOut", "ValidateResourcePolicy", "TestMetricFilter",
    "ExportClientVpnClientConfiguration", "ExportTransitGatewayRoutes", "AssumeRole",
))


# REST calls (no action name) are recorded as "METHOD /path"; these methods only read.
READ_METHODS = ("GET ", "HEAD ", "OPTIONS ")


def is_mutating(action: str) -> bool:
    return not (action.startswith(READ_PREFIXES) or action.startswith(READ_METHODS) or action in READ_ACTIONS)


class Ledger:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []
        self._seq = 0

    def record(self, service: str, action: str, status_code: int, dry_run: bool = False,
               fault: str = None, region: str = None) -> dict:
        with self._lock:
            self._seq += 1
            entry = {
                "seq": self._seq,
                "time": time.time(),
                "service": service,
                "region": region,
                "action": action,
                "mutating": is_mutating(action) and not dry_run,
                "dry_run": dry_run,
                "status_code": status_code,
                "fault": fault,
            }
            self._entries.append(entry)
            return entry

    def entries(self, since: int = 0) -> list:
        with self._lock:
            return [dict(e) for e in self._entries if e["seq"] > since]

    def reset(self) -> None:
        with self._lock:
            self._entries = []
