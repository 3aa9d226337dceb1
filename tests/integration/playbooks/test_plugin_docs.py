# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-doc renders every plugin and role of the collection: the docs users read are complete and parse."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from ..conftest import ROOT, PlaybookRunner

# plugin directory -> ansible-doc type; action plugins are documented by their module of the same name.
DOC_TYPES = {"modules": "module", "filter": "filter", "lookup": "lookup", "inventory": "inventory",
             "callback": "callback", "test": "test"}


def documented():
    """(ansible-doc type, FQCN) of every plugin file and every role in the tree."""
    found = []
    for folder, doc_type in DOC_TYPES.items():
        for path in sorted((ROOT / "plugins" / folder).glob("*.py")):
            if path.name != "__init__.py":
                found.append((doc_type, "hybridvpn.s2s." + path.stem))
    for role in sorted(p.parent.parent.name for p in (ROOT / "roles").glob("*/meta/argument_specs.yml")):
        found.append(("role", "hybridvpn.s2s." + role))
    return found


def test_every_role_has_an_argument_spec():
    roles = {p.name for p in (ROOT / "roles").iterdir() if p.is_dir()}
    with_spec = {p.parent.parent.name for p in (ROOT / "roles").glob("*/meta/argument_specs.yml")}
    assert roles and roles == with_spec


@pytest.mark.parametrize("doc_type", sorted({doc_type for doc_type, _name in documented()}))
def test_ansible_doc_renders_everything(doc_type, tmp_path):
    names = [name for t, name in documented() if t == doc_type]
    doc = str(pathlib.Path(sys.executable).parent / "ansible-doc")
    proc = subprocess.run([doc, "-t", doc_type, "--json", *names], cwd=ROOT, env=PlaybookRunner(tmp_path).env(),
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    rendered = json.loads(proc.stdout)
    assert sorted(rendered) == sorted(names), proc.stderr
    for name, entry in rendered.items():
        if doc_type == "role":
            assert entry["entry_points"]["main"].get("short_description"), name
            continue
        assert entry["doc"].get("short_description"), name
        assert entry["doc"].get("description"), name
        assert entry.get("examples"), name
        assert entry.get("return"), name
