# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""README's validator example prints what README says it prints."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _validator_example():
    """The ```sh command after "Try the validator" and the ```text output block that follows it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Try the validator"):]
    match = re.search(r"```sh\n(.*?)```\s*```text\n(.*?)```", section, re.S)
    assert match, "README: the validator example lost its command or its output block"
    return match.group(1), match.group(2)


def test_validator_example_prints_an_error_naming_the_field_and_the_rule():
    command, shown = _validator_example()
    # README's command runs from the checkout with its venv: the venv running these tests
    command = command.replace(".venv/bin/", str(pathlib.Path(sys.executable).parent) + "/")
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    run = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    printed = [line.rstrip() for line in run.stdout.splitlines()]
    assert printed == shown.splitlines()
    assert "field: s2s_intent." in shown and "rule: " in shown
