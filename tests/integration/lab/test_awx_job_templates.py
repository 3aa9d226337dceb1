# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every AWX job template of awx/controller.yml, run the way the controller runs it, against the lab.

No controller runs here. The controller hands a job to ansible-runner: the project checkout as the working
directory, the inventory synced from the project (inventories/lab, the template's SCM source), the template's
extra_vars plus the survey's answers (here: its defaults, as an unattended launch or the workflow sends them),
`--check` for a launch with job_type check, and the credentials injected as environment variables. These
tests do the same through ansible_runner.run, in workflow order: provision -> configure -> (the data plane
comes up: make lab-sync) -> verify -> audit -> troubleshoot -> failover drill -> decommission.

The lab's resources are fixed (AWS twin on 5000, device twins on 2201-2205, namespaces s2s-*): one run at a time
(`make awx-lab-test`), not beside `make demo`. The module ends with `make lab-down LAB_NAME=s2s`: that lab only, so
the data-plane and lab-e2e tests running beside it keep theirs.
Root only, like every test of this directory (conftest.py skips them with the reason otherwise).
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import ansible_runner
import boto3
import pytest
import yaml
from ansible.parsing.utils.yaml import from_yaml

from lab.dataplane_sync.translate import LAB_NAME

from .conftest import ROOT


# Ansible's own YAML loader: the data holds !unsafe strings (templated in the job, not when loaded).
CAC = from_yaml((ROOT / "awx" / "controller.yml").read_text())
TEMPLATES = {t["name"]: t for t in CAC["controller_templates"]}
INVENTORY = ROOT / next(s["source_path"] for s in CAC["controller_inventory_sources"] if s["inventory"] == "hybridvpn lab")
LAB_VARS = yaml.safe_load((INVENTORY / "group_vars" / "all.yml").read_text())
CGWS = sorted(c["name"] for site in LAB_VARS["s2s_intent"]["sites"] for c in site["cgws"])
TUNNELS = 2 * len(CGWS)
BIN = pathlib.Path(sys.executable).parent
# What the AWX credentials inject: the AWS credential's keys (the AWS twin takes moto's dummy ones).
CREDENTIAL_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def make(*targets: str) -> subprocess.CompletedProcess:
    """A lab target of the Makefile with this interpreter's venv (`-o setup`: the venv is set up already)."""
    return subprocess.run(["make", "--no-print-directory", "-o", "setup", "BIN=%s" % BIN] + list(targets), cwd=str(ROOT),
                          capture_output=True, text=True, check=False)


class Controller:
    """Launches job templates like the controller: ansible-runner, one private data dir per job."""

    def __init__(self, tmp: pathlib.Path):
        self.tmp = tmp
        self.jobs = 0

    def launch(self, name: str, job_type: str = "run", answers: dict | None = None):
        template = TEMPLATES[name]
        extravars = dict(template.get("extra_vars", {}))
        extravars.update({q["variable"]: q["default"] for q in template.get("survey_spec", {}).get("spec", [])})
        extravars.update(answers or {})
        self.jobs += 1
        private = self.tmp / ("job-%d" % self.jobs)
        private.mkdir()
        job = ansible_runner.run(
            private_data_dir=str(private), project_dir=str(ROOT), playbook=template["playbook"],
            inventory=str(INVENTORY), extravars=extravars, cmdline="--check" if job_type == "check" else None, quiet=True,
            # The execution environment's collections and Python path: here the checkout's.
            envvars=dict(CREDENTIAL_ENV, ANSIBLE_COLLECTIONS_PATH=str(ROOT / ".collections"), PYTHONPATH="%s:%s" % (ROOT / ".collections", ROOT)))
        job.output = job.stdout.read()
        return job


def changed_hosts(job) -> set:
    return {host for host, count in (job.stats or {}).get("changed", {}).items() if count}


def debug_lines(job, task: str) -> list:
    """The msg lines of a debug task's results (the summary tables the playbooks print)."""
    lines = []
    for event in job.events:
        data = event.get("event_data", {})
        if event["event"] == "runner_on_ok" and data.get("task") == task:
            msg = data["res"].get("msg", [])
            lines.extend(msg if isinstance(msg, list) else [msg])
    return lines


def ec2():
    return boto3.client("ec2", endpoint_url=LAB_VARS["s2s_aws_endpoint_url"], region_name=LAB_VARS["s2s_intent"]["region"], **{
        "aws_access_key_id": "testing", "aws_secret_access_key": "testing"})


def vpn_states() -> list:
    return [c["State"] for c in ec2().describe_vpn_connections()["VpnConnections"]]


@pytest.fixture(name="controller", scope="module")
def _controller_fixture(tmp_path_factory):
    up = make("lab-up")
    assert up.returncode == 0, up.stdout + up.stderr
    yield Controller(tmp_path_factory.mktemp("awx-jobs"))
    down = make("lab-down", "LAB_NAME=%s" % LAB_NAME)
    assert down.returncode == 0, down.stdout + down.stderr


def test_provision(controller):
    job = controller.launch("hybridvpn provision AWS")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    assert sorted(vpn_states()) == ["available"] * len(CGWS)


def test_configure_reads_the_tunnel_facts_from_aws(controller):
    """A job of its own: the facts come from AWS, not from the provision job."""
    job = controller.launch("hybridvpn configure CGWs")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    assert changed_hosts(job) == set(CGWS), job.stats


def test_configure_check_launch_changes_nothing(controller):
    job = controller.launch("hybridvpn configure CGWs", job_type="check")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    assert not changed_hosts(job), job.stats


def test_verify_after_the_tunnels_come_up(controller):
    sync = make("lab-sync")
    assert sync.returncode == 0 and "%d/%d tunnels up" % (TUNNELS, TUNNELS) in sync.stdout, sync.stdout[-2000:] + sync.stderr[-2000:]
    job = controller.launch("hybridvpn verify")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    rows = [line for line in debug_lines(job, "Summary, one line per tunnel (AWS end | device end)") if line.rstrip().endswith("| ok")]
    assert len(rows) == TUNNELS, debug_lines(job, "Summary, one line per tunnel (AWS end | device end)")


def test_audit_reports_into_the_job_artifacts(controller):
    job = controller.launch("hybridvpn audit")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    reports = list(pathlib.Path(job.config.artifact_dir, "compliance").glob("*.json"))
    assert len(reports) == 1, job.config.artifact_dir
    report = json.loads(reports[0].read_text())
    assert report["summary"]["by_severity"]["high"] == 0 and report["summary"]["by_severity"]["critical"] == 0, report["summary"]
    assert report["summary"]["pass"] > 0, report["summary"]


def test_troubleshoot(controller):
    job = controller.launch("hybridvpn troubleshoot", answers={"site": "branch-vyos"})
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    diagnosis = "\n".join(debug_lines(job, "Diagnosis"))
    assert "lab-vyos" in diagnosis and "lab-ios" not in diagnosis, job.output[-3000:]


def test_failover_drill(controller):
    job = controller.launch("hybridvpn failover drill")
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    windows = debug_lines(job, "Loss windows")
    assert len(windows) == 3 and all("both tunnels back up" in w for w in windows), windows


def test_decommission_needs_confirmation_then_removes_both_ends(controller):
    unconfirmed = controller.launch("hybridvpn decommission", answers={"decommission_site": "all"})
    assert unconfirmed.status == "failed" and "decommission.confirm" in unconfirmed.output, unconfirmed.output[-3000:]
    checked = controller.launch("hybridvpn decommission", job_type="check", answers={"decommission_site": "all"})
    assert (checked.status, checked.rc) == ("successful", 0), checked.output[-3000:]
    assert sorted(vpn_states()) == ["available"] * len(CGWS)
    job = controller.launch("hybridvpn decommission", answers={"decommission_site": "all", "decommission_confirm": "all"})
    assert (job.status, job.rc) == ("successful", 0), job.output[-3000:]
    assert set(vpn_states()) <= {"deleted"}
    assert set(CGWS) <= changed_hosts(job), job.stats
