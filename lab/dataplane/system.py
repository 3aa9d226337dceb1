# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin wrappers over ip(8) and processes inside network namespaces: the only place that runs commands."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time


class CommandError(RuntimeError):
    """A command failed; the message carries the command and its stderr (never a secret: none is passed on argv)."""


def run(*argv, check=True, timeout=30) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise CommandError("%s failed (%d): %s" % (" ".join(str(a) for a in argv), proc.returncode, proc.stderr.strip()))
    return proc


def ns_run(ns: str, *argv, check=True, timeout=30) -> subprocess.CompletedProcess:
    return run("ip", "netns", "exec", ns, *argv, check=check, timeout=timeout)


def ip(ns: str, *args, check=True) -> subprocess.CompletedProcess:
    return run("ip", "-n", ns, *args, check=check)


def family(address: str) -> list:
    """``ip`` option for an address's family where ``ip`` cannot infer it (``default`` routes, ``iif`` rules)."""
    return ["-6"] if ":" in address else []


def host_prefix(address: str) -> str:
    return "%s/%d" % (address, 128 if ":" in address else 32)


def namespaces() -> list:
    out = run("ip", "netns", "list").stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def add_namespace(ns: str) -> None:
    if ns not in namespaces():
        run("ip", "netns", "add", ns)
    ip(ns, "link", "set", "lo", "up")
    # Routers forward; ECMP and the tunnel bumps make paths asymmetric, so no reverse-path filter.
    # IPv6 (inside /126 tunnels, dual-stack LANs): forward too, and no duplicate address detection, whose
    # "tentative" second would only delay bring-up (every address here is assigned once, by the spec).
    for key, value in (("net.ipv4.ip_forward", "1"), ("net.ipv4.conf.all.rp_filter", "0"), ("net.ipv4.conf.default.rp_filter", "0"),
                       ("net.ipv6.conf.all.forwarding", "1"), ("net.ipv6.conf.all.accept_dad", "0"), ("net.ipv6.conf.default.accept_dad", "0")):
        ns_run(ns, "sysctl", "-qw", "%s=%s" % (key, value))


def mac(*parts) -> str:
    """A stable, locally administered MAC for an interface, so neighbours can be pinned without ARP."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return "02:" + ":".join("%02x" % b for b in digest[:5])


def add_veth(ns_a: str, name_a: str, ns_b: str, name_b: str, mtu: int = 1500) -> tuple:
    """A veth pair created directly inside the two namespaces (nothing appears in the root namespace)."""
    mac_a, mac_b = mac(ns_a, name_a), mac(ns_b, name_b)
    if ip(ns_a, "link", "show", name_a, check=False).returncode != 0:
        run("ip", "link", "add", name_a, "netns", ns_a, "address", mac_a, "mtu", mtu, "type", "veth",
            "peer", "name", name_b, "netns", ns_b, "address", mac_b, "mtu", mtu)
    for ns, name in ((ns_a, name_a), (ns_b, name_b)):
        ns_run(ns, "sysctl", "-qw", "net.ipv4.conf.%s.rp_filter=0" % name)
        ip(ns, "link", "set", name, "up")
    return mac_a, mac_b


def ensure(ns: str, *args) -> None:
    """Run an idempotent ``ip`` change (``replace`` verbs; for ``rule add``, an existing rule is fine)."""
    proc = ip(ns, *args, check=False)
    if proc.returncode != 0 and "File exists" not in proc.stderr:
        raise CommandError("ip -n %s %s failed: %s" % (ns, " ".join(str(a) for a in args), proc.stderr.strip()))


def pids_in(ns: str) -> list:
    proc = run("ip", "netns", "pids", ns, check=False)
    return [int(p) for p in proc.stdout.split() if p.isdigit()]


def cmdline(pid: int) -> str:
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def stop_pid(pid: int, grace: float = 5.0, marker: str = None) -> None:
    """SIGTERM one process we started, SIGKILL it if it lingers, and reap it if it is our child.

    With ``marker``, only a process whose command line carries it is touched (a recorded pid may
    have been reused by an unrelated process since).
    """
    if marker is not None and marker not in cmdline(pid):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not wait_for(lambda: not alive(pid), grace, 0.05):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def alive(pid: int) -> bool:
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def delete_namespace(ns: str) -> None:
    """Stop every process left in a namespace we created, then delete it (its veths go with it)."""
    for pid in pids_in(ns):
        stop_pid(pid)
    if ns in namespaces():
        run("ip", "netns", "del", ns)


def wait_for(predicate, timeout: float, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
