# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/troubleshoot.yml against the twins: the AWS twin and IOS-XE/VyOS device twins built by site.yml,
their tunnel state driven through lab.dataplane_sync's own report path (the data plane's status shape, no namespaces,
so no root): a healthy estate diagnoses healthy; a proposal mismatch, a wrong key and a BGP ASN mismatch
each get their cause and the vendor's fix; no key is printed."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import boto3
import pytest

from lab.dataplane_sync import report as sync_report
import lab.device_twins as twins

from ..lab.conftest import E2ELab, ROOT

BIN = pathlib.Path(sys.executable).parent


def _end(up: bool, reason: str = "") -> dict:
    return {"ike_state": "ESTABLISHED" if up else "CONNECTING", "child_state": "INSTALLED" if up else "NONE", "reason": reason,
            "ike_algorithms": "AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048" if up else "",
            "esp_algorithms": "AES_CBC_256/HMAC_SHA2_256_128/MODP_2048" if up else "", "ike_version": "IKEv2"}


def _status(mapping, faults) -> dict:
    """lab.dataplane's status shape, every tunnel up unless ``faults`` {tunnel: (ipsec_up, bgp_state, reason)} says otherwise."""
    tunnels = []
    for entry in mapping:
        ipsec, bgp, reason = faults.get(entry["tunnel"], (True, "Established", ""))
        up = ipsec and bgp == "Established"
        accepted = 1 if up else 0
        tunnels.append({"tunnel": entry["tunnel"], "up": up, "ipsec_up": ipsec, "reason": reason,
                        "endpoints": {"aws": _end(ipsec, reason), "cgw": _end(ipsec, reason)},
                        "bgp": {"aws": {"state": bgp, "accepted": accepted}, "cgw": {"state": bgp, "accepted": accepted}}})
    return {"lab": "troubleshoot", "tunnels": tunnels}


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    lab = E2ELab(tmp_path_factory.mktemp("troubleshoot"))
    try:
        push = lab.playbook("site.yml")
        assert push.returncode == 0, push.stdout[-3000:]
        sync = lab.dataplane_sync("sync", "--aws", lab.aws.endpoint_url, "--twins", str(lab.twins_spec))  # the spec and map only
        assert sync.returncode == 0, sync.stderr
        lab.mapping = json.loads((lab.tmp / "dataplane_sync" / "map.json").read_text())
        lab.spec = json.loads((lab.tmp / "dataplane_sync" / "spec.json").read_text())
        yield lab
    finally:
        lab.stop()


def _drive(lab, faults):
    """Report the state to both twins the way `lab.dataplane_sync report` does."""
    status = _status(lab.mapping, faults)
    specs = {t.name: t for t in twins.load_spec(str(lab.twins_spec))}
    sync_report.device_files(status, lab.mapping, lab.spec, specs)
    sync_report.aws_reports(status, lab.mapping, lab.aws.endpoint_url)


def _troubleshoot(lab, *extra):
    proc = subprocess.run([str(BIN / "ansible-playbook"), "playbooks/troubleshoot.yml", "-i", str(lab.inventory),
                           "-e", "@%s" % (lab.tmp / "extra.yml"), *extra],
                          cwd=str(ROOT), env=dict(lab.env(), ANSIBLE_CALLBACK_RESULT_FORMAT="json"), capture_output=True, text=True, check=False)
    return proc


def _ec2(lab):
    return boto3.client("ec2", endpoint_url=lab.aws.endpoint_url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")


def _modify_tunnel(ec2, entry, options):
    """Change a tunnel's options on the AWS side and wait, as an operator would, until the connection is available
    again: troubleshoot.yml diagnoses available connections only (a modifying one is not settled yet)."""
    ec2.modify_vpn_tunnel_options(VpnConnectionId=entry["vpn_connection_id"], VpnTunnelOutsideIpAddress=entry["aws_outside_ip"],
                                  TunnelOptions=options)
    ec2.get_waiter("vpn_connection_available").wait(VpnConnectionIds=[entry["vpn_connection_id"]],
                                                    WaiterConfig={"Delay": 1, "MaxAttempts": 60})


def _entry(lab, twin, index):
    return [m for m in lab.mapping if m["twin"] == twin][index]


def test_healthy_estate_diagnoses_healthy(estate):
    _drive(estate, {})
    proc = _troubleshoot(estate, "-e", "site=branch-ios")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert proc.stdout.count("HEALTHY -- healthy") == 2, proc.stdout[-3000:]
    assert "DOWN" not in proc.stdout


def test_needs_a_site_or_a_connection(estate):
    proc = _troubleshoot(estate)
    assert proc.returncode != 0 and "give one of -e site=" in proc.stdout


def test_proposal_mismatch_and_bgp_asn_mismatch_on_ios(estate):
    ec2 = _ec2(estate)
    first, second = _entry(estate, "lab-ios", 0), _entry(estate, "lab-ios", 1)
    # AWS accepts only AES128 in IKE on tunnel 1 (the device offers AES256): what the data plane then reports.
    _modify_tunnel(ec2, first, {"Phase1EncryptionAlgorithms": [{"Value": "AES128"}]})
    # The device's neighbour on tunnel 2 expects the wrong AWS ASN.
    bgp = subprocess.run([str(BIN / "ansible"), "lab-ios", "-i", str(estate.inventory),
                          "-e", "@%s" % (estate.tmp / "extra.yml"), "-m", "cisco.ios.ios_config",
                          "-a", "parents='router bgp 65011' lines='neighbor %s remote-as 65000'" % second["aws_inside_ip"]],
                         cwd=str(ROOT), env=estate.env(), capture_output=True, text=True, check=False)
    assert bgp.returncode == 0, bgp.stdout[-2000:]
    _drive(estate, {first["tunnel"]: (False, "Idle", "NO_PROPOSAL_CHOSEN: proposal mismatch (aws IKE CONNECTING/CHILD NONE)"),
                    second["tunnel"]: (True, "Active", "BGP aws Active, cgw Active")})
    proc = _troubleshoot(estate, "-e", "connection=lab-ios-vpn1")
    assert proc.returncode == 0, proc.stdout[-3000:]
    out = proc.stdout
    assert "%s: DOWN -- IKE (phase 1) proposal mismatch" % first["aws_outside_ip"] in out, out[-4000:]
    assert "AWS accepts AES128 (on ios: aes-cbc-128)" in out
    assert "encryption aes-cbc-128" in out   # the fix, in IOS words
    assert "%s: DOWN -- BGP ASN mismatch" % second["aws_outside_ip"] in out, out[-4000:]
    assert "remote-as 65000, AWS's side is ASN 64512" in out and "remote-as 64512" in out


def test_wrong_psk_on_vyos_never_printed(estate):
    from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk   # pylint: disable=import-outside-toplevel
    ec2 = _ec2(estate)
    first = _entry(estate, "lab-vyos", 0)
    key = psk.generate()
    _modify_tunnel(ec2, first, {"PreSharedKey": key})
    _drive(estate, {first["tunnel"]: (False, "Idle", "AUTHENTICATION_FAILED: pre-shared key or identity mismatch (aws IKE CONNECTING/CHILD NONE)")})
    proc = _troubleshoot(estate, "-e", "site=branch-vyos", "-vv")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "%s: DOWN -- pre-shared key mismatch" % first["aws_outside_ip"] in proc.stdout, proc.stdout[-4000:]
    assert "set vpn ipsec authentication psk <tag> secret <the tunnel's key>" in proc.stdout
    assert "%s: HEALTHY -- healthy" % _entry(estate, "lab-vyos", 1)["aws_outside_ip"] in proc.stdout
    assert key not in proc.stdout + proc.stderr
    keys = [t["PreSharedKey"] for c in ec2.describe_vpn_connections()["VpnConnections"] for t in c["Options"]["TunnelOptions"] if t.get("PreSharedKey")]
    assert keys and not [k for k in keys if k in proc.stdout + proc.stderr]
