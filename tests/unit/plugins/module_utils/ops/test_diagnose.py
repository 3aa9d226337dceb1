# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""diagnose: one case per rule, the cause and the vendor's fix; tunnel_config reads the device model without its key."""

from __future__ import annotations

import copy
import pathlib

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import diagnose

AWS = {"outside_ip_address": "203.0.113.10", "aws_inside_ip": "169.254.10.1", "cgw_inside_ip": "169.254.10.2",
       "amazon_side_asn": 64512, "customer_gateway_asn": 65011, "options": {"dpd_timeout_seconds": 30},
       "telemetry": {"status": "UP", "status_message": "", "accepted_route_count": 1},
       "crypto": {"ike_versions": ["ikev2"],
                  "phase1": {"encryption_algorithms": ["AES256"], "integrity_algorithms": ["SHA2-256"], "dh_group_numbers": [14]},
                  "phase2": {"encryption_algorithms": ["AES256"], "integrity_algorithms": ["SHA2-256"], "pfs_dh_group_numbers": [14]}}}
DEVICE = {"name": "Tunnel1", "peer": "203.0.113.10", "ike": True, "ipsec": True, "bgp": "Established", "prefixes_received": 1, "up": True, "reason": "up"}
CONFIG = {"inside_address": "169.254.10.2/30",
          "crypto": {"ike_version": "ikev2", "pfs": 14,
                     "ike_proposals": [{"encryption": ["AES256"], "integrity": ["SHA2-256"], "dh_groups": [14]}],
                     "ipsec_proposals": [{"encryption": ["AES256"], "integrity": ["SHA2-256"], "dh_groups": []}]},
          "bgp": {"local_as": 65011, "neighbor": {"address": "169.254.10.1", "remote_as": 64512}}}


def case(aws=None, device=None, config=None):
    a, d, c = copy.deepcopy(AWS), copy.deepcopy(DEVICE), copy.deepcopy(CONFIG)
    for base, change in ((a, aws), (d, device), (c, config)):
        for path, value in (change or {}).items():
            node = base
            *parents, leaf = path.split(".")
            for key in parents:
                node = node[key]
            node[leaf] = value
    return a, d, c


DOWN = {"telemetry.status": "DOWN"}
CASES = [
    ("healthy", case(), "healthy", "healthy", None),
    ("no routes", case(aws={"telemetry.accepted_route_count": 0}), "degraded", "AWS accepts no route", "advertise"),
    ("psk", case(aws=dict(DOWN, **{"telemetry.status_message": "AUTHENTICATION_FAILED: pre-shared key or identity mismatch"}),
                 device={"ike": False, "ipsec": False, "up": False}), "down", "pre-shared key mismatch", "pre-shared-key <the tunnel's key>"),
    ("ike proposal from config", case(aws=dict(DOWN, **{"crypto.phase1.encryption_algorithms": ["AES128"]}),
                                      device={"ike": False, "ipsec": False, "up": False}),
     "down", "IKE (phase 1) proposal mismatch", "encryption aes-cbc-128"),
    ("ike version", case(aws=dict(DOWN, **{"crypto.ike_versions": ["ikev1"]}), device={"ike": False, "up": False}),
     "down", "IKE (phase 1) proposal mismatch", "crypto ikev2 proposal"),
    ("esp pfs from config", case(aws=dict(DOWN, **{"crypto.phase2.pfs_dh_group_numbers": [19, 20]}), device={"ipsec": False, "up": False}),
     "down", "IPsec (phase 2) proposal or PFS mismatch", "set pfs group20 in the ipsec profile"),
    ("proposal from message only", case(aws=dict(DOWN, **{"telemetry.status_message": "NO_PROPOSAL_CHOSEN: proposal mismatch"}),
                                        device={"ike": False, "ipsec": False, "up": False}, config={"crypto": {}}),
     "down", "IKE (phase 1) proposal mismatch (no common proposal)", "crypto ikev2 proposal"),
    ("traffic selectors", case(aws=dict(DOWN, **{"telemetry.status_message": "TS_UNACCEPTABLE: traffic selector mismatch"}),
                               device={"ipsec": False, "up": False}), "down", "traffic selector mismatch", "0.0.0.0/0"),
    ("no response", case(aws=dict(DOWN, **{"telemetry.status_message": "no IKE response (peer unreachable or DPD timeout)"}),
                         device={"ike": False, "ipsec": False, "up": False}), "down", "no IKE response", "UDP 500 and 4500"),
    ("cut, device's generic reason", case(aws=dict(DOWN, **{"telemetry.status_message": "underlay cut; waiting for IKE response (retransmitting)"}),
                                          device={"ike": False, "ipsec": False, "up": False,
                                                  "reason": "no IKE SA (peer unreachable, proposal mismatch or authentication failure)"}),
     "down", "no IKE response", "ESP (protocol 50)"),
    ("bgp remote-as", case(aws=DOWN, device={"bgp": "Active", "up": False}, config={"bgp.neighbor.remote_as": 65000}),
     "down", "BGP ASN mismatch", "remote-as 64512"),
    ("bgp local as", case(aws=DOWN, device={"bgp": "Idle", "up": False}, config={"bgp.local_as": 65099}),
     "down", "BGP ASN mismatch", "router bgp 65011"),
    ("inside address", case(aws=DOWN, device={"bgp": "Connect", "up": False}, config={"inside_address": "169.254.10.6/30", "bgp.neighbor": None}),
     "down", "BGP neighbour/inside address mismatch", "ip address 169.254.10.2 255.255.255.252"),
    ("bgp generic", case(aws=DOWN, device={"bgp": "Active", "up": False}), "down", "BGP down while IPsec is up", "timers 10 30 30"),
    ("one-sided", case(aws=DOWN), "degraded", "one-sided: the device shows the tunnel up, AWS down", "clear crypto session remote 203.0.113.10"),
    ("unknown", case(aws=DOWN, device={"ike": False, "ipsec": False, "up": False}), "down", "without a named cause", "show logging"),
]


@pytest.mark.parametrize("name, inputs, status, cause, fix", CASES, ids=[c[0] for c in CASES])
def test_rules(name, inputs, status, cause, fix):  # pylint: disable=unused-argument
    aws, device, config = inputs
    result = diagnose.diagnose(aws, device, config, "ios")
    assert result["status"] == status and cause in result["cause"], result
    if fix:
        assert any(fix in line for line in result["fix"]), result["fix"]
    else:
        assert result["fix"] == []


@pytest.mark.parametrize("platform, spelled", [("junos", "encryption-algorithm aes-128-cbc"), ("vyos", "encryption aes128")])
def test_fix_is_spelled_for_the_vendor(platform, spelled):
    aws, device, config = CASES[3][1]
    result = diagnose.diagnose(aws, device, config, platform)
    assert any(spelled in line for line in result["fix"]), result["fix"]
    assert "phase 1 encryption: the device offers AES256, AWS accepts AES128" in " ".join(result["evidence"])


def test_no_tunnel_on_the_device():
    result = diagnose.diagnose(AWS, None, {}, "vyos")
    assert result["status"] == "down" and "not configured" in result["cause"]


def test_static_routing_ignores_bgp():
    aws, device, config = case(aws={"telemetry.accepted_route_count": 0}, device={"bgp": "static"})
    assert diagnose.diagnose(aws, device, config, "ios", routing="static")["status"] == "healthy"


def test_unknown_platform():
    with pytest.raises(ValueError):
        diagnose.diagnose(AWS, DEVICE, CONFIG, "eos")


def test_tunnel_config_from_a_device_model_has_no_key():
    text = (pathlib.Path(__file__).parents[1] / "fixtures" / "compliance" / "ios" / "compliant.cfg").read_text()
    model = load.parse(text, load.Source("r1", "ios"))
    peer = model["tunnels"][0]["peer"]
    config = diagnose.tunnel_config(model, peer)
    assert config["crypto"]["ike_proposals"] and "psk" not in config["crypto"]
    assert config["bgp"]["neighbor"] is None or config["bgp"]["neighbor"]["address"]
    assert diagnose.tunnel_config(model, "192.0.2.99") == {}


# An SRX's factory default admits dhcp and tftp on ge-0/0/0.0 in untrust (Juniper, SRX Series factory-default
# configuration); the role adds ike at the interface (issue 16). Which list applies: Juniper, "host-inbound-traffic
# (Security Zones Interfaces)" - an interface's own system-services list replaces the zone's.
UNTRUST = "set security zones security-zone untrust "
FACTORY = [UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services dhcp",
           UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services tftp"]
IKE_LINE = UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services ike"


def _junos_config(lines, external="ge-0/0/0.0"):
    from tests.unit.roles import junos_render   # pylint: disable=import-outside-toplevel
    conn = junos_render.connection(profile="strict")
    role = [line for line in junos_render.lines([conn], {"cgw_junos_external_interface": external})
            if not line.endswith("host-inbound-traffic system-services ike")]
    text = "\n".join(FACTORY + role + lines)
    model = load.parse(text, load.Source("srx", "junos"))
    return diagnose.tunnel_config(model, conn["tunnels"][0]["outside_ip"], "junos")


@pytest.mark.parametrize("lines, services", [
    ([IKE_LINE], None),
    ([], "dhcp tftp"),
    ([UNTRUST + "host-inbound-traffic system-services ike"], "dhcp tftp"),     # the zone's list does not reach the interface
    ([UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services all"], None),
    ([UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services all",
      UNTRUST + "interfaces ge-0/0/0.0 host-inbound-traffic system-services ike except"], "dhcp tftp all ike except"),
])
def test_junos_zone_that_does_not_admit_ike_is_named_with_its_fix(lines, services):
    config = _junos_config(lines)
    if services is None:
        assert config["ike_refused"] is None
        return
    reason = "security zone untrust does not admit IKE on ge-0/0/0.0 (host-inbound-traffic system-services: %s)" % services
    assert config["ike_refused"] == {"reason": reason, "zone": "untrust", "interface": "ge-0/0/0.0"}
    aws, device, _config = case(aws=DOWN, device={"ike": False, "ipsec": False, "up": False,
                                                  "reason": "no IKE SA (peer unreachable, proposal mismatch or authentication failure)"})
    result = diagnose.diagnose(aws, device, config, "junos")
    assert (result["status"], result["cause"]) == ("down", "the device drops IKE: " + reason)
    assert result["fix"][-1] == "on junos: " + IKE_LINE


def test_an_external_interface_in_no_zone_admits_no_ike():
    config = _junos_config([], external="ge-0/0/2.0")
    assert config["ike_refused"]["reason"] == "external interface ge-0/0/2.0 is in no security zone"


def test_platforms_without_zones_never_refuse_ike():
    text = (pathlib.Path(__file__).parents[1] / "fixtures" / "compliance" / "ios" / "compliant.cfg").read_text()
    model = load.parse(text, load.Source("r1", "ios"))
    assert diagnose.tunnel_config(model, model["tunnels"][0]["peer"], "ios")["ike_refused"] is None


def test_bgp_down_points_at_awss_bgp_log_group_or_says_to_turn_it_on():
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/s2s/br1"
    aws, device, config = case(aws=dict(DOWN, **{"options.log_options": {"bgp_log_enabled": True, "bgp_log_group_arn": arn}}),
                               device={"bgp": "Active", "up": False})
    result = diagnose.diagnose(aws, device, config)
    assert result["check"][-1] == "AWS bgp logs of 203.0.113.10: CloudWatch Logs group " + arn
    aws, device, config = case(aws=DOWN, device={"bgp": "Active", "up": False})
    assert diagnose.diagnose(aws, device, config)["check"][-1] == (
        "AWS bgp logs are off for 203.0.113.10: turn them on (monitoring role: s2s_monitoring.bgp_logs: true)")
