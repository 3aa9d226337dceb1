# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""runbook.sites: the plan joined with AWS's read-back, keys only by reference, the alarm naming convention."""

from __future__ import annotations

import copy

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import plan
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import runbook

KEY = "k3yGivenInTheIntent.1"
INTENT = {
    "region": "eu-west-1",
    "gateways": [{"name": "vgw-a", "type": "vgw", "amazon_side_asn": 64600, "vpc_cidrs": ["10.0.0.0/16"]}],
    "sites": [
        {"name": "hq", "gateway": "vgw-a", "prefixes": ["192.168.1.0/24"],
         "cgws": [{"name": "hq-r1", "public_ip": "198.51.100.1", "asn": 65001, "platform": "junos",
                   "connections": [{"tunnels": [{"pre_shared_key": KEY}, {}]}]}]},
        {"name": "shop", "gateway": "vgw-a", "prefixes": ["192.168.2.0/24"],
         "cgws": [{"name": "shop-r1", "public_ip": "198.51.100.2", "asn": 65002, "platform": "vyos",
                   "connection_options": {"psk_storage": "SecretsManager"}}]},
    ],
}


def _aws(planned, vpn_id, arn=None):
    """A vpn_connection_info entry for a planned connection, as AWS would read it back."""
    return {"vpn_connection_id": vpn_id, "state": "available", "vpn_gateway_id": "vgw-1", "customer_gateway_id": "cgw-1",
            "pre_shared_key_arn": arn, "tags": {"s2s:key": planned["key"], "Name": planned["name"]},
            "tunnels": [{"index": t["index"], "outside_ip_address": "203.0.113.%d" % (10 * t["index"]), "inside_cidr": t["inside_cidr"],
                         "aws_inside_ip": t["aws_inside_ip"], "cgw_inside_ip": t["cgw_inside_ip"], "amazon_side_asn": 64600,
                         "customer_gateway_asn": planned["cgw"]["asn"], "telemetry": {"status": "UP"}} for t in planned["tunnels"]]}


def test_sites_join_the_plan_with_aws_and_keep_keys_out():
    planned = plan.build(copy.deepcopy(INTENT))
    hq, shop = planned["connections"]
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s2s-shop"
    out = runbook.sites(planned, [_aws(hq, "vpn-0a"), _aws(shop, "vpn-0b", arn), dict(_aws(hq, "vpn-old"), state="deleted")])
    assert [s["name"] for s in out] == ["hq", "shop"]
    conn = out[0]["connections"][0]
    assert conn["vpn_connection_id"] == "vpn-0a" and conn["commands"] == cgw_state.commands("junos")
    assert conn["outage_alarm"] == "s2s-vpn-%s-outage" % hq["name"]
    first, second = conn["tunnels"]
    assert first["alarm"] == "s2s-vpn-%s-tunnel-203.0.113.10" % hq["name"]
    assert (first["aws_outside_ip"], first["cgw_outside_ip"], first["amazon_side_asn"], first["cgw_asn"]) == \
           ("203.0.113.10", "198.51.100.1", 64600, 65001)
    assert first["psk"].startswith("inventory variable s2s_intent.sites[name=hq].cgws[name=hq-r1].connections[0].tunnels[0].pre_shared_key")
    assert second["psk"].startswith("generated at creation and held by AWS on vpn-0a")
    assert out[1]["connections"][0]["tunnels"][0]["psk"] == "AWS Secrets Manager secret %s (entry for outside IP 203.0.113.10)" % arn
    assert KEY not in repr(out)


def test_a_site_aws_does_not_run_yet_is_not_built():
    planned = plan.build(copy.deepcopy(INTENT))
    out = runbook.sites(planned, [])
    assert [(c["state"], c["vpn_connection_id"], c["tunnels"]) for s in out for c in s["connections"]] == [("not built", None, [])] * 2
