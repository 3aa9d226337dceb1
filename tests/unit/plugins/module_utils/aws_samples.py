# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DescribeVpnConnections entries shaped like AWS answers them, for the module_utils tests."""

from __future__ import annotations

import copy
import datetime

CGW_XML = """<?xml version="1.0" encoding="UTF-8"?>
<vpn_connection id="vpn-0abc">
  <ipsec_tunnel>
    <customer_gateway>
      <tunnel_outside_address><ip_address>203.0.113.10</ip_address></tunnel_outside_address>
      <tunnel_inside_address><ip_address>169.254.12.6</ip_address><network_mask>255.255.255.252</network_mask></tunnel_inside_address>
      <bgp><asn>65010</asn><hold_time>30</hold_time></bgp>
    </customer_gateway>
    <vpn_gateway>
      <tunnel_outside_address><ip_address>198.51.100.8</ip_address></tunnel_outside_address>
      <tunnel_inside_address><ip_address>169.254.12.5</ip_address></tunnel_inside_address>
      <bgp><asn>64512</asn><hold_time>30</hold_time></bgp>
    </vpn_gateway>
    <ike><pre_shared_key>SecretKeyTwo_22222222</pre_shared_key></ike>
  </ipsec_tunnel>
  <ipsec_tunnel>
    <customer_gateway>
      <tunnel_outside_address><ip_address>203.0.113.10</ip_address></tunnel_outside_address>
      <tunnel_inside_address><ip_address>169.254.12.2</ip_address></tunnel_inside_address>
      <bgp><asn>65010</asn><hold_time>30</hold_time></bgp>
    </customer_gateway>
    <vpn_gateway>
      <tunnel_outside_address><ip_address>198.51.100.7</ip_address></tunnel_outside_address>
      <tunnel_inside_address><ip_address>169.254.12.1</ip_address></tunnel_inside_address>
      <bgp><asn>64512</asn><hold_time>30</hold_time></bgp>
    </vpn_gateway>
    <ike><pre_shared_key>SecretKeyOne_11111111</pre_shared_key></ike>
  </ipsec_tunnel>
</vpn_connection>
"""

PSKS = ("SecretKeyOne_11111111", "SecretKeyTwo_22222222")

_CONNECTION = {
    "VpnConnectionId": "vpn-0abc",
    "State": "available",
    "Type": "ipsec.1",
    "Category": "VPN",
    "CustomerGatewayId": "cgw-0abc",
    "VpnGatewayId": "vgw-0abc",
    "CustomerGatewayConfiguration": CGW_XML,
    "Options": {
        "StaticRoutesOnly": True,
        "LocalIpv4NetworkCidr": "0.0.0.0/0",
        "RemoteIpv4NetworkCidr": "0.0.0.0/0",
        "TunnelInsideIpVersion": "ipv4",
        "TunnelOptions": [
            {"OutsideIpAddress": "198.51.100.7", "TunnelInsideCidr": "169.254.12.0/30", "PreSharedKey": PSKS[0],
             "Phase1LifetimeSeconds": 14400, "DpdTimeoutSeconds": 40, "DpdTimeoutAction": "restart",
             "Phase1EncryptionAlgorithms": [{"Value": "AES256-GCM-16"}], "IkeVersions": [{"Value": "ikev2"}],
             "Phase1DHGroupNumbers": [{"Value": 20}, {"Value": 21}],
             "LogOptions": {"CloudWatchLogOptions": {"LogEnabled": False}}},
            {"OutsideIpAddress": "198.51.100.8", "TunnelInsideCidr": "169.254.12.4/30", "PreSharedKey": PSKS[1]},
        ],
    },
    "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "Source": "Static", "State": "available"}],
    "Tags": [{"Key": "Name", "Value": "vpn1"}],
    "VgwTelemetry": [
        {"OutsideIpAddress": "198.51.100.8", "Status": "DOWN", "StatusMessage": "",
         "LastStatusChange": datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.timezone.utc), "AcceptedRouteCount": 0},
        {"OutsideIpAddress": "198.51.100.7", "Status": "UP", "StatusMessage": "1 BGP ROUTES",
         "LastStatusChange": datetime.datetime(2026, 11, 25, 12, 5, tzinfo=datetime.timezone.utc), "AcceptedRouteCount": 1},
    ],
}


def connection() -> dict:
    """A fresh copy the test may change."""
    return copy.deepcopy(_CONNECTION)
