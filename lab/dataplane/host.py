# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the lab needs from the host: every program it runs, every charon plugin it loads, and the Debian
package that ships each; the checks that make the lab refuse to run without them.

The one place for this knowledge: tests/unit/lab/test_host_packages.py holds it to the code (every
program and plugin the engine uses is here), to dpkg (where a package is installed, it ships the file
named here) and to lab/os-packages.txt (the set-up installs every package named here).
"""

from __future__ import annotations

import os
import platform
import shutil

from . import frr, nat, probe, strongswan, system

PLUGIN_DIR = "/usr/lib/ipsec/plugins"
SETUP_HINT = "make setup does this as root"

# Every program the engine starts (an absolute path, or a name looked up on PATH) and every charon plugin
# it loads -> the Debian 12 package that ships it, as `dpkg -S` answers where the package is installed.
PROGRAM_PACKAGES = {
    system.IP: "iproute2",
    system.SYSCTL: "procps",
    strongswan.UNSHARE: "util-linux",
    strongswan.BASH: "bash",
    strongswan.MOUNT: "mount",
    strongswan.CHARON: "strongswan-charon",
    frr.ZEBRA: "frr",
    frr.BGPD: "frr",
    frr.VTYSH: "frr",
    probe.PING: "iputils-ping",
    nat.NFT: "nftables",
}
PLUGIN_PACKAGES = dict.fromkeys(("random", "nonce", "aes", "sha1", "sha2", "hmac", "kdf", "gmp", "pem", "pkcs1", "pubkey",
                                 "kernel-netlink"), "libstrongswan")
PLUGIN_PACKAGES.update({
    "openssl": "libstrongswan-standard-plugins",
    "gcm": "libstrongswan-standard-plugins",
    "kernel-libipsec": "libcharon-extra-plugins",
    "socket-default": "strongswan-libcharon",
    "vici": "strongswan-swanctl",
})


# ansible-rulebook (Event-Driven Ansible, issue 20) starts a JVM through drools_jpy: it takes JAVA_HOME, else
# asks the `java` on PATH for its java.home (ansible_rulebook.util.get_java_home). The tests pin JAVA_HOME to
# the Java 17 of lab/os-packages.txt, so a newer default JVM on the host cannot change what runs.
JAVA_PACKAGE = "openjdk-17-jre-headless"
DEBIAN_ARCHITECTURES = {"x86_64": "amd64", "aarch64": "arm64", "ppc64le": "ppc64el", "s390x": "s390x"}


def java_home() -> str:
    """Debian's JAVA_HOME of openjdk-17-jre-headless (/usr/lib/jvm/java-17-openjdk-<architecture>)."""
    machine = platform.machine()
    return "/usr/lib/jvm/java-17-openjdk-%s" % DEBIAN_ARCHITECTURES.get(machine, machine)


def rulebook_programs() -> dict:
    """The programs ansible-rulebook needs beside Python -> the package that ships each."""
    return {os.path.join(java_home(), "bin", "java"): JAVA_PACKAGE}


# The report page's test (issue 21) loads it in Debian's chromium, driven by selenium through Debian's chromedriver
# (the paths the test hands selenium, so no driver is downloaded).
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser_programs() -> dict:
    """The programs the report page's browser test starts -> the package that ships each."""
    return {CHROMIUM: "chromium", CHROMEDRIVER: "chromium-driver"}


def plugin_path(plugin: str) -> str:
    return os.path.join(PLUGIN_DIR, "libstrongswan-%s.so" % plugin)


def shipped_by() -> dict:
    """file (or program name) -> package, for every program and plugin named above."""
    return dict(PROGRAM_PACKAGES, **{plugin_path(p): package for p, package in PLUGIN_PACKAGES.items()})


def needed_files() -> list:
    """Every program the engine starts and the file of every plugin its charon loads."""
    return list(PROGRAM_PACKAGES) + [plugin_path(p) for p in strongswan.PLUGINS]


def install_hint(path: str) -> str:
    package = shipped_by().get(path)
    if package is None:
        return "no Debian package known to ship %s" % path
    return "install %s (%s)" % (package, SETUP_HINT)


def missing_files() -> list:
    """Needed files absent from this host, each with the package to install."""
    missing = []
    for path in needed_files():
        if not (os.access(path, os.R_OK if path.endswith(".so") else os.X_OK) if os.path.isabs(path) else shutil.which(path)):
            missing.append("%s is missing: %s" % (path, install_hint(path)))
    return missing


def require_files() -> None:
    missing = missing_files()
    if missing:
        raise system.Refused("the lab cannot run on this host: " + "; ".join(missing))


def require_plugins(ns: str, loaded: set) -> None:
    """Refuse a charon that came up without a plugin it was told to load: it would start and then fail
    every negotiation that needs the plugin (NO_PROPOSAL_CHOSEN, with the cause only in its log)."""
    failed = {}
    for plugin in strongswan.PLUGINS:
        if plugin not in loaded:
            failed.setdefault(install_hint(plugin_path(plugin)), []).append(plugin)
    if failed:
        raise system.Refused("; ".join("charon in %s could not load plugin %s: %s" % (ns, ", ".join(plugins), hint)
                                       for hint, plugins in failed.items()))
