# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""lab.dataplane_sync.cgw_side: a device's drain (AS-path prepend out, local preference in) as the data plane's BGP
policy, read from each platform's structured model (config_read's route_maps shapes: IOS-XE route-maps, VyOS
route-map rules, Junos policy terms)."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.lab.dataplane_sync import cgw_side

# What config_read makes of a drained tunnel's two route-maps, per platform (set keys as each reader spells them).
MODELS = {
    "ios": ({"route_maps": {"T1-IN": [{"seq": 10, "action": "permit", "match": {}, "set": {"local_preference": "90"}}],
                            "T1-OUT": [{"seq": 10, "action": "permit", "match": {}, "set": {"as_path": ["65000", "65000"]}}]}},
            {"address": "169.254.10.1", "route_map_in": "T1-IN", "route_map_out": "T1-OUT"}),
    "vyos": ({"route_maps": {"T1-IN": [{"seq": 10, "action": "permit", "match": {}, "set": {"local-preference": "90"}}],
                             "T1-OUT": [{"seq": 10, "action": "permit", "match": {}, "set": {"as-path": "65000 65000"}}]}},
             {"address": "169.254.10.1", "route_map_in": "T1-IN", "route_map_out": "T1-OUT"}),
    "junos": ({"route_maps": {"T1-IN": [{"seq": None, "action": "accept", "match": {}, "set": {"local-preference": "90"}}],
                              "T1-OUT": [{"seq": None, "action": "accept", "match": {}, "set": {"as-path-prepend": "65000 65000"}}]}},
              {"address": "169.254.10.1", "import_policies": ["T1-IN"], "export_policies": ["T1-OUT"]}),
}


@pytest.mark.parametrize("platform", sorted(MODELS))
def test_a_drained_neighbor_prepends_twice_and_prefers_its_partner(platform):
    model, neighbor = MODELS[platform]
    assert cgw_side._prepend(model, neighbor) == 2   # pylint: disable=protected-access
    assert cgw_side._local_pref(model, neighbor) == 90   # pylint: disable=protected-access


def test_an_undrained_neighbor_sets_nothing():
    model = {"route_maps": {"T1-IN": [{"seq": 10, "action": "permit", "match": {}, "set": {}}]}}
    neighbor = {"address": "169.254.10.1", "route_map_in": "T1-IN", "route_map_out": "T1-OUT"}
    assert cgw_side._prepend(model, neighbor) == 0 and cgw_side._local_pref(model, neighbor) is None   # pylint: disable=protected-access
