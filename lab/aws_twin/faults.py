# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection per action: throttling, 5xx errors and eventual-consistency lag.

Config (JSON, POST /_twin/faults)::

    {"seed": 7, "rules": [
        {"action": "CreateVpnConnection", "throttle_rate": 0.3, "error_rate": 0.1},
        {"action": "Create*", "service": "ec2", "lag_calls": 2}]}

``action`` is a glob on the action name, ``service`` (optional) the signing name; the first
matching rule applies. Draws come from a seeded RNG so a test sees the same sequence each run.
``lag_calls``: resources a matching successful Create* call made stay invisible to the next N
Describe calls of that service (AWS's eventual consistency).
"""

from __future__ import annotations

import fnmatch
import random
import threading

# What AWS answers when it throttles (by signing name): EC2 has its own code and status, the
# JSON services say ThrottlingException, the Query ones (SNS, CloudWatch) Throttling.
THROTTLE = {"ec2": ("RequestLimitExceeded", 503), "logs": ("ThrottlingException", 400),
            "secretsmanager": ("ThrottlingException", 400)}
THROTTLE_DEFAULT = ("Throttling", 400)
SERVER_ERRORS = (("InternalError", 500), ("ServiceUnavailable", 503))
RULE_KEYS = ("action", "service", "throttle_rate", "error_rate", "lag_calls")


class FaultConfigError(ValueError):
    pass


def _check_rule(rule) -> dict:
    if not isinstance(rule, dict) or set(rule) - set(RULE_KEYS) or "action" not in rule:
        raise FaultConfigError("each rule needs 'action' and only keys among %s" % ", ".join(RULE_KEYS))
    for key in ("throttle_rate", "error_rate"):
        if not 0 <= float(rule.get(key, 0)) <= 1:
            raise FaultConfigError("%s must be between 0 and 1" % key)
    if float(rule.get("throttle_rate", 0)) + float(rule.get("error_rate", 0)) > 1:
        raise FaultConfigError("throttle_rate + error_rate must not exceed 1")
    if int(rule.get("lag_calls", 0)) < 0:
        raise FaultConfigError("lag_calls must be >= 0")
    return dict(rule)


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []
        self._seed = 0
        self._rng = random.Random(0)
        self._hidden = {}  # (service, resource id) -> Describe calls it stays invisible for

    def configure(self, config: dict) -> dict:
        if not isinstance(config, dict) or set(config) - {"seed", "rules"}:
            raise FaultConfigError("faults config takes 'seed' and 'rules'")
        rules = [_check_rule(r) for r in config.get("rules", [])]
        with self._lock:
            self._rules = rules
            self._seed = int(config.get("seed", 0))
            self._rng = random.Random(self._seed)
            self._hidden = {}
        return self.config()

    def config(self) -> dict:
        with self._lock:
            return {"seed": self._seed, "rules": [dict(r) for r in self._rules]}

    def _rule(self, service: str, action: str):
        for rule in self._rules:
            if fnmatch.fnmatchcase(action, rule["action"]) and rule.get("service", service) == service:
                return rule
        return None

    def draw(self, service: str, action: str):
        """(code, http_status) of a fault to answer instead of the action, or None."""
        with self._lock:
            rule = self._rule(service, action)
            if rule is None:
                return None
            throttle, error = float(rule.get("throttle_rate", 0)), float(rule.get("error_rate", 0))
            if not throttle and not error:
                return None
            roll = self._rng.random()
            if roll < throttle:
                return THROTTLE.get(service, THROTTLE_DEFAULT)
            if roll < throttle + error:
                return SERVER_ERRORS[self._rng.randrange(len(SERVER_ERRORS))]
            return None

    def note_created(self, service: str, action: str, resource_ids) -> None:
        """Start the lag of resources a successful Create* call made, when a rule asks for it."""
        with self._lock:
            rule = self._rule(service, action)
            calls = int(rule.get("lag_calls", 0)) if rule else 0
            if calls:
                for rid in resource_ids:
                    self._hidden[(service, rid)] = calls

    def hidden_for_describe(self, service: str) -> set:
        """IDs this Describe call must not show; each hidden resource uses up one call."""
        with self._lock:
            found = set()
            for key in list(self._hidden):
                if key[0] == service:
                    found.add(key[1])
                    self._hidden[key] -= 1
                    if self._hidden[key] <= 0:
                        del self._hidden[key]
            return found
