# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad inputs are rejected before any mutating call, with a message naming the field.

All cases run as tasks of one play (``ignore_errors``) against a twin with a live connection to
modify (and a fresh gateway for the create-path cases); the ledger must show no mutating call
at all for the whole play.
"""

from __future__ import annotations

BAD_KEY = "0bad!key"
# (case, module, args, text the message must contain)
CASES = [
    ("phase1 lifetime too short", "vpn", {"tunnel_options": [{"phase1_lifetime_seconds": 899}]}, "tunnel_options[0].phase1_lifetime_seconds"),
    ("phase2 lifetime too long", "vpn", {"tunnel_options": [{"phase2_lifetime_seconds": 3601}]}, "tunnel_options[0].phase2_lifetime_seconds"),
    ("phase2 not below phase1", "vpn", {"tunnel_options": [{"phase1_lifetime_seconds": 1800, "phase2_lifetime_seconds": 1800}]},
     "tunnel_options[0].phase2_lifetime_seconds"),
    ("rekey margin over half phase2", "vpn", {"tunnel_options": [{"phase2_lifetime_seconds": 1200, "rekey_margin_time_seconds": 601}]},
     "tunnel_options[0].rekey_margin_time_seconds"),
    ("rekey fuzz over 100", "vpn", {"tunnel_options": [{}, {"rekey_fuzz_percentage": 101}]}, "tunnel_options[1].rekey_fuzz_percentage"),
    ("replay window too small", "vpn", {"tunnel_options": [{"replay_window_size": 32}]}, "tunnel_options[0].replay_window_size"),
    ("dpd timeout too short", "vpn", {"tunnel_options": [{"dpd_timeout_seconds": 29}]}, "tunnel_options[0].dpd_timeout_seconds"),
    ("dpd action unknown", "vpn", {"tunnel_options": [{"dpd_timeout_action": "hold"}]}, "tunnel_options[0].dpd_timeout_action"),
    ("3DES not offered", "vpn", {"tunnel_options": [{"phase1_encryption_algorithms": ["3DES"]}]},
     "tunnel_options[0].phase1_encryption_algorithms"),
    ("MD5 not offered", "vpn", {"tunnel_options": [{"phase2_integrity_algorithms": ["MD5"]}]},
     "tunnel_options[0].phase2_integrity_algorithms"),
    ("DH 5 not in phase 1", "vpn", {"tunnel_options": [{"phase1_dh_group_numbers": [5]}]}, "tunnel_options[0].phase1_dh_group_numbers"),
    ("duplicate algorithm", "vpn", {"tunnel_options": [{"phase2_encryption_algorithms": ["AES256", "aes256"]}]},
     "tunnel_options[0].phase2_encryption_algorithms"),
    ("start needs ikev2 only", "vpn", {"tunnel_options": [{"startup_action": "start", "ike_versions": ["ikev1", "ikev2"]}]},
     "tunnel_options[0].startup_action"),
    ("reserved inside cidr", "vpn", {"tunnel_options": [{"inside_cidr": "169.254.5.0/30"}]}, "tunnel_options[0].inside_cidr"),
    ("inside cidr not a /30", "vpn", {"tunnel_options": [{"inside_cidr": "169.254.10.0/29"}]}, "tunnel_options[0].inside_cidr"),
    ("same inside cidr twice", "vpn", {"tunnel_options": [{"inside_cidr": "169.254.10.0/30"}, {"inside_cidr": "169.254.10.0/30"}]},
     "tunnel_options[1].inside_cidr"),
    ("bad psk", "vpn", {"tunnel_options": [{"pre_shared_key": BAD_KEY}]}, "tunnel_options[0].pre_shared_key"),
    ("three tunnels", "vpn", {"tunnel_options": [{}, {}, {}]}, "tunnel_options"),
    ("log enabled without group", "vpn", {"tunnel_options": [{"log_options": {"log_enabled": True}}]}, "tunnel_options[0].log_options"),
    ("large bandwidth on a VGW", "vpn", {"connection_options": {"tunnel_bandwidth": "large"}}, "connection_options.tunnel_bandwidth"),
    ("acceleration on a VGW", "vpn", {"connection_options": {"enable_acceleration": True}}, "connection_options.enable_acceleration"),
    ("host bits in remote cidr", "vpn", {"connection_options": {"remote_ipv4_network_cidr": "10.0.0.1/8"}},
     "connection_options.remote_ipv4_network_cidr"),
    ("private outside without transport", "vpn", {"connection_options": {"outside_ip_address_type": "PrivateIpv4"}},
     "connection_options.transport_transit_gateway_attachment_id"),
    ("routes on a BGP connection", "vpn", {"routes": ["10.20.0.0/16"]}, "routes"),
    ("phase1 lifetime not a number", "vpn", {"tunnel_options": [{"phase1_lifetime_seconds": "soon"}]}, "phase1_lifetime_seconds"),
    ("keys returned without no_log", "vpn", {"return_pre_shared_keys": True}, "no_log"),
    ("wait timeout zero", "vpn", {"wait_timeout": 0}, "wait_timeout"),
    ("cgw asn reserved", "cgw", {"ip_address": "198.51.100.20", "bgp_asn": 7224}, "bgp_asn"),
    ("cgw asn out of range", "cgw", {"ip_address": "198.51.100.20", "bgp_asn": 4294967295}, "bgp_asn"),
    ("cgw ip not an address", "cgw", {"ip_address": "198.51.100.300", "bgp_asn": 65020}, "ip_address"),
    ("cgw certificate not an arn", "cgw", {"ip_address": "198.51.100.20", "bgp_asn": 65020, "certificate_arn": "cert-1"},
     "certificate_arn"),
]


def task(case, module, args, cgw, vgw):
    if module == "cgw":
        return {"name": case, "hybridvpn.s2s.customer_gateway": args, "ignore_errors": True}
    full = {"customer_gateway_id": cgw, "vpn_gateway_id": vgw, "tags": {"Name": "bad-input-test"}}
    full.update(args)
    return {"name": case, "hybridvpn.s2s.vpn_connection": full, "ignore_errors": True}


def test_every_bad_input_fails_before_any_mutating_call(playbook, twin, ec2, gateways):
    assert len(CASES) >= 20
    cgw = ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
    existing = {"name": "existing", "hybridvpn.s2s.vpn_connection": {
        "customer_gateway_id": cgw, "vpn_gateway_id": gateways.vgw, "tags": {"Name": "bad-input-test"}}}
    assert playbook([existing]).rc == 0
    new_vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    # Create-path cases: a fresh target, so the module gets as far as creating.
    create_cases = [
        ("create without customer gateway", {"customer_gateway_id": None, "vpn_gateway_id": new_vgw, "tags": {"Name": "other"}},
         "customer_gateway_id"),
        ("both VGW and TGW", {"customer_gateway_id": cgw, "vpn_gateway_id": new_vgw, "transit_gateway_id": gateways.tgw},
         "vpn_gateway_id"),
    ]

    since = twin.last_seq()
    # The cases target the live connection, so the modify path would run right after validation.
    tasks = [task(case, module, args, cgw, gateways.vgw) for case, module, args, _field in CASES]
    tasks += [{"name": case, "hybridvpn.s2s.vpn_connection": args, "ignore_errors": True} for case, args, _field in create_cases]
    run = playbook(tasks)
    assert twin.mutating_calls(since) == []
    for case, field in [(c[0], c[3]) for c in CASES] + [(c[0], c[2]) for c in create_cases]:
        result = run.task(case)
        assert result.get("failed"), "%s was accepted: %s" % (case, result)
        assert field in result["msg"], "%s: %r does not name %s" % (case, result["msg"], field)
        assert BAD_KEY not in str(result)
