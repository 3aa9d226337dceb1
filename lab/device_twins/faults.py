# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: a twin that freezes, drops the SSH session or refuses a line when a test says so.

The twin reads its faults file (spec ``faults_file``, default ``<state_dir>/<name>.faults.json``) before every
input line of an interactive session; no file, no faults. The file is a JSON list of rules, the first matching
rule fires:

    [{"match": "^router bgp", "action": "stall", "seconds": 10, "once": true, "skip": 0}]

- ``match``: a regex searched in the command line (stripped);
- ``action``: ``stall`` freezes the whole twin for ``seconds`` (as a SIGSTOPped device: no session of it answers,
  new ones get no prompt), then runs the line (it was in the device's input buffer) and answers - to a client
  that has usually given up. ``drop`` closes the SSH connection instead of running the line (its session ends,
  a lock it held is released). ``refuse`` answers with the platform's error for an invalid line and does not
  run it;
- ``once`` (default true): the rule is removed from the file when it fires;
- ``skip`` (default 0): let that many matching lines through first (counted down in the file).

The lines of a config file the device loads in one command (IOS-XE ``copy flash:<file> running-config``) meet the
``refuse`` rules too (``file_line_refusal``); a stall or a drop fires on the command line that loads the file.

A rule never logs the line (it may carry a key): only the twin, the action and the rule's index.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile

from lab.device_twins import ios

LOG = logging.getLogger("device_twins")
ACTIONS = ("stall", "drop", "refuse")


class Fault:
    """A rule that fired: ``action`` and, for a stall, ``seconds``."""

    def __init__(self, action, seconds):
        self.action = action
        self.seconds = seconds


def _load(path):
    try:
        with open(path, encoding="utf-8") as handle:
            rules = json.load(handle)
    except (OSError, ValueError):
        return []
    return rules if isinstance(rules, list) else []


def _store(path, rules):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".faults-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(rules, handle, indent=1)
    os.replace(tmp, path)


def check(spec, line, actions=ACTIONS):
    """The Fault the twin's faults file holds for ``line`` (None: run it as usual); updates once/skip in the file.
    ``actions``: the actions that can fire here (a line of a file the device loads can only be refused)."""
    path = spec.faults_file
    if not path or not os.path.exists(path):
        return None
    rules = _load(path)
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or rule.get("action") not in ACTIONS or rule.get("action") not in actions:
            continue
        try:
            if not re.search(rule.get("match", ""), line.strip()):
                continue
        except re.error:
            LOG.warning("%s: faults rule %d has a bad regex", spec.name, index)
            continue
        if rule.get("skip", 0) > 0:
            rule["skip"] -= 1
            _store(path, rules)
            return None
        if rule.get("once", True):
            del rules[index]
            _store(path, rules)
        LOG.info("%s: fault %s (rule %d)", spec.name, rule["action"], index)
        return Fault(rule["action"], float(rule.get("seconds", 10)))
    return None


def file_line_refusal(session, line):
    """What the device prints instead of running ``line`` of a file it loads, when a refuse rule fires; else None."""
    return refusal(session, line) if check(session.spec, line, ("refuse",)) else None


def refusal(session, line):
    """What the session's platform prints for an invalid line (IOS caret, Junos syntax error, VyOS Set failed)."""
    words = session.split(line) or [line]
    platform = session.spec.platform
    if platform == "ios":
        return ios.marker(session.prompt(), line, line.split(), len(line.split()) - 1)
    if platform == "junos":
        return session._marker(words, len(words) - 1, "syntax error.")   # pylint: disable=protected-access
    if words[0] in ("set", "delete"):
        return "\n  Configuration path: [%s] is not valid\n  %s failed\n" % (" ".join(words[1:]), words[0].capitalize())
    return "\n  Invalid command: [%s]\n" % " ".join(words)
