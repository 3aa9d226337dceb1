# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A VyOS change as a file for configuration mode's ``merge <file>``: one round trip for the set lines.

What vyos-1x's ``merge`` does (src/helpers/vyos-merge-config.py, the same on equuleus 1.3 a79b590 2024-07-11, sagitta
1.4 c3f6886 2024-10-17 and current 3710c58 2024-10-21): it reads the file (``/config/<name>`` first, then the path as
given), migrates it, parses it as a config.boot-style tree (curly braces only: no set commands in any of the three),
and runs ``my_set`` for each of its set commands that the running config lacks; a command that fails prints
``[Errno N] failed to run command: /opt/vyatta/sbin/my_set ...`` and the merge goes on (its exit status stays 0). So:

- only set lines go in the file; deletions are sent before it, one per round trip (a file cannot delete);
- a set line whose last word is a quoted value becomes a leaf ``name "value"``, nested in nodes named by the words
  before it; a line without a quoted value (a valueless leaf, ``disable-route-autoinstall``) is sent after the merge
  as it is, so no word is ever guessed to be a value;
- the file carries a version footer naming every component with migration scripts at its highest version on those
  branches: 1.3 and 1.4 (sagitta: ``Migrator``/``VirtualMigrator``) migrate a file without a footer from version 0 and
  merge what the scripts made of it; with these versions no script runs, and the file is merged as written (in the
  device's own syntax, which the one read established). current merges the file as given whatever its footer.
"""

from __future__ import annotations

import shlex

# Component -> the highest version vyos-1x's migration scripts reach (src/migration-scripts/<component>/<n>-to-<m>) on
# equuleus, sagitta and current at the commits above, and in the 1.3.0 footer quoted in sagitta's
# python/vyos/component_version.py (components whose scripts lived outside vyos-1x on 1.3: zone-policy, ...).
FOOTER_VERSIONS = {
    "bgp": 5, "broadcast-relay": 1, "cluster": 2, "config-management": 1, "conntrack": 5, "conntrack-sync": 2,
    "container": 2, "dhcp-relay": 2, "dhcp-server": 11, "dhcpv6-server": 6, "dns-dynamic": 4, "dns-forwarding": 4,
    "firewall": 17, "flow-accounting": 1, "https": 7, "ids": 1, "interfaces": 33, "ipoe-server": 4, "ipsec": 13, "isis": 3,
    "l2tp": 9, "lldp": 2, "mdns": 1, "monitoring": 1, "nat": 8, "nat66": 3, "ntp": 3, "openconnect": 3, "openvpn": 4,
    "ospf": 2, "pim": 1, "policy": 8, "pppoe-server": 11, "pptp": 5, "qos": 2, "quagga": 11, "reverse-proxy": 2, "rip": 1,
    "rpki": 2, "salt": 1, "snmp": 3, "ssh": 2, "sstp": 6, "system": 27, "vrf": 3, "vrrp": 4, "vyos-accel-ppp": 2,
    "wanloadbalance": 3, "webproxy": 2, "zone-policy": 1,
}
# python/vyos/component_version.py version_footer (vintage vyos)
FOOTER = ("// Warning: Do not remove the following line.\n// vyos-config-version: \"%s\"\n// Release version: %s\n")


def split(lines):
    """(lines sent before the merge, set lines in the file, lines sent after it); everything before when a deletion
    follows a set line (the order would change what they do)."""
    deletes = [line for line in lines if not line.startswith("set ")]
    first_set = next((i for i, line in enumerate(lines) if line.startswith("set ")), len(lines))
    if any(not line.startswith("set ") for line in lines[first_set:]):
        return list(lines), [], []
    in_file = [line for line in lines[first_set:] if _valued(line)]
    return deletes, in_file, [line for line in lines[first_set:] if not _valued(line)]


def _valued(line):
    """Whether a set line ends in a quoted value (the roles' templates quote every value)."""
    return line.rstrip().endswith("'") and len(shlex.split(line)) > 2


def text(lines, release="unknown"):
    """The config.boot-style text setting ``lines`` (set lines ending in a quoted value), with its version footer."""
    tree = {}
    for line in lines:
        *path, value = shlex.split(line)[1:]
        node = tree
        for word in path:
            node = node.setdefault(word, {})
        node.setdefault(None, []).append(value)
    versions = ":".join("%s@%d" % item for item in sorted(FOOTER_VERSIONS.items()))
    return "\n".join(_render(tree, 0)) + "\n" + FOOTER % (versions, release)


def _render(node, depth):
    pad = "    " * depth
    out = []
    for word, child in node.items():
        if word is None:
            continue
        for value in child.get(None, []):
            out.append('%s%s "%s"' % (pad, word, value.replace("\\", "\\\\").replace('"', '\\"')))
        if len(child) > (1 if None in child else 0):
            out += ["%s%s {" % (pad, word)] + _render(child, depth + 1) + ["%s}" % pad]
    return out
