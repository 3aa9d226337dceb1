# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each tunnel option family changed on a live connection: applied one tunnel at a time, then stable.

The twin refuses ModifyVpnTunnelOptions while the connection is ``modifying`` (as AWS does), so a run
that changes both tunnels and succeeds has waited for ``available`` in between; the ledger shows the
two modify calls separated by Describe polls.
"""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

CIDRS = ("169.254.20.0/30", "169.254.20.4/30")
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/vpn-branch1"

# family -> (options for tunnel 1, options for tunnel 2)
FAMILIES = {
    "lifetimes": ({"phase1_lifetime_seconds": 14400, "phase2_lifetime_seconds": 1800, "rekey_margin_time_seconds": 300},) * 2,
    "rekey_and_replay": ({"rekey_fuzz_percentage": 50, "replay_window_size": 2048},) * 2,
    "dead_peer_detection": ({"dpd_timeout_seconds": 45, "dpd_timeout_action": "restart"},) * 2,
    "encryption": ({"phase1_encryption_algorithms": ["AES256-GCM-16"], "phase2_encryption_algorithms": ["AES256-GCM-16", "AES256"]},) * 2,
    "integrity": ({"phase1_integrity_algorithms": ["SHA2-384"], "phase2_integrity_algorithms": ["SHA2-384", "SHA2-512"]},) * 2,
    "dh_groups": ({"phase1_dh_group_numbers": [20, 21], "phase2_dh_group_numbers": [20]},) * 2,
    "ike_and_startup": ({"ike_versions": ["ikev2"], "startup_action": "start"},) * 2,
    "lifecycle_control": ({"enable_tunnel_lifecycle_control": True},) * 2,
    "logging": ({"log_options": {"log_enabled": True, "log_group_arn": LOG_GROUP, "log_output_format": "json"}},) * 2,
    "inside_cidrs": ({"inside_cidr": "169.254.30.0/30"}, {"inside_cidr": "169.254.30.4/30"}),
    "pre_shared_keys": ({"pre_shared_key": "Changed_key_one_1234"}, {"pre_shared_key": "Changed_key_two_5678"}),
}


def vpn(cgw: str, vgw: str, tunnels) -> dict:
    return {"name": "vpn", "hybridvpn.s2s.vpn_connection": {
        "customer_gateway_id": cgw, "vpn_gateway_id": vgw, "tags": {"Name": "family-test"},
        "tunnel_options": tunnels}}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_is_applied_one_tunnel_at_a_time(family, playbook, twin, ec2, gateways, describe):
    cgw = ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    base = [{"inside_cidr": c} for c in CIDRS]
    # Set up with boto3 (creating through the module is the lifecycle tests' subject).
    vpn_id = ec2.create_vpn_connection(
        CustomerGatewayId=cgw, VpnGatewayId=gateways.vgw, Type="ipsec.1",
        TagSpecifications=[{"ResourceType": "vpn-connection", "Tags": [{"Key": "Name", "Value": "family-test"}]}],
        Options={"TunnelOptions": [topts.to_api(t) for t in base]})["VpnConnection"]["VpnConnectionId"]
    before = describe(vpn_id)["Options"]["TunnelOptions"]

    # Tunnel identity follows the inside CIDR, so a CIDR change is given without the old CIDR.
    desired = [dict(spec) if family == "inside_cidrs" else dict(base[i], **spec) for i, spec in enumerate(FAMILIES[family])]
    since = twin.last_seq()
    run = playbook([vpn(cgw, gateways.vgw, desired)])
    assert run.rc == 0, run.output[-3000:]
    result = run.task("vpn")
    assert result["changed"] and len(result["changes"]) == 2, result["changes"]

    calls = [e["action"] for e in twin.ledger(since) if e["action"] in ("ModifyVpnTunnelOptions", "DescribeVpnConnections")]
    modifies = [i for i, action in enumerate(calls) if action == "ModifyVpnTunnelOptions"]
    assert len(modifies) == 2, calls
    assert "DescribeVpnConnections" in calls[modifies[0] + 1:modifies[1]], "no wait between the two tunnels: %s" % calls
    assert [e["action"] for e in twin.mutating_calls(since)] == ["ModifyVpnTunnelOptions"] * 2

    after = {t["OutsideIpAddress"]: topts.from_api(t) for t in describe(vpn_id)["Options"]["TunnelOptions"]}
    for tunnel, spec in zip(before, FAMILIES[family]):
        applied = after[tunnel["OutsideIpAddress"]]
        for name, value in spec.items():
            want = topts.canonical_value(name, value)
            have = applied.get(name)
            if name == "log_options":
                assert all(have.get(k) == v for k, v in want.items()), (name, have)
            elif isinstance(want, list):
                assert sorted(map(str, have)) == sorted(map(str, want)), (name, have)
            else:
                assert have == want, (name, have)

    since = twin.last_seq()
    again = playbook([vpn(cgw, gateways.vgw, desired)])
    assert again.rc == 0 and not again.task("vpn")["changed"], again.task("vpn").get("changes")
    assert twin.mutating_calls(since) == []
    if family == "pre_shared_keys":
        assert not any(spec["pre_shared_key"] in run.output + again.output for spec in FAMILIES[family])


def test_connection_options_change_with_modify_vpn_connection_options(playbook, twin, ec2, gateways):
    cgw = ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    task = vpn(cgw, gateways.tgw, [])
    args = task["hybridvpn.s2s.vpn_connection"]
    args.pop("vpn_gateway_id")
    args.update(transit_gateway_id=gateways.tgw, connection_options={"local_ipv4_network_cidr": "192.168.0.0/16"})
    assert playbook([task]).rc == 0
    args["connection_options"] = {"local_ipv4_network_cidr": "192.168.10.0/24", "remote_ipv4_network_cidr": "10.0.0.0/8",
                                  "tunnel_bandwidth": "large"}
    since = twin.last_seq()
    run = playbook([task])
    assert run.rc == 0, run.output[-3000:]
    assert [e["action"] for e in twin.mutating_calls(since)] == ["ModifyVpnConnectionOptions"]
    options = run.task("vpn")["vpn_connection"]["options"]
    assert (options["local_ipv4_network_cidr"], options["remote_ipv4_network_cidr"], options["tunnel_bandwidth"]) == (
        "192.168.10.0/24", "10.0.0.0/8", "large")
    since = twin.last_seq()
    assert not playbook([task]).task("vpn")["changed"] and twin.mutating_calls(since) == []
