# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ansible's own AWS modules work against the twin, and the ledger proves check mode and idempotence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from lab.aws_twin.client import REPO_ROOT

PLAYBOOK = os.path.join(os.path.dirname(__file__), "files", "vpn_playbook.yml")


def playbook(twin, gw, *extra):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO_ROOT, "ansible.cfg"))
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), PLAYBOOK, "-i", "localhost,", "-c", "local",
               "-e", json.dumps({"twin_endpoint": twin.endpoint_url, "cgw_id": gw.cgw, "vgw_id": gw.vgw,
                                 "ansible_python_interpreter": sys.executable}), *extra]
    run = subprocess.run(command, cwd=REPO_ROOT, env=env, check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(re.search(r"msg: '(\{.*\})'", run.stdout).group(1))


def test_check_mode_then_create_then_idempotent(twin, gw):
    start = twin.last_seq()
    assert playbook(twin, gw, "--check")["changed"] is True
    assert twin.mutating_calls(start) == []  # check mode: reads only
    assert twin.state() == []

    start = twin.last_seq()
    created = playbook(twin, gw)
    assert created["changed"] is True and created["vpn_connection_id"].startswith("vpn-")
    assert "CreateVpnConnection" in [e["action"] for e in twin.mutating_calls(start)]
    conn = twin.client("ec2").describe_vpn_connections(VpnConnectionIds=[created["vpn_connection_id"]])["VpnConnections"][0]
    assert conn["Options"]["StaticRoutesOnly"] is True and {"Key": "Name", "Value": "twin-ansible"} in conn["Tags"]
    assert [r["DestinationCidrBlock"] for r in conn["Routes"]] == ["10.30.0.0/16"]

    start = twin.last_seq()
    again = playbook(twin, gw)
    assert again == {"changed": False, "vpn_connection_id": created["vpn_connection_id"]}
    assert twin.mutating_calls(start) == []  # second run: zero mutating calls
