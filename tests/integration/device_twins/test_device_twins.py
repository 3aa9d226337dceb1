# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device twins driven by the vendors' own Ansible modules over network_cli (real SSH)."""

from __future__ import annotations

import json
import time

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk as psk_rules

from .cgw_configs import IOS, JUNOS, PSK, VYOS, VYOS13
from .twinlab import MINUTE


def _fingerprint(platform):
    # the twin's model shows a key only as its keyed hash, which the twin computes itself: the product's must match
    return {"fingerprint": psk_rules.fingerprint(PSK[platform], "hybridvpn.s2s")}


def _no_secret_leaks(twins, platform, model):
    assert PSK[platform] not in json.dumps(model)
    assert PSK[platform] not in twins.log.read_text()


def _wait_minutes(minutes):
    """Let a commit-confirmed / revert timer of ``minutes`` twin-minutes expire."""
    time.sleep(minutes * MINUTE + 1.0)


# -- IOS-XE ------------------------------------------------------------------------------------
def test_ios_facts_push_check_diff_idempotence_and_errors(twins):
    src = twins.folder / "ios-cgw.cfg"
    src.write_text(IOS)
    r = twins.play("ios", [
        {"name": "facts", "cisco.ios.ios_facts": {"gather_subset": "all"}},
        {"name": "check", "cisco.ios.ios_config": {"src": str(src)}, "check_mode": True},
        {"name": "after check", "cisco.ios.ios_command": {"commands": ["show running-config | section crypto ikev2"]}},
        {"name": "push", "cisco.ios.ios_config": {"src": str(src), "diff_against": "running"}, "diff": True},
        {"name": "again", "cisco.ios.ios_config": {"src": str(src)}},
        {"name": "malformed", "cisco.ios.ios_config": {"parents": ["interface Tunnel1"], "lines": ["tunnel mode ipsec ipv5"]},
         "ignore_errors": True},
        {"name": "save", "cisco.ios.ios_config": {"save_when": "modified"}},
        {"name": "ops", "cisco.ios.ios_command": {"commands": [
            "show crypto ikev2 sa", "show ip bgp summary", "show startup-config | include ^crypto ikev2 proposal", "show vlan"]},
         "ignore_errors": True},
        # the resource modules read "show running-config | section ^router bgp" and friends
        {"name": "bgp resource", "cisco.ios.ios_bgp_global": {"state": "merged", "config": {
            "as_number": 65010, "bgp": {"log_neighbor_changes": True},
            "neighbors": [{"neighbor_address": "169.254.10.1", "remote_as": 64512,
                           "timers": {"interval": 10, "holdtime": 30, "min_holdtime": 30}}]}}},
        {"name": "prefix-list resource", "cisco.ios.ios_prefix_lists": {"state": "merged", "config": [
            {"afi": "ipv4", "prefix_lists": [{"name": "AWS-IN", "entries": [
                {"sequence": 10, "action": "permit", "prefix": "10.0.0.0/16", "le": 24}]}]}]}},
        {"name": "af gathered", "cisco.ios.ios_bgp_address_family": {"state": "gathered"}},
        # the router commands of "ops" again, without "show vlan": read in this run, not a second one (issue 14)
        {"name": "ops read", "cisco.ios.ios_command": {"commands": [
            "show crypto ikev2 sa", "show ip bgp summary", "show startup-config | include ^crypto ikev2 proposal"]}},
    ])
    facts = r["facts"]["ansible_facts"]
    assert facts["ansible_net_version"] == "17.9.4a"
    assert facts["ansible_net_hostname"] == "t-ios"
    assert facts["ansible_net_model"] == "C8000V"
    assert facts["ansible_net_iostype"] == "IOS-XE"
    assert "hostname t-ios" in facts["ansible_net_config"]
    assert r["check"]["changed"] is True
    assert r["after check"]["stdout"] == [""]
    assert r["push"]["changed"] is True
    assert "+crypto ikev2 proposal AWS-PROP" in r["push"]["diff"]["after"] or "crypto ikev2 proposal AWS-PROP" in r["push"]["diff"]["after"]
    assert "crypto ikev2 proposal AWS-PROP" not in r["push"]["diff"]["before"]
    assert r["again"]["changed"] is False
    assert r["malformed"]["failed"] is True
    assert "% Invalid input detected at '^' marker." in r["malformed"]["msg"]
    assert r["save"]["changed"] is True
    # "show vlan" is not a router command: the task fails, which is how cisco.ios tells L3 devices
    assert r["ops"]["failed"] is True and "Invalid input" in r["ops"]["msg"]
    assert r["bgp resource"]["changed"] is False and r["prefix-list resource"]["changed"] is False
    af_peer = r["af gathered"]["gathered"]["address_family"][0]["neighbors"][0]
    assert af_peer["route_maps"] == [{"in": True, "name": "AWS-IN"}] and af_peer["maximum_prefix"] == {"number": 100}

    ikev2, bgp, startup = r["ops read"]["stdout"]
    assert "READY" not in ikev2
    assert "169.254.10.1    4        64512" in bgp and bgp.rstrip().endswith("Idle")
    assert startup == "crypto ikev2 proposal AWS-PROP"

    model = twins.model("ios")
    tunnel = model["tunnels"][0]
    assert (tunnel["name"], tunnel["inside_address"], tunnel["source"], tunnel["peer"]) == \
        ("Tunnel1", "169.254.10.2/30", "198.51.100.2", "203.0.113.10")
    assert (tunnel["mtu"], tunnel["mss"], tunnel["ipsec_policy"]) == (1436, 1379, "AWS-IPSEC-T1")
    crypto = tunnel["crypto"]
    assert crypto["ike_proposals"][0]["encryption"] == ["AES256"]
    assert crypto["ike_proposals"][0]["integrity"] == ["SHA2-256"]
    assert crypto["ike_proposals"][0]["dh_groups"] == [14]
    assert crypto["ipsec_proposals"][0]["encryption"] == ["AES256"]
    assert crypto["ipsec_proposals"][0]["integrity"] == ["SHA2-256"]
    assert (crypto["pfs"], crypto["ike_lifetime"], crypto["ipsec_lifetime"]) == (14, 28800, 3600)
    assert crypto["dpd"] == {"interval": 10, "retry_interval": 10, "mode": "on-demand"}
    assert crypto["psk"] == _fingerprint("ios")
    bgp = model["bgp"]
    assert (bgp["local_as"], bgp["maximum_paths"]) == (65010, 2)
    peer = bgp["neighbors"][0]
    assert (peer["address"], peer["remote_as"], peer["keepalive"], peer["hold_time"]) == ("169.254.10.1", 64512, 10, 30)
    assert (peer["route_map_in"], peer["maximum_prefix"]) == ("AWS-IN", 100)
    assert model["prefix_lists"]["AWS-IN"] == [{"seq": 10, "action": "permit", "prefix": "10.0.0.0/16", "ge": None, "le": 24}]
    _no_secret_leaks(twins, "ios", model)


def test_ios_key_auth(twins):
    r = twins.play("ios", [{"name": "version", "cisco.ios.ios_command": {"commands": ["show version"]}}], key_auth=True)
    assert "Cisco IOS XE Software, Version 17.9.4a" in r["version"]["stdout"][0]


def test_ios_dataplane_state_drives_show_commands(twins):
    """Self-contained: the tunnel and the BGP neighbour the data plane reports on are pushed here (lines the
    full config of the first IOS test also has, so either test may run first)."""
    pushed = twins.play("ios", [
        {"name": "tunnel", "cisco.ios.ios_config": {"parents": ["interface Tunnel1"], "lines": [
            "ip address 169.254.10.2 255.255.255.252", "tunnel source 198.51.100.2", "tunnel destination 203.0.113.10",
            "tunnel mode ipsec ipv4"]}},
        {"name": "bgp", "cisco.ios.ios_config": {"parents": ["router bgp 65010"], "lines": ["neighbor 169.254.10.1 remote-as 64512"]}}])
    assert not [name for name, result in pushed.items() if result.get("failed")], pushed
    model = twins.model("ios")
    dataplane = {"tunnels": {"Tunnel1": {"ike": "up", "ipsec": "up", "local": "198.51.100.2", "remote": "203.0.113.10"}},
                 "bgp": {"169.254.10.1": {"state": "Established", "prefixes_received": 3, "uptime": 75}}}
    path = twins.folder / "state" / "t-ios.dataplane.json"
    path.write_text(json.dumps(dataplane))
    try:
        r = twins.play("ios", [{"name": "ops", "cisco.ios.ios_command": {"commands": [
            "show crypto ikev2 sa", "show crypto ipsec sa", "show ip bgp summary"]}}])
    finally:
        path.unlink()
    ikev2, ipsec, bgp = r["ops"]["stdout"]
    assert "198.51.100.2/500" in ikev2 and "READY" in ikev2
    assert "Status: ACTIVE(ACTIVE)" in ipsec
    assert bgp.splitlines()[-1].split()[-2:] == ["00:01:15", "3"]
    assert model["tunnels"][0]["name"] == "Tunnel1"


def test_ios_everyday_config_through_ios_config(twins):
    """An access list used to be refused (`% Invalid input`, and the lines after it lost): it goes in with the
    everyday lines after it, reads back as IOS prints it, and pushing it again changes nothing."""
    src = twins.folder / "ios-everyday.cfg"
    src.write_text("ip access-list extended MGMT-IN\n 10 permit tcp 10.0.0.0 0.0.0.255 any eq 22\n 20 deny ip any any log\n"
                   "ntp server 10.0.0.1\nlogging host 10.0.0.5\nsnmp-server community monitor RO\n")
    r = twins.play("ios", [
        {"name": "push", "cisco.ios.ios_config": {"src": str(src)}},
        {"name": "again", "cisco.ios.ios_config": {"src": str(src)}},
        {"name": "read", "cisco.ios.ios_command": {"commands": [
            "show running-config | section MGMT-IN", "show running-config | include ^ntp|^logging|^snmp"]}}])
    assert r["push"]["changed"] is True and r["again"]["changed"] is False
    acl, others = r["read"]["stdout"]
    assert acl == "ip access-list extended MGMT-IN\n 10 permit tcp 10.0.0.0 0.0.0.255 any eq 22\n 20 deny ip any any log"
    assert others.splitlines() == ["logging host 10.0.0.5", "snmp-server community monitor RO", "ntp server 10.0.0.1"]


# -- Junos ---------------------------------------------------------------------------------------
def test_junos_cli_config_commit_check_diff_idempotence_errors_rollback(twins):
    r = twins.play("junos", [
        {"name": "version", "ansible.netcommon.cli_command": {"command": "show version"}},
        {"name": "check", "ansible.netcommon.cli_config": {"config": JUNOS}, "check_mode": True, "diff": True},
        {"name": "after check", "junipernetworks.junos.junos_command": {
            "commands": ["show configuration | display set | match AWS-GW1"]}},
        {"name": "push", "ansible.netcommon.cli_config": {"config": JUNOS}, "diff": True},
        # Junos stores a clear key as $9$ with a fresh salt: the config without the key is idempotent, the key
        # line set again is a change (the cgw role compares keys decoded instead, see cgw_pending)
        {"name": "again", "ansible.netcommon.cli_config": {"config": "\n".join(
            line for line in JUNOS.splitlines() if "pre-shared-key" not in line)}},
        {"name": "key again", "ansible.netcommon.cli_config": {"config": "\n".join(
            line for line in JUNOS.splitlines() if "pre-shared-key" in line)}},
        {"name": "malformed", "ansible.netcommon.cli_config": {
            "config": "set security ike proposal AWS-IKE dh-group group77"}, "ignore_errors": True},
        {"name": "dangling", "ansible.netcommon.cli_config": {
            "config": "set security ipsec vpn AWS-VPN2 ike gateway NO-SUCH-GW"}, "ignore_errors": True},
        {"name": "change", "ansible.netcommon.cli_config": {
            "config": "set security ike gateway AWS-GW1 dead-peer-detection interval 20"}},
        {"name": "rollback", "ansible.netcommon.cli_config": {"rollback": 1}},
        {"name": "ops", "junipernetworks.junos.junos_command": {"commands": [
            "show configuration | display set | match AWS-VPN2", "show configuration | display set | match interval",
            "show security ike security-associations", "show security ipsec security-associations", "show bgp summary"]}},
    ])
    assert "Junos: 23.4R2.13" in r["version"]["stdout"]
    assert r["check"]["changed"] is True and "[edit security ike proposal AWS-IKE]" in r["check"]["diff"]["prepared"]
    assert r["after check"]["stdout"] == [""]
    assert r["push"]["changed"] is True
    assert r["again"]["changed"] is False and r["key again"]["changed"] is True
    assert r["malformed"]["failed"] is True and "syntax error" in r["malformed"]["msg"]
    assert r["dangling"]["failed"] is True and "error: configuration check-out failed" in r["dangling"]["msg"]
    assert r["change"]["changed"] is True
    assert r["rollback"]["changed"] is True
    vpn2, interval, ike_sa, ipsec_sa, bgp = r["ops"]["stdout"]
    assert vpn2 == ""
    assert interval == "set security ike gateway AWS-GW1 dead-peer-detection interval 10"
    assert ike_sa == ""
    assert "Total active tunnels: 0" in ipsec_sa
    assert "169.254.10.5" in bgp and bgp.rstrip().endswith("Active")

    model = twins.model("junos")
    tunnel = model["tunnels"][0]
    assert (tunnel["name"], tunnel["inside_address"], tunnel["peer"], tunnel["source"]) == \
        ("st0.1", "169.254.10.6/30", "203.0.113.20", "ge-0/0/0.0")
    assert (tunnel["mtu"], tunnel["mss"], tunnel["ike_gateway"], tunnel["ipsec_policy"]) == (1436, 1379, "AWS-GW1", "AWS-ESP-POL")
    crypto = tunnel["crypto"]
    assert crypto["ike_version"] == "ikev2"
    assert [p["encryption"] + p["integrity"] + p["dh_groups"] for p in crypto["ike_proposals"]] == [["AES256", "SHA2-256", 14]]
    assert [p["encryption"] + p["integrity"] for p in crypto["ipsec_proposals"]] == [["AES256", "SHA2-256"]]
    assert (crypto["pfs"], crypto["ike_lifetime"], crypto["ipsec_lifetime"]) == (14, 28800, 3600)
    assert crypto["dpd"] == {"interval": 10, "threshold": 3}
    assert crypto["psk"] == _fingerprint("junos")
    assert model["security"]["zones"]["trust"]["interfaces"] == ["st0.1"]
    peer = model["bgp"]["neighbors"][0]
    assert (model["bgp"]["local_as"], peer["address"], peer["remote_as"], peer["hold_time"]) == (65020, "169.254.10.5", 64512, 30)
    assert peer["import_policies"] == ["AWS-IMPORT"]
    _no_secret_leaks(twins, "junos", model)


# -- VyOS --------------------------------------------------------------------------------------
def test_vyos_config_check_diff_idempotence_errors_save(twins):
    lines = VYOS.splitlines()
    r = twins.play("vyos", [
        {"name": "facts", "vyos.vyos.vyos_facts": {"gather_subset": "all"}},
        {"name": "check", "vyos.vyos.vyos_config": {"lines": lines}, "check_mode": True},
        {"name": "push", "vyos.vyos.vyos_config": {"lines": lines}, "diff": True},
        {"name": "again", "vyos.vyos.vyos_config": {"lines": lines}},
        {"name": "malformed", "vyos.vyos.vyos_config": {
            "lines": ["set vpn ipsec esp-group AWS-ESP proposal 1 encryption aes999"]}, "ignore_errors": True},
        {"name": "bad path", "vyos.vyos.vyos_config": {"lines": ["set vpn ipsec ipsec-interfaces interface eth0"]},
         "ignore_errors": True},
        {"name": "dangling", "vyos.vyos.vyos_config": {"lines": [
            "set vpn ipsec site-to-site peer AWS-T2 remote-address 203.0.113.31",
            "set vpn ipsec site-to-site peer AWS-T2 ike-group NO-SUCH-GROUP"]}, "ignore_errors": True},
        {"name": "save", "vyos.vyos.vyos_config": {"save": True}},
        {"name": "bgp resource", "vyos.vyos.vyos_bgp_global": {"state": "merged", "config": {
            "as_number": 65030, "neighbor": [{"address": "169.254.10.9", "remote_as": 64512,
                                              "timers": {"holdtime": 30, "keepalive": 10}}]}}},
        {"name": "prefix-list resource", "vyos.vyos.vyos_prefix_lists": {"state": "merged", "config": [
            {"afi": "ipv4", "prefix_lists": [{"name": "AWS-IN", "entries": [
                {"sequence": 10, "action": "permit", "prefix": "10.2.0.0/16"}]}]}]}},
        {"name": "ops", "vyos.vyos.vyos_command": {"commands": [
            "show configuration commands | match AWS-T2", "show vpn ipsec sa", "show ip bgp summary"]}},
    ])
    facts = r["facts"]["ansible_facts"]
    assert facts["ansible_net_version"] == "VyOS 1.4.3"
    assert facts["ansible_net_hostname"] == "t-vyos"
    assert "set system host-name 't-vyos'" in facts["ansible_net_config"][0]
    assert "by system via cli" in facts["ansible_net_config"][1]       # "show system commit"
    assert r["check"]["changed"] is True
    assert r["push"]["changed"] is True and "[vpn ipsec ike-group AWS-IKE proposal 1]" in r["push"]["diff"]["prepared"]
    assert r["again"]["changed"] is False
    assert r["malformed"]["failed"] is True and "Value validation failed" in r["malformed"]["msg"]
    assert r["bad path"]["failed"] is True and "is not valid" in r["bad path"]["msg"]
    assert r["dangling"]["failed"] is True and "Commit failed" in r["dangling"]["msg"]
    assert r["save"]["changed"] is True
    assert r["bgp resource"]["changed"] is False and r["prefix-list resource"]["changed"] is False
    t2, sa, bgp = r["ops"]["stdout"]
    assert t2 == ""
    assert "AWS-T1-vti1" in sa and " down " in sa
    assert "169.254.10.9" in bgp and "Active" in bgp

    model = twins.model("vyos")
    tunnel = model["tunnels"][0]
    assert (tunnel["name"], tunnel["inside_address"], tunnel["peer"], tunnel["source"]) == \
        ("vti1", "169.254.10.10/30", "203.0.113.30", "198.51.100.30")
    assert (tunnel["mtu"], tunnel["mss"]) == (1436, 1379)
    crypto = tunnel["crypto"]
    assert crypto["ike_version"] == "ikev2"
    assert [p["encryption"] + p["integrity"] + p["dh_groups"] for p in crypto["ike_proposals"]] == [["AES256", "SHA2-256", 14]]
    assert (crypto["pfs"], crypto["ike_lifetime"], crypto["ipsec_lifetime"]) == (14, 28800, 3600)
    assert crypto["psk"] == _fingerprint("vyos")
    peer = model["bgp"]["neighbors"][0]
    assert (model["bgp"]["local_as"], peer["remote_as"], peer["keepalive"], peer["hold_time"], peer["route_map_in"]) == \
        (65030, 64512, 10, 30, "AWS-IN")
    _no_secret_leaks(twins, "vyos", model)


def test_vyos13_syntax(twins):
    r = twins.play("vyos13", [
        {"name": "push", "vyos.vyos.vyos_config": {"lines": VYOS13.splitlines()}},
        {"name": "again", "vyos.vyos.vyos_config": {"lines": VYOS13.splitlines()}},
        {"name": "1.4 only", "vyos.vyos.vyos_config": {"lines": ["set vpn ipsec interface eth0"]}, "ignore_errors": True},
    ])
    assert r["push"]["changed"] is True and r["again"]["changed"] is False
    assert r["1.4 only"]["failed"] is True and "Configuration path: [vpn ipsec interface eth0] is not valid" in r["1.4 only"]["msg"]
    model = twins.model("vyos13")
    tunnel = model["tunnels"][0]
    assert (tunnel["name"], tunnel["peer"], tunnel["crypto"]["psk"]) == ("vti1", "203.0.113.40", _fingerprint("vyos13"))
    assert tunnel["crypto"]["ike_proposals"][0]["encryption"] == ["AES128"]
    assert model["bgp"]["local_as"] == 65040 and model["bgp"]["neighbors"][0]["hold_time"] == 30
    _no_secret_leaks(twins, "vyos13", model)


# -- timed rollbacks (one run and one wait for the three platforms) ------------------------------
def _loop(*commands):
    """cli_command items in one task: network_cli keeps the CLI mode between items of a loop."""
    items = [c if isinstance(c, dict) else {"command": c} for c in commands]
    return {"loop": items, "ansible.netcommon.cli_command": {
        "command": "{{ item.command }}", "prompt": "{{ item.prompt | default(omit) }}",
        "answer": "{{ item.answer | default(omit) }}"}}


def _commit_confirm(minutes):
    return {"command": "commit-confirm %d" % minutes, "prompt": r"Proceed\? \[confirm\]", "answer": "y"}


def test_unconfirmed_changes_roll_back(twins):
    """IOS-XE revert timer (cisco.ios commit_confirm_timeout), Junos commit confirmed, VyOS commit-confirm.

    Confirmed cases use long timers: a loaded machine may take seconds between loop items. Pending
    states are not asserted for the same reason; the device's own answers and history are.
    """
    r = twins.plays({
        "ios": [
            {"name": "archive", "cisco.ios.ios_config": {"parents": ["archive"],
                                                         "lines": ["path flash:archive", "maximum 5", "write-memory"]}},
            {"name": "trial", "cisco.ios.ios_config": {"parents": ["interface Tunnel1"], "lines": ["description trial change"]},
             "vars": {"ansible_ios_commit_confirm_timeout": 2}},
        ],
        "junos": [
            dict(_loop("configure", "set routing-options router-id 10.255.0.1", "commit confirmed 20", "commit and-quit"),
                 name="confirmed"),
            dict(_loop("configure", "set system host-name t-junos-trial", "commit confirmed 1 and-quit"), name="not confirmed"),
        ],
        "vyos": [
            dict(_loop("configure", "set protocols bgp parameters router-id 10.255.0.3", _commit_confirm(20), "confirm", "exit"),
                 name="confirmed"),
            dict(_loop("configure", "set system host-name t-vyos-trial", _commit_confirm(1), "exit"), name="not confirmed"),
        ],
    })
    assert r["ios"]["trial"]["changed"] is True
    assert "commit confirmed will be automatically rolled back in 1 minutes unless confirmed" in \
        r["junos"]["not confirmed"]["results"][2]["stdout"]
    assert "rollback to the previous configuration in 1 minutes unless confirmed" in \
        r["vyos"]["not confirmed"]["results"][2]["stdout"]
    _wait_minutes(2)
    r = twins.plays({
        "ios": [
            {"name": "after", "cisco.ios.ios_command": {"commands": [
                "show running-config | include trial", "show archive", "show archive config rollback timer"]}},
            {"name": "replace", "ansible.netcommon.cli_command": {"command": "configure replace flash:archive-1 force"}},
        ],
        "junos": [{"name": "after", "junipernetworks.junos.junos_command": {"commands": [
            "show configuration | display set | match host-name", "show configuration | display set | match router-id",
            "show system commit"]}}],
        "vyos": [{"name": "after", "vyos.vyos.vyos_command": {"commands": [
            "show host name", "show configuration commands | match router-id", "show system commit"]}}],
    })
    trial, archive, timer = r["ios"]["after"]["stdout"]
    assert trial == ""
    assert "flash:archive-1" in archive
    assert timer == "%No Rollback Confirmed Change pending"
    assert "Rollback Done" in r["ios"]["replace"]["stdout"]

    hostname, router_id, commits = r["junos"]["after"]["stdout"]
    assert (hostname, router_id) == ("set system host-name t-junos", "set routing-options router-id 10.255.0.1")
    lines = commits.splitlines()
    assert lines[0].endswith("by root via cli") and lines[1] == "    automatic rollback: commit not confirmed"
    assert lines[2].endswith("by admin via cli")

    hostname, router_id, commits = r["vyos"]["after"]["stdout"]
    assert (hostname, router_id) == ("t-vyos", "set protocols bgp parameters router-id '10.255.0.3'")
    lines = commits.splitlines()
    assert lines[0].endswith("by root via cli") and lines[1] == "    automatic rollback: commit not confirmed"
    assert lines[2].endswith("by admin via cli") and lines[3] == "    commit-confirm"


# -- persistence -------------------------------------------------------------------------------
def test_config_survives_twin_restart(twins):
    """Self-contained: each twin gets a marker change (saved where the platform separates saving), then restarts."""
    views = {"ios": "show running-config", "junos": "show configuration | display set", "vyos": "show configuration commands"}
    marker = {
        "ios": {"name": "marker", "cisco.ios.ios_config": {"parents": ["interface Tunnel9"],
                                                           "lines": ["description persisted"], "save_when": "modified"}},
        "junos": {"name": "marker", "ansible.netcommon.cli_config": {"config": "set interfaces st0 unit 9 description persisted"}},
        "vyos": {"name": "marker", "vyos.vyos.vyos_config": {"lines": ["set interfaces vti vti9 description persisted"]}},
    }
    read = {p: {"name": "read", "ansible.netcommon.cli_command": {"command": view}} for p, view in views.items()}
    before = twins.plays({p: [marker[p], read[p]] for p in views})
    models = {p: twins.model(p) for p in views}
    twins.restart()
    after = twins.plays({p: [read[p]] for p in views})
    for platform, results in before.items():
        assert results["marker"]["changed"] is True
        shown = results["read"]["stdout"]
        assert "persisted" in shown
        if platform == "ios":      # the byte count and "Last configuration change" header may differ; the body may not
            shown = shown.split("!", 1)[1]
            assert after[platform]["read"]["stdout"].split("!", 1)[1] == shown
        else:
            assert after[platform]["read"]["stdout"] == shown
        assert twins.model(platform) == models[platform]
