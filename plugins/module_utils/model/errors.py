# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one error type of the collection (S2SError) and the intent's errors built on it.

Every layer's errors derive from S2SError, so a caller that reports problems (a module's fail_json, a filter's
AnsibleFilterError, an action's AnsibleActionFail) catches that one type. A subclass exists where a caller or
a test tells it apart (``except VocabularyError``). S2SError is a ValueError: code that catches ValueError still
catches it.
"""

from __future__ import annotations


class S2SError(ValueError):
    """A problem the collection reports: ``message`` for the user; ``field`` (what it is about, e.g. a dotted path
    into the intent) and ``rule`` (a short stable identifier tests and users can match on) when known.

    The message never contains a pre-shared key (nor any other secret).
    """

    def __init__(self, message: str, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def as_dict(self) -> dict:
        return {"field": self.field, "rule": self.rule, "message": self.message}


class IntentError(S2SError):
    """One broken rule in the VPN intent: always a ``field`` (``sites[0].cgws[1].asn``) and a ``rule`` (``asn.reserved``)."""

    def __init__(self, field: str, rule: str, message: str):
        super().__init__(message, field=field, rule=rule)

    def __str__(self) -> str:
        return f"{self.field}: {self.message} [{self.rule}]"


class IntentErrors(S2SError):
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
