# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A stand-in for the automation controller's job API, so ansible-rulebook's run_job_template can run here (issue 20).

It answers exactly the calls ansible-rulebook 1.3.2 makes for run_job_template (ansible_rulebook/job_template_runner.py
and shared_job_monitor.py): GET api/v2/config/ (its version, at start), GET api/v2/unified_job_templates/?name=
(the template, matched by name, type and organization), POST the template's launch URL, GET api/v2/jobs/?id__in=
(the batch poll until a job is successful or failed). Basic auth with the one user it is given.

Its job templates are awx/controller.yml's. A launch runs the template's playbook with ansible-playbook, on the
directory given for the template's inventory (the controller's synced inventory), with the template's extra vars and,
only when the template asks for variables on launch, the launch's (AWX ignores them otherwise; here that would lose
the event, so the launch is refused instead). What it is not: AWX - no projects, execution environments, credential
injection or RBAC; the jobs get the environment given.
"""

from __future__ import annotations

import base64
import itertools
import json
import pathlib
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jinja2
from ansible.parsing.utils.yaml import from_yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
VERSION = "4.6.21"   # an AWX release: ansible-rulebook logs it, nothing depends on it
AAP_CREDENTIAL = "Red Hat Ansible Automation Platform"


def _render(value, variables: dict) -> str:
    return jinja2.Template(str(value)).render(**variables)


def activation(name: str, awx_secrets: dict, region: str) -> dict:
    """How the EDA controller runs awx/eda.yml's activation ``name``: ansible-rulebook's ``args`` and ``env`` and the
    activation's ``variables``. Its rulebook from the project (extensions/eda/rulebooks); its extra vars, s2s_region
    set to ``region``; its credentials with their inputs rendered from ``awx_secrets``: a custom type's env injectors
    become the environment, the Red Hat Ansible Automation Platform credential the controller ansible-rulebook
    launches job templates on (--controller-url and its login: in worker mode the EDA controller hands ansible-rulebook
    the same URL and login over its websocket)."""
    eda = from_yaml((ROOT / "awx" / "eda.yml").read_text())
    act = next(a for a in eda["eda_rulebook_activations"] if a["name"] == name)
    types = {t["name"]: t for t in eda["eda_credential_types"]}
    args, env = ["-r", str(ROOT / "extensions" / "eda" / "rulebooks" / act["rulebook"])], {}
    for credential in (c for c in eda["eda_credentials"] if c["name"] in act["credentials"]):
        inputs = {key: _render(value, {"awx_secrets": awx_secrets}) for key, value in credential["inputs"].items()}
        if credential["credential_type"] == AAP_CREDENTIAL:
            args += ["--controller-url", inputs["host"], "--controller-username", inputs["username"],
                     "--controller-password", inputs["password"], "--controller-ssl-verify", "yes" if inputs["verify_ssl"].lower() in ("true", "yes") else "no"]
        else:
            env.update({key: _render(value, inputs) for key, value in types[credential["credential_type"]]["injectors"]["env"].items()})
    # plain str/dict again (Ansible's loader gives its own YAML types): the variables go to a YAML file
    return json.loads(json.dumps({"args": args, "env": env, "variables": dict(act["extra_vars"], s2s_region=region)}))


class ControllerStandIn:
    """awx/controller.yml's job templates behind the API run_job_template uses; ``jobs`` in launch order."""

    def __init__(self, inventories: dict, env: dict, workdir: pathlib.Path, username: str, password: str):
        cac = from_yaml((ROOT / "awx" / "controller.yml").read_text())
        self.organization = cac["controller_organization"]
        self.templates = dict(enumerate(cac["controller_templates"], 1))
        self.inventories, self.env, self.workdir = inventories, env, workdir
        self._auth = "Basic " + base64.b64encode(("%s:%s" % (username, password)).encode()).decode()
        self.jobs = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):   # quiet
                pass

            def do_GET(self):  # noqa: N802  (http.server's name)
                standin.answer(self, "GET")

            def do_POST(self):  # noqa: N802
                standin.answer(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self, bound: float = 300) -> None:
        """Wait for the running jobs (up to ``bound`` seconds), then stop answering."""
        deadline = time.monotonic() + bound
        while [j for j in self.jobs.values() if j["status"] in ("pending", "running")] and time.monotonic() < deadline:
            time.sleep(0.5)
        self.server.shutdown()
        self.server.server_close()

    # --- the API --------------------------------------------------------------------------------------
    def answer(self, request, method: str) -> None:
        url = urllib.parse.urlparse(request.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if request.headers.get("Authorization") != self._auth:
            return self._send(request, 401, {"detail": "Authentication credentials were not provided."})
        body = json.loads(request.rfile.read(int(request.headers.get("Content-Length") or 0)) or b"{}") if method == "POST" else {}
        if method == "GET" and url.path == "/api/v2/config/":
            return self._send(request, 200, {"version": VERSION})
        if method == "GET" and url.path == "/api/v2/unified_job_templates/":
            found = [self._template(i, t) for i, t in self.templates.items() if t["name"] == query.get("name")]
            return self._send(request, 200, {"count": len(found), "next": None, "results": found})
        if method == "POST" and url.path.startswith("/api/v2/job_templates/") and url.path.endswith("/launch/"):
            return self._launch(request, int(url.path.split("/")[4]), body)
        if method == "GET" and url.path == "/api/v2/jobs/":
            wanted = query.get("id__in", "").split(",")
            with self._lock:
                found = [self._job_view(j) for j in self.jobs.values() if str(j["id"]) in wanted]
            return self._send(request, 200, {"count": len(found), "next": None, "results": found})
        return self._send(request, 404, {"detail": "Not found."})

    def _template(self, ident: int, template: dict) -> dict:
        return {"id": ident, "type": "job_template", "name": template["name"],
                "summary_fields": {"organization": {"name": self.organization}},
                "related": {"launch": "/api/v2/job_templates/%d/launch/" % ident},
                **{key: bool(template.get(key)) for key in ("ask_limit_on_launch", "ask_labels_on_launch",
                                                            "ask_inventory_on_launch", "ask_variables_on_launch")}}

    def _launch(self, request, ident: int, body: dict) -> None:
        template = self.templates.get(ident)
        if template is None:
            return self._send(request, 404, {"detail": "Not found."})
        if body.get("extra_vars") and not template.get("ask_variables_on_launch"):
            return self._send(request, 400, {"extra_vars": ["%s does not ask for variables on launch" % template["name"]]})
        job = {"id": next(self._ids), "template": template["name"], "status": "pending", "extra_vars": body.get("extra_vars") or {}}
        with self._lock:
            self.jobs[job["id"]] = job
        threading.Thread(target=self._run, args=(job, template), daemon=True).start()
        return self._send(request, 201, {"id": job["id"], "job": job["id"], "url": "/api/v2/jobs/%d/" % job["id"], "status": "pending"})

    def _run(self, job: dict, template: dict) -> None:
        extra = dict(template.get("extra_vars") or {}, **job["extra_vars"])
        variables = self.workdir / ("job-%d-vars.json" % job["id"])
        variables.write_text(json.dumps(extra))
        job["status"] = "running"
        proc = subprocess.run([str(pathlib.Path(sys.executable).parent / "ansible-playbook"), template["playbook"],
                               "-i", str(self.inventories[template["inventory"]]), "-e", "@%s" % variables],
                              cwd=str(ROOT), env=self.env, capture_output=True, text=True, check=False)
        job["output"] = proc.stdout + proc.stderr
        job["status"] = "successful" if proc.returncode == 0 else "failed"

    @staticmethod
    def _job_view(job: dict) -> dict:
        return {"id": job["id"], "status": job["status"], "created": "", "artifacts": {}, "name": job["template"]}

    @staticmethod
    def _send(request, status: int, data: dict) -> None:
        payload = json.dumps(data).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)
