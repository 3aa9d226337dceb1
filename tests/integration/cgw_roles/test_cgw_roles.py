# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cgw role on IOS-XE, Junos, VyOS 1.4 and VyOS 1.3 twins: apply, idempotence, check mode, failed
pushes and failed verification leave the device as it was, removal takes exactly a connection's objects,
and no key ever shows in -vvvv output.

The tests share one lab and run in file order: each builds on the device state the previous one left; the last
one, on configuration locks, restarts the twins with VyOS 1.4 commits that take a second.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import re
import threading
import time

import asyncssh
import pytest

from ..device_twins import twinlab
from .conftest import HOSTS, Report

PLATFORMS = tuple(HOSTS)
KEYS = ["CgwRoles.A1_k3yOne9f8e7d6c", "CgwRoles.A2_k3yTwo5b4a3f2e", "CgwRoles.B1_k3yThree1d0c9b8a", "CgwRoles.B2_k3yFour7e6f5a4b"]
STRICT = {"phase1_encryption_algorithms": ["AES256-GCM-16", "AES256"], "phase1_integrity_algorithms": ["SHA2-384"],
          "phase1_dh_group_numbers": [20], "phase2_encryption_algorithms": ["AES256-GCM-16", "AES256"],
          "phase2_integrity_algorithms": ["SHA2-384"], "phase2_dh_group_numbers": [20], "ike_versions": ["ikev2"]}


def _connection(vpn, octet, keys, **extra):
    conn = {"vpn_connection_id": vpn, "name": "lab-%s" % vpn[-4:], "cgw_asn": 65011, "amazon_side_asn": 64512,
            "local_address": "198.51.100.11", "advertise": ["192.168.11.0/24"], "accept": ["10.10.0.0/16"],
            "tunnels": [{"index": i, "outside_ip": "203.0.113.%d" % (octet + i), "inside_cidr": "169.254.%d.0/30" % (octet + i),
                         "aws_inside_ip": "169.254.%d.1" % (octet + i), "cgw_inside_ip": "169.254.%d.2" % (octet + i),
                         "pre_shared_key": keys[i - 1], "options": copy.deepcopy(STRICT)} for i in (1, 2)]}
    conn.update(extra)
    return conn


CONN_A = _connection("vpn-0a1b2c3d", 40, KEYS[:2], redundancy="active_passive")                 # VGW, tunnel 2 standby
CONN_B = _connection("vpn-5e6f7a8b", 50, KEYS[2:], gateway_type="tgw", ecmp=True)               # TGW, ECMP
BASE = {"cgw_connections": [CONN_A, CONN_B], "cgw_verify": "report", "cgw_commit_confirm_minutes": 30}
# The device's own config, everyday lines included (ACLs, NTP, lines, EEM, firewall filters, SNMP), and settings the
# role shares with it (IOS-XE archive and BGP, the Junos AS and a forwarding-table export, VyOS BGP): kept as it is,
# and what the role changes in it is put back on removal (issue 22).
UNRELATED = {
    "ios": "interface Tunnel5\n description corporate\n ip address 10.255.0.1 255.255.255.252\n"
           "ip prefix-list CORP seq 10 permit 10.99.0.0/16\n"
           "ip access-list extended MGMT-IN\n 10 permit tcp 10.0.0.0 0.0.0.255 any eq 22\n 20 deny ip any any log\n"
           "ntp server 10.0.0.1\nline vty 0 4\n login local\n transport input ssh\n"
           "event manager applet WATCH\n event timer watchdog time 60\n action 1.0 syslog msg tick\n"
           "archive\n path flash:probe-arch\n maximum 5\n"
           "router bgp 65011\n neighbor 10.9.9.9 remote-as 65099\n neighbor 10.9.9.9 description corporate",
    "junos": "set interfaces st0 unit 5 description corporate\nset interfaces st0 unit 5 family inet address 10.255.0.1/30\n"
             "set security zones security-zone trust interfaces ge-0/0/1.0\nset policy-options prefix-list CORP 10.99.0.0/16\n"
             "set system ntp server 10.0.0.1\nset firewall family inet filter MGMT term SSH then accept\n"
             "set apply-macro site-info region eu-west\nset routing-options autonomous-system 65000\n"
             "set policy-options policy-statement CORP-LB then load-balance per-flow\n"
             "set routing-options forwarding-table export CORP-LB\nset protocols bgp group CORP type external\n"
             "set protocols bgp group CORP peer-as 65099\nset protocols bgp group CORP neighbor 10.9.9.9",
    "vyos": "set interfaces vti vti5 description 'corporate'\nset interfaces vti vti5 address '10.255.0.1/30'\n"
            "set policy prefix-list CORP rule 10 action 'permit'\nset policy prefix-list CORP rule 10 prefix '10.99.0.0/16'\n"
            "set policy prefix-list CORP description 'corporate'\nset service snmp community monitor authorization 'ro'\n"
            "set system time-zone 'Europe/Berlin'",
}
UNRELATED["vyos13"] = UNRELATED["vyos"] + "\nset protocols bgp 65011 neighbor 10.9.9.9 remote-as '65099'"
UNRELATED["vyos"] += "\nset protocols bgp system-as '65011'\nset protocols bgp neighbor 10.9.9.9 remote-as '65099'"
# The device's settings the push changes (put back on removal).
CHANGED = {"ios": {" path flash:probe-arch", " maximum 5"}, "junos": {"set routing-options autonomous-system 65000"},
           "vyos": set(), "vyos13": set()}
# Settings one connection shares with others, and the record of what the pushes changed in them: removing one
# connection keeps them (only maximum-paths follows the tunnels left).
SHARED = {
    "ios": ("archive", " path ", " maximum ", "router bgp", " bgp log-neighbor-changes", " address-family ipv4",
            "  network ", "  maximum-paths", " exit-address-family", "event manager environment s2s_undo_"),
    "junos": ("set routing-options autonomous-system", "set security flow tcp-mss", "set routing-options forwarding-table",
              "set policy-options policy-statement S2S-ECMP", "set apply-macro s2s-undo"),
    "vyos": ("set vpn ipsec interface", "set vpn ipsec options", "set protocols bgp system-as",
             "set protocols bgp address-family", "set policy prefix-list S2S-UNDO-"),
    "vyos13": ("set vpn ipsec ipsec-interfaces", "set protocols bgp 65011 address-family", "set policy prefix-list S2S-UNDO-"),
}
RECORD = {"ios": "event manager environment s2s_undo_", "junos": "set apply-macro s2s-undo ",
          "vyos": "set policy prefix-list S2S-UNDO-", "vyos13": "set policy prefix-list S2S-UNDO-"}
STATE = {}   # config text between tests (they run in order on the same twins)


def _role_play(name, variables, hosts="all", **keywords):
    """A play running hybridvpn.s2s.cgw; a failure is recorded as the fact cgw_failure so the snapshot still runs."""
    return {"name": name, "hosts": hosts, "gather_facts": False, "vars": variables, **keywords,
            "tasks": [{"name": "cgw", "block": [{"name": "run cgw", "ansible.builtin.include_role": {"name": "hybridvpn.s2s.cgw"}}],
                       "rescue": [{"name": "record failure",
                                   "ansible.builtin.set_fact": {"cgw_failure": "{{ ansible_failed_result.msg }}"}}]}]}


def _with(**changes):
    out = copy.deepcopy(BASE)
    out.update(changes)
    return out


def _no_key_in_output(lab):
    for text in lab.outputs:
        for key in KEYS:
            assert key not in text


def _ecmp_paths(line, paths):
    """A shared line with ECMP over ``paths`` tunnels (maximum-paths follows the tunnels the device keeps)."""
    return re.sub(r"(maximum-paths (?:ebgp )?'?)\d+", r"\g<1>%d" % paths, line)


def _owned(lines, vpn):
    short = vpn.replace("vpn-", "")
    return [line for line in lines if short in line]


def test_apply_is_idempotent_and_check_mode_shows_the_diff_and_touches_nothing(cgw_lab):
    # Junos over NETCONF here (its network_cli push is in the other tests): the same runs over the other transport
    setup = {"name": "unrelated config", "hosts": "all", "gather_facts": False,
             "tasks": [{"name": "push unrelated", "ansible.netcommon.cli_config": {"config": "{{ unrelated }}"},
                        "when": "ansible_connection is not search('netconf')"},
                       {"name": "push unrelated over netconf", "junipernetworks.junos.junos_config": {"lines": "{{ unrelated.splitlines() }}"},
                        "when": "ansible_connection is search('netconf')"}],
             "vars": {"unrelated": "{{ by_host[inventory_hostname] }}", "by_host": {HOSTS[p]: UNRELATED[p] for p in PLATFORMS}}}
    report, (before, applied) = cgw_lab.run([setup, "snapshot", _role_play("apply", BASE), _role_play("again", BASE),
                                             "snapshot"], netconf=True)
    checks, (checked,) = cgw_lab.run([_role_play("check after apply", BASE),
                                      _role_play("check a change", _with(cgw_tunnel_mtu=1400)), "snapshot"], check=True, netconf=True)
    for platform, host in HOSTS.items():
        assert report.changed(1, host), platform
        assert not report.facts(1, host).get("cgw_failure"), report.facts(1, host)
        # a real run with --diff shows the change (the push itself is hidden: it carries keys)
        assert any("203.0.113.41" in str(report.result(1, host, name).get("diff")) for name in report.changed(1, host)), platform
        assert report.changed(2, host) == [], (platform, report.changed(2, host))
        assert checks.changed(0, host) == [], (platform, checks.changed(0, host))
        assert set(before[platform]) - set(applied[platform]) == CHANGED[platform], platform     # unrelated config kept
        assert any(line.startswith(RECORD[platform]) for line in applied[platform]), platform   # what it changed, recorded
        model = cgw_lab.twins.model(platform)
        assert len([t for t in model["tunnels"] if (t["peer"] or "").startswith("203.0.113.")]) == 4, platform
        # check mode with a change: the diff shows it, the device keeps its config
        changed = checks.changed(1, host)
        diffs = [str(checks.result(1, host, name).get("diff")) for name in changed]
        assert changed and any("1400" in d for d in diffs), (platform, diffs)
        assert checked[platform] == applied[platform], platform
    STATE.update(before=before, applied=applied)
    _no_key_in_output(cgw_lab)


@pytest.mark.parametrize("platform, expected", [
    ("ios", [" set as-path prepend 65011 65011", " set local-preference 90", "  maximum-paths 4"]),
    ("junos", ['set policy-options policy-statement S2S-0a1b2c3d-T2-OUT term ACCEPT then as-path-prepend "65011 65011"',
               "set policy-options policy-statement S2S-0a1b2c3d-T2-IN term ACCEPT then local-preference 90",
               "set protocols bgp group S2S-5e6f7a8b multipath",
               "set policy-options policy-statement S2S-ECMP then load-balance per-packet",
               "set routing-options forwarding-table export S2S-ECMP",
               "set security ike gateway S2S-0a1b2c3d-T1 version v2-only",
               "set security ipsec vpn S2S-0a1b2c3d-T1 establish-tunnels immediately"]),
    ("vyos", ["set policy route-map S2S-0a1b2c3d-T2-OUT rule 10 set as-path prepend '65011 65011'",
              "set policy route-map S2S-0a1b2c3d-T2-IN rule 10 set local-preference '90'",
              "set protocols bgp address-family ipv4-unicast maximum-paths ebgp '4'",
              "set vpn ipsec options disable-route-autoinstall"]),
    ("vyos13", ["set protocols bgp 65011 address-family ipv4-unicast maximum-paths ebgp '4'",
                "set vpn ipsec ipsec-interfaces interface 'eth0'",
                "set vpn ipsec site-to-site peer 203.0.113.41 connection-type"]),
])
def test_active_passive_and_ecmp_render(platform, expected):
    config = STATE["applied"][platform]
    for line in expected:
        assert any(have == line or have.startswith(line + " ") for have in config), (platform, line)
    # the active tunnel of the active/passive connection is not prepended
    assert not [line for line in config if "S2S-0a1b2c3d-T1-OUT" in line and "prepend" in line]


def test_rejected_change_and_failed_verification_leave_the_device_as_it_was(cgw_lab):
    malformed = _with(cgw_tunnel_mtu=1400, cgw_junos_extra_lines=["set security ike proposal BROKEN dh-group group77"],
                      cgw_vyos_extra_lines=["set vpn ipsec esp-group BROKEN proposal 1 encryption aes999"])
    dangling = _with(cgw_tunnel_mtu=1400, cgw_junos_extra_lines=["set security ipsec vpn BROKEN ike gateway NO-SUCH-GW"],
                     # a peer name both releases take (1.4 refuses dots in it at set time, as VyOS does)
                     cgw_vyos_extra_lines=["set vpn ipsec site-to-site peer NO-SUCH-PEER ike-group 'NO-SUCH-GROUP'"])
    enforce = _with(cgw_tunnel_mtu=1400, cgw_verify="enforce", cgw_verify_timeout=1)
    targets = "t-junos:t-vyos:t-vyos13"     # the IOS role takes no extra lines
    report, (after,) = cgw_lab.run([_role_play("malformed", malformed, hosts=targets),
                                    _role_play("dangling", dangling, hosts=targets),
                                    _role_play("unchanged after", BASE, hosts=targets),
                                    _role_play("enforce", enforce),
                                    # check mode set on the play (not --check): still only a plan
                                    _role_play("play in check mode", _with(cgw_tunnel_mtu=1400), hosts=targets, check_mode=True),
                                    "snapshot"])
    for platform in ("junos", "vyos", "vyos13"):
        host = HOSTS[platform]
        syntax = report.facts(0, host)["cgw_failure"]
        assert "syntax error" in syntax or "Value validation failed" in syntax, syntax
        commit = report.facts(1, host)["cgw_failure"]
        assert "nothing was committed" in commit and ("check-out failed" in commit or "Commit failed" in commit), commit
        assert report.changed(2, host) == [], (platform, report.changed(2, host))   # nothing left in a candidate
        assert report.changed(4, host) and not report.facts(4, host).get("cgw_failure"), platform
    for platform, host in HOSTS.items():
        failure = report.facts(3, host)["cgw_failure"]
        assert "Wait for IKE, IPsec and BGP" in failure and "rolled back" in failure, (platform, failure)
        assert failure.endswith("running config equals the pre-push config."), (platform, failure)     # issue 22
        assert after[platform] == STATE["applied"][platform], platform
    _no_key_in_output(cgw_lab)


def test_removal_takes_exactly_the_connections_objects(cgw_lab):
    one_gone = _with(cgw_connections=[dict(CONN_A, state="absent"), CONN_B])
    all_gone = _with(cgw_connections=[dict(CONN_A, state="absent"), dict(CONN_B, state="absent")])
    report, (without_a, empty) = cgw_lab.run([_role_play("remove A", one_gone), _role_play("remove A again", one_gone),
                                              "snapshot", _role_play("remove all", all_gone), "snapshot"], netconf=True)
    for platform, host in HOSTS.items():
        assert report.changed(0, host) and not report.facts(0, host).get("cgw_failure"), platform
        assert report.changed(1, host) == [], (platform, report.changed(1, host))
        assert _owned(without_a[platform], "vpn-0a1b2c3d") == [], platform
        assert _owned(without_a[platform], "vpn-5e6f7a8b") == _owned(STATE["applied"][platform], "vpn-5e6f7a8b"), platform
        # shared settings B still needs stay, and so does the record of what the pushes changed in them
        shared = [_ecmp_paths(line, 2) for line in STATE["applied"][platform] if line.startswith(SHARED[platform])]
        assert [line for line in without_a[platform] if line.startswith(SHARED[platform])] == shared, platform
        assert report.changed(2, host) and not report.facts(2, host).get("cgw_failure"), platform
        # everything the pushes added or changed is undone: the config before the first push, line for line (issue 22)
        assert empty[platform] == STATE["before"][platform], platform
    _no_key_in_output(cgw_lab)


# -- configuration locks: another session's lock is waited for, or the push gives up "device busy" -------------------
class LockHolders:
    """SSH sessions, as another push or a stalled operator, that take a twin's configuration lock and keep it
    until ``release()``; ``ask()`` runs one command in a fresh session (each its own event-loop thread call)."""

    TAKE = {"ios": ("configure terminal lock", "(config)#"), "junos": ("configure exclusive", "# ")}
    LEAVE = {"ios": "end", "junos": "exit"}

    def __init__(self, twins):
        self.twins = twins
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.held = {}

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    async def _open(self, platform, line, ending):
        conn = await asyncssh.connect("127.0.0.1", self.twins.ports["t-" + platform], username="admin",
                                      password=twinlab.PASSWORD, known_hosts=None)
        process = await conn.create_process(term_type="vt100")
        await self._read(process, ("#", "> "))
        process.stdin.write(line + "\n")
        return conn, process, await self._read(process, (ending,))

    @staticmethod
    async def _read(process, endings):
        text = ""
        while not text.rstrip("\r\n").endswith(endings) and not text.endswith(endings):
            text += await asyncio.wait_for(process.stdout.read(4096), 30)
        return text

    def take(self, *platforms):
        for platform in platforms:
            conn, process, granted = self._call(self._open(platform, *self.TAKE[platform]))
            assert "locked exclusively" in granted or "uncommitted changes will be discarded" in granted, granted
            self.held[platform] = (conn, process)

    def release(self):
        async def leave(platform, conn, process):
            process.stdin.write(self.LEAVE[platform] + "\n")
            await self._read(process, ("#", "> "))
            conn.close()
            await conn.wait_closed()
        for platform, (conn, process) in self.held.items():
            self._call(leave(platform, conn, process))
        self.held = {}

    def ask(self, platform, command, ending):
        async def once():
            conn, _process, text = await self._open(platform, command, ending)
            conn.close()
            await conn.wait_closed()
            return text
        return self._call(once())

    def close(self):
        self.release()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


def _refusals(twins, name):
    return twins.log.read_text().count("%s: configuration locked by" % name)


def _no_lock_left(holders):
    assert "State             : FREE" in holders.ask("ios", "show configuration lock", "t-ios#")
    entered = holders.ask("junos", "configure", "# ")
    assert "Users currently editing" not in entered, entered


def test_a_push_waits_for_the_configuration_lock_or_gives_up_device_busy(cgw_lab):
    """IOS-XE and Junos: a lock another session holds makes the push fail "device busy" when cgw_lock_wait is short
    (nothing changed), and wait, then land, when it is long. VyOS: two pushes at once, with commits that take a
    second (the commit lock), both land. No lock is left behind."""
    twins = cgw_lab.twins
    one = _with(cgw_connections=[CONN_A])
    pushed = ("ios", "junos", "vyos")      # VyOS 1.3 takes the same commit path as 1.4
    twins.restart({"t-vyos": {"commit_seconds": 1}})
    holders = LockHolders(twins)
    try:
        holders.take("ios", "junos")
        busy, (before, unchanged) = cgw_lab.run(["snapshot", _role_play("busy", dict(one, cgw_lock_wait=1)), "snapshot"],
                                                platforms=("ios", "junos"))
        for platform in ("ios", "junos"):
            failure = busy.facts(0, HOSTS[platform])["cgw_failure"]
            assert "device busy: %s: the configuration is locked by " % HOSTS[platform] in failure, failure
            assert unchanged[platform] == before[platform], platform
        assert "locked by user 'admin' process '" in busy.facts(0, HOSTS["ios"])["cgw_failure"]
        assert "locked by admin terminal pts/" in busy.facts(0, HOSTS["junos"])["cgw_failure"]

        refused = {name: _refusals(twins, name) for name in ("t-ios", "t-junos")}
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            running = pool.submit(cgw_lab.run, [_role_play("waits", one)], copies=2, platforms=pushed)
            deadline = time.monotonic() + 120
            while any(_refusals(twins, name) == count for name, count in refused.items()):
                assert time.monotonic() < deadline and not running.done(), "the pushes never met the lock"
                time.sleep(0.2)
            holders.release()          # each device has refused a push at least once: now let them in
            landed, _configs = running.result(timeout=300)
        _no_lock_left(holders)
    finally:
        holders.close()
    assert len(landed.reports) == 2 * len(pushed)
    for key, data in landed.reports.items():
        host = key.split("#")[0]
        assert not Report({key: data}, [0]).facts(0, host).get("cgw_failure"), key
    for platform in pushed:
        model = twins.model(platform)
        peers = sorted(t["peer"] for t in model["tunnels"] if (t["peer"] or "").startswith("203.0.113."))
        assert peers == ["203.0.113.41", "203.0.113.42"], (platform, peers)
    _no_key_in_output(cgw_lab)
