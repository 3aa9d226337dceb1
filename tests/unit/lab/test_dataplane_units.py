# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The data-plane lab's pure parts: spec validation, rendered configs, log reasons, probe parsing (no root needed)."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

from ansible_collections.hybridvpn.s2s.lab.dataplane import examples, frr, probe, spec as specmod, strongswan, topology
from ansible_collections.hybridvpn.s2s.lab.dataplane.state import LabState
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import IntentErrors


@pytest.fixture(name="data")
def fixture_data():
    return examples.gateway_to_cgw("ut", 2, "vgw")


def _rules(data) -> dict:
    with pytest.raises((IntentErrors, specmod.SpecError)) as info:
        specmod.from_dict(data)
    errors = getattr(info.value, "errors", [info.value])
    return {e.field: e.rule for e in errors}


def test_example_spec_is_valid_and_round_trips(data):
    spec = specmod.from_dict(data)
    assert [t.name for t in spec.tunnels] == ["t1", "t2"]
    assert spec.tunnels[0].aws.inside_ip == "169.254.10.1" and spec.tunnels[0].cgw.inside_ip == "169.254.10.2"
    assert spec.tunnels[0].aws.ike.proposals == ["aes256-sha256-modp2048"]
    assert specmod.from_dict(copy.deepcopy(spec.to_dict())) == spec
    assert spec.router("aws").paths() == 1
    assert specmod.from_dict(examples.gateway_to_cgw("ut", 2, "tgw")).router("aws").paths() == 8


def test_unknown_and_missing_keys_name_the_field(data):
    data["tunnels"][0]["aws"]["ike"]["encryption"] = "AES256"
    assert _rules(data) == {"tunnels[0].aws.ike.encryption": "key.unknown"}
    del data["tunnels"][0]["aws"]["ike"]["encryption"]
    del data["tunnels"][1]["cgw"]["ike"]["psk"]
    assert _rules(data) == {"tunnels[1].cgw.ike.psk": "key.required"}


def test_bad_values_are_all_reported(data):
    data["tunnels"][0]["cgw"]["ike"]["proposals"] = ["AES256 SHA256"]
    data["tunnels"][0]["cgw"]["bgp"]["peer_asn"] = 64999
    data["tunnels"][1]["aws"]["router"] = "cgw"
    data["tunnels"][1]["aws"]["ike"]["dpd_action"] = "hold"
    data["tunnels"][1]["cgw"]["outside_ip"] = "198.51.100.300"
    assert _rules(data) == {
        "tunnels[0].cgw.ike.proposals[0]": "proposal.format",
        "tunnels[0].cgw.bgp.peer_asn": "peer.consistent",
        "tunnels[1].aws.router": "router.side",
        "tunnels[1].aws.ike.dpd_action": "dpd_action.choice",
        "tunnels[1].cgw.outside_ip": "address.ip",
        # the misplaced AWS endpoint also brings a second local ASN to the CGW router
        "routers[1]": "asn.consistent",
    }


def test_a_tunnel_as_configured_runs_a_device_s_asn_and_inside_mismatch(data):
    """dataplane_sync's tunnels are each end as its device has it: a wrong remote-as or a tunnel address in another /30
    runs (and fails as on real gear) instead of being refused; two ends on one address stay refused."""
    data["tunnels"][0]["cgw"]["bgp"]["peer_asn"] = 64513
    data["tunnels"][1]["cgw"]["inside"] = "169.254.11.6/30"
    assert _rules(data) == {"tunnels[0].cgw.bgp.peer_asn": "peer.consistent", "tunnels[1]": "inside.same_network"}
    for tunnel in data["tunnels"]:
        tunnel["as_configured"] = True
    spec = specmod.from_dict(data)
    assert (spec.tunnels[0].cgw.bgp.peer_asn, spec.tunnels[1].cgw.inside_ip) == (64513, "169.254.11.6")
    data["tunnels"][1]["cgw"]["inside"] = data["tunnels"][1]["aws"]["inside"]
    assert _rules(data) == {"tunnels[1]": "inside.same_network"}


def test_cgw_endpoints_may_share_an_outside_address_but_aws_ones_may_not(data):
    assert data["tunnels"][0]["cgw"]["outside_ip"] == data["tunnels"][1]["cgw"]["outside_ip"]
    data["tunnels"][1]["aws"]["outside_ip"] = data["tunnels"][0]["aws"]["outside_ip"]
    assert _rules(data)["tunnels[1].aws.outside_ip"] == "outside_ip.unique"


def test_both_ends_of_a_tunnel_use_one_outside_address_family(data):
    """IPv6 outside addresses (AWS's Ipv6) on both ends are a tunnel; one IPv6 end and one IPv4 end are not."""
    data["tunnels"][1]["cgw"]["outside_ip"] = "2001:db8:51::10"
    assert _rules(data) == {"tunnels[1].cgw.outside_ip": "outside_ip.family"}
    data["tunnels"][1]["aws"]["outside_ip"] = "2001:db8:ffff::10"
    assert specmod.from_dict(data).tunnels[1].aws.outside_ip == "2001:db8:ffff::10"


def test_psk_never_in_repr_or_errors(data):
    key = data["tunnels"][0]["aws"]["ike"]["psk"]
    spec = specmod.from_dict(data)
    assert key not in repr(spec)
    data["tunnels"][0]["aws"]["ike"]["psk"] = key + "\n"
    with pytest.raises(IntentErrors) as info:
        specmod.from_dict(data)
    assert "psk.format" in str(info.value) and key not in str(info.value)


def test_vici_connection_is_route_based_and_carries_no_secret(data):
    spec = specmod.from_dict(data)
    end = spec.tunnels[0].cgw
    conn = strongswan.connection("t1", end.outside_ip, spec.tunnels[0].aws.outside_ip, end.ike)["t1"]
    child = conn["children"]["t1"]
    assert (child["local_ts"], child["remote_ts"], child["start_action"]) == (["0.0.0.0/0"], ["0.0.0.0/0"], "start")
    assert conn["encap"] == "yes" and conn["local"] == {"auth": "psk", "id": "198.51.100.10"}
    assert end.ike.psk not in repr(conn)


def test_dpd_timeout_becomes_the_retransmission_budget():
    text = strongswan.strongswan_conf("/run/x", "/run/x/charon.log", 30)
    assert "  retransmit_timeout = 6.0" in text and "  retransmit_tries = 4" in text and "  retransmit_base = 1.0" in text
    assert "kernel-libipsec kernel-netlink" in text and "  install_routes = no" in text


def test_bgpd_conf_policies_and_drain(data):
    spec = specmod.from_dict(data)
    aws = spec.router("aws")
    sessions = [(i, t.cgw.inside_ip, t.aws.bgp) for i, t in enumerate(spec.tunnels)]
    text = frr.bgpd_conf(aws, sessions, "/var/run/frr/x/bgpd.log")
    assert " neighbor 169.254.10.2 remote-as 65000" in text and " neighbor 169.254.10.2 timers 10 30" in text
    assert "ip prefix-list EXPORT-0 permit 10.10.0.0/24" in text and "  network 10.10.0.0/24" in text
    assert "  neighbor 169.254.11.2 route-map OUT-1 out" in text and "  maximum-paths 1" in text
    assert " set metric 100" in text and " set metric 200" in text and "prepend" not in text
    drained = frr.bgpd_conf(aws, sessions, "/var/run/frr/x/bgpd.log", drained={0})
    out_0 = drained.split("route-map OUT-0 permit 10")[1].split("route-map")[0]
    assert " set metric %d" % frr.DRAIN_MED in out_0 and " set as-path prepend 64512 64512 64512" in out_0
    assert " set local-preference 50" in drained.split("route-map IN-0 permit 10")[1].split("route-map")[0]


@pytest.mark.parametrize("line, reason", [
    ("14[IKE] received NO_PROPOSAL_CHOSEN notify error", "NO_PROPOSAL_CHOSEN"),
    ("11[IKE] received proposals unacceptable", "NO_PROPOSAL_CHOSEN"),
    ("11[IKE] tried 1 shared key for 'a' - 'b', but MAC mismatched", "AUTHENTICATION_FAILED"),
    ("09[IKE] received AUTHENTICATION_FAILED notify error", "AUTHENTICATION_FAILED"),
    ("05[IKE] giving up after 4 retransmits", "no IKE response"),
    ("05[IKE] CHILD_SA t1{1} established with SPIs c1_i c2_o and TS 0.0.0.0/0 === 0.0.0.0/0", ""),
])
def test_reason_from_charon_log(tmp_path, line, reason):
    log = tmp_path / "charon.log"
    log.write_text("2026-11-25T14:59:09 01[IKE] initiating IKE_SA t1[1] to 203.0.113.10\n2026-11-25T14:59:10 " + line + "\n")
    assert strongswan.reason(str(log)).startswith(reason) if reason else strongswan.reason(str(log)) == ""


def _ping_output(replies: dict, sent: int, elapsed_ms: int) -> str:
    """What `ping -D` prints: {seq: reply time}, then the summary."""
    lines = ["[%.6f] 64 bytes from 10.10.0.10: icmp_seq=%d ttl=62 time=0.4 ms" % (t, seq) for seq, t in sorted(replies.items())]
    lines += ["", "--- 10.10.0.10 ping statistics ---",
              "%d packets transmitted, %d received, time %dms" % (sent, len(replies), elapsed_ms)]
    return "\n".join(lines) + "\n"


def test_probe_loss_window():
    replies = {seq: 1000 + 0.05 * seq for seq in (1, 2, 3, 9, 10, 12)}
    result = probe.parse(_ping_output(replies, 12, 600), 0.05)
    assert (result.sent, result.received, result.lost_seqs) == (12, 6, [4, 5, 6, 7, 8, 11])
    assert result.loss_window == 0.25
    assert result.replies_after_outage == 3     # 9, 10 and 12 after the outage 4-8 (11 is lost again)


def test_probe_timeline_is_every_reply_after_the_first_send():
    """What the drill keeps for the report page: the start (first reply less its sequence's sends) and each reply."""
    replies = {seq: 1000 + 0.05 * seq for seq in (2, 3, 9)}
    timeline = probe.parse(_ping_output(replies, 10, 500), 0.05).timeline()
    assert timeline == {"started": 1000.05, "replies": [[2, 0.05], [3, 0.1], [9, 0.4]]}
    assert probe.parse(_ping_output({}, 10, 500), 0.05).timeline() == {"started": None, "replies": []}


def test_probe_times_the_outage_while_ping_slows_down():
    """Seen under load: 108 packets lost but 31 s without a reply (ping slowed while nothing came back), and the
    deadline cut off the last packet's reply although traffic flowed again."""
    replies = {seq: 1000 + 0.05 * seq for seq in range(1, 38)}
    replies.update({seq: 1032.9 + 0.05 * (seq - 146) for seq in range(146, 265)})
    result = probe.parse(_ping_output(replies, 265, 39000), 0.05)
    assert result.lost_seqs[-1] == result.sent and len(result.lost_seqs) == 109
    assert result.loss_window == round(1032.9 - (1000 + 0.05 * 37) - 0.05, 3)     # 31 s, not 108 x 0.05
    assert result.replies_after_outage == 119


def test_probe_does_not_count_a_packet_in_flight_when_ping_had_its_replies():
    """Seen under load: -c 20 with a deadline counts replies; ping sent a 21st packet while reply 20 was late."""
    replies = {seq: 1000 + 0.05 * seq for seq in range(1, 21)}
    result = probe.parse(_ping_output(replies, 21, 1000), 0.05, count=20)
    assert (result.sent, result.received, result.lost_seqs) == (20, 20, [])
    short = probe.parse(_ping_output({seq: replies[seq] for seq in range(1, 15)}, 21, 2000), 0.05, count=20)
    assert short.lost_seqs == list(range(15, 22))     # fewer replies than asked for: every missing one is lost


def test_probe_with_traffic_never_back_times_the_outage_to_the_end():
    replies = {seq: 1000 + 0.05 * seq for seq in range(1, 20)}
    result = probe.parse(_ping_output(replies, 100, 5000), 0.05)
    assert result.replies_after_outage == 0
    assert result.loss_window == round((1000 + 0.05) + 5.0 - (1000 + 0.05 * 19), 3)   # first send ~ first reply


def test_a_stopped_probe_counts_the_last_second_in_flight_not_lost():
    replies = {seq: 1000 + 0.05 * seq for seq in range(1, 101)}
    result = probe.parse(_ping_output(replies, 115, 5700), 0.05, stopped=True)
    assert (result.sent, result.lost_seqs) == (100, [])         # 15 packets of the last second: no time to answer
    late = probe.parse(_ping_output(replies, 125, 6200), 0.05, stopped=True)
    assert late.lost_seqs == list(range(101, 126))             # more than a second without a reply: lost


def test_a_cgw_local_preference_sets_its_in_map_and_a_drain_overrides_it(data):
    data["tunnels"][0]["cgw"]["bgp"]["local_pref"] = 90
    spec = specmod.from_dict(data)
    cgw = spec.router("cgw")
    sessions = [(i, t.aws.inside_ip, t.cgw.bgp) for i, t in enumerate(spec.tunnels)]
    text = frr.bgpd_conf(cgw, sessions, "/var/run/frr/x/bgpd.log")
    assert " set local-preference 90" in text.split("route-map IN-0 permit 10")[1].split("route-map")[0]
    assert "local-preference" not in text.split("route-map IN-1 permit 10")[1].split("route-map")[0]
    drained = frr.bgpd_conf(cgw, sessions, "/var/run/frr/x/bgpd.log", drained={0})
    assert " set local-preference 50" in drained.split("route-map IN-0 permit 10")[1].split("route-map")[0]
    data["tunnels"][0]["cgw"]["bgp"]["local_pref"] = -1
    assert _rules(data)["tunnels[0].cgw.bgp.local_pref"] == "local_pref.range"


def test_only_a_bgp_policy_change_is_live(tmp_path, data):
    running = specmod.from_dict(data)
    lab = topology.Lab(running, LabState(tmp_path))
    changed = copy.deepcopy(data)
    changed["tunnels"][0]["cgw"]["bgp"].update(prepend=2, local_pref=90)
    assert topology._without_policy(specmod.from_dict(changed).to_dict()) == topology._without_policy(running.to_dict())  # pylint: disable=protected-access
    changed["tunnels"][0]["cgw"]["ike"]["psk"] = "another-key-of-enough-length"
    with pytest.raises(ValueError, match="changed beyond BGP policy"):
        lab.update_policy(specmod.from_dict(changed))
    assert lab.spec == running


def test_spec_loads_from_yaml_and_json(tmp_path, data):
    yaml_path, json_path = tmp_path / "lab.yml", tmp_path / "lab.json"
    yaml_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    json_path.write_text(json.dumps(data), encoding="utf-8")
    assert specmod.load(str(yaml_path)) == specmod.load(str(json_path)) == specmod.from_dict(data)
    json_path.write_text("[]", encoding="utf-8")
    with pytest.raises(specmod.SpecError, match=r"spec: must be a mapping \[type.mapping\]"):
        specmod.load(str(json_path))


def test_ha_pair_shares_one_lan_segment():
    spec = specmod.from_dict(examples.ha_pair("ut"))
    assert [r.name for r in spec.segment_routers("cgw")] == ["cgw", "cgwb"]
    assert [t.name for t in spec.tunnels_named("cgwb")] == ["t2"] and [t.name for t in spec.tunnels_named("t1")] == ["t1"]


def test_lan_segment_rules_are_named():
    cases = [({"router_ip": "192.168.11.1"}, "routers[2].lan.router_ip", "segment.distinct"),
             ({"segment": "aws"}, "routers[2].lan", "segment.consistent"),
             ({"segment": "Bad-Name"}, "routers[2].lan.segment", "name.format")]
    for change, where, rule in cases:
        data = examples.ha_pair("ut")
        data["routers"][2]["lan"].update(change)
        assert _rules(data)[where] == rule
    data = examples.ha_pair("ut")
    data["routers"][1]["lan"]["segment"] = "onprem"     # cgwb's segment "cgw" now names a router on another LAN
    assert _rules(data)["routers[2].lan.segment"] == "segment.unique"


def test_dataplane_sync_puts_cgws_of_one_lan_on_one_segment():
    from ansible_collections.hybridvpn.s2s.lab.dataplane_sync import translate   # pylint: disable=import-outside-toplevel
    routers = {}
    first, second = (translate._cgw_router(routers, name, "192.168.20.0/24") for name in ("labhaa", "labhab"))  # pylint: disable=protected-access
    alone = translate._cgw_router(routers, "labios", "192.168.11.0/24")  # pylint: disable=protected-access
    assert first["lan"] == {"cidr": "192.168.20.0/24", "router_ip": "192.168.20.1", "host_ip": "192.168.20.10", "segment": "labhaa"}
    assert second["lan"] == {"cidr": "192.168.20.0/24", "router_ip": "192.168.20.2", "host_ip": "192.168.20.11", "segment": "labhaa"}
    assert "segment" not in alone["lan"]


def test_device_state_carries_real_uptime_and_counters(tmp_path):
    """dataplane_sync writes what charon and FRR counted; the twins' show commands print it."""
    from ansible_collections.hybridvpn.s2s.lab.dataplane_sync import report   # pylint: disable=import-outside-toplevel
    from ansible_collections.hybridvpn.s2s.lab.device_twins import opstate   # pylint: disable=import-outside-toplevel

    class TwinSpec:  # pylint: disable=too-few-public-methods
        dataplane_file = str(tmp_path / "r1.dataplane.json")

    cgw_end = {"ike_state": "ESTABLISHED", "child_state": "INSTALLED", "ike_uptime": 125, "child_uptime": 95,
               "bytes_in": 8400, "bytes_out": 8316, "packets_in": 100, "packets_out": 99}
    status = {"tunnels": [{"tunnel": "t1", "reason": "", "endpoints": {"cgw": cgw_end},
                           "bgp": {"cgw": {"state": "Established", "accepted": 1, "uptime": 90, "msg_rcvd": 12, "msg_sent": 11}}}]}
    mapping = [{"tunnel": "t1", "twin": "r1", "device_tunnel": "vti1", "cgw_outside_ip": "198.51.100.13",
                "aws_outside_ip": "203.0.113.10", "aws_inside_ip": "169.254.10.1"}]
    spec = {"tunnels": [{"name": "t1", "aws": {"bgp": {"advertise": ["10.10.0.0/16"]}}}]}
    files = report.device_files(status, mapping, spec, {"r1": TwinSpec})
    assert json.loads((tmp_path / "r1.dataplane.json").read_text()) == files["r1"]
    tunnel = files["r1"]["tunnels"]["vti1"]
    assert (tunnel["uptime"], tunnel["ipsec_uptime"], tunnel["bytes_in"], tunnel["packets_out"]) == (125, 95, 8400, 99)
    model = {"tunnels": [{"name": "vti1", "peer": "203.0.113.10", "source": "198.51.100.13", "ike_gateway": "aws",
                          "crypto": {"ike_lifetime": 28800, "ipsec_lifetime": 3600, "ipsec_proposals": [{"encryption": ["aes256gcm128"]}]}}],
             "bgp": {"router_id": "192.168.13.1", "local_as": 65013, "neighbors": [{"address": "169.254.10.1", "remote_as": 64512}]}}
    assert "up       95s       8400B/8316B     100/99" in opstate.vyos_ipsec_sa(model, files["r1"])
    assert "Life/Active Time: 28800/125 sec" in opstate.ios_ikev2_sa(model, files["r1"])
    assert "#pkts encaps: 99" in opstate.ios_ipsec_sa(model, files["r1"])
    assert re.search(r"169\.254\.10\.1\s+4\s+64512\s+12\s+11 .* 00:01:30 +1", opstate.vyos_bgp_summary(model, files["r1"]))
    assert " 3505/ unlim" in opstate.junos_ipsec_sa(model, files["r1"])
    # Down: no stale counters.
    cgw_end["child_state"] = "NONE"
    assert report.device_files(status, mapping, spec, {"r1": TwinSpec})["r1"]["tunnels"]["vti1"]["bytes_in"] == 0


def test_ipv6_inside_tunnel_renders_ipv6_ts_and_bgp():
    spec = specmod.from_dict(examples.ipv6_inside("ut"))
    tunnel = spec.tunnels[0]
    assert tunnel.aws.inside_version == 6 and tunnel.aws.prefixlen == 126 and tunnel.aws.inside_ip.startswith("fd")
    child = strongswan.connection("t1", "203.0.113.10", "198.51.100.10", tunnel.aws.ike, 6)["t1"]["children"]["t1"]
    assert child["local_ts"] == child["remote_ts"] == ["::/0"]
    conf = frr.bgpd_conf(spec.router("aws"), [(0, tunnel.cgw.inside_ip, tunnel.aws.bgp)], "/dev/null")
    ipv4, ipv6 = conf.split(" address-family ipv4 unicast")[1].split(" address-family ipv6 unicast")
    assert "no neighbor %s activate" % tunnel.cgw.inside_ip in ipv4 and "network" not in ipv4
    assert "  neighbor %s activate" % tunnel.cgw.inside_ip in ipv6 and "  network 2001:db8:10::/64" in ipv6
    assert "ipv6 prefix-list EXPORT-0 permit 2001:db8:10::/64" in conf and "match ipv6 address prefix-list IMPORT-0" in conf
    assert " set ipv6 next-hop prefer-global" in conf.split("route-map IN-0")[1].split("route-map OUT-0")[0]


def test_ipv6_inside_needs_an_ipv6_lan():
    data = examples.ipv6_inside("ut")
    for key in ("cidr6", "router_ip6", "host_ip6"):
        del data["routers"][1]["lan"][key]
    assert _rules(data)["tunnels[0].cgw.inside"] == "inside.ipv6_lan"
    data = examples.ipv6_inside("ut")
    data["routers"][0]["lan"]["host_ip6"] = None
    assert _rules(data)["routers[0].lan"] == "lan.ipv6"
