# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device twins on free ports, and real ansible-playbook runs against them (see conftest.py).

``TwinLab`` starts ``python -m lab.device_twins serve`` on a temporary spec (one twin per
platform, password + key auth, ``minute_seconds`` = MINUTE so commit-confirmed timers run in
seconds) and offers ``play(platform, tasks)`` / ``plays({platform: tasks})``, which run
ansible-playbook with the ansible.posix.json callback and return the task results by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncssh
import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(ROOT), str(ROOT / ".collections")]
from lab.device_twins import spec  # noqa: E402  pylint: disable=wrong-import-position
MINUTE = 3.0        # seconds per "minute" of commit-confirmed / revert timers in these tests
PASSWORD = "twin-test-pw"
# The twins' own platform -> ansible_network_os map (lab side, never the product's dialects).
PLATFORMS = spec.NETWORK_OS


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / ".collections")])
    env["ANSIBLE_CONFIG"] = str(ROOT / "ansible.cfg")
    env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.posix.json"
    env["ANSIBLE_DEPRECATION_WARNINGS"] = "False"
    env["ANSIBLE_HOST_KEY_CHECKING"] = "False"
    env["ANSIBLE_PERSISTENT_COMMAND_TIMEOUT"] = "30"
    env.pop("DEVICE_TWINS_MINUTE_SECONDS", None)
    return env


class TwinLab:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.spec_path = self.folder / "twins.yml"
        self.ready = self.folder / "ready.json"
        self.log = self.folder / "twins.log"
        self.proc = None
        self.ports = {}
        key = asyncssh.generate_private_key("ssh-ed25519")
        self.client_key = self.folder / "client_key"
        key.write_private_key(str(self.client_key))
        os.chmod(self.client_key, 0o600)
        spec = {"defaults": {"username": "admin", "password": PASSWORD, "state_dir": str(self.folder / "state"),
                             "minute_seconds": MINUTE,
                             "authorized_keys": [key.export_public_key().decode().strip()]},
                "twins": [{"name": "t-" + p, "platform": p, "port": 0} for p in PLATFORMS]}
        self.spec_path.write_text(yaml.safe_dump(spec))

    # -- process -----------------------------------------------------------------------
    def start(self):
        if self.ready.exists():
            self.ready.unlink()
        spec = yaml.safe_load(self.spec_path.read_text())
        if self.ports:      # a restart keeps the ports, as a rebooted router keeps its address
            for twin in spec["twins"]:
                twin["port"] = self.ports[twin["name"]]
            self.spec_path.write_text(yaml.safe_dump(spec))
        with open(self.log, "ab") as log:
            command = [sys.executable, "-m", "lab.device_twins", "serve", str(self.spec_path), "--ready-file", str(self.ready)]
            self.proc = subprocess.Popen(command, cwd=ROOT, env=_env(),  # pylint: disable=consider-using-with
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while not self.ready.exists():
            assert self.proc.poll() is None, "twins exited: %s" % self.log.read_text()
            assert time.time() < deadline, "twins did not start"
            time.sleep(0.05)
        self.ports = {name: info["port"] for name, info in json.loads(self.ready.read_text()).items()}

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    def restart(self, changes=None):
        """Stop and start again; ``changes`` ({twin name: {spec field: value}}) alter the spec first."""
        self.stop()
        if changes:
            spec = yaml.safe_load(self.spec_path.read_text())
            for twin in spec["twins"]:
                twin.update(changes.get(twin["name"], {}))
            self.spec_path.write_text(yaml.safe_dump(spec))
        self.start()

    # -- ansible -----------------------------------------------------------------------
    def _host(self, platform, key_auth, connection=None):
        host = dict(connection or spec.ANSIBLE_CONNECTION, ansible_network_os=PLATFORMS[platform], ansible_host="127.0.0.1",
                    ansible_port=self.ports["t-" + platform], ansible_user="admin")
        if key_auth:
            host["ansible_ssh_private_key_file"] = str(self.client_key)
        else:
            host["ansible_password"] = PASSWORD
        return host

    def play(self, platform, tasks, key_auth=False):
        """Run ``tasks`` (dicts with unique names) on one twin; {task name: result}."""
        return self.plays({platform: tasks}, key_auth)[platform]

    def plays(self, tasks_by_platform, key_auth=False, connection=None):
        """One ansible-playbook run, one play per platform; {platform: {task name: result}}. ``connection``: the hosts'
        connection variables instead of network_cli's (``{"ansible_connection": "ansible.netcommon.netconf"}``)."""
        inventory = {"all": {"hosts": {"t-" + p: self._host(p, key_auth, connection) for p in tasks_by_platform}}}
        inventory_path = self.folder / "inventory.yml"
        inventory_path.write_text(yaml.safe_dump(inventory))
        playbook = [{"hosts": "t-" + p, "gather_facts": False, "tasks": tasks} for p, tasks in tasks_by_platform.items()]
        path = self.folder / "play.yml"
        path.write_text(yaml.safe_dump(playbook, sort_keys=False))
        run = subprocess.run([str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory_path), str(path)],
                             cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300, check=False)
        try:
            report = json.loads(run.stdout)
        except ValueError as exc:
            raise AssertionError("ansible-playbook printed no JSON:\n%s\n%s" % (run.stdout[-3000:], run.stderr[-3000:])) from exc
        results = {p: {} for p in tasks_by_platform}
        for play in report["plays"]:
            for task in play["tasks"]:
                for host, result in task["hosts"].items():
                    results[host[len("t-"):]][task["task"]["name"]] = result
        return results

    def model(self, platform):
        from lab.device_twins import load_spec, model   # pylint: disable=import-outside-toplevel
        spec = next(t for t in load_spec(str(self.spec_path)) if t.platform == platform)
        return model(spec)
