# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deterministic, stable assignment of keys to numbered slots.

Used for tunnel inside CIDRs (slot = /30 in 169.254.0.0/16) and device object numbers
(slot = Tunnel/st0/vti interface number). Each key hashes to a first-choice slot; pinned keys
keep their slot; a key whose first choice is taken probes forward. Because every unpinned key
first tries its own first choice, a key only moves when that choice is contested, never because
another key's probe wandered into it; feeding previous results back as pins makes it fully stable.
"""

from __future__ import annotations

import hashlib

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class SlotError(S2SError):
    def __init__(self, rule: str, message: str):
        super().__init__(message, rule=rule)


def first_choice(key: str, slots: int) -> int:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:16], "big") % slots


def assign(keys, slots: int, pins=None, excluded=frozenset()) -> dict:
    """Map every key to a slot number in ``range(slots)``.

    ``pins`` maps keys to slots they must keep (two keys pinned to one slot fail);
    ``excluded`` slots are never handed out (pins may not use them either).
    """
    pins = dict(pins or {})
    result, owner = {}, {}
    for key in sorted(pins):
        slot = pins[key]
        if slot in excluded:
            raise SlotError("slot.reserved", "slot %s pinned for %s is reserved" % (slot, key))
        if slot in owner:
            raise SlotError("slot.duplicate", "slot %s is pinned for both %s and %s" % (slot, owner[slot], key))
        owner[slot] = key
        result[key] = slot
    losers = []
    for key in sorted(set(keys) - set(pins)):
        slot = first_choice(key, slots)
        if slot in owner or slot in excluded:
            losers.append(key)
            continue
        owner[slot] = key
        result[key] = slot
    for key in losers:
        slot = first_choice(key, slots)
        for _probe in range(slots):
            slot = (slot + 1) % slots
            if slot not in owner and slot not in excluded:
                break
        else:
            raise SlotError("slot.exhausted", "no free slot left of %d" % slots)
        owner[slot] = key
        result[key] = slot
    return result
