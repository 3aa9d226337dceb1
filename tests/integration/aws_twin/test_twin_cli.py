# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One command starts the twin in the background, one stops it; clients find it through AWS_ENDPOINT_URL."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

from lab.aws_twin.client import REPO_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lab.aws_twin", *args], cwd=REPO_ROOT, check=True,
                          capture_output=True, text=True, env=env).stdout


def test_start_use_stop(tmp_path):
    port, state = free_port(), str(tmp_path / "twin")
    assert "running at http://127.0.0.1:%d" % port in cli("start", "--port", str(port), "--state-dir", state, "--set", "pending_seconds=0")
    try:
        with open(os.path.join(state, "aws-twin.json"), encoding="utf-8") as handle:
            info = json.load(handle)
        assert info["port"] == port and info["endpoint_url"] == "http://127.0.0.1:%d" % port
        assert "already running" in cli("start", "--port", str(port), "--state-dir", state)
        # A plain boto3 program configured only through the environment, as Ansible's AWS modules are.
        env = dict(os.environ, AWS_ENDPOINT_URL=info["endpoint_url"], AWS_ACCESS_KEY_ID="testing",
                   AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="eu-west-1")
        program = ("import boto3; ec2 = boto3.client('ec2');"
                   "cgw = ec2.create_customer_gateway(BgpAsn=65001, PublicIp='198.51.100.1', Type='ipsec.1')['CustomerGateway'];"
                   "vgw = ec2.create_vpn_gateway(Type='ipsec.1')['VpnGateway'];"
                   "c = ec2.create_vpn_connection(CustomerGatewayId=cgw['CustomerGatewayId'], VpnGatewayId=vgw['VpnGatewayId'], Type='ipsec.1');"
                   "print(c['VpnConnection']['State'])")
        assert subprocess.run([sys.executable, "-c", program], env=env, check=True, capture_output=True, text=True).stdout.strip() == "available"
        ledger = json.loads(cli("ledger", "--endpoint", info["endpoint_url"], "--mutating"))
        assert [(e["region"], e["action"]) for e in ledger] == [
            ("eu-west-1", "CreateCustomerGateway"), ("eu-west-1", "CreateVpnGateway"), ("eu-west-1", "CreateVpnConnection")]
    finally:
        assert "stopped aws twin" in cli("stop", "--state-dir", state)
    assert not os.path.exists(os.path.join(state, "aws-twin.json"))
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more
