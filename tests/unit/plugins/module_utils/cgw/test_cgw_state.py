# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_state: Junos IPsec SAs are lines per direction with the gateway, no state word."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state

JUNOS_IKE = """Index   State  Initiator cookie  Responder cookie  Mode           Remote Address
1000001 UP     0000000000000001  0000000000000007  IKEv2          203.0.113.3"""
JUNOS_IPSEC = """  Total active tunnels: 1     Total Ipsec sas: 1
  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway
  <131073 ESP:aes-gcm-256/none 00001000 3600/ unlim - root 500 203.0.113.3
  >131073 ESP:aes-gcm-256/none 00001000 3600/ unlim - root 500 203.0.113.3"""
JUNOS_BGP = "BGP is not running"
RENDER = {"tunnels": [{"name": "st0.1", "peer_address": "203.0.113.3"}, {"name": "st0.2", "peer_address": "203.0.113.4"}],
          "bgp": {"neighbors": []}}


def test_junos_ipsec_sa_lines_mean_up():
    state = cgw_state.assess([JUNOS_IKE, JUNOS_IPSEC, JUNOS_BGP], "junos", RENDER)
    first, second = state["tunnels"]
    assert (first["ike"], first["ipsec"], first["up"]) == (True, True, True)
    assert (second["ike"], second["ipsec"], second["up"]) == (False, False, False)
    assert "203.0.113.4" in state["report"][1]


def test_junos_no_ipsec_sa_is_down():
    state = cgw_state.assess([JUNOS_IKE, "  Total active tunnels: 0     Total Ipsec sas: 0", JUNOS_BGP], "junos", RENDER)
    assert state["tunnels"][0]["ike"] and not state["tunnels"][0]["ipsec"]
    assert "IPsec" in state["tunnels"][0]["reason"]
