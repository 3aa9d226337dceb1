# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""awx/eda.yml, the EDA controller's objects as data (issue 20), checked without a controller: every activation runs
a rulebook of extensions/eda/rulebooks with the variables it templates, from objects the file defines; every source
the rulebook names is one of the collection's, and every playbook it runs is in playbooks/."""

from __future__ import annotations

import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
EDA = yaml.safe_load((ROOT / "awx" / "eda.yml").read_text())
RULEBOOKS = ROOT / "extensions" / "eda" / "rulebooks"


def test_every_activation_refers_to_objects_the_file_defines():
    projects = {p["name"] for p in EDA["eda_projects"]}
    environments = {d["name"] for d in EDA["eda_decision_environments"]}
    credentials = {c["name"] for c in EDA["eda_credentials"]}
    for activation in EDA["eda_rulebook_activations"]:
        assert activation["project"] in projects and activation["decision_environment"] in environments
        assert set(activation["credentials"]) <= credentials


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
                playbook = rule["action"]["run_playbook"]["name"]
                assert (ROOT / "playbooks" / (playbook.split(".")[-1] + ".yml")).is_file(), playbook
