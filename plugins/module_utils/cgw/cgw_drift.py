# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How a device's configuration text differs from the one read before a push, without a key in the answer.

Only volatile lines are left out of the comparison (the IOS-XE header and change timestamps, Junos commit
headers); everything else must match line for line. The differing lines come back with every key masked:
the tunnel keys the push carried, and any value a key-holding statement sets (a key the device had before).
"""

from __future__ import annotations

import difflib
import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk

_VOLATILE = re.compile(r"^(Building configuration|Current configuration :|! Last configuration change|! NVRAM config last updated"
                       r"|## Last (commit|changed):)")
# IOS-XE keyring peers, Junos IKE policies, VyOS 1.4 PSKs and 1.3 peers: the value after the keyword is a key.
_KEY_VALUE = re.compile(r"((?:pre-shared-key(?: local| remote| ascii-text)?|secret|pre-shared-secret)\s+)(\S+)")
SHOWN = 12       # differing lines a message shows


def lines(text):
    """The lines that count, without line-end noise or volatile headers."""
    out = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    out = [line for line in out if not _VOLATILE.match(line)]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def mask(line, keys=()):
    return psk.redact(_KEY_VALUE.sub(r"\1" + psk.REDACTED, line), keys)


def differences(before, after, keys=()):
    """``-`` lines the device lost and ``+`` lines it gained since ``before``, keys masked; [] when equal."""
    old, new = lines(before), lines(after)
    if old == new:
        return []
    out = []
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append(mask(line, keys))
    return out


def summary(found):
    """The first SHOWN differing lines, one string."""
    shown = "; ".join(found[:SHOWN])
    return shown + ("; ... %d more" % (len(found) - SHOWN) if len(found) > SHOWN else "")
