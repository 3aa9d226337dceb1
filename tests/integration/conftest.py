# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by integration tests: run real ansible-playbook processes from the checkout."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


class PlaybookRunner:
    """Runs ansible-playbook from the repo's venv with the repo's ansible.cfg."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path

    def env(self, **extra):
        env = dict(os.environ)
        env.update(
            ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
            PYTHONPATH=str(ROOT / ".collections"),
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",
        )
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def run(self, playbook, *args, env=None, check=False):
        cmd = [str(pathlib.Path(sys.executable).parent / "ansible-playbook"), str(ROOT / playbook), *args]
        proc = subprocess.run(cmd, cwd=ROOT, env=self.env(**(env or {})), capture_output=True, text=True,
                              timeout=600, check=False)
        if check and proc.returncode != 0:
            raise AssertionError("%s failed (%d):\n%s\n%s" % (playbook, proc.returncode, proc.stdout, proc.stderr))
        return proc


@pytest.fixture
def playbook(tmp_path):
    return PlaybookRunner(tmp_path)


def recap(output: str) -> dict:
    """PLAY RECAP counters per host from ansible-playbook's default output."""
    counts = {}
    in_recap = False
    for line in output.splitlines():
        if line.startswith("PLAY RECAP"):
            in_recap = True
            continue
        if in_recap and ":" in line:
            host, _sep, rest = line.partition(":")
            counts[host.strip()] = {k: int(v) for k, v in (item.split("=") for item in rest.split())}
    return counts
