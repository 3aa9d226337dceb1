# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How fast the AWS twin starts and answers (run from the repo root: python bench/aws_twin.py [N]).

Prints seconds for: start, N CreateVpnConnection, N DescribeVpnConnections, one full modify cycle, stop.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), ".collections")]

from lab.aws_twin.client import TwinProcess  # noqa: E402  pylint: disable=wrong-import-position


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print("%-36s %8.3f s" % (label, time.perf_counter() - start))
    return result


def main(count: int = 20) -> None:
    with tempfile.TemporaryDirectory() as state:
        twin = timed("start", lambda: TwinProcess.start(state, modifying_seconds=0.2))
        try:
            ec2 = twin.client("ec2")
            cgw = ec2.create_customer_gateway(BgpAsn=65010, PublicIp="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]
            tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
            ids = timed("%d x CreateVpnConnection" % count, lambda: [
                ec2.create_vpn_connection(CustomerGatewayId=cgw, TransitGatewayId=tgw, Type="ipsec.1")["VpnConnection"]["VpnConnectionId"]
                for _n in range(count)])
            timed("%d x DescribeVpnConnections (all)" % count, lambda: [ec2.describe_vpn_connections() for _n in range(count)])
            first = ec2.describe_vpn_connections(VpnConnectionIds=ids[:1])["VpnConnections"][0]
            ip = first["Options"]["TunnelOptions"][0]["OutsideIpAddress"]

            def modify_cycle():
                ec2.modify_vpn_tunnel_options(VpnConnectionId=ids[0], VpnTunnelOutsideIpAddress=ip, TunnelOptions={"DPDTimeoutSeconds": 40})
                while ec2.describe_vpn_connections(VpnConnectionIds=ids[:1])["VpnConnections"][0]["State"] != "available":
                    time.sleep(0.05)
            timed("modify one tunnel until available", modify_cycle)
        finally:
            timed("stop", twin.stop)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
