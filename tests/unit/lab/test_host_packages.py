# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The set-up installs everything the lab uses (issue 14): every program the engine starts and every
charon plugin it loads is shipped by a package in lab/os-packages.txt.

The needs come from the engine's code (its program constants, strongswan.PLUGINS); the package of each
from lab.dataplane.host, checked against dpkg wherever the package is installed. So the test fails when
a package is missing from lab/os-packages.txt whether or not this machine happens to have it.
"""

from __future__ import annotations

import ast
import os
import pathlib
import shutil
import subprocess

import pytest

from ansible_collections.hybridvpn.s2s.lab.dataplane import host, nat, strongswan, system

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATAPLANE = ROOT / "lab" / "dataplane"
OS_PACKAGES = ROOT / "lab" / "os-packages.txt"
PATH_DIRS = ("/usr/bin", "/bin", "/usr/sbin", "/sbin")
# The engine's ways of starting a program: function -> (argument holding the program, is it an argv list);
# system's own, and subprocess's (given a literal argv).
LAUNCHERS = {("system", "run"): (0, False), ("system", "ns_run"): (1, False), ("system", "ns_argv"): (1, False),
             ("system", "spawn"): (1, True), ("subprocess", "run"): (0, True), ("subprocess", "Popen"): (0, True)}


def listed_packages() -> set:
    """Package names of lab/os-packages.txt (``name=version`` lines; ``#`` comments)."""
    lines = OS_PACKAGES.read_text(encoding="utf-8").splitlines()
    return {line.split("=", 1)[0].strip() for line in lines if line.strip() and not line.startswith("#")}


def dpkg_owners(paths) -> dict:
    """path -> packages that ship it according to dpkg (absent when no installed package does). A program
    name is looked up in the PATH directories dpkg records (/bin/ip on a merged-/usr system is /usr/sbin/ip)."""
    candidates = {c: path for path in paths for c in ([path] if os.path.isabs(path) else [os.path.join(d, path) for d in PATH_DIRS])}
    out = subprocess.run(["dpkg-query", "-S"] + list(candidates), capture_output=True, text=True, check=False).stdout
    owners = {}
    for line in out.splitlines():
        packages, _sep, path = line.partition(": ")
        if path in candidates and not line.startswith("diversion "):
            owners.setdefault(candidates[path], set()).update(p.strip().split(":")[0] for p in packages.split(","))
    return owners


def essential(packages: set) -> set:
    """Packages dpkg marks Essential: on every Debian system, so the list need not name them."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Essential}\\n"] + sorted(packages),
                         capture_output=True, text=True, check=False).stdout
    return {line.split()[0] for line in out.splitlines() if line.endswith(" yes")}


needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system: no dpkg to ask")


def test_every_needed_file_has_a_known_package():
    shipped = host.shipped_by()
    assert [f for f in host.needed_files() if f not in shipped] == []
    # No stale entry either: every program and plugin named in host is one the engine uses.
    assert set(shipped) == set(host.needed_files())
    assert host.plugin_path("openssl") == "/usr/lib/ipsec/plugins/libstrongswan-openssl.so"


@needs_dpkg
def test_the_package_of_every_installed_file_is_what_dpkg_says():
    shipped = host.shipped_by()
    owners = dpkg_owners(shipped)
    wrong = {path: (shipped[path], sorted(found)) for path, found in owners.items() if shipped[path] not in found}
    assert wrong == {}, "lab.dataplane.host names the wrong package (named, dpkg's)"
    # dpkg did answer (bash is Essential, so installed everywhere): an empty answer is not a pass.
    assert owners[strongswan.BASH] == {"bash"}


@needs_dpkg
def test_os_packages_lists_every_package_the_lab_uses():
    needed = set(host.shipped_by().values())
    missing = needed - listed_packages() - essential(needed)
    assert missing == set(), "add to lab/os-packages.txt (pinned, name=version): %s" % ", ".join(sorted(missing))


def test_os_packages_lists_the_java_ansible_rulebook_runs():
    """ansible-rulebook's JVM (JAVA_HOME the tests set, issue 20) comes from a listed package."""
    programs = host.rulebook_programs()
    assert set(programs.values()) == {host.JAVA_PACKAGE} <= listed_packages()
    assert [path for path in programs if path.endswith("/bin/java")] == list(programs)


@needs_dpkg
def test_the_java_ansible_rulebook_runs_is_installed_from_that_package():
    programs = host.rulebook_programs()
    owners = dpkg_owners(programs)
    # Installed by set-up (make setup, as root): dpkg must name the package for the very path JAVA_HOME points at.
    assert {path: sorted(found) for path, found in owners.items()} == {path: [package] for path, package in programs.items()}
    java = next(iter(programs))
    version = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True, check=True).stderr
    assert "java.specification.version = 17" in version


def test_os_packages_lists_the_browser_the_report_page_is_tested_in():
    """chromium and chromedriver (tests/integration/playbooks/test_report_page.py, issue 21) come from listed packages."""
    assert set(host.browser_programs().values()) == {"chromium", "chromium-driver"} <= listed_packages()


@needs_dpkg
def test_the_browser_is_installed_from_those_packages():
    programs = host.browser_programs()
    owners = dpkg_owners(programs)
    # Installed by set-up (make setup, as root): dpkg names the package of the very paths the test hands selenium,
    # and chromedriver drives the chromium of the same build (a driver only drives its own major version).
    assert {path: sorted(found) for path, found in owners.items()} == {path: [package] for path, package in programs.items()}
    versions = [subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout.split()[1] for path in programs]
    assert versions[0] == versions[1], versions


def test_os_packages_pins_every_entry():
    lines = [line for line in OS_PACKAGES.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert [line for line in lines if "=" not in line or not line.split("=", 1)[1].strip()] == []


def _program(module, node):
    """The program a launcher call starts: a string when a literal or a module constant, None for a local variable."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return getattr(module, node.id, None)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return getattr(getattr(module, node.value.id, None), node.attr, None)
    return None


def _launches(path: pathlib.Path):
    """(line, program node) of every engine launcher call in a module (``*argv`` passed on is not a launch)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        # In system.py its own functions are called unqualified.
        name = (func.value.id, func.attr) if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ("system", getattr(func, "id", None))
        if name not in LAUNCHERS or len(node.args) <= LAUNCHERS[name][0]:
            continue
        index, is_list = LAUNCHERS[name]
        arg = node.args[index]
        if is_list and isinstance(arg, ast.List) and arg.elts:
            arg = arg.elts[0]
        if not isinstance(arg, (ast.Starred, ast.List)):
            yield node.lineno, arg


def test_every_program_the_engine_starts_is_a_named_constant_host_knows():
    """A new program added to the engine cannot slip past the package check: a literal is refused, a constant must be in host."""
    modules = {p.stem: __import__("ansible_collections.hybridvpn.s2s.lab.dataplane." + p.stem, fromlist=["_"])
               for p in DATAPLANE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    found, bad = set(), []
    for stem, module in modules.items():
        for line, node in _launches(DATAPLANE / (stem + ".py")):
            program = _program(module, node)
            if isinstance(node, ast.Constant) or (program is not None and program not in host.PROGRAM_PACKAGES):
                bad.append("%s.py:%d %r" % (stem, line, program))
            found.add(program)
    assert bad == []
    # The guard does see the engine's launches (ip everywhere, the daemons in spawn, ping in ns_argv, nft in ns_run).
    assert {system.IP, system.SYSCTL, strongswan.UNSHARE, nat.NFT} <= found


def test_a_charon_without_a_plugin_it_was_told_to_load_is_refused_naming_the_package():
    loaded = set(strongswan.PLUGINS) - {"openssl", "gcm", "kernel-libipsec"}
    with pytest.raises(system.Refused) as info:
        host.require_plugins("lab-t1-aws", loaded)
    assert str(info.value) == (
        "charon in lab-t1-aws could not load plugin openssl, gcm: install libstrongswan-standard-plugins (make setup does this as root); "
        "charon in lab-t1-aws could not load plugin kernel-libipsec: install libcharon-extra-plugins (make setup does this as root)")
    # charon lists itself among its plugins; what it loads beyond the list is no concern.
    host.require_plugins("lab-t1-aws", set(strongswan.PLUGINS) | {"charon", "aesni"})


def test_a_plugin_no_package_is_known_for_is_named_as_such(monkeypatch):
    monkeypatch.setattr(strongswan, "PLUGINS", strongswan.PLUGINS + ("nosuch",))
    with pytest.raises(system.Refused, match=r"could not load plugin nosuch: no Debian package known to ship "
                                             r"/usr/lib/ipsec/plugins/libstrongswan-nosuch\.so"):
        host.require_plugins("ns", set(strongswan.PLUGINS) - {"nosuch"})
    assert any(line.startswith("/usr/lib/ipsec/plugins/libstrongswan-nosuch.so is missing: no Debian package known to ship")
               for line in host.missing_files())
    with pytest.raises(system.Refused, match="the lab cannot run on this host: .*libstrongswan-nosuch.so is missing"):
        host.require_files()
