# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/decommission.yml on both twins: the AWS twin and SSH device twins (IOS-XE, VyOS) on free ports.

The estate (playbooks/site.yml): branch-ios on the VGW and branch-vyos alone on the TGW. Decommissioning
branch-vyos must leave nothing of it on AWS (connection, customer gateway, the TGW it alone used) or on its
device, leave branch-ios untouched on both sides, need a confirmation, change nothing in check mode and
nothing on a second run; "all" then removes the rest. Tests run in file order on one estate.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import yaml

from ..conftest import ROOT, PlaybookRunner, recap

TWINS = {"lab-ios": ("ios", "cgw_ios"), "lab-vyos": ("vyos", "cgw_vyos")}


class Lab:
    """The AWS twin, device twins + an inventory (group_vars from inventories/lab) pointing at them."""

    def __init__(self, folder, aws):
        self.folder, self.aws = folder, aws
        spec = folder / "twins.yml"
        spec.write_text(yaml.safe_dump({
            "defaults": {"username": "admin", "password": "admin-lab", "state_dir": str(folder / "device-twins")},
            "twins": [{"name": n, "platform": p, "port": 0} for n, (p, _g) in TWINS.items()]}))
        ready = folder / "twins-ready.json"
        # The twins outlive this call: stop() ends them.
        self.twins = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "lab.device_twins", "serve", str(spec), "--ready-file", str(ready)],
            cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        ports = {name: info["port"] for name, info in json.loads(ready.read_text()).items()}
        inventory = folder / "inventory"
        (inventory / "group_vars").mkdir(parents=True)
        for name in ("all", "aws", "cgw", "cgw_ios", "cgw_vyos"):
            (inventory / "group_vars" / ("%s.yml" % name)).write_text((ROOT / "inventories" / "lab" / "group_vars" / ("%s.yml" % name)).read_text())
        groups = {}
        for name, (_platform, group) in TWINS.items():
            groups.setdefault(group, {"hosts": {}})["hosts"][name] = {"ansible_port": ports[name]}
        (inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {
            "aws": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}},
            "cgw": {"children": groups}}}}))
        intent = yaml.safe_load((ROOT / "inventories" / "lab" / "group_vars" / "all.yml").read_text())["s2s_intent"]
        intent["sites"] = [s for s in intent["sites"] if s["name"] in ("branch-ios", "branch-vyos")]
        intent["sites"][1]["gateway"] = "tgw-lab"
        extra = {"s2s_intent": intent, "s2s_aws_endpoint_url": self.aws.endpoint_url, "cgw_verify": "skip"}
        (folder / "extra.yml").write_text(yaml.safe_dump(extra))
        self.args = ["-i", str(inventory), "-e", "@%s" % (folder / "extra.yml")]
        self.runner = PlaybookRunner(folder)
        self.before = {}   # both sides as site.yml left them (the fixture fills it)

    def run(self, playbook, *args):
        return self.runner.run(playbook, *self.args, *args)

    def device(self, name) -> str:
        """The twin's running and saved config as stored (JSON text; the device side holds keys: never printed)."""
        state = json.loads((self.folder / "device-twins" / ("%s.state.json" % name)).read_text())
        return json.dumps({"running": state["running"], "saved": state["saved"]})

    def live(self):
        ec2 = self.aws.client("ec2")
        conns = {c["VpnConnectionId"]: c for c in ec2.describe_vpn_connections()["VpnConnections"] if c["State"] not in ("deleting", "deleted")}
        cgws = {c["IpAddress"] for c in ec2.describe_customer_gateways()["CustomerGateways"] if c["State"] == "available"}
        tgws = [t for t in ec2.describe_transit_gateways()["TransitGateways"] if t["State"] not in ("deleting", "deleted")]
        vgws = [g for g in ec2.describe_vpn_gateways()["VpnGateways"] if g["State"] == "available"]
        return conns, cgws, tgws, vgws

    def stop(self):
        self.twins.terminate()
        self.twins.wait(timeout=20)


def _key(conn):
    return next(t["Value"] for t in conn["Tags"] if t["Key"] == "s2s:key")


def _object_name(conn):
    return "S2S-" + conn["VpnConnectionId"].replace("vpn-", "")


@pytest.fixture(scope="module")
def lab(aws_twin, tmp_path_factory):
    aws_twin.reset()
    built = Lab(tmp_path_factory.mktemp("decommission"), aws_twin)
    proc = built.run("playbooks/site.yml")
    assert proc.returncode == 0, proc.stdout[-3000:]
    conns, _cgws, _tgws, _vgws = built.live()
    built.before = {"conns": conns, "ios": built.device("lab-ios"), "vyos": built.device("lab-vyos")}
    yield built
    built.stop()


def test_the_estate_is_on_both_sides(lab):
    conns = lab.before["conns"]
    assert sorted(_key(c) for c in conns.values()) == ["branch-ios/lab-ios/1", "branch-vyos/lab-vyos/1"]
    vyos = next(c for c in conns.values() if _key(c).startswith("branch-vyos/"))
    ios = next(c for c in conns.values() if _key(c).startswith("branch-ios/"))
    assert _object_name(vyos) in lab.before["vyos"] and _object_name(ios) in lab.before["ios"]


def test_a_real_run_needs_the_confirmation(lab):
    start = lab.aws.last_seq()
    proc = lab.run("playbooks/decommission.yml", "-e", "decommission_site=branch-vyos")
    assert proc.returncode != 0 and "[decommission.confirm]" in proc.stdout
    wrong = lab.run("playbooks/decommission.yml", "-e", "decommission_site=nowhere", "-e", "decommission_confirm=nowhere")
    assert wrong.returncode != 0 and "[decommission.confirm]" in wrong.stdout
    assert lab.aws.mutating_calls(start) == []


def test_check_mode_shows_the_change_and_makes_none(lab):
    start = lab.aws.last_seq()
    proc = lab.run("playbooks/decommission.yml", "-e", "decommission_site=branch-vyos", "--check", "--diff")
    assert proc.returncode == 0, proc.stdout[-3000:]
    counts = recap(proc.stdout)
    assert counts["lab-vyos"]["changed"] > 0 and counts["localhost"]["changed"] > 0 and counts["lab-ios"]["changed"] == 0
    assert lab.aws.mutating_calls(start) == []
    assert lab.device("lab-vyos") == lab.before["vyos"] and lab.device("lab-ios") == lab.before["ios"]


def test_decommission_removes_the_site_from_both_sides_and_nothing_else(lab):
    proc = lab.run("playbooks/decommission.yml", "-e", "decommission_site=branch-vyos", "-e", "decommission_confirm=branch-vyos")
    assert proc.returncode == 0, proc.stdout[-3000:]
    conns, cgws, tgws, vgws = lab.live()
    ios = [c for c in lab.before["conns"].values() if _key(c).startswith("branch-ios/")][0]
    vyos = [c for c in lab.before["conns"].values() if _key(c).startswith("branch-vyos/")][0]
    assert list(conns) == [ios["VpnConnectionId"]] and conns[ios["VpnConnectionId"]]["State"] == "available"
    assert cgws == {"198.51.100.11"}           # lab-vyos's customer gateway is gone
    assert tgws == [] and len(vgws) == 1       # the TGW only branch-vyos used is gone; the VGW stays
    device = lab.device("lab-vyos")
    assert _object_name(vyos) not in device and "S2S-" not in device and "s2s:" not in device
    assert lab.device("lab-ios") == lab.before["ios"]


def test_a_second_run_changes_nothing(lab):
    start = lab.aws.last_seq()
    proc = lab.run("playbooks/decommission.yml", "-e", "decommission_site=branch-vyos", "-e", "decommission_confirm=branch-vyos")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert all(counts["changed"] == 0 for counts in recap(proc.stdout).values())
    assert lab.aws.mutating_calls(start) == []


def test_all_removes_every_site_and_gateway(lab):
    proc = lab.run("playbooks/decommission.yml", "-e", "decommission_site=all", "-e", "decommission_confirm=all")
    assert proc.returncode == 0, proc.stdout[-3000:]
    conns, cgws, tgws, vgws = lab.live()
    assert (conns, cgws, tgws, vgws) == ({}, set(), [], [])
    device = lab.device("lab-ios")
    assert "S2S-" not in device and "s2s:" not in device
