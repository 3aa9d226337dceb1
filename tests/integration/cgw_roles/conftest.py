# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixture: one twin per platform (the device-twins TwinLab) and real ansible-playbook runs of the cgw role.

Every run drives all twins at once (one inventory, hosts in parallel), at -vvvv with verbose output on
stderr so stdout stays the ansible.posix.json report; a run with snapshots reads each twin's configuration text
(hidden) where asked and ends with a hidden play that writes the reads to a local folder, so the tests compare
config text without it ever being printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..device_twins import twinlab

HOSTS = {"ios": "t-ios", "junos": "t-junos", "vyos": "t-vyos", "vyos13": "t-vyos13"}
# A run with netconf=True drives the Junos twin over NETCONF (issue 17): the same runs, the other transport.
NETCONF = {"junos": {"ansible_connection": "ansible.netcommon.netconf"}}
SNAPSHOT = {"ios": "show running-config", "junos": "show configuration | display set",
            "vyos": "show configuration commands", "vyos13": "show configuration commands"}

_VOLATILE = ("Building configuration", "Current configuration", "! Last configuration change")   # IOS headers


def read_config(index):
    """A task reading the device's config into snap_<index> (hidden: it holds keys)."""
    return {"name": "read config %d" % index, "hybridvpn.s2s.cgw_command": {"commands": ["{{ snapshot_command }}"]},
            "register": "snap_%d" % index, "no_log": True, "check_mode": False}


def keep_reads(count, folder):
    """A hidden play writing the ``count`` reads of read_config to <folder>/<host>.reads.json once, at the end of the
    run: one copy per host and run, not one per read (each is a module run, issue 14)."""
    reads = "[%s]" % ", ".join("snap_%d.stdout[0]" % index for index in range(count))
    return {"name": "keep the reads", "hosts": "all", "gather_facts": False, "tasks": [
        {"name": "write the reads", "ansible.builtin.copy": {"content": "{{ %s | to_json }}" % reads,
                                                             "dest": "%s/{{ inventory_hostname }}.reads.json" % folder},
         "delegate_to": "localhost", "no_log": True, "check_mode": False}]}


class CgwLab:
    """Runs playbooks against all twins of a TwinLab and reads back their config text."""

    def __init__(self, twins):
        self.twins = twins
        self.runs = 0
        self.outputs = []       # everything ansible printed, for the key-leak check
        self.inventories = {netconf: self._inventory(twins.folder / ("inventory-cgw%s.yml" % ("-netconf" if netconf else "")),
                                                     NETCONF if netconf else {}) for netconf in (False, True)}

    def _inventory(self, path, transport):
        hosts = {}
        for platform, name in HOSTS.items():   # the twins are named t-<platform>
            host = self.twins._host(platform, key_auth=False)     # pylint: disable=protected-access
            host.update(snapshot_command=SNAPSHOT[platform], **transport.get(platform, {}))
            hosts[name] = host
        path.write_text(yaml.safe_dump({"all": {"hosts": hosts}}))
        return path

    def run(self, plays, check=False, copies=1, platforms=tuple(HOSTS), netconf=False):
        """Run ``plays`` in one ansible-playbook (connections stay up between plays); a play given as the
        string ``"snapshot"`` reads every twin's config; ``check`` runs with --check --diff. Returns (report, [{platform: config lines}, ...]).
        ``copies`` > 1 runs that many ansible-playbooks per twin at once (concurrent pushes); the report's runs of
        copy N > 1 are keyed ``<host>#N``. ``platforms`` limits the run to those twins; ``netconf`` drives Junos over NETCONF."""
        self.runs += 1
        reads, real = 0, []
        for play in plays:
            if play == "snapshot":
                real.append({"name": "snapshot %d" % reads, "hosts": "all", "gather_facts": False, "tasks": [read_config(reads)]})
                reads += 1
            else:
                real.append(play)
        folder = self.twins.folder / ("snapshots-%d" % self.runs)
        if reads:
            folder.mkdir()
            real.append(keep_reads(reads, folder))
        path = self.twins.folder / ("cgw-run-%d.yml" % self.runs)
        path.write_text(yaml.safe_dump(real, sort_keys=False))
        env = twinlab._env()     # pylint: disable=protected-access
        env["ANSIBLE_VERBOSE_TO_STDERR"] = "True"
        # one ansible-playbook per twin, all at once: the platforms run different task files, which the
        # linear strategy would serialise, and the json callback cannot attribute results under `free`
        command = [str(Path(sys.executable).parent / "ansible-playbook"), "-vvvv", "-i", str(self.inventories[netconf]), str(path)]
        command += ["--check", "--diff"] if check else ["--diff"]
        procs = {}
        for host in (HOSTS[platform] for platform in platforms):
            for copy in range(1, copies + 1):
                key = host if copy == 1 else "%s#%d" % (host, copy)
                out = {name: self.twins.folder / ("cgw-run-%d-%s.%s" % (self.runs, key, name)) for name in ("json", "log")}
                with open(out["json"], "w", encoding="utf-8") as stdout, open(out["log"], "w", encoding="utf-8") as stderr:
                    procs[key] = (out, subprocess.Popen(command + ["--limit", host], cwd=twinlab.ROOT, env=env,  # pylint: disable=consider-using-with
                                                        stdout=stdout, stderr=stderr))
        reports = {}
        for host, (out, proc) in procs.items():
            proc.wait(timeout=600)
            stdout, stderr = out["json"].read_text(), out["log"].read_text()
            self.outputs.append(stdout + stderr)
            try:
                reports[host] = json.loads(stdout)
            except ValueError as exc:
                raise AssertionError("ansible-playbook printed no JSON:\n%s\n%s" % (stdout[-3000:], stderr[-3000:])) from exc
        texts = {p: json.loads((folder / ("%s.reads.json" % h)).read_text()) for p, h in HOSTS.items() if p in platforms and reads}
        configs = [{p: [line for line in texts[p][index].splitlines() if not line.startswith(_VOLATILE)] for p in texts}
                   for index in range(reads)]
        return Report(reports, [i for i, play in enumerate(plays) if play != "snapshot"]), configs


class Report:
    """Per play and host: changed tasks, failures, and what the plays recorded."""

    def __init__(self, reports, role_plays):
        self.reports = reports           # host -> ansible.posix.json report of its run
        self.role_plays = role_plays     # index of the n-th non-snapshot play among all plays

    def _results(self, play):
        for data in self.reports.values():
            yield from self._play_results(data, play)

    def _play_results(self, data, play):
        for task in data["plays"][self.role_plays[play]]["tasks"] if len(data["plays"]) > self.role_plays[play] else []:
            for host, result in task["hosts"].items():
                yield task["task"]["name"], host, result

    def changed(self, play, host):
        return [name for name, h, result in self._results(play) if h == host and result.get("changed")]

    def result(self, play, host, task_name):
        return next(r for name, h, r in self._results(play) if h == host and name == task_name)

    def facts(self, play, host):
        out = {}
        for _name, h, result in self._results(play):
            if h == host:
                out.update(result.get("ansible_facts") or {})
        return out


@pytest.fixture(scope="module")
def cgw_lab(tmp_path_factory):
    twins = twinlab.TwinLab(tmp_path_factory.mktemp("cgw-twins"))
    twins.start()
    yield CgwLab(twins)
    twins.stop()
