# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared integration fixtures.

``playbook``: runs real ansible-playbook processes from the checkout (repo venv, ansible.cfg,
the collection by FQCN); ``recap(stdout)`` reads PLAY RECAP counters.

``aws_twin`` (session scope): the AWS twin (moto server + VPN fidelity layer) running in a child
process on a free 127.0.0.1 port. It is a lab.aws_twin.client.TwinProcess:

    aws_twin.endpoint_url                  e.g. http://127.0.0.1:40123
    aws_twin.environment()                 AWS_ENDPOINT_URL + dummy credentials + region, for Ansible
    aws_twin.client("ec2", retries=None)   boto3 client against the twin
    aws_twin.ledger(since=0)               [{seq, time, service, region, action, mutating, dry_run, status_code, fault}]
    aws_twin.mutating_calls(since=0), aws_twin.last_seq(), aws_twin.reset_ledger()
    aws_twin.reset()                       empty moto, VPN connections, ledger and faults
    aws_twin.faults(rules, seed)           fault injection (lab/aws_twin/faults.py)
    aws_twin.settings(**changes)           delays and pools (lab/aws_twin/settings.py)
    aws_twin.report_tunnel(vpn_id, outside_ip, "UP", accepted_route_count=N, negotiated={...})
    aws_twin.maintenance(...), aws_twin.publish_metrics(), aws_twin.evaluate_alarms(), aws_twin.state()

Tests that need an empty account use ``aws_twin_clean`` (resets before the test).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROOT = pathlib.Path(REPO_ROOT)
for _path in (REPO_ROOT, os.path.join(REPO_ROOT, ".collections")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from lab.aws_twin.client import TwinProcess  # noqa: E402  pylint: disable=wrong-import-position


# The longest test files (each file's tests summed, `make integration` alone on a quiet machine, 2026-12-07 23:00),
# longest first. `make integration` hands whole files to its workers (--dist loadfile) in collection order: started
# first, the long ones no longer finish alone at the end while the other workers sit idle. Order only; a file missing
# here just runs in its place.
LONGEST_FIRST = (
    "aws_vpn/test_aws_vpn_role.py",
    "cgw_roles/test_cgw_roles.py",
    "operations/test_decommission.py",
    "troubleshoot/test_troubleshoot.py",
    "monitoring/test_monitoring_role.py",
    "device_twins/test_device_twins.py",
    "aws_modules/test_vpn_lifecycle.py",
    "compliance/test_compliance_live.py",
    "aws_modules/test_vpn_tunnel_changes.py",
    "aws_modules/test_faults.py",
    "cgw_roles/test_cgw_faults.py",
    "operations/test_cost_and_runbook.py",
    "aws_modules/test_vpn_tunnel_replace.py",
    "aws_modules/test_vpn_estate.py",
    "cgw_roles/test_aws_sample_crosscheck.py",
)


def pytest_collection_modifyitems(config, items):  # pylint: disable=unused-argument
    here = pathlib.Path(__file__).parent

    def rank(item):
        name = pathlib.Path(str(item.fspath)).relative_to(here).as_posix() if here in pathlib.Path(str(item.fspath)).parents else ""
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)   # stable: the tests of a file keep their order


@pytest.fixture(scope="session")
def aws_twin(tmp_path_factory):
    twin = TwinProcess.start(str(tmp_path_factory.mktemp("aws-twin")))
    yield twin
    twin.stop()


@pytest.fixture
def aws_twin_clean(aws_twin):
    aws_twin.reset()
    defaults = aws_twin.settings()
    yield aws_twin
    aws_twin.faults([])
    aws_twin.settings(**defaults)


@pytest.fixture
def twin(aws_twin_clean):
    """A clean AWS twin for one test."""
    return aws_twin_clean


@pytest.fixture
def ec2(twin):
    return twin.client("ec2")


class PlaybookRunner:
    """Runs ansible-playbook from the repo's venv with the repo's ansible.cfg."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path

    def env(self, **extra):
        env = dict(os.environ)
        env.update(
            ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
            PYTHONPATH=str(ROOT / ".collections"),
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",
        )
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def run(self, playbook, *args, env=None, check=False):
        cmd = [str(pathlib.Path(sys.executable).parent / "ansible-playbook"), str(ROOT / playbook), *args]
        proc = subprocess.run(cmd, cwd=ROOT, env=self.env(**(env or {})), capture_output=True, text=True,
                              timeout=600, check=False)
        if check and proc.returncode != 0:
            raise AssertionError("%s failed (%d):\n%s\n%s" % (playbook, proc.returncode, proc.stdout, proc.stderr))
        return proc


@pytest.fixture
def playbook(tmp_path):
    return PlaybookRunner(tmp_path)


def recap(output: str) -> dict:
    """PLAY RECAP counters per host from ansible-playbook's default output."""
    counts = {}
    in_recap = False
    for line in output.splitlines():
        if line.startswith("PLAY RECAP"):
            in_recap = True
            continue
        if in_recap and ":" in line:
            host, _sep, rest = line.partition(":")
            counts[host.strip()] = {k: int(v) for k, v in (item.split("=") for item in rest.split())}
    return counts
