# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The keys a test creates never appear in -vvvv output, diffs or returned facts unless asked for."""

from __future__ import annotations

import json

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk


def vpn(cgw: str, vgw: str, **args) -> dict:
    spec = {"customer_gateway_id": cgw, "vpn_gateway_id": vgw, "tags": {"Name": "psk-test"}}
    spec.update(args)
    return {"name": "vpn", "hybridvpn.s2s.vpn_connection": spec, "register": "vpn"}


def new_cgw(ec2) -> str:
    return ec2.create_customer_gateway(BgpAsn=65010, IpAddress="198.51.100.10", Type="ipsec.1")["CustomerGateway"]["CustomerGatewayId"]


def test_given_generated_and_changed_keys_stay_out_of_verbose_output_and_diffs(playbook, ec2, gateways, psks):
    cgw = new_cgw(ec2)
    given = psk.generate_distinct(2)
    create = vpn(cgw, gateways.vgw, tunnel_options=[{"pre_shared_key": given[0]}, {"pre_shared_key": given[1]}])
    created = playbook([create], verbosity=4, diff=True, callback="default")
    assert created.rc == 0, created.output[-3000:]
    vpn_id = ec2.describe_vpn_connections()["VpnConnections"][0]["VpnConnectionId"]
    assert sorted(psks(vpn_id)) == sorted(given)

    rotated = psk.generate_distinct(2, avoid=given)
    change = vpn(cgw, gateways.vgw, tunnel_options=[{"pre_shared_key": rotated[0]}, {"pre_shared_key": rotated[1]}])
    changed = playbook([change], verbosity=4, diff=True, callback="default")
    assert changed.rc == 0, changed.output[-3000:]
    assert "pre_shared_key" in changed.stdout  # the change is reported by field name ...
    assert sorted(psks(vpn_id)) == sorted(rotated)
    for key in given + rotated:  # ... never by value
        assert key not in created.output and key not in changed.output

    structured = playbook([change], diff=True)
    assert not structured.task("vpn")["changed"]
    assert not any(k in json.dumps(structured.results) for k in rotated)


def test_generated_keys_are_distinct_valid_and_hidden(playbook, ec2, gateways, psks):
    cgw = new_cgw(ec2)
    run = playbook([vpn(cgw, gateways.vgw, generate_pre_shared_keys=True)], verbosity=4, diff=True, callback="default")
    assert run.rc == 0, run.output[-3000:]
    vpn_id = ec2.describe_vpn_connections()["VpnConnections"][0]["VpnConnectionId"]
    keys = psks(vpn_id)
    assert len(set(keys)) == 2 and all(psk.problems(k) == [] for k in keys)
    assert not any(k in run.output for k in keys)  # nor through the CustomerGatewayConfiguration XML, which holds them


def test_keys_are_returned_only_when_asked_and_only_under_no_log(playbook, ec2, gateways, psks):
    cgw = new_cgw(ec2)
    assert playbook([vpn(cgw, gateways.vgw, generate_pre_shared_keys=True)]).rc == 0
    vpn_id = ec2.describe_vpn_connections()["VpnConnections"][0]["VpnConnectionId"]
    keys = psks(vpn_id)

    refused = playbook([vpn(cgw, gateways.vgw, return_pre_shared_keys=True)])
    assert refused.task("vpn")["failed"] and "no_log" in refused.task("vpn")["msg"]

    asked = dict(vpn(cgw, gateways.vgw, return_pre_shared_keys=True), no_log=True)
    check = {"name": "keys returned", "ansible.builtin.assert": {"quiet": True, "that": [
        # case_sensitive: Jinja's sort ignores case by default, Python's sorted does not (keys mix cases).
        "vpn.vpn_connection.tunnels | map(attribute='pre_shared_key') | sort(case_sensitive=true) == %s" % json.dumps(sorted(keys))]}}
    run = playbook([asked, check], verbosity=4, callback="default")
    assert run.rc == 0, run.output[-3000:]
    assert not any(k in run.output for k in keys)

    info = {"name": "info", "hybridvpn.s2s.vpn_connection_info": {
        "vpn_connection_ids": [vpn_id], "device_type_id": "{{ types.device_types[0].vpn_connection_device_type_id }}",
        "ike_version": "ikev2"}, "register": "sample", "no_log": True}
    types = {"name": "types", "hybridvpn.s2s.vpn_connection_info": {"vpn_connection_ids": [vpn_id], "list_device_types": True},
             "register": "types"}
    sample_check = {"name": "sample has the keys", "ansible.builtin.assert": {"quiet": True, "that": [
        "'%s' in sample.vpn_connections[0].sample_configuration" % keys[0]]}, "no_log": True}
    run = playbook([types, info, sample_check], verbosity=4, callback="default")
    assert run.rc == 0, run.output[-3000:]
    assert not any(k in run.output for k in keys)
