# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""awx/eda.yml, the EDA controller's objects as data (issue 20), checked without a controller: every activation runs
a rulebook of extensions/eda/rulebooks with the variables it templates, from objects the file defines; every source
the rulebook names is one of the collection's, every playbook it runs is in playbooks/, and the activation's rulebook
launches, rule for rule, the job templates of awx/controller.yml that run the playbooks of the CLI rulebook."""

from __future__ import annotations

import pathlib
import re

import yaml
from ansible.parsing.utils.yaml import from_yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
# Ansible's own YAML loader: the credential type's injectors are !unsafe (the EDA controller templates them).
EDA = from_yaml((ROOT / "awx" / "eda.yml").read_text())
CONTROLLER = from_yaml((ROOT / "awx" / "controller.yml").read_text())
RULEBOOKS = ROOT / "extensions" / "eda" / "rulebooks"
# The EDA controller's own credential types an activation may use beside the file's custom ones.
BUILTIN_CREDENTIAL_TYPES = {"Red Hat Ansible Automation Platform"}


def _rules(path: pathlib.Path) -> list:
    """(ruleset, rule, condition, action name, action args) of a rulebook, in order."""
    return [(ruleset["name"], rule["name"], rule["condition"], *next(iter(rule["action"].items())))
            for ruleset in yaml.safe_load(path.read_text()) for rule in ruleset["rules"]]


def test_every_activation_refers_to_objects_the_file_defines():
    projects = {p["name"] for p in EDA["eda_projects"]}
    environments = {d["name"] for d in EDA["eda_decision_environments"]}
    credentials = {c["name"] for c in EDA["eda_credentials"]}
    for activation in EDA["eda_rulebook_activations"]:
        assert activation["project"] in projects and activation["decision_environment"] in environments
        assert set(activation["credentials"]) <= credentials
    types = {t["name"] for t in EDA["eda_credential_types"]} | BUILTIN_CREDENTIAL_TYPES
    assert {c["credential_type"] for c in EDA["eda_credentials"]} <= types


def test_every_activation_gives_its_rulebook_every_variable_it_templates():
    for activation in EDA["eda_rulebook_activations"]:
        text = (RULEBOOKS / activation["rulebook"]).read_text()
        assert set(re.findall(r"\{\{\s*(\w+)\s*\}\}", text)) == set(activation["extra_vars"])


def test_the_rulebook_runs_the_collections_sources_and_playbooks():
    for path in RULEBOOKS.glob("*.yml"):
        for ruleset in yaml.safe_load(path.read_text()):
            for source in ruleset["sources"]:
                [name] = [key for key in source if key != "name"]
                assert name.startswith("hybridvpn.s2s.")
                assert (ROOT / "extensions" / "eda" / "plugins" / "event_source" / (name.split(".")[-1] + ".py")).is_file()
            for rule in ruleset["rules"]:
                if "run_playbook" in rule["action"]:
                    playbook = rule["action"]["run_playbook"]["name"]
                    assert (ROOT / "playbooks" / (playbook.split(".")[-1] + ".yml")).is_file(), playbook


def test_the_activations_rulebook_launches_the_job_templates_of_the_cli_rulebooks_playbooks():
    """An activation cannot run_playbook (AAP 2.5 "Rulebook activations": CLI only): its rulebook has the CLI
    rulebook's rulesets and conditions, each launching the job template that runs the same playbook, in the
    controller's organization, with variables asked on launch (the event reaches the job as ansible_eda)."""
    templates = {t["name"]: t for t in CONTROLLER["controller_templates"]}
    for activation in EDA["eda_rulebook_activations"]:
        launched = _rules(RULEBOOKS / activation["rulebook"])
        cli = _rules(RULEBOOKS / "tunnel_events.yml")
        assert [(r[0], r[2]) for r in launched] == [(r[0], r[2]) for r in cli]   # rulesets and conditions
        for (_ruleset, _rule, _condition, action, args), cli_rule in zip(launched, cli):
            assert action == "run_job_template" and args["organization"] == CONTROLLER["controller_organization"]
            template = templates[args["name"]]
            assert template["playbook"] == "playbooks/%s.yml" % cli_rule[4]["name"].split(".")[-1]
            assert template["ask_variables_on_launch"] is True
