# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CGW behind NAT from the intent to its tunnel facts: AWS's customer gateway keeps the public address, the device
gets its private one to bind (issue 16)."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_args
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_facts, render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan


def _aws_runs(planned):
    """The connections AWS would describe for ``planned``: tagged with their keys, tunnels by inside CIDR."""
    return [{"vpn_connection_id": "vpn-0%d" % n, "state": "available", "tags": {plan.KEY_TAG: conn["key"]},
             "tunnels": [{"outside_ip_address": "203.0.113.%d" % (10 * n + t["index"]), "inside_cidr": t["inside_cidr"],
                          "pre_shared_key": "Key.%d_abcdefgh%d" % (t["index"], n)} for t in conn["tunnels"]]}
            for n, conn in enumerate(planned["connections"])]


def test_a_cgw_behind_nat_is_public_on_aws_and_binds_its_private_address(intent):
    intent["sites"][0]["cgws"][0]["private_ip"] = "10.0.11.11"
    planned = plan.build(intent)
    gateways = {g["name"]: g["ip_address"] for g in aws_args.estate_customer_gateways(planned)}
    assert gateways["r-ios"] == "198.51.100.11"
    facts = cgw_facts.publish(planned, _aws_runs(planned))
    ios, junos = facts["r-ios"][0], facts["r-junos"][0]
    assert (ios["local_address"], ios["private_address"]) == ("198.51.100.11", "10.0.11.11")
    assert (junos["local_address"], junos["private_address"]) == ("198.51.100.21", None)
    tunnels = render.build(facts["r-ios"], "ios")["tunnels"]
    assert {(t["bind_address"], t["local_address"]) for t in tunnels} == {("10.0.11.11", "198.51.100.11")}
