# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lab brings up no IKE for a Junos twin whose external interface's zone does not admit it, and puts one whose gateway
binds a private local-address behind NAT (issue 16).

The twin starts from an SRX factory default (untrust admits dhcp and tftp on ge-0/0/0.0, no ike); the role's
rendered lines are committed onto it through the twin's own grammar; dataplane_sync's translation (cgw_side ->
translate) is called directly, as `python -m lab.dataplane_sync sync` calls it (the lab itself needs root)."""

from __future__ import annotations

import json

import pytest

from lab.dataplane import spec as labspec
from lab.dataplane_sync import cgw_side, translate
from lab.device_twins import junos, setstyle, spec as twinspec
from tests.unit.roles import junos_render, role_render

IKE_LINE = "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike"


def _twin(tmp_path, lines):
    twin = twinspec.build({"name": "cgw-junos", "platform": "junos", "port": 0, "password": "pw",
                           "state_file": str(tmp_path / "cgw-junos.state.json")}, {}, str(tmp_path))
    with open(twin.state_file, "w", encoding="utf-8") as handle:
        json.dump({"running": _config(lines).to_json()}, handle)
    return twin


def _config(lines):
    """The factory default with ``lines`` committed, through the twin's grammar (a line it refuses fails the test)."""
    return setstyle.tree_from_lines([line.format(hostname="cgw-junos") for line in junos.INITIAL] + lines,
                                    junos.GRAMMAR, junos.DIALECT)


def _role_lines(drop=(), **extra):
    conn = junos_render.connection(profile="strict", **extra)
    lines = junos_render.lines([conn]) + junos_render.lines([conn], template="keys.j2")
    return [line for line in lines if line not in drop]


def _aws_connections():
    conn = junos_render.connection(profile="strict")
    tunnels = [{"outside_ip": t["outside_ip"], "inside": t["aws_inside_ip"] + "/30", "psk": t["pre_shared_key"],
                "ike_versions": ["ikev2"], "phase1": (["AES256"], ["SHA2-256"], [20]), "phase2": (["AES256"], ["SHA2-256"], [20]),
                "phase1_lifetime": 28800, "phase2_lifetime": 3600, "rekey_margin": 540, "dpd_timeout": 30,
                "dpd_action": "clear", "start": False, "asn": 64512, "peer_asn": 65011, "advertise": ["10.10.0.0/16"]}
               for t in conn["tunnels"]]
    return [{"vpn_connection_id": conn["vpn_connection_id"], "cgw_ip": conn["local_address"], "tunnels": tunnels,
             "gateway": {"name": "vgw-lab", "kind": "vgw", "vpc_cidrs": ["10.10.0.0/16"]}}]


def test_the_factory_default_admits_no_ike():
    services = _config([]).node(["security", "zones", "security-zone", "untrust", "interfaces", "ge-0/0/0.0",
                                 "host-inbound-traffic", "system-services"])
    assert sorted(services) == ["dhcp", "tftp"]


def test_the_role_s_config_brings_both_tunnels_up_in_the_lab_spec(tmp_path):
    ends = cgw_side.endpoints(_twin(tmp_path, _role_lines()))
    assert len(ends) == 2 and all(end["ike_refused"] == "" for end in ends)
    spec, mapping, unpaired = translate.build(_aws_connections(), {"cgw-junos": ends})
    assert len(spec["tunnels"]) == 2 and len(mapping) == 2 and unpaired == []


def test_behind_nat_the_lab_binds_the_device_s_local_address_behind_a_nat_to_the_customer_gateway(tmp_path):
    """Issue 16: the device's gateway local-address (its private address) is where the lab's CGW endpoint binds; the
    NAT in front of it shows AWS the customer gateway address, which stays the CGW's IKE identity."""
    ends = cgw_side.endpoints(_twin(tmp_path, _role_lines(private_address=junos_render.PRIVATE_ADDRESS)))
    assert [end["source"] for end in ends] == [junos_render.PRIVATE_ADDRESS] * 2
    spec, _mapping, unpaired = translate.build(_aws_connections(), {"cgw-junos": ends})
    public = _aws_connections()[0]["cgw_ip"]
    assert unpaired == [] and [(t["cgw"]["outside_ip"], t["cgw"]["nat_public_ip"], t["cgw"]["ike"]["local_id"])
                               for t in spec["tunnels"]] == [(junos_render.PRIVATE_ADDRESS, public, public)] * 2
    assert [t.cgw.reachable_ip for t in labspec.from_dict(spec).tunnels] == [public] * 2
    # without a private address the device binds its external interface: no NAT, as before
    plain = translate.build(_aws_connections(), {"cgw-junos": cgw_side.endpoints(_twin(tmp_path, _role_lines()))})[0]
    assert [("nat_public_ip" in t["cgw"], t["cgw"]["outside_ip"]) for t in plain["tunnels"]] == [(False, public)] * 2


def test_without_the_ike_line_no_endpoint_is_built_and_the_reason_is_reported(tmp_path):
    ends = cgw_side.endpoints(_twin(tmp_path, _role_lines(drop=(IKE_LINE,))))
    reason = ("security zone untrust does not admit IKE on ge-0/0/0.0 (host-inbound-traffic system-services of the "
              "interface ge-0/0/0.0: dhcp tftp)")
    assert [end["ike_refused"] for end in ends] == [reason, reason]
    spec, mapping, unpaired = translate.build(_aws_connections(), {"cgw-junos": ends})
    assert spec["tunnels"] == [] and mapping == []
    assert [item["reason"] for item in unpaired] == ["cgw-junos drops IKE: " + reason] * 2


ZONE = "set security zones security-zone untrust "


@pytest.mark.parametrize("extra, admitted", [
    # AWS's sample admits ike at the zone: the interface's own list (dhcp, tftp) overrides it
    ([ZONE + "host-inbound-traffic system-services ike"], False),
    ([ZONE + "interfaces ge-0/0/0.0 host-inbound-traffic system-services all"], True),
    ([ZONE + "interfaces ge-0/0/0.0 host-inbound-traffic system-services all",
      ZONE + "interfaces ge-0/0/0.0 host-inbound-traffic system-services ike except"], False),
    # the interface in another zone: that zone's list counts
    (["set security zones security-zone internet interfaces ge-0/0/1.0",
      "set security zones security-zone internet host-inbound-traffic system-services ike"], None),
])
def test_which_list_admits_ike(tmp_path, extra, admitted):
    lines = _role_lines(drop=(IKE_LINE,)) + extra
    if admitted is None:    # the gateways moved to ge-0/0/1.0, whose zone has no interface-level list
        lines = [line.replace("external-interface ge-0/0/0.0", "external-interface ge-0/0/1.0") for line in lines]
        admitted = True
    refusals = junos.ike_refusals(_config(lines))
    assert len(refusals) == 2 and all((reason == "") == admitted for reason in refusals.values())


def test_an_interface_in_no_zone_drops_ike():
    lines = [line.replace("external-interface ge-0/0/0.0", "external-interface ge-0/0/2.0") for line in _role_lines()]
    refusals = junos.ike_refusals(_config(lines))
    assert set(refusals.values()) == {"external interface ge-0/0/2.0 is in no security zone: the SRX drops IKE on it"}


def test_ipv6_outside_addresses_commit_on_the_twin_and_become_a_lab_tunnel_between_ipv6_addresses(tmp_path):
    """Issue 19 item 6: the role's IPv6-outside lines (inet6 identities, IPv6 gateway addresses) pass the Junos twin's
    grammar and Juniper's YANG, and the lab spec built from them runs IKE between the CGW's and AWS's IPv6 addresses."""
    conn = role_render.ipv6_outside(junos_render.connection(profile="strict"))
    ends = cgw_side.endpoints(_twin(tmp_path, junos_render.lines([conn]) + junos_render.lines([conn], template="keys.j2")))
    assert [(end["peer_outside_ip"], end["local_id"]) for end in ends] == [
        (t["outside_ip"], conn["local_address"]) for t in conn["tunnels"]]
    aws = _aws_connections()
    aws[0]["cgw_ip"] = conn["local_address"]
    for tunnel, ipv6 in zip(aws[0]["tunnels"], conn["tunnels"]):
        tunnel["outside_ip"] = ipv6["outside_ip"]
    spec, _mapping, unpaired = translate.build(aws, {"cgw-junos": ends})
    assert unpaired == []
    assert [(t.cgw.outside_ip, t.aws.outside_ip) for t in labspec.from_dict(spec).tunnels] == [
        (conn["local_address"], t["outside_ip"]) for t in conn["tunnels"]]
