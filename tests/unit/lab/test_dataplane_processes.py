# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stopping what the lab started leaves nothing, zombies included (issue 14), on plain child processes (no root needed)."""

from __future__ import annotations

import os
import subprocess

from ansible_collections.hybridvpn.s2s.lab.dataplane import system


def _child(script: str) -> int:
    """A child process of this (long-lived, like pytest or a twin server) process, never waited for by subprocess."""
    return subprocess.Popen(["bash", "-c", script], start_new_session=True).pid


def _sleeper() -> int:
    return subprocess.Popen(["sleep", "30"], start_new_session=True).pid


def _present(pid: int) -> bool:
    return os.path.exists("/proc/%d" % pid)


def test_a_stopped_child_is_reaped_not_left_a_zombie():
    pid = _sleeper()
    system.stop_pid(pid)
    assert not _present(pid)
    assert system.unreaped([pid], timeout=0) == []


def test_a_child_that_ignores_sigterm_is_killed_and_still_reaped():
    # The old stop_pid looked once, right after SIGKILL, before the kernel had ended it: a zombie under us.
    pid = _child("trap '' TERM; while :; do sleep 0.05; done")
    # A sleep under it: the trap is set.
    system.wait_for(lambda: subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, check=False).returncode == 0, 5)
    system.stop_pid(pid, grace=0.3)
    assert not _present(pid)


def test_marker_protects_an_unrelated_process_but_not_our_dead_child():
    pid = _sleeper()
    system.stop_pid(pid, marker="charon[lab-t1-aws]")
    assert system.alive(pid), "a pid whose command line lacks the marker is not ours to stop"
    os.kill(pid, 9)
    system.wait_for(lambda: not system.alive(pid), 5)
    # Dead, its command line gone: still ours, so reaped rather than skipped by the marker check.
    system.stop_pid(pid, marker="charon[lab-t1-aws]")
    assert not _present(pid)


def test_a_zombie_nobody_reaps_is_named_with_the_parent_that_should():
    pid = _sleeper()
    os.kill(pid, 9)
    system.wait_for(lambda: not system.alive(pid), 5)
    left = system.unreaped([pid], timeout=0.2)
    assert left == ["sleep %d (defunct; its parent %d %s has not reaped it)" % (pid, os.getpid(), _comm(os.getpid()))]
    os.waitpid(pid, 0)
    assert system.unreaped([pid], timeout=0) == []


def _comm(pid: int) -> str:
    with open("/proc/%d/comm" % pid, encoding="utf-8") as handle:
        return handle.read().strip()
