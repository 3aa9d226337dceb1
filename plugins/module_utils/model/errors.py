# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors of the shared model: every one names the field and the rule it broke."""

from __future__ import annotations


class IntentError(ValueError):
    """One broken rule in the VPN intent.

    ``field`` is a dotted path into the intent (``sites[0].cgws[1].asn``), ``rule`` a
    short stable identifier tests and users can match on (``asn.reserved``).
    The message never contains a pre-shared key.
    """

    def __init__(self, field: str, rule: str, message: str):
        self.field = field
        self.rule = rule
        self.message = message
        super().__init__(f"{field}: {message} [{rule}]")

    def as_dict(self) -> dict:
        return {"field": self.field, "rule": self.rule, "message": self.message}


class IntentErrors(ValueError):
    """All the rules an intent broke, collected so the user sees them in one run."""

    def __init__(self, errors: list[IntentError]):
        self.errors = list(errors)
        lines = [str(e) for e in self.errors]
        super().__init__(f"{len(lines)} problem(s) in the VPN intent:\n  - " + "\n  - ".join(lines))


class ErrorCollector:
    """Collects IntentError objects while a validator walks the intent."""

    def __init__(self):
        self.errors: list[IntentError] = []

    def add(self, field: str, rule: str, message: str) -> None:
        self.errors.append(IntentError(field, rule, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise IntentErrors(self.errors)
