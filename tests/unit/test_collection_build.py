# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ansible-galaxy collection build` ships what a Galaxy user needs and nothing that only works in this checkout."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import tarfile

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
GALAXY = yaml.safe_load((ROOT / "galaxy.yml").read_text())


@pytest.fixture(name="tarball", scope="module")
def _tarball_fixture(tmp_path_factory):
    out = tmp_path_factory.mktemp("galaxy-build")
    build = subprocess.run([str(pathlib.Path(sys.executable).parent / "ansible-galaxy"), "collection", "build", "--output-path", str(out), str(ROOT)],
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    return out / ("%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"]))


@pytest.fixture(name="shipped", scope="module")
def _shipped_fixture(tarball):
    """Every path in the built tarball."""
    with tarfile.open(tarball) as opened:
        return set(opened.getnames())


def _under(shipped, folder):
    return {path for path in shipped if path == folder or path.startswith(folder + "/")}


@pytest.mark.parametrize("repo_only", [
    # the lab, its inventory and the repo's ansible.cfg (collections_path = .collections, the lab inventory)
    "lab", "inventories/lab", "ansible.cfg",
    # tests that start the lab's twins, and the Molecule scenarios that run on them
    "tests/integration", "tests/unit", "extensions/molecule",
    # the repo's EE definition (it copies from the checkout), dev pins, tooling and local state
    "execution-environment.yml", "constraints.txt", "requirements-dev.txt", "Makefile", "bench",
    ".venv", ".collections", ".build", ".lab", ".ansible-lint", ".gitignore", "context",
])
def test_nothing_that_only_works_in_the_checkout(shipped, repo_only):
    assert not _under(shipped, repo_only)


def test_what_a_galaxy_user_needs(shipped):
    needed = {"MANIFEST.json", "FILES.json", "README.md", "meta/runtime.yml", "requirements.yml", "changelogs/changelog.yaml",
              # ansible-builder reads these two from an installed collection when it builds a user's EE
              "requirements.txt", "bindep.txt",
              "inventories/example/hosts.yml", "inventories/example/group_vars/cgw.yml",
              "plugins/modules/vpn_connection.py", "plugins/action/cgw_prepare.py", "plugins/module_utils/model/intent.py",
              "roles/cgw/tasks/main.yml", "roles/aws_vpn/meta/argument_specs.yml",
              "playbooks/site.yml", "awx/controller.yml", "docs/intent.md", "tests/config.yml",
              # Event-Driven Ansible finds a collection's rulebooks and sources here (issue 20)
              "extensions/eda/rulebooks/tunnel_events.yml", "extensions/eda/plugins/event_source/aws_health.py",
              "extensions/eda/plugins/event_source/tunnel_alarms.py", "plugins/plugin_utils/sqs_events.py"}
    assert needed <= shipped, sorted(needed - shipped)
    # every role and plugin type of the checkout
    for folder in ("roles", "plugins"):
        for child in (ROOT / folder).iterdir():
            if child.is_dir() and child.name != "__pycache__":
                assert _under(shipped, "%s/%s" % (folder, child.name)), child


def test_manifest_carries_the_project_links_and_dependencies(tarball):
    with tarfile.open(tarball) as opened:
        info = json.load(opened.extractfile("MANIFEST.json"))["collection_info"]
    for key in ("repository", "documentation", "homepage", "issues"):
        assert info[key] == GALAXY[key] and info[key].startswith("https://github.com/hybridvpn/s2s"), key
    assert info["dependencies"] == GALAXY["dependencies"]
