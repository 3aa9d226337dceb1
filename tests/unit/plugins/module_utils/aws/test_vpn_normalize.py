# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_normalize as normalize
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils import aws_samples


def test_tunnels_keep_aws_order_and_join_telemetry_and_xml_by_outside_ip():
    conn = normalize.connection(aws_samples.connection())
    first, second = conn["tunnels"]
    assert [first["outside_ip_address"], second["outside_ip_address"]] == ["198.51.100.7", "198.51.100.8"]
    assert first["telemetry"]["status"] == "UP" and second["telemetry"]["status"] == "DOWN"
    assert first["telemetry"]["last_status_change"].startswith("2026-11-25T12:05")
    assert (first["aws_inside_ip"], first["cgw_inside_ip"]) == ("169.254.12.1", "169.254.12.2")
    assert (second["aws_inside_ip"], second["cgw_inside_ip"]) == ("169.254.12.5", "169.254.12.6")
    assert (first["amazon_side_asn"], first["customer_gateway_asn"], first["bgp_hold_time"]) == (64512, 65010, 30)


def test_read_back_spellings_and_value_lists_are_normalised_with_defaults_filled():
    opts = normalize.connection(aws_samples.connection())["tunnels"][0]["options"]
    assert opts["dpd_timeout_seconds"] == 40 and opts["dpd_timeout_action"] == "restart"
    assert opts["phase1_encryption_algorithms"] == ["AES256-GCM-16"]
    assert opts["phase1_dh_group_numbers"] == [20, 21]
    assert opts["ike_versions"] == ["ikev2"]
    assert opts["phase2_lifetime_seconds"] == 3600  # AWS default, not in the read-back
    assert opts["log_options"] == {"log_enabled": False}


def test_effective_crypto_per_phase():
    crypto = normalize.connection(aws_samples.connection())["tunnels"][0]["crypto"]
    assert crypto["ike_versions"] == ["ikev2"]
    assert crypto["phase1"]["encryption_algorithms"] == ["AES256-GCM-16"]
    assert crypto["phase1"]["lifetime_seconds"] == 14400
    assert crypto["phase2"]["pfs_dh_group_numbers"] == [2, 5] + list(range(14, 25))


def test_keys_never_in_the_result_unless_asked():
    raw = aws_samples.connection()
    text = json.dumps(normalize.connection(raw))
    assert not any(k in text for k in aws_samples.PSKS)
    with_keys = normalize.connection(raw, include_psk=True)
    assert [t["pre_shared_key"] for t in with_keys["tunnels"]] == list(aws_samples.PSKS)


def test_connection_fields_snake_case_and_routes_tags():
    conn = normalize.connection(aws_samples.connection())
    assert conn["options"]["static_routes_only"] is True
    assert conn["options"]["tunnel_bandwidth"] == "standard"
    assert conn["routes"] == [{"destination_cidr_block": "10.20.0.0/16", "source": "Static", "state": "available"}]
    assert conn["tags"] == {"Name": "vpn1"}
    assert conn["pre_shared_key_storage"] == "Standard"
    json.dumps(conn)  # results must be JSON


def test_without_xml_addresses_come_from_the_inside_cidr_and_asns_from_the_caller():
    raw = aws_samples.connection()
    del raw["CustomerGatewayConfiguration"]
    tunnel = normalize.connection(raw, asns={"amazon_side_asn": 64513, "customer_gateway_asn": 65099})["tunnels"][1]
    assert (tunnel["aws_inside_ip"], tunnel["cgw_inside_ip"], tunnel["inside_prefixlen"]) == ("169.254.12.5", "169.254.12.6", 30)
    assert (tunnel["amazon_side_asn"], tunnel["customer_gateway_asn"]) == (64513, 65099)


def test_broken_xml_is_ignored():
    assert normalize.parse_cgw_configuration("<vpn_connection>") == {}
    assert normalize.parse_cgw_configuration(None) == {}


def test_tunnel_psks_lists_the_keys_to_mask():
    assert normalize.tunnel_psks(aws_samples.connection()) == list(aws_samples.PSKS)


def test_customer_gateway_extended_asn():
    cgw = normalize.customer_gateway({"CustomerGatewayId": "cgw-1", "State": "available", "BgpAsn": "0",
                                      "BgpAsnExtended": "4200000010", "IpAddress": "203.0.113.1",
                                      "DeviceName": "rtr", "Tags": [{"Key": "Name", "Value": "rtr"}]})
    assert cgw["bgp_asn"] == 4200000010 and cgw["device_name"] == "rtr" and cgw["tags"] == {"Name": "rtr"}
    assert normalize.customer_gateway({"BgpAsn": "65010"})["bgp_asn"] == 65010
