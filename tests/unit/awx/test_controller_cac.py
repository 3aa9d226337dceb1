# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""awx/controller.yml, the configuration as code playbooks/awx_configure.yml applies, checked without a controller.

No AWX or Automation Platform runs here: these tests check what the controller would otherwise refuse or run
wrongly - fields each awx.awx module accepts, references between objects, playbooks and inventory
directories that exist, survey variables the playbooks (or their roles) read with values their argument
specs allow, and a complete workflow graph. tests/integration/awx runs the templates through ansible-runner.
"""

from __future__ import annotations

import ast
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
import yaml
from ansible.parsing.utils.yaml import from_yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles

ROOT = pathlib.Path(__file__).resolve().parents[3]

# Ansible's own YAML loader: the data holds !unsafe strings (templated in the job, not when loaded).
CAC = from_yaml((ROOT / "awx" / "controller.yml").read_text())
AWX_MODULES = pathlib.Path(__import__("ansible_collections.awx.awx", fromlist=["x"]).__path__[0]) / "plugins" / "modules"
TEMPLATES = {t["name"]: t for t in CAC["controller_templates"]}
SURVEY_TYPES = {"text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect"}
# A key of the data -> the awx.awx module it feeds, and keys the playbook handles itself.
MODULE_OF = {"controller_execution_environments": "execution_environment", "controller_projects": "project",
             "controller_credentials": "credential", "controller_inventories": "inventory",
             "controller_inventory_sources": "inventory_source", "controller_templates": "job_template",
             "controller_workflows": "workflow_job_template"}
NOT_MODULE_OPTIONS = {"controller_workflows": {"workflow_nodes"}}


def _options(module: str) -> dict:
    tree = ast.parse((AWX_MODULES / ("%s.py" % module)).read_text())
    doc = next(n.value.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "DOCUMENTATION")
    return yaml.safe_load(doc)["options"]


def _included_files(playbook: pathlib.Path) -> list:
    """The playbook, the playbooks and task files it imports or includes, and every file of the roles it uses."""
    seen, todo, roles = [], [playbook], set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.append(path)
        text = path.read_text()
        for ref in re.findall(r"(?:import_playbook|import_tasks|include_tasks):\s*([\w./-]+\.yml)", text):
            todo.append((path.parent / ref).resolve())
        for role in re.findall(r"(?:role|name):\s*\"?hybridvpn\.s2s\.([a-z_]+(?:\{\{[^}]*\}\})?)", text):
            # A templated role name ("cgw_{{ cgw_platform }}") stands for every role it can name.
            pattern = re.sub(r"\{\{.*", "*", role)
            roles.update(p.name for p in (ROOT / "roles").glob(pattern) if p.is_dir())
        for role in sorted(roles):
            todo.extend(p for p in (ROOT / "roles" / role).rglob("*") if p.is_file() and p not in seen)
    return seen


def _reads(files: list, variable: str) -> bool:
    """Whether these files read a variable: in a Jinja expression or a conditional (outside string literals), or as a role default.

    A file that binds the name itself (a Jinja for or set) does not count: there the name is its own.
    """
    word = re.compile(r"\b%s\b" % re.escape(variable))
    for path in files:
        text = re.sub(r"(?m)^\s*#.*$", "", path.read_text())
        if re.search(r"\{%%-?\s*(?:for|set)\s+(?:\w+\s*,\s*)*%s\b" % re.escape(variable), text):
            continue
        # String literals inside an expression are text, not variables.
        uses = [re.sub(r"'[^']*'|\"[^\"]*\"", "''", use) for use in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S)]
        uses += re.findall(r"^\s*(?:- )?(?:when|that|until|failed_when|changed_when):(.*(?:\n\s+- .*)*)", text, re.M)
        if path.parent.name == "defaults":
            uses += re.findall(r"^(\w+):", text, re.M)
        if any(word.search(use) for use in uses):
            return True
    return False


def _argument_spec(files: list, variable: str):
    for spec_file in (f for f in files if f.name == "argument_specs.yml"):
        for entry in yaml.safe_load(spec_file.read_text())["argument_specs"].values():
            if variable in entry.get("options", {}):
                return entry["options"][variable]
    return None


@pytest.mark.parametrize("key", sorted(MODULE_OF))
def test_every_field_is_an_option_of_its_awx_module(key):
    options = _options(MODULE_OF[key])
    for item in CAC[key]:
        unknown = set(item) - set(options) - NOT_MODULE_OPTIONS.get(key, set())
        assert not unknown, "%s %s: %s are not options of awx.awx.%s" % (key, item["name"], sorted(unknown), MODULE_OF[key])


def test_references_resolve():
    names = {key: {item["name"] for item in CAC[key]} for key in MODULE_OF}
    for project in CAC["controller_projects"]:
        assert project["default_environment"] in names["controller_execution_environments"]
    for source in CAC["controller_inventory_sources"]:
        assert source["inventory"] in names["controller_inventories"] and source["source_project"] in names["controller_projects"]
        assert (ROOT / source["source_path"] / "hosts.yml").is_file() and (ROOT / source["source_path"] / "group_vars").is_dir(), source
        assert source.get("credential", names["controller_credentials"] and next(iter(names["controller_credentials"]))) in names["controller_credentials"]
    assert {s["inventory"] for s in CAC["controller_inventory_sources"]} == names["controller_inventories"], "every inventory has its source"
    for template in CAC["controller_templates"] + CAC["controller_workflows"]:
        assert template["inventory"] in names["controller_inventories"], template["name"]
        assert set(template.get("credentials", [])) <= names["controller_credentials"], template["name"]
    assert {c["credential_type"] for c in CAC["controller_credentials"]} == {"Amazon Web Services", "Machine", "Vault"}


def test_secrets_only_come_from_awx_secrets():
    for credential in CAC["controller_credentials"]:
        for field, value in credential["inputs"].items():
            assert re.fullmatch(r"\{\{ awx_secrets\.\w+ \}\}", value), (credential["name"], field)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_playbook_exists(name):
    """troubleshoot.yml and decommission.yml come from the ops-monitor / ops-cost-runbook work: red until merged."""
    assert (ROOT / TEMPLATES[name]["playbook"]).is_file(), TEMPLATES[name]["playbook"]


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_survey_and_extra_vars_are_read_by_the_playbook(name):
    template = TEMPLATES[name]
    files = _included_files(ROOT / template["playbook"])
    assert files, "%s: no playbook %s" % (name, template["playbook"])
    questions = template.get("survey_spec", {}).get("spec", [])
    assert template.get("survey_enabled", False) == bool(questions), name
    for variable in [q["variable"] for q in questions] + list(template.get("extra_vars", {})):
        assert _reads(files, variable), "%s: %s is read by neither %s nor its roles" % (name, variable, template["playbook"])


@pytest.mark.parametrize("name", sorted(n for n, t in TEMPLATES.items() if t.get("survey_enabled")))
def test_survey_questions_are_valid(name):
    template = TEMPLATES[name]
    files = _included_files(ROOT / template["playbook"])
    for question in template["survey_spec"]["spec"]:
        _check_question(question)
        spec = _argument_spec(files, question["variable"])
        if spec and "choices" in spec:
            assert set(question["choices"]) == set(spec["choices"]), (question["variable"], spec["choices"])
        if spec and spec.get("type") == "int":
            assert question["type"] == "integer", question


def _check_question(question: dict) -> None:
    """The fields AWX needs; an optional question has a default (an unattended launch sends it)."""
    assert {"question_name", "variable", "type", "required"} <= set(question), question
    assert question["required"] or "default" in question, question
    assert question["type"] in SURVEY_TYPES, question
    if "default" in question:
        if question["type"] == "multiplechoice":
            assert question["default"] in question["choices"] and len(set(question["choices"])) == len(question["choices"]), question
        if question["type"] == "integer":
            assert isinstance(question["default"], int) and question["min"] <= question["default"] <= question["max"], question


def test_workflow_survey_is_read_by_its_nodes():
    """A workflow's answers reach every node: each variable must be read by at least one node's playbook."""
    for workflow in CAC["controller_workflows"]:
        files = [f for node in workflow["workflow_nodes"] for f in _included_files(ROOT / TEMPLATES[node["unified_job_template"]]["playbook"])]
        for question in workflow.get("survey_spec", {}).get("spec", []):
            _check_question(question)
            assert _reads(files, question["variable"]), (workflow["name"], question["variable"])


def test_surveys_follow_the_model_and_the_lab():
    profile = next(q for q in TEMPLATES["hybridvpn audit"]["survey_spec"]["spec"] if q["variable"] == "compliance_profile")
    assert set(profile["choices"]) == set(profiles.PROFILES)
    lab = yaml.safe_load((ROOT / "inventories" / "lab" / "hosts.yml").read_text())
    lab_cgws = {h for group in lab["all"]["children"]["cgw"]["children"].values() for h in group["hosts"]}
    drill = next(q for q in TEMPLATES["hybridvpn failover drill"]["survey_spec"]["spec"] if q["variable"] == "drill_cgw")
    assert set(drill["choices"]) == lab_cgws


def _success_path(nodes: dict, edges: dict, start: str) -> list:
    """The job templates along the success edges from a node (one success edge per node)."""
    path = [start]
    while edges[path[-1]]["success_nodes"]:
        assert len(edges[path[-1]]["success_nodes"]) == 1
        path.append(edges[path[-1]]["success_nodes"][0])
        assert len(path) <= len(nodes), "a cycle"
    return [nodes[i]["unified_job_template"] for i in path]


def test_workflow_graph():
    for workflow in CAC["controller_workflows"]:
        nodes = {n["identifier"]: n for n in workflow["workflow_nodes"]}
        assert len(nodes) == len(workflow["workflow_nodes"]), "identifiers are unique"
        edges = {i: {kind: n.get(kind, []) for kind in ("success_nodes", "failure_nodes", "always_nodes")} for i, n in nodes.items()}
        for identifier, node in nodes.items():
            assert node["unified_job_template"] in TEMPLATES, node
            assert set(node) <= set(_options("workflow_job_template_node")), node
            for targets in edges[identifier].values():
                assert set(targets) <= set(nodes), (identifier, targets)
        targets = {t for e in edges.values() for ts in e.values() for t in ts}
        roots = set(nodes) - targets
        assert roots == {"provision"}, roots

        assert _success_path(nodes, edges, "provision") == ["hybridvpn provision AWS", "hybridvpn configure CGWs", "hybridvpn verify", "hybridvpn audit"]
        for failing in ("configure", "verify"):
            assert [nodes[t]["unified_job_template"] for t in edges[failing]["failure_nodes"]] == ["hybridvpn troubleshoot"], failing
        # Every node is reached from the root.
        reached, todo = set(), ["provision"]
        while todo:
            node = todo.pop()
            if node not in reached:
                reached.add(node)
                todo.extend(t for ts in edges[node].values() for t in ts)
        assert reached == set(nodes)


def test_the_playbook_applies_every_section():
    playbook = (ROOT / "playbooks" / "awx_configure.yml").read_text()
    for key in list(MODULE_OF) + ["controller_organization"]:
        assert "{{ %s" % key in playbook or "\"{{ %s |" % key in playbook, key
    assert "awx.awx.workflow_job_template_node" in playbook and "no_log: true" in playbook


def test_extra_vars_reach_the_controller_untemplated(tmp_path):
    """Loaded as awx_configure.yml loads it: the secrets are filled in, the jobs' own Jinja is left for the jobs."""
    (tmp_path / "play.yml").write_text(yaml.safe_dump([{
        "hosts": "localhost", "connection": "local", "gather_facts": False, "vars_files": [str(ROOT / "awx" / "controller.yml")],
        "vars": {"ansible_python_interpreter": sys.executable,
                 "awx_secrets": {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "s", "network_user": "netops",
                                 "network_password": "p", "vault_password": "v"}},
        "tasks": [{"ansible.builtin.copy": {"dest": str(tmp_path / "seen.json"), "mode": "0600",
                                            "content": "{{ {'templates': controller_templates, 'credentials': controller_credentials} | to_json }}"}}]}]))
    run = subprocess.run([str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", str(tmp_path / "play.yml")],
                         capture_output=True, text=True, check=False, env=dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg")))
    assert run.returncode == 0, run.stdout + run.stderr
    seen = json.loads((tmp_path / "seen.json").read_text())
    audit = next(t for t in seen["templates"] if t["name"] == "hybridvpn audit")
    assert audit["extra_vars"] == TEMPLATES["hybridvpn audit"]["extra_vars"] and "{{" in audit["extra_vars"]["compliance_report_dir"]
    assert seen["credentials"][0]["inputs"]["username"] == "AKIDEXAMPLE"
