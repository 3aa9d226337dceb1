# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""execution-environment.yml: `ansible-builder create` makes a build context with our pins.

Building the image needs a container engine (podman/docker), which this machine lacks: the tests stop
at the build context, which is what the engine would build from.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest
import yaml
from bindep.depends import Depends

ROOT = pathlib.Path(__file__).resolve().parents[3]
BIN = pathlib.Path(sys.executable).parent
EE = yaml.safe_load((ROOT / "execution-environment.yml").read_text())


def _pins(path: pathlib.Path) -> dict:
    """name -> version of every `name==version` line of a pip requirements/constraints file."""
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line.strip())
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


CONSTRAINTS = _pins(ROOT / "constraints.txt")


@pytest.fixture(name="context", scope="module")
def _context_fixture(tmp_path_factory):
    """The build context the plain `ansible-builder create -f execution-environment.yml` makes from the checkout."""
    context = tmp_path_factory.mktemp("ee") / "context"
    create = subprocess.run([str(BIN / "ansible-builder"), "create", "-f", str(ROOT / "execution-environment.yml"), "-c", str(context),
                             "--output-filename", "Containerfile"], capture_output=True, text=True, check=False)
    assert create.returncode == 0, create.stdout + create.stderr
    assert "No matches" not in create.stdout + create.stderr, create.stdout + create.stderr
    return context


def test_schema_v3_and_core_pinned_as_constraints():
    assert EE["version"] == 3
    deps = EE["dependencies"]
    for key, package in (("ansible_core", "ansible-core"), ("ansible_runner", "ansible-runner")):
        name, version = deps[key]["package_pip"].split("==")
        assert name == package and version == CONSTRAINTS[package], (key, deps[key], CONSTRAINTS.get(package))
    # The base image is named with a tag, and the interpreter matches ansible-core 2.19's minimum (3.11).
    assert ":" in EE["images"]["base_image"]["name"]
    assert deps["python_interpreter"]["python_path"].endswith("python3.11")


def test_collections_pinned_to_the_ones_the_suite_runs():
    """The EE's collections are exactly the versions ansible (pinned in constraints.txt) bundles here."""
    listed = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "list", "--format", "json"], capture_output=True, text=True, check=True)
    installed = {}
    for path_entries in json.loads(listed.stdout).values():
        for name, info in path_entries.items():
            installed.setdefault(name, info["version"])
    galaxy = yaml.safe_load((ROOT / "galaxy.yml").read_text())
    pinned = {c["name"]: c["version"] for c in EE["dependencies"]["galaxy"]["collections"]}
    assert set(galaxy["dependencies"]) <= set(pinned), "every collection dependency of galaxy.yml is in the EE"
    for name, version in pinned.items():
        assert installed.get(name) == version, (name, version, installed.get(name))


def test_containerfile(context):
    text = (context / "Containerfile").read_text()
    assert 'ARG EE_BASE_IMAGE="%s"' % EE["images"]["base_image"]["name"] in text
    assert 'ARG ANSIBLE_INSTALL_REFS="ansible-core==%s ansible-runner==%s"' % (CONSTRAINTS["ansible-core"], CONSTRAINTS["ansible-runner"]) in text
    # pip in every stage is constrained by constraints.txt: set in the base stage, before any pip install.
    assert text.index("ENV PIP_CONSTRAINT=/etc/hybridvpn/constraints.txt") < text.index("pip install")
    assert "ansible-galaxy collection install --offline" in text and "/usr/share/ansible/collections ./collection" in text
    assert re.search(r"FROM base AS galaxy.*FROM base AS builder.*FROM base AS final", text, re.S)


def test_build_files_carry_our_requirements(context):
    build = context / "_build"
    assert (build / "requirements.txt").read_text() == (ROOT / "requirements.txt").read_text()
    assert _pins(build / "configs" / "constraints.txt") == CONSTRAINTS
    # network_cli's SSH library is ansible-pylibssh (libssh): paramiko's transport is deprecated in ansible-core.
    assert not re.search(r"^paramiko\b", (build / "requirements.txt").read_text(), re.M)
    for name in ("boto3", "botocore", "netaddr", "ansible-pylibssh"):
        assert name in CONSTRAINTS and re.search(r"^%s\b" % name, (build / "requirements.txt").read_text(), re.M), name
    bindep = (build / "bindep.txt").read_text()
    assert "openssh-clients [platform:rpm]" in bindep and "python3 " in bindep
    galaxy = yaml.safe_load((build / "requirements.yml").read_text())
    assert {c["name"]: c["version"] for c in galaxy["collections"]} == {c["name"]: c["version"] for c in EE["dependencies"]["galaxy"]["collections"]}


def test_the_collection_installs_from_the_context(context, tmp_path):
    """What the image's galaxy stage runs, minus the dependencies (the image installs them first); --force as the
    checkout itself is installed already (.collections)."""
    install = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "--no-deps", "--force", "-p", str(tmp_path),
                              str(context / "_build" / "collection")], capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stdout + install.stderr
    installed = tmp_path / "ansible_collections" / "hybridvpn" / "s2s"
    manifest = json.loads((installed / "MANIFEST.json").read_text())["collection_info"]
    assert (manifest["namespace"], manifest["name"]) == ("hybridvpn", "s2s")
    assert manifest["version"] == yaml.safe_load((ROOT / "galaxy.yml").read_text())["version"]
    for path in ("meta/runtime.yml", "plugins/modules/vpn_connection.py", "plugins/action/cgw_prepare.py", "roles/cgw/tasks/main.yml",
                 "playbooks/site.yml", "awx/controller.yml"):
        assert (installed / path).is_file(), path


def test_bindep_profiles_keep_the_lab_out_of_the_image():
    """The image (CentOS Stream, default profile) gets python3 and the SSH client; the lab's packages carry the `lab` profile."""
    rules = Depends((ROOT / "bindep.txt").read_text())
    image = [rule[0] for rule in rules.active_rules(["default", "platform:rpm", "platform:redhat", "platform:centos"])]
    assert image == ["python3", "openssh-clients"]
    lab = [rule[0] for rule in rules.active_rules(["default", "lab", "platform:dpkg", "platform:debian"])]
    assert {"strongswan-charon", "frr"} <= set(lab)
