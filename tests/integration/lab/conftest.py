# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab end to end: AWS twin + two device twins (IOS-XE, VyOS) + site.yml + lab.dataplane_sync + the data plane.

Root only (namespaces, strongSwan, FRR): skipped with the reason otherwise, using the data-plane
tests' own check of the binaries. Everything runs on free ports and temporary state, and the last test's
`make lab-down` is given this lab's name and state dir, so a demo lab on 5000/2201-2205 is never touched.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time

import pytest
import yaml

from lab.aws_twin.client import TwinProcess
from lab.dataplane import host

ROOT = pathlib.Path(__file__).resolve().parents[3]
BIN = pathlib.Path(sys.executable).parent
LAB = "e2e"
_DP = importlib.util.spec_from_file_location("dataplane_conftest", ROOT / "tests" / "integration" / "dataplane" / "conftest.py")
dataplane_conftest = importlib.util.module_from_spec(_DP)
_DP.loader.exec_module(dataplane_conftest)

# A smaller estate than inventories/lab (two branches on the VGW) keeps the suite near 5 minutes.
HOSTS = {"lab-ios": ("ios", "cgw_ios"), "lab-vyos": ("vyos", "cgw_vyos")}


def pytest_collection_modifyitems(config, items):  # pylint: disable=unused-argument
    here = pathlib.Path(__file__).parent
    missing = dataplane_conftest._missing()  # pylint: disable=protected-access
    reason = "the lab needs root (network namespaces, strongSwan, FRR)" if os.geteuid() != 0 else (
        "the lab needs: %s" % "; ".join(missing) if missing else None)
    if reason:
        for item in items:
            if here in pathlib.Path(str(item.fspath)).parents:
                item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class E2ELab:
    """The twins, an inventory pointing at them, and helpers to run playbooks and lab.dataplane_sync."""

    def __init__(self, tmp: pathlib.Path):
        self.tmp = tmp
        self.aws = TwinProcess.start(str(tmp / "aws-twin"), pending_seconds=1, modifying_seconds=1)
        self.ports = {name: free_port() for name in HOSTS}
        self.twins_spec = tmp / "twins.yml"
        self.twins_spec.write_text(yaml.safe_dump({
            "defaults": {"username": "admin", "password": "admin-lab", "state_dir": str(tmp / "device-twins")},
            "twins": [{"name": n, "platform": p, "port": self.ports[n]} for n, (p, _g) in HOSTS.items()]}))
        ready = tmp / "twins-ready.json"
        # The twins outlive this call: stop() ends them.
        self.twins = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "lab.device_twins", "serve", str(self.twins_spec), "--ready-file", str(ready)],
            cwd=str(ROOT), env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        self._inventory()

    def env(self) -> dict:
        return dict(os.environ, PYTHONPATH="%s:%s" % (ROOT / ".collections", ROOT), ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
                    DATAPLANE_SYNC_STATE_DIR=str(self.tmp / "dataplane_sync"), S2S_OUTPUT_DIR=str(self.tmp / "out"))

    def _inventory(self) -> None:
        inv = self.tmp / "inventory"
        shutil.copytree(ROOT / "inventories" / "lab" / "group_vars", inv / "group_vars")
        groups = {}
        for name, (_platform, group) in HOSTS.items():
            groups.setdefault(group, {"hosts": {}})["hosts"][name] = {"ansible_port": self.ports[name]}
        (inv / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {
            "aws": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}},
            "cgw": {"children": groups}}}}))
        intent = yaml.safe_load((inv / "group_vars" / "all.yml").read_text())["s2s_intent"]
        intent["sites"] = [s for s in intent["sites"] if s["cgws"][0]["name"] in HOSTS]
        intent["gateways"] = [g for g in intent["gateways"] if g["name"] == "vgw-lab"]
        # s2s_maintenance_settle_seconds: the lab's routers converge at once (the data plane's follower waits until they have);
        # verify.yml keeps its results (and report.yml writes the page) in this lab's directory, not the checkout's.
        (self.tmp / "extra.yml").write_text(yaml.safe_dump({"s2s_intent": intent, "s2s_aws_endpoint_url": self.aws.endpoint_url,
                                                            "s2s_maintenance_settle_seconds": 2,
                                                            "s2s_report_dir": str(self.tmp / "reports")}))
        self.inventory = inv

    def playbook(self, name: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "playbooks/%s" % name, "-i", str(self.inventory),
                               "-e", "@%s" % (self.tmp / "extra.yml")], cwd=str(ROOT), env=self.env(), capture_output=True, text=True, check=False)

    def dataplane_sync(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lab.dataplane_sync"] + list(args), cwd=str(ROOT), env=self.env(),
                              capture_output=True, text=True, check=False)

    def sync(self, wait: int = 60) -> subprocess.CompletedProcess:
        return self.dataplane_sync("sync", "--aws", self.aws.endpoint_url, "--twins", str(self.twins_spec), "--lab", LAB, "--up", "--wait", str(wait))

    def status(self) -> dict:
        return json.loads(self.dataplane_sync("status", "--json").stdout)

    # --- Event-Driven Ansible (issue 20): the rulebook's queues and one ansible-rulebook run -----------------
    def event_queues(self) -> dict:
        """The rulebook's SQS queues as docs/maintenance.md sets them up: AWS Health's AWS_VPN_TUNNEL_UPDATE_AVAILABLE
        routed to s2s-vpn-health by an EventBridge rule, and s2s-vpn-alarms for the alarms' topic; their URLs."""
        sqs, events = self.aws.client("sqs"), self.aws.client("events")
        urls = {name: sqs.create_queue(QueueName=name)["QueueUrl"] for name in ("s2s-vpn-health", "s2s-vpn-alarms")}
        health_arn = sqs.get_queue_attributes(QueueUrl=urls["s2s-vpn-health"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name="s2s-vpn-maintenance", EventPattern=json.dumps({
            "source": ["aws.health"], "detail-type": ["AWS Health Event"], "detail": {"eventTypeCode": ["AWS_VPN_TUNNEL_UPDATE_AVAILABLE"]}}))
        events.put_targets(Rule="s2s-vpn-maintenance", Targets=[{"Id": "queue", "Arn": health_arn}])
        return urls

    def notifications(self) -> list:
        path = self.tmp / "out" / "notifications.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def rulebook_inventory(self) -> pathlib.Path:
        """The inventory with the estate's -e variables in its group_vars (as an estate's own inventory holds them):
        ansible-rulebook gives its playbooks the event, not its --vars, and a controller's job its inventory's vars."""
        inventory = self.tmp / "rulebook-inventory"
        if not inventory.exists():
            shutil.copytree(self.inventory, inventory)
            group_vars = yaml.safe_load((inventory / "group_vars" / "all.yml").read_text())
            group_vars.update(yaml.safe_load((self.tmp / "extra.yml").read_text()))
            (inventory / "group_vars" / "all.yml").write_text(yaml.safe_dump(group_vars))
        return inventory

    def rulebook_env(self) -> dict:
        return dict(self.env(), JAVA_HOME=host.java_home(), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                    PATH="%s:%s" % (BIN, os.environ["PATH"]), **self.aws.environment())

    def rulebook(self, notifications: int, args=None, env=None, variables=None, bound: float = 600) -> str:
        """ansible-rulebook until ``notifications`` notifications are written (or ``bound`` seconds pass: a bound, not
        an assertion); its output. By default the collection's rulebook hybridvpn.s2s.tunnel_events on this estate
        (its playbooks run here); ``args``/``env``/``variables`` give another way to run it (an activation's)."""
        args = args or ["-r", "hybridvpn.s2s.tunnel_events", "-i", str(self.rulebook_inventory())]
        (self.tmp / "rulebook-vars.yml").write_text(yaml.safe_dump(variables or {
            "s2s_health_queue": "s2s-vpn-health", "s2s_alarm_queue": "s2s-vpn-alarms", "s2s_region": "us-east-1"}))
        with (self.tmp / "rulebook.log").open("w") as log:
            rulebook = subprocess.Popen([str(BIN / "ansible-rulebook")] + args + ["--vars", str(self.tmp / "rulebook-vars.yml")],
                                        cwd=str(ROOT), env=env or self.rulebook_env(), stdout=log, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + bound
                while len(self.notifications()) < notifications and rulebook.poll() is None and time.monotonic() < deadline:
                    time.sleep(1)
            finally:
                rulebook.terminate()
                rulebook.wait(timeout=60)
        return (self.tmp / "rulebook.log").read_text()

    def stop(self) -> None:
        if self.twins.poll() is None:
            self.twins.terminate()
            self.twins.wait(timeout=20)
        self.aws.stop()


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    lab = E2ELab(tmp_path_factory.mktemp("e2e"))
    yield lab
    subprocess.run([sys.executable, "-m", "lab.dataplane", "down", "--lab", LAB], cwd=str(ROOT), env=lab.env(), capture_output=True, check=False)
    lab.stop()
