# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A drained tunnel (cgw_drain_tunnels, maintenance) or a former active_passive standby gets its export policy's
AS-path prepend; once nothing asks for it, the next push removes it - the push otherwise only adds lines, and the
tunnel would stay drained. The prepend is found on the one read (render.discover ``prepended``), the render marks the
neighbour (``stale_prepend``) and the platform's template removes it; once removed, nothing is rendered (idempotent)."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_pending, render
from tests.unit.lab.test_vyos_render_vs_vendor_tree import FEATURES, rendered as vyos_rendered
from tests.unit.roles import junos_render

DRAINED = "203.0.113.11"   # tunnel 1's AWS outside address in both platforms' fixtures


def _vyos(prepended=(), settings=None, legacy=False):
    connections = FEATURES["bgp"]("recommended")
    for tunnel in connections[0]["tunnels"]:
        tunnel["outside_ip"] = "203.0.113.1%d" % tunnel["index"]
    data = render.build(connections, "vyos", settings, prepended=prepended)
    return data, vyos_rendered(connections, legacy, data=data)


def _junos(prepended=(), settings=None):
    connections = [junos_render.connection()]
    data = render.build(connections, "junos", settings, prepended=prepended)
    return data, junos_render.lines(connections, data=data)


PLATFORMS = {"junos": (_junos, "delete policy-options policy-statement %s term ACCEPT then as-path-prepend"),
             "vyos": (_vyos, "delete policy route-map %s rule 10 set as-path prepend")}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_prepend_a_drain_left_is_removed_once_and_then_left_alone(platform):
    build, removal = PLATFORMS[platform]
    drained_data, drained_lines = build(settings={"drained": [DRAINED]})
    t1 = drained_data["bgp"]["neighbors"][0]
    assert t1["prepend"] == 2 and not t1["stale_prepend"]
    device = "\n".join(drained_lines)                    # the device after the drain's push
    found = render.discover(device, platform)["prepended"]
    assert found == [t1["route_map_out"]]
    data, lines = build(prepended=found)                 # undrained: nothing asks for the prepend any more
    assert [n["stale_prepend"] for n in data["bgp"]["neighbors"]] == [True, False]
    assert removal % t1["route_map_out"] in lines
    assert removal % t1["route_map_out"] in cgw_pending.pending(lines, device, platform)
    # once removed, the read finds no prepend and the render asks for nothing more
    after = "\n".join(line for line in drained_lines if "prepend" not in line)
    assert render.discover(after, platform)["prepended"] == []
    assert not [line for line in build(prepended=[])[1] if line.startswith("delete")]


def test_vyos_13_removes_its_own_spelling():
    drained_data, drained_lines = _vyos(settings={"drained": [DRAINED]}, legacy=True)
    found = render.discover("\n".join(drained_lines), "vyos")["prepended"]
    _data, lines = _vyos(prepended=found, legacy=True)
    assert "delete policy route-map %s rule 10 set as-path-prepend" % drained_data["bgp"]["neighbors"][0]["route_map_out"] in lines


def test_ios_finds_the_prepend_under_its_route_map_and_marks_the_neighbour():
    text = ("route-map S2S-0a1b2c3d-T1-OUT permit 10\n match ip address prefix-list S2S-0a1b2c3d-OUT\n"
            " set as-path prepend 65011 65011\nroute-map S2S-0a1b2c3d-T2-OUT permit 10\n"
            " match ip address prefix-list S2S-0a1b2c3d-OUT\n!\nrouter bgp 65011\n")
    found = render.discover(text, "ios")["prepended"]
    assert found == ["S2S-0a1b2c3d-T1-OUT"]
    data = render.build([junos_render.connection()], "ios", prepended=found)
    assert [(n["route_map_out"], n["stale_prepend"]) for n in data["bgp"]["neighbors"]] == [
        ("S2S-0a1b2c3d-T1-OUT", True), ("S2S-0a1b2c3d-T2-OUT", False)]
