# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins behave like the devices beyond the VPN: everyday config kept and printed back as the device prints it,
configuration locks with the vendors' texts, a stalled session that keeps its mode and its lock (in-process, no Ansible)."""

from __future__ import annotations

import asyncio

import asyncssh

from lab.device_twins import server
from lab.device_twins.session import Later
from lab.device_twins.spec import build


def _twin(tmp_path, platform, **extra):
    entry = {"name": "t1", "platform": platform, "port": 0, "password": "pw", "state_dir": str(tmp_path), **extra}
    return server.Twin(build(entry, {}, str(tmp_path)))


def _run(session, *lines):
    return [session.feed(line) for line in lines]


def _clean(outputs):
    return [out for out in outputs if "%" in out or "error" in out or "nvalid" in out or "failed" in out]


# -- everyday config -------------------------------------------------------------------------------
IOS_EVERYDAY = """\
configure terminal
ntp server 10.0.0.1 prefer
event manager applet WATCH
 event timer watchdog time 60
 action 1.0 syslog msg "tick"
event manager environment _mail_to ops@example.com
line vty 0 4
 transport input ssh
 login local
aaa new-model
snmp-server community monitor RO MGMT
logging host 10.0.0.5
ip access-list extended MGMT-IN
 permit tcp 10.0.0.0 0.0.0.255 any eq 22
 remark web servers
 permit tcp any host 10.1.1.1 eq www established
 deny ip any any log
ip access-list standard MGMT
 permit 10.0.0.0 0.0.0.255
ip prefix-list CORP permit 10.99.0.0/16 le 24
route-map CORP-OUT permit 10
 match ip address MGMT
 set tag 7
interface GigabitEthernet2
 shutdown
 description inside
 ip nat inside
 ip address 10.2.0.1 255.255.255.0
router bgp 65010
 address-family ipv4 unicast
  maximum-paths 2
  neighbor 169.254.10.1 activate
  network 10.0.0.0 mask 255.255.0.0
 exit-address-family
 neighbor 169.254.10.1 timers 10 30 30
 bgp log-neighbor-changes
 neighbor 169.254.10.1 remote-as 64512
 bgp router-id 10.255.0.1
archive
 path flash:archive
 maximum 5
end"""

IOS_PRINTED = """\
hostname t1
!
aaa new-model
!
archive
 path flash:archive
 maximum 5
!
interface GigabitEthernet1
 ip address dhcp
 negotiation auto
!
interface GigabitEthernet2
 description inside
 ip address 10.2.0.1 255.255.255.0
 ip nat inside
 shutdown
!
router bgp 65010
 bgp router-id 10.255.0.1
 bgp log-neighbor-changes
 neighbor 169.254.10.1 remote-as 64512
 neighbor 169.254.10.1 timers 10 30 30
 address-family ipv4 unicast
  network 10.0.0.0 mask 255.255.0.0
  neighbor 169.254.10.1 activate
  maximum-paths 2
 exit-address-family
!
ip scp server enable
!
ip access-list standard MGMT
 10 permit 10.0.0.0 0.0.0.255
!
ip access-list extended MGMT-IN
 10 permit tcp 10.0.0.0 0.0.0.255 any eq 22
 20 remark web servers
 30 permit tcp any host 10.1.1.1 eq www established
 40 deny ip any any log
!
ip prefix-list CORP seq 5 permit 10.99.0.0/16 le 24
!
logging host 10.0.0.5
!
route-map CORP-OUT permit 10
 match ip address MGMT
 set tag 7
!
snmp-server community monitor RO MGMT
!
line vty 0 4
 login local
 transport input ssh
!
ntp server 10.0.0.1 prefer
!
event manager environment _mail_to ops@example.com
!
event manager applet WATCH
 event timer watchdog time 60
 action 1.0 syslog msg "tick"
!
end"""


def test_ios_keeps_everyday_config_and_prints_it_in_ios_order(tmp_path):
    session = _twin(tmp_path, "ios").new_session("admin")
    outputs = _run(session, *[line.strip() for line in IOS_EVERYDAY.splitlines()])
    assert _clean(outputs) == []
    shown = session.feed("show running-config").split("version 17.9\n!\n", 1)[1]
    assert shown == IOS_PRINTED + "\nt1#"
    # what the device refuses it still refuses, and the lines after a refused one are kept
    out = _run(session, "configure terminal", "ip access-list extended BAD", "permit tcp any any eq",
               "permit foo any any", "deny ip any any", "end", "show running-config | section BAD")
    assert "% Invalid input" in out[2] and "% Invalid input" in out[3]
    assert out[-1] == "ip access-list extended BAD\n 10 deny ip any any\nt1#"
    assert session.feed("configure terminal") and session.feed("ip access-list extended BAD") and session.feed("no 10")
    assert _run(session, "end", "show running-config | section BAD")[1] == "ip access-list extended BAD\nt1#"


def test_junos_keeps_everyday_config(tmp_path):
    twin = _twin(tmp_path, "junos")
    session = twin.new_session("admin")
    lines = [
        "set system ntp server 10.0.0.1 prefer", "set system ntp server 10.0.0.2",
        "set system syslog host 10.0.0.5 any notice", "set system login user ops class super-user",
        "set system login message \"authorised use only\"", "set apply-macro site-info region eu-west",
        "set firewall family inet filter MGMT term SSH from source-address 10.0.0.0/8",
        "set firewall family inet filter MGMT term SSH from destination-port ssh",
        "set firewall family inet filter MGMT term SSH then accept",
        "set firewall family inet filter MGMT term REST then discard",
        "set interfaces lo0 unit 0 family inet filter input MGMT",
        "set policy-options community AWS members 7224:9300",
        "set policy-options policy-statement EXPORT term A from community AWS",
        "set policy-options policy-statement EXPORT term A then accept"]
    outputs = _run(session, "configure", *lines, "commit and-quit")
    assert _clean(outputs) == [] and "commit complete" in outputs[-1]
    shown = session.feed("show configuration | display set").splitlines()
    assert [line for line in lines if line.replace('"', "") not in [s.replace('"', "") for s in shown]] == []
    curly = session.feed("show configuration system ntp")
    assert "server 10.0.0.1 {\n    prefer;\n}\nserver 10.0.0.2;" in curly


def test_vyos_keeps_everyday_config_in_both_syntaxes(tmp_path):
    for platform, ntp in (("vyos", "service ntp"), ("vyos13", "system ntp")):
        session = _twin(tmp_path / platform, platform).new_session("admin")
        lines = ["set policy prefix-list CORP description 'corporate ranges'",
                 "set policy prefix-list CORP rule 10 action permit", "set policy prefix-list CORP rule 10 prefix 10.99.0.0/16",
                 "set %s server 10.0.0.1 prefer" % ntp, "set service snmp community monitor authorization ro",
                 "set service snmp community monitor network 10.0.0.0/8", "set service snmp location 'rack 4'",
                 "set system time-zone Europe/Berlin", "set system name-server 10.0.0.53",
                 "set system syslog host 10.0.0.5 facility all level notice"]
        outputs = _run(session, "configure", *lines, "commit", "exit")
        assert _clean(outputs) == [], platform
        shown = session.feed("show configuration commands")
        for expected in ("set policy prefix-list CORP description 'corporate ranges'", "set %s server 10.0.0.1 prefer" % ntp,
                         "set service snmp community monitor authorization 'ro'", "set service snmp location 'rack 4'",
                         "set system syslog host 10.0.0.5 facility all level 'notice'"):
            assert expected in shown, (platform, expected)


# -- configuration locks -----------------------------------------------------------------------------
IOS_REFUSAL = "Configuration mode locked exclusively by user 'alice' process '302' from terminal '2'. Please try later."


def test_ios_configure_terminal_lock(tmp_path):
    twin = _twin(tmp_path, "ios")
    alice, bob = twin.new_session("alice"), twin.new_session("bob")
    granted = alice.feed("configure terminal lock")
    assert "Configuration mode locked exclusively. The lock will be cleared once you exit out of configuration mode" in granted
    assert bob.feed("configure terminal") == IOS_REFUSAL + "\nt1#"
    assert bob.feed("configure terminal lock") == IOS_REFUSAL + "\nt1#"
    assert "User              : alice\nTTY               : 2\nType              : EXCLUSIVE\nState             : LOCKED" in \
        bob.feed("show configuration lock")
    # a stalled session keeps its mode and its lock; a new session starts in exec mode, separate
    assert alice.feed("") == "t1(config)#" and twin.new_session("carol").prompt() == "t1#"
    _run(alice, "interface Tunnel9", "description locked")
    assert alice.feed("end") == "t1#" and bob.feed("configure terminal").endswith("t1(config)#")
    assert "State             : FREE" in bob.feed("do show configuration lock")
    # the lock ends with its session, or when cleared
    _run(bob, "end")
    alice.feed("configure terminal lock")
    alice.end()
    assert bob.feed("configure terminal lock").endswith("t1(config)#")
    carol = twin.new_session("carol")
    assert carol.feed("configure terminal").startswith("Configuration mode locked exclusively by user 'bob'")
    assert carol.feed("clear configuration lock") == "t1#" and carol.feed("configure terminal").endswith("t1(config)#")


def test_ios_configuration_mode_exclusive_auto(tmp_path):
    twin = _twin(tmp_path, "ios")
    alice, bob = twin.new_session("alice"), twin.new_session("bob")
    _run(alice, "configure terminal", "configuration mode exclusive auto", "end", "configure terminal")
    assert bob.feed("configure terminal").startswith("Configuration mode locked exclusively by user 'alice'")


JUNOS_REFUSAL = "error: configuration database locked by:\n  alice terminal pts/2 (pid 302) on since "


def test_junos_configure_exclusive(tmp_path):
    twin = _twin(tmp_path, "junos")
    alice, bob = twin.new_session("alice"), twin.new_session("bob")
    assert alice.feed("configure exclusive").startswith("warning: uncommitted changes will be discarded on exit\nEntering configuration mode")
    refused = bob.feed("configure exclusive")
    assert refused.startswith(JUNOS_REFUSAL) and "exclusive [edit]\nbob@t1> " in refused
    # others may enter and look, not change
    assert "Users currently editing the configuration:\n  alice terminal pts/2" in bob.feed("configure")
    assert bob.feed("set system host-name bob").startswith(JUNOS_REFUSAL)
    assert bob.feed("commit").startswith(JUNOS_REFUSAL)
    assert "alice terminal pts/2 (pid 302)" in bob.feed("status") and "bob terminal pts/3 (pid 303)" in bob.feed("status")
    # leaving drops the holder's uncommitted changes and the lock
    alice.feed("set system host-name alice")
    assert alice.feed("exit").startswith("warning: discarding uncommitted changes\nload complete\nExiting configuration mode")
    assert twin.device.candidate is None or twin.device.candidate == twin.device.running
    assert bob.feed("set system host-name bob") == "\n[edit]\nbob@t1# "
    # a session that ends releases its lock
    _run(bob, "rollback 0", "exit")
    alice.feed("configure exclusive")
    alice.end()
    assert bob.feed("configure exclusive").startswith("warning: uncommitted changes")


def test_vyos_commit_lock(tmp_path):
    twin = _twin(tmp_path, "vyos", commit_seconds=5)
    alice, bob = twin.new_session("alice"), twin.new_session("bob")
    _run(alice, "configure", "set system domain-name alice.example")
    _run(bob, "configure", "set system time-zone UTC")
    running = alice.feed("commit")
    assert isinstance(running, Later) and running.seconds == 5
    assert bob.feed("commit") == "Configuration system temporarily locked due to another commit in progress\n\n[edit]\nbob@t1# "
    assert running.then() == "\n[edit]\nalice@t1# "      # the commit ends, and with it the lock
    assert isinstance(bob.feed("commit"), Later)


def test_a_dropped_ssh_session_releases_its_lock(tmp_path):
    """Over SSH: a session stalled in configuration mode holds the lock until its connection goes."""
    spec = build({"name": "t1", "platform": "ios", "port": 0, "password": "pw", "state_dir": str(tmp_path)}, {}, str(tmp_path))

    async def read_until(process, ending):
        text = ""
        while not text.endswith(ending):
            text += await asyncio.wait_for(process.stdout.read(1024), 10)
        return text

    async def session(conn, line, ending):
        process = await conn.create_process(term_type="vt100")
        await read_until(process, "t1#")
        process.stdin.write(line + "\n")
        return process, await read_until(process, ending)

    async def scenario():
        twins = await server.start([spec])
        try:
            def connect():
                return asyncssh.connect(spec.host, spec.port, username="admin", password="pw", known_hosts=None)
            async with connect() as holder_conn, connect() as other_conn:
                _holder, granted = await session(holder_conn, "configure terminal lock", "t1(config)#")
                _other, refused = await session(other_conn, "configure terminal", "Please try later.\r\nt1#")
                holder_conn.close()
                await holder_conn.wait_closed()
                for _attempt in range(50):   # the server notices the channel closing
                    if twins[0].device.lock_holder is None:
                        break
                    await asyncio.sleep(0.02)
                _again, entered = await session(other_conn, "configure terminal", "t1(config)#")
            return granted, refused, entered
        finally:
            for twin in twins:
                twin.server.close()
    granted, refused, entered = asyncio.run(scenario())
    assert "Configuration mode locked exclusively." in granted
    assert "Configuration mode locked exclusively by user 'admin'" in refused
    assert entered.endswith("t1(config)#")


# -- Junos load set terminal (issue 15) ---------------------------------------------------------------
# Juniper "Loading Configuration Files" (Junos OS 14.1) and a vJunos-router 25.4R1.12 transcript (lab/device_twins/junos.py).
def test_junos_load_set_terminal_loads_every_line_at_ctrl_d(tmp_path):
    twin = _twin(tmp_path, "junos")
    session = twin.new_session("admin")
    session.feed("configure exclusive")
    assert session.feed("load set terminal") == "[Type ^D at a new line to end input]\n"     # no prompt: it reads lines
    assert _run(session, "set system ntp server 10.0.0.1", "set system host-name edge1") == ["", ""]
    assert twin.device.candidate == twin.device.running         # nothing loaded before the end of the input
    assert session.feed(server.EOT) == "load complete\n\n[edit]\nadmin@t1# "
    compare = session.feed("show | compare")
    assert "+    host-name edge1;" in compare and "[edit system ntp]\n+    server 10.0.0.1;" in compare
    assert "commit complete" in session.feed("commit and-quit")
    assert "admin@edge1> " in session.feed("show configuration system host-name")     # committed: the prompt has it


def test_junos_load_set_terminal_reports_a_refused_line_and_keeps_its_valid_start(tmp_path):
    twin = _twin(tmp_path, "junos")
    session = twin.new_session("admin")
    session.feed("configure")
    _run(session, "load set terminal", "set system host-name edge1", "set system ntp server 10.0.0.1 bogus-word 7",
         "show version", "delete system ntp server 10.9.9.9")
    out = session.feed(server.EOT)
    assert out.splitlines()[:4] == ["terminal:2:(31) syntax error: bogus-word", "terminal:3:(0) syntax error: show",
                                    "warning: statement not found", "load complete"], out
    compare = session.feed("show | compare")
    assert "host-name edge1;" in compare and "server 10.0.0.1;" in compare      # the refused line's valid start stays
    assert "bogus-word" not in compare


def test_junos_load_set_terminal_keeps_the_database_lock_and_the_fault_refusal(tmp_path):
    twin = _twin(tmp_path, "junos")
    alice, bob = twin.new_session("alice"), twin.new_session("bob")
    alice.feed("configure exclusive")
    bob.feed("configure")
    assert bob.feed("load set terminal").startswith(JUNOS_REFUSAL)
    assert alice.feed("load set terminal").startswith("[Type ^D")
    alice.feed("set system host-name edge1")
    assert alice.feed_refused("syntax error.", "set system ntp server 10.0.0.1") == ""    # a fault inside the load
    assert alice.feed(server.EOT).startswith("terminal:2:(22) syntax error: 10.0.0.1\nload complete")
    assert alice.feed("load merge terminal").splitlines()[1] == "syntax error."          # only `load set terminal`


def test_the_server_splits_ctrl_d_into_a_line_of_its_own():
    assert server._lines("set a b\nset c d\n\x04") == ["set a b", "set c d", server.EOT, ""]  # pylint: disable=protected-access
    assert server._lines("set a b\x04") == ["set a b", server.EOT, ""]  # pylint: disable=protected-access
