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

# Every program the lab runs is a named constant (here or next to its use), so lab.dataplane.host can
# name the Debian package that ships it; tests/unit/lab/test_host_packages.py holds the code to that.
IP = "ip"
SYSCTL = "sysctl"


class CommandError(RuntimeError):
    """A command failed; the message carries the command and its stderr (never a secret: none is passed on argv)."""


class Refused(CommandError):
    """The host cannot run the lab as asked (a package missing, a daemon that did not start): stop at once, saying why."""


def run(*argv, check=True, timeout=30) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=timeout, check=False)
    if check and proc.returncode != 0:
        raise CommandError("%s failed (%d): %s" % (" ".join(str(a) for a in argv), proc.returncode, proc.stderr.strip()))
    return proc


def ns_argv(ns: str, *argv) -> list:
    """``argv`` run inside namespace ``ns`` (ip execs it: the process started is the command itself)."""
    return [IP, "netns", "exec", ns] + [str(a) for a in argv]


def ns_run(ns: str, *argv, check=True, timeout=30) -> subprocess.CompletedProcess:
    return run(*ns_argv(ns, *argv), check=check, timeout=timeout)


def spawn(ns: str, argv: list, out_path: str) -> int:
    """Start a long-running program in ``ns`` as our child, in its own session (a Ctrl-C of the caller
    does not reach it), output appended to ``out_path``; return its pid. ``stop_pid`` reaps it."""
    with open(out_path, "ab") as out:
        proc = subprocess.Popen(ns_argv(ns, *argv), stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return proc.pid


def ip(ns: str, *args, check=True) -> subprocess.CompletedProcess:
    return run(IP, "-n", ns, *args, check=check)


def family(address: str) -> list:
    """``ip`` option for an address's family where ``ip`` cannot infer it (``default`` routes, ``iif`` rules)."""
    return ["-6"] if ":" in address else []


def host_prefix(address: str) -> str:
    return "%s/%d" % (address, 128 if ":" in address else 32)


def no_dad(address: str) -> list:
    """``ip addr`` flags for ``address``: an IPv6 address skips duplicate address detection. The lab's addresses are
    unique by construction, and a tentative address cannot yet be a route's ``src`` (the kernel refuses it while DAD
    runs, which on a loaded machine outlasts the next command)."""
    return ["nodad"] if ":" in address else []


def namespaces() -> list:
    out = run(IP, "netns", "list").stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def add_namespace(ns: str) -> None:
    if ns not in namespaces():
        run(IP, "netns", "add", ns)
    ip(ns, "link", "set", "lo", "up")
    # Routers forward; ECMP and the tunnel bumps make paths asymmetric, so no reverse-path filter.
    # IPv6 (inside /126 tunnels, dual-stack LANs): forward too, and no duplicate address detection, whose
    # "tentative" second would only delay bring-up (every address here is assigned once, by the spec).
    for key, value in (("net.ipv4.ip_forward", "1"), ("net.ipv4.conf.all.rp_filter", "0"), ("net.ipv4.conf.default.rp_filter", "0"),
                       ("net.ipv6.conf.all.forwarding", "1"), ("net.ipv6.conf.all.accept_dad", "0"), ("net.ipv6.conf.default.accept_dad", "0")):
        ns_run(ns, SYSCTL, "-qw", "%s=%s" % (key, value))


def mac(*parts) -> str:
    """A stable, locally administered MAC for an interface, so neighbours can be pinned without ARP."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return "02:" + ":".join("%02x" % b for b in digest[:5])


def add_veth(ns_a: str, name_a: str, ns_b: str, name_b: str, mtu: int = 1500) -> tuple:
    """A veth pair created directly inside the two namespaces (nothing appears in the root namespace)."""
    mac_a, mac_b = mac(ns_a, name_a), mac(ns_b, name_b)
    if ip(ns_a, "link", "show", name_a, check=False).returncode != 0:
        run(IP, "link", "add", name_a, "netns", ns_a, "address", mac_a, "mtu", mtu, "type", "veth",
            "peer", "name", name_b, "netns", ns_b, "address", mac_b, "mtu", mtu)
    for ns, name in ((ns_a, name_a), (ns_b, name_b)):
        ns_run(ns, SYSCTL, "-qw", "net.ipv4.conf.%s.rp_filter=0" % name)
        ip(ns, "link", "set", name, "up")
    return mac_a, mac_b


def ensure(ns: str, *args) -> None:
    """Run an idempotent ``ip`` change (``replace`` verbs; for ``rule add``, an existing rule is fine)."""
    proc = ip(ns, *args, check=False)
    if proc.returncode != 0 and "File exists" not in proc.stderr:
        raise CommandError("ip -n %s %s failed: %s" % (ns, " ".join(str(a) for a in args), proc.stderr.strip()))


def pids_in(ns: str) -> list:
    proc = run(IP, "netns", "pids", ns, check=False)
    return [int(p) for p in proc.stdout.split() if p.isdigit()]


def cmdline(pid: int) -> str:
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def stop_pid(pid: int, grace: float = 5.0, marker: str = None) -> None:
    """SIGTERM one process we started, SIGKILL it if it lingers, and wait until it is gone (reaped, when it is our child).

    With ``marker``, only a process whose command line carries it is touched (a recorded pid may
    have been reused by an unrelated process since; an unreaped child of ours cannot have been).
    """
    if exited(pid) or (marker is not None and marker not in cmdline(pid)):
        return
    # SIGKILL always ends it, but on a loaded machine its exit can take longer than the grace SIGTERM had
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, max(grace, 10.0))):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        if wait_for(lambda: exited(pid), wait, 0.05):
            return


def exited(pid: int) -> bool:
    """Whether ``pid`` has ended. Our own child is reaped here, so it never lingers as a zombie under
    a long-lived caller (pytest, a twin server); anyone else's is gone once only its zombie is left."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:
        return not alive(pid)


def alive(pid: int) -> bool:
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def delete_namespace(ns: str) -> list:
    """Stop every process left in a namespace we created, then delete it (its veths go with it); return their pids."""
    pids = pids_in(ns)
    for pid in pids:
        stop_pid(pid)
    if ns in namespaces():
        run(IP, "netns", "del", ns)
    return pids


def unreaped(pids, timeout: float = 10.0) -> list:
    """Wait until none of ``pids`` (stopped) is left even as a zombie; describe those still defunct.

    Ours are reaped by ``stop_pid``. One that outlived the command that started it (a lab brought up by
    one CLI run, taken down by another) was adopted by init or the nearest child subreaper, and only
    that process can reap it: an init that reaps late is waited for, one that never does is named.
    """
    wait_for(lambda: not any(_stat(pid) for pid in pids), timeout, 0.1)
    left = []
    for pid in pids:
        stat = _stat(pid)
        if stat:
            comm, state, parent = stat
            left.append("%s %d (%s; its parent %s %s has not reaped it)" % (
                comm, pid, "defunct" if state == "Z" else "still running", parent, (_stat(int(parent)) or ["?"])[0]))
    return left


def _stat(pid: int) -> list:
    """[comm, state, ppid] of a process from /proc, [] once it is gone (reaped)."""
    try:
        with open("/proc/%d/stat" % pid, encoding="utf-8", errors="replace") as handle:
            comm, rest = handle.read().split(" (", 1)[1].rsplit(") ", 1)
        return [comm] + rest.split()[:2]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return []


def wait_for(predicate, timeout: float, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
