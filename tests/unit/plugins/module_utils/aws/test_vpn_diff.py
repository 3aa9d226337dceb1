# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_diff
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import aws_samples


def actual():
    return normalize.connection(aws_samples.connection())


def test_tunnels_match_by_inside_cidr_before_order():
    tunnels = actual()["tunnels"]
    pairs = vpn_diff.match_tunnels([{"phase1_lifetime_seconds": 900}, {"inside_cidr": "169.254.12.0/30"}], tunnels)
    assert [(i, t["outside_ip_address"]) for i, t in pairs] == [(0, "198.51.100.8"), (1, "198.51.100.7")]


def test_tunnels_without_cidr_follow_aws_order():
    pairs = vpn_diff.match_tunnels([{}, {}], actual()["tunnels"])
    assert [t["outside_ip_address"] for _i, t in pairs] == ["198.51.100.7", "198.51.100.8"]


def test_unknown_cidr_takes_the_remaining_tunnel_and_becomes_a_change():
    tunnels = actual()["tunnels"]
    pairs = vpn_diff.match_tunnels([{"inside_cidr": "169.254.12.4/30"}, {"inside_cidr": "169.254.99.0/30"}], tunnels)
    assert [t["outside_ip_address"] for _i, t in pairs] == ["198.51.100.8", "198.51.100.7"]
    assert vpn_diff.tunnel_changes({"inside_cidr": "169.254.99.0/30"}, pairs[1][1]["options"]) == {"inside_cidr": "169.254.99.0/30"}


def test_equal_values_in_other_spellings_and_orders_are_no_change():
    options = actual()["tunnels"][0]["options"]
    spec = {"phase1_encryption_algorithms": ["aes256-gcm-16"], "phase1_dh_group_numbers": ["21", 20],
            "ike_versions": ["IKEv2"], "dpd_timeout_seconds": 40, "log_options": {"log_enabled": False}}
    assert vpn_diff.tunnel_changes(spec, options) == {}


def test_each_family_change_is_detected():
    options = actual()["tunnels"][0]["options"]
    spec = {"phase1_lifetime_seconds": 28800, "phase2_integrity_algorithms": ["SHA2-512"], "startup_action": "start",
            "log_options": {"log_enabled": True, "log_group_arn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/x"}}
    assert set(vpn_diff.tunnel_changes(spec, options)) == set(spec)


def test_psk_compared_only_when_aws_returned_one():
    assert vpn_diff.tunnel_changes({"pre_shared_key": "NewKey_123"}, {}, actual_psk="OldKey_123") == {"pre_shared_key": "NewKey_123"}
    assert vpn_diff.tunnel_changes({"pre_shared_key": "SameKey_1"}, {}, actual_psk="SameKey_1") == {}
    assert vpn_diff.tunnel_changes({"pre_shared_key": "NewKey_123"}, {}, actual_psk=None) == {}


def test_connection_changes_split_modify_and_replace():
    modify, replace = vpn_diff.connection_changes(
        {"remote_ipv4_network_cidr": "10.0.0.0/8", "static_routes_only": False, "tunnel_bandwidth": "standard",
         "local_ipv4_network_cidr": "0.0.0.0/0", "enable_acceleration": None}, actual()["options"])
    assert modify == {"remote_ipv4_network_cidr": "10.0.0.0/8"}
    assert replace == [("static_routes_only", True, False)]


def test_identity_changes():
    assert vpn_diff.identity_changes({"customer_gateway_id": "cgw-new", "vpn_gateway_id": "vgw-0abc"}, actual()) == [
        ("customer_gateway_id", "cgw-0abc", "cgw-new")]


def test_route_changes_with_and_without_purge():
    routes = actual()["routes"]
    assert vpn_diff.route_changes(None, routes, True) == ([], [])
    assert vpn_diff.route_changes(["10.30.0.0/16"], routes, True) == (["10.30.0.0/16"], ["10.20.0.0/16"])
    assert vpn_diff.route_changes(["10.30.0.0/16"], routes, False) == (["10.30.0.0/16"], [])


def test_diff_view_and_prediction_never_show_keys():
    view = vpn_diff.diff_view(normalize.connection(aws_samples.connection(), include_psk=True))
    after = vpn_diff.predict(view, {"tunnel_bandwidth": "large"},
                             {"198.51.100.7": {"pre_shared_key": "Brand_New_Key_99", "phase2_lifetime_seconds": 1800,
                                               "inside_cidr": "169.254.30.0/30"}},
                             (["10.30.0.0/16"], []), {"Name": "x"})
    text = json.dumps([view, after])
    assert not any(k in text for k in aws_samples.PSKS + ("Brand_New_Key_99",))
    assert after["tunnels"][0]["inside_cidr"] == "169.254.30.0/30"
    assert after["tunnels"][0]["options"]["phase2_lifetime_seconds"] == 1800
    assert after["options"]["tunnel_bandwidth"] == "large" and view["options"]["tunnel_bandwidth"] == "standard"
    assert after["routes"] == ["10.20.0.0/16", "10.30.0.0/16"] and after["tags"] == {"Name": "x"}


_INT_FIELDS = [f for f in topts.FIELDS if f.kind == "int"]


@given(st.sampled_from(_INT_FIELDS), st.integers(0, 30000))
def test_a_spec_equal_to_what_runs_is_never_a_change(field, value):
    """Property: whatever the tunnel runs, asking for exactly that is no change."""
    options = dict(actual()["tunnels"][0]["options"], **{field.name: value})
    assert vpn_diff.tunnel_changes({field.name: value}, options) == {}
    assert vpn_diff.tunnel_changes({field.name: value + 1}, options) == {field.name: value + 1}


def test_pending_tunnel_changes_tell_an_applied_change_from_a_missing_one():
    conn = normalize.connection(aws_samples.connection(), include_psk=True)
    assert vpn_diff.pending_tunnel_changes(conn, "198.51.100.7", {"phase1_lifetime_seconds": 14400}) == {}
    assert vpn_diff.pending_tunnel_changes(conn, "198.51.100.7", {"pre_shared_key": aws_samples.PSKS[0]}) == {}
    assert vpn_diff.pending_tunnel_changes(conn, "198.51.100.8", {"phase1_lifetime_seconds": 14400}) == {"phase1_lifetime_seconds": 14400}
    assert vpn_diff.pending_tunnel_changes(conn, "192.0.2.1", {"replay_window_size": 64}) == {"replay_window_size": 64}
