# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FRR (zebra + bgpd) in a router namespace: one eBGP session per tunnel, rendered from the spec.

Each instance uses FRR's pathspace ``-N <namespace>``: sockets, pid files, configs and logs live in
/var/run/frr/<namespace>/ (created here, owned by frr, which the daemons run as; removed on
teardown), so ``vtysh -N`` reaches it. Nothing in it is secret.
Per-neighbor route-maps carry the spec's import/export allow lists, local preference, MED and AS-path prepend; FRR's
``bgp ebgp-requires-policy`` stays on and is satisfied by them.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil

from . import system

ZEBRA = "/usr/lib/frr/zebra"
BGPD = "/usr/lib/frr/bgpd"
VTYSH = "vtysh"
DAEMON_START_TIMEOUT = 15
RUN_ROOT = "/var/run/frr"
DRAIN_PREPEND = 3
DRAIN_MED = 4294967294
DRAIN_LOCAL_PREF = 50


def run_dir(ns: str) -> str:
    return os.path.join(RUN_ROOT, ns)


def _neighbor_lines(index: int, peer_ip: str, bgp) -> list:
    # The endpoint namespaces between the two routers forward the BGP packets (two hops), so the
    # session needs a TTL above 1 although the peer is on a connected /30, like across a real VTI.
    return [
        " neighbor %s remote-as %d" % (peer_ip, bgp.peer_asn),
        " neighbor %s ebgp-multihop 3" % peer_ip,
        " neighbor %s timers %d %d" % (peer_ip, bgp.keepalive, bgp.hold),
        " neighbor %s timers connect 2" % peer_ip,
        " neighbor %s description tunnel-%d" % (peer_ip, index),
    ]


def version(text: str) -> int:
    """4 or 6: the family of an address, a prefix or a prefix-list entry ("any" counts as both)."""
    return 6 if ":" in text else 4


def _prefix_list(name: str, entries: list, family: str) -> list:
    # An empty list would match nothing only if it exists: spell the deny out.
    return ["%s prefix-list %s permit %s" % (family, name, e) for e in entries] or ["%s prefix-list %s deny any" % (family, name)]


def _policy_lines(index: int, peer_ip: str, bgp, drained: bool) -> list:
    """Prefix lists and the in/out route-maps of one neighbor, in the session's family (an IPv6 inside
    tunnel carries IPv6 routes only); ``drained`` adds AWS's maintenance steering."""
    session = version(peer_ip)
    family = "ip" if session == 4 else "ipv6"
    lines = _prefix_list("IMPORT-%d" % index, [e for e in bgp.import_allow if e == "any" or version(e) == session], family)
    lines += _prefix_list("EXPORT-%d" % index, [p for p in bgp.exports() if version(p) == session], family)
    lines += ["route-map IN-%d permit 10" % index, " match %s address prefix-list IMPORT-%d" % (family, index)]
    if session == 6:
        # The peer's link-local address is not on this link (the endpoint namespace sits between): route via its inside address.
        lines.append(" set ipv6 next-hop prefer-global")
    local_pref = DRAIN_LOCAL_PREF if drained else bgp.local_pref
    if local_pref is not None:
        lines.append(" set local-preference %d" % local_pref)
    lines += ["route-map OUT-%d permit 10" % index, " match %s address prefix-list EXPORT-%d" % (family, index)]
    med = DRAIN_MED if drained else bgp.med
    if med is not None:
        lines.append(" set metric %d" % med)
    prepend = bgp.prepend + (DRAIN_PREPEND if drained else 0)
    if prepend:
        lines.append(" set as-path prepend %s" % " ".join([str(bgp.asn)] * prepend))
    return lines


def bgpd_conf(router, sessions, log_path: str, drained=()) -> str:
    """bgpd.conf for a router; ``sessions`` is [(index, peer_ip, bgp)] for its tunnel endpoints."""
    asn = sessions[0][2].asn
    advertised = sorted({p for _i, _ip, bgp in sessions for p in bgp.advertise})
    lines = ["frr defaults traditional", "hostname %s" % router.name, "log file %s informational" % log_path, "!"]
    for index, peer_ip, bgp in sessions:
        lines += _policy_lines(index, peer_ip, bgp, index in drained)
    lines += ["!", "router bgp %d" % asn, " bgp router-id %s" % router.lan.router_ip,
              # Session ups and downs (hold timer expiry, NOTIFICATIONs) in bgpd.log: what failover timing is read from.
              " bgp log-neighbor-changes",
              # AWS advertises its VPC CIDRs whether or not a route is present; so do we.
              " no bgp network import-check",
              # Equal paths from different tunnels must tie-break deterministically, not by age.
              " bgp bestpath compare-routerid"]
    for index, peer_ip, bgp in sessions:
        lines += _neighbor_lines(index, peer_ip, bgp)
    for family in (4, 6):
        mine = [(index, peer_ip, bgp) for index, peer_ip, bgp in sessions if version(peer_ip) == family]
        if family == 6 and not mine:
            continue
        lines.append(" address-family ipv%d unicast" % family)
        lines += ["  network %s" % prefix for prefix in advertised if version(prefix) == family]
        lines.append("  maximum-paths %d" % router.paths())
        # "traditional" activates every neighbor for IPv4; a session over IPv6 inside addresses carries IPv6 only.
        lines += ["  no neighbor %s activate" % peer_ip for _i, peer_ip, _b in sessions if family == 4 and version(peer_ip) == 6]
        for index, peer_ip, bgp in mine:
            lines += ["  neighbor %s activate" % peer_ip] if family == 6 else []
            lines += ["  neighbor %s route-map IN-%d in" % (peer_ip, index),
                      "  neighbor %s route-map OUT-%d out" % (peer_ip, index),
                      "  neighbor %s maximum-prefix %d" % (peer_ip, bgp.maximum_prefix),
                      "  neighbor %s soft-reconfiguration inbound" % peer_ip]
        lines.append(" exit-address-family")
    lines += ["!", ""]
    return "\n".join(lines)


def zebra_conf(router, log_path: str) -> str:
    return "\n".join(["hostname %s" % router.name, "log file %s informational" % log_path, "!", ""])


def prepare(ns: str) -> None:
    """The pathspace run dir, owned by the frr user the daemons drop to."""
    frr = pwd.getpwnam("frr")
    os.makedirs(run_dir(ns), exist_ok=True)
    os.chown(run_dir(ns), frr.pw_uid, frr.pw_gid)


def write(ns: str, name: str, text: str) -> None:
    with open(os.path.join(run_dir(ns), name), "w", encoding="utf-8") as handle:
        handle.write(text)


def start(ns: str) -> None:
    """Start zebra, then bgpd, unless running: in the foreground (no ``-d``), as children of this process,
    which reaps them when it stops them; a daemonized one would be orphaned to whatever init or
    child-subreaper is above us, and left a zombie if that never reaps. Raise ``system.Refused``,
    with the daemon's own words, when one does not come up."""
    for daemon, conf in ((ZEBRA, "zebra.conf"), (BGPD, "bgpd.conf")):
        if _running(ns, daemon):
            continue
        name = os.path.basename(daemon)
        out_path = os.path.join(run_dir(ns), name + ".out")
        pid = system.spawn(ns, [daemon, "-N", ns, "-f", os.path.join(run_dir(ns), conf)], out_path)
        # Until it answers, or has already exited (bad config, missing library: its output says why).
        system.wait_for(lambda: system.exited(pid) or answers(ns, name), DAEMON_START_TIMEOUT, 0.1)
        if not answers(ns, name):
            system.stop_pid(pid)
            raise system.Refused("%s did not start in %s: %s" % (name, ns, _tail(out_path) or "no output"))


def answers(ns: str, name: str) -> bool:
    """Whether daemon ``name`` of the instance answers vtysh (its vty socket is up, its config read)."""
    return system.run(VTYSH, "-N", ns, "-d", name, "-c", "show version", check=False).returncode == 0


def _tail(path: str, lines: int = 5) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return " | ".join(handle.read().strip().splitlines()[-lines:])


def _running(ns: str, daemon: str) -> bool:
    try:
        with open(os.path.join(run_dir(ns), os.path.basename(daemon) + ".pid"), encoding="ascii") as handle:
            return system.alive(int(handle.read().strip()))
    except (FileNotFoundError, ValueError):
        return False


def remove_run_dir(ns: str) -> None:
    shutil.rmtree(run_dir(ns), ignore_errors=True)


def vtysh(ns: str, *commands) -> str:
    argv = [VTYSH, "-N", ns]
    for command in commands:
        argv += ["-c", command]
    return system.run(*argv).stdout


def vtysh_json(ns: str, command: str) -> dict:
    out = vtysh(ns, command)
    return json.loads(out) if out.strip() else {}


def neighbors(ns: str) -> dict:
    """peer ip -> {state, accepted, sent, uptime, msg_rcvd, msg_sent} from ``show bgp summary json``
    (pfxRcd counts what the in policy accepted; uptime is seconds in the current state)."""
    data = vtysh_json(ns, "show bgp summary json")
    peers = dict(data.get("ipv6Unicast", {}).get("peers", {}), **data.get("ipv4Unicast", {}).get("peers", {}))
    result = {}
    for peer_ip, peer in peers.items():
        result[peer_ip] = {
            "state": peer.get("state", "unknown"),
            "accepted": peer.get("pfxRcd", 0),
            "sent": peer.get("pfxSnt", 0),
            "uptime": int(peer.get("peerUptimeMsec", 0)) // 1000,
            "msg_rcvd": peer.get("msgRcvd", 0),
            "msg_sent": peer.get("msgSent", 0),
        }
    return result


def received(ns: str, peer_ip: str) -> int:
    """Prefixes the peer sent, before the in policy (kept by soft-reconfiguration inbound)."""
    data = vtysh_json(ns, "show bgp ipv%d unicast neighbors %s received-routes json" % (version(peer_ip), peer_ip))
    return len(data.get("receivedRoutes", {}))


def route_nexthops(ns: str, prefix: str) -> list:
    """Next-hop addresses the router's FIB uses for ``prefix`` (several under ECMP)."""
    data = vtysh_json(ns, "show %s route %s json" % ("ip" if version(prefix) == 4 else "ipv6", prefix))
    hops = []
    for route in data.get(prefix, []):
        if route.get("selected"):
            hops += [nh.get("ip") for nh in route.get("nexthops", []) if nh.get("fib")]
    return hops


def reload_policy(ns: str, text: str) -> None:
    """Rewrite bgpd.conf and re-apply only the route-map set clauses, then soft-refresh every session.

    The maps are edited in place (never deleted) so a neighbor is never left with a missing policy.
    """
    write(ns, "bgpd.conf", text)
    commands = ["configure terminal"]
    for line in text.splitlines():
        if line.startswith("route-map"):
            commands += [line, "no set metric", "no set local-preference", "no set as-path prepend"]
        elif line.startswith(" set"):
            commands.append(line.strip())
    commands += ["end", "clear bgp * soft"]
    vtysh(ns, *commands)
