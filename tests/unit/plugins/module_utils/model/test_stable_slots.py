# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import stable_slots

keys = st.lists(st.text(alphabet="abcdef/0123", min_size=1, max_size=10), unique=True, max_size=40)


@given(keys, st.sets(st.integers(min_value=0, max_value=63), max_size=10))
def test_unique_in_range_and_never_excluded(names, excluded):
    result = stable_slots.assign(names, 64, excluded=excluded)
    assert len(set(result.values())) == len(names)
    assert all(0 <= s < 64 and s not in excluded for s in result.values())


@given(keys, keys)
def test_pins_from_a_previous_run_keep_every_survivor(before, after):
    first = stable_slots.assign(before, 128)
    pins = {k: v for k, v in first.items() if k in after}
    second = stable_slots.assign(after, 128, pins)
    assert all(second[k] == v for k, v in pins.items())


def test_exhaustion_and_pin_conflicts_name_the_rule():
    with pytest.raises(stable_slots.SlotError) as err:
        stable_slots.assign(["a", "b", "c"], 2)
    assert err.value.rule == "slot.exhausted"
    with pytest.raises(stable_slots.SlotError) as err:
        stable_slots.assign(["a", "b"], 8, pins={"a": 3, "b": 3})
    assert err.value.rule == "slot.duplicate"
    with pytest.raises(stable_slots.SlotError) as err:
        stable_slots.assign(["a"], 8, pins={"a": 3}, excluded={3})
    assert err.value.rule == "slot.reserved"
