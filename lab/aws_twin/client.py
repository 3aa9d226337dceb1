# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start, stop and drive the twin from Python (tests, the lab, the CLI).

    twin = TwinProcess.start(state_dir)          # or TwinClient("http://127.0.0.1:5000")
    ec2 = twin.client("ec2")                      # boto3, dummy credentials, endpoint_url set
    twin.report_tunnel(vpn_id, ip, "UP", accepted_route_count=3)
    twin.ledger()                                 # [{seq, time, service, action, mutating, ...}]
    twin.stop()
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DUMMY_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
DEFAULT_REGION = "us-east-1"


class TwinError(RuntimeError):
    pass


class TwinClient:
    """The AWS endpoint and the control API of a running twin."""

    def __init__(self, endpoint_url: str, region: str = DEFAULT_REGION):
        self.endpoint_url = endpoint_url.rstrip("/")
        self.region = region

    def environment(self) -> dict:
        """Environment variables that point boto3/Ansible at the twin, exactly as at AWS."""
        return {"AWS_ENDPOINT_URL": self.endpoint_url, "AWS_ACCESS_KEY_ID": DUMMY_CREDENTIALS["aws_access_key_id"],
                "AWS_SECRET_ACCESS_KEY": DUMMY_CREDENTIALS["aws_secret_access_key"], "AWS_DEFAULT_REGION": self.region,
                "AWS_REGION": self.region}

    def client(self, service: str, region: str = None, retries: int = None, **kwargs):
        """A boto3 client for the twin; ``retries`` is the total number of attempts: 1 sees injected faults unretried."""
        if retries is not None:
            kwargs["config"] = Config(retries={"total_max_attempts": retries, "mode": "standard"})
        return boto3.client(service, endpoint_url=self.endpoint_url, region_name=region or self.region,
                            **DUMMY_CREDENTIALS, **kwargs)

    def assumed_client(self, service: str, role_arn: str, region: str = None, session: str = "s2s.test"):
        """A boto3 client with the credentials of ``role_arn`` (sts:AssumeRole on the twin): it acts in the role's
        account, as on AWS."""
        creds = self.client("sts", region=region).assume_role(RoleArn=role_arn, RoleSessionName=session)["Credentials"]
        return boto3.client(service, endpoint_url=self.endpoint_url, region_name=region or self.region,
                            aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                            aws_session_token=creds["SessionToken"])

    def _call(self, method: str, path: str, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.endpoint_url + "/_twin/" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            raise TwinError("%s /_twin/%s: %s" % (method, path, exc.read().decode())) from exc

    def health(self) -> dict:
        return self._call("GET", "health")

    def ledger(self, since: int = 0) -> list:
        return self._call("GET", "ledger?since=%d" % since)

    def mutating_calls(self, since: int = 0) -> list:
        return [e for e in self.ledger(since) if e["mutating"]]

    def last_seq(self) -> int:
        entries = self.ledger()
        return entries[-1]["seq"] if entries else 0

    def reset_ledger(self) -> dict:
        return self._call("POST", "ledger/reset", {})

    def faults(self, rules=(), seed: int = 0) -> dict:
        return self._call("POST", "faults", {"seed": seed, "rules": list(rules)})

    def settings(self, **changes) -> dict:
        return self._call("POST", "settings", changes) if changes else self._call("GET", "settings")

    def report_tunnel(self, vpn_connection_id: str, outside_ip: str, status: str = "UP", **extra) -> dict:
        """extra: status_message, accepted_route_count, negotiated {...}, data_in, data_out, region."""
        body = dict(extra, vpn_connection_id=vpn_connection_id, outside_ip=outside_ip, status=status)
        body.setdefault("region", self.region)
        return self._call("POST", "tunnel-status", body)

    def maintenance(self, vpn_connection_id: str, outside_ip: str, pending: str = None, auto_applied_after_seconds=None) -> dict:
        return self._call("POST", "maintenance", {"vpn_connection_id": vpn_connection_id, "outside_ip": outside_ip,
                                                  "pending_maintenance": pending, "region": self.region,
                                                  "auto_applied_after_seconds": auto_applied_after_seconds})

    def publish_metrics(self) -> dict:
        return self._call("POST", "metrics/publish", {})

    def evaluate_alarms(self, region: str = None) -> dict:
        return self._call("POST", "alarms/evaluate", {"region": region or self.region})

    def direct_connect_attachment(self, transit_gateway_id: str) -> dict:
        """A Direct Connect gateway attachment of the transit gateway (what a private IP VPN runs over)."""
        return self._call("POST", "direct-connect-attachment", {"transit_gateway_id": transit_gateway_id, "region": self.region})

    def state(self) -> list:
        return self._call("GET", "state")

    def reset(self) -> dict:
        return self._call("POST", "reset", {})


class TwinProcess(TwinClient):
    """A twin server in a child process (``python -m lab.aws_twin serve``)."""

    def __init__(self, endpoint_url: str, process: subprocess.Popen, state_dir: str):
        super().__init__(endpoint_url)
        self.process = process
        self.state_dir = state_dir

    @classmethod
    def start(cls, state_dir: str, port: int = 0, host: str = "127.0.0.1", timeout: float = 60.0, detach: bool = False, **settings):
        """Start a twin and wait until it answers; ``detach`` lets it outlive this process (make aws-twin)."""
        os.makedirs(state_dir, exist_ok=True)
        state_file = os.path.join(state_dir, "aws-twin.json")
        if os.path.exists(state_file):
            os.unlink(state_file)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (REPO_ROOT, os.path.join(REPO_ROOT, ".collections"),
                                                        env.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "lab.aws_twin", "serve", "--host", host, "--port", str(port), "--state-dir", state_dir]
        for name, value in settings.items():
            command += ["--set", "%s=%s" % (name, value)]
        log = open(os.path.join(state_dir, "aws-twin.log"), "ab")  # pylint: disable=consider-using-with
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,  # pylint: disable=consider-using-with
                                   stdin=subprocess.DEVNULL, start_new_session=detach)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise TwinError("aws twin exited with %s; see %s/aws-twin.log" % (process.returncode, state_dir))
            if os.path.exists(state_file):
                with open(state_file, encoding="utf-8") as handle:
                    twin = cls(json.load(handle)["endpoint_url"], process, state_dir)
                twin.health()
                return twin
            time.sleep(0.1)
        process.kill()
        raise TwinError("aws twin did not start within %ss" % timeout)

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGUSR1)  # the twin dumps its threads into aws-twin.log
                time.sleep(0.5)
                self.process.kill()
                self.process.wait()
        return self.process.returncode
