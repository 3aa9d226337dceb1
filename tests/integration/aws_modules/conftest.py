# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the AWS modules' integration tests: real ansible-playbook runs against the AWS twin.

``twin``: a clean twin per test (the shared ``aws_twin_clean`` fixture of tests/integration/conftest.py).
``gateways``: a VGW and a TGW (made with boto3; they are not under test). ``fault_mix``: the faults to inject.
``playbook``: ``playbook(tasks, check=False, diff=False, verbosity=0, callback="json")`` writes a play
for localhost, runs ``ansible-playbook`` in a subprocess against the twin and returns a ``Run``
(rc, stdout, stderr, ``task(name)`` = that task's result from the JSON callback).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
COLLECTIONS = os.path.join(REPO_ROOT, ".collections")

REGION = "us-east-1"
VGW_ASN = 64600
TGW_ASN = 64700
PLAYBOOK_TIMEOUT = 600


@pytest.fixture
def fault_mix():
    """Issue 4's mix: 20% throttling and 5% 5xx on every EC2 call, plus eventual consistency after creates."""
    return [
        {"action": "Create*", "service": "ec2", "throttle_rate": 0.2, "error_rate": 0.05, "lag_calls": 2},
        {"action": "*", "service": "ec2", "throttle_rate": 0.2, "error_rate": 0.05},
    ]


@pytest.fixture
def gateways(ec2):
    vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=VGW_ASN)["VpnGateway"]["VpnGatewayId"]
    tgw = ec2.create_transit_gateway(Options={"AmazonSideAsn": TGW_ASN})["TransitGateway"]["TransitGatewayId"]
    return SimpleNamespace(vgw=vgw, tgw=tgw)


class Run:
    def __init__(self, proc, callback):
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.results = {}
        if callback == "json":
            data = json.loads(proc.stdout[proc.stdout.index("{"):])
            for play in data["plays"]:
                for task in play["tasks"]:
                    self.results[task["task"]["name"]] = task["hosts"].get("localhost", {})

    def task(self, name: str) -> dict:
        assert name in self.results, "task %r did not run; ran %s\n%s" % (name, list(self.results), self.stderr[-3000:])
        return self.results[name]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def playbook(twin, tmp_path):
    counter = iter(range(1, 1000))

    def run(tasks, check=False, diff=False, verbosity=0, callback="json", play_vars=None) -> Run:
        defaults = {"region": REGION, "endpoint_url": twin.endpoint_url}
        play = [{"name": "aws modules test", "hosts": "localhost", "gather_facts": False, "vars": play_vars or {},
                 "module_defaults": {"group/hybridvpn.s2s.aws": defaults, "group/amazon.aws.aws": defaults},
                 "tasks": tasks}]
        path = tmp_path / ("play-%d.yml" % next(counter))
        path.write_text(yaml.safe_dump(play, sort_keys=False))
        env = dict(os.environ, **twin.environment())
        env.update(PYTHONPATH=COLLECTIONS, ANSIBLE_CONFIG=os.path.join(REPO_ROOT, "ansible.cfg"),
                   ANSIBLE_STDOUT_CALLBACK="ansible.posix.json" if callback == "json" else "ansible.builtin.default",
                   ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                   "-e", "ansible_python_interpreter=%s" % sys.executable, str(path)]
        command += ["--check"] if check else []
        command += ["--diff"] if diff else []
        command += ["-" + "v" * verbosity] if verbosity else []
        proc = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                              timeout=PLAYBOOK_TIMEOUT, check=False)
        return Run(proc, callback)

    return run


@pytest.fixture
def describe(ec2):
    """describe(vpn_id): the raw DescribeVpnConnections entry."""
    def get(vpn_id: str) -> dict:
        return ec2.describe_vpn_connections(VpnConnectionIds=[vpn_id])["VpnConnections"][0]
    return get


@pytest.fixture
def psks(describe):
    """psks(vpn_id): every key AWS holds for the connection (to grep output for them)."""
    def get(vpn_id: str) -> list:
        return [t["PreSharedKey"] for t in describe(vpn_id)["Options"]["TunnelOptions"] if t.get("PreSharedKey")]
    return get
