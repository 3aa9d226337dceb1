# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/troubleshoot.yml against the twins: the AWS twin and IOS-XE/VyOS device twins built by site.yml,
their tunnel state driven through lab.dataplane_sync's own report path (the data plane's status shape, no namespaces,
so no root): a healthy estate diagnoses healthy; a proposal mismatch, a wrong key and a BGP ASN mismatch
each get their cause and the vendor's fix; no key is printed. Last, on the same estate, the one ansible-rulebook run
(issue 20): tunnel maintenance events handled by the rulebook's playbooks."""

from __future__ import annotations

import datetime
import json
import re
import subprocess

import boto3
import pytest

from lab.dataplane import system
from lab.dataplane_sync import report as sync_report
import lab.device_twins as twins

from ..lab.conftest import BIN, E2ELab, ROOT
from ..operations import controller_standin
from ..operations.controller_standin import ControllerStandIn
from ..operations.test_eda_sources import put_alarms


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


def test_the_eda_activation_serialises_maintenance_of_both_tunnels_and_pages_while_a_partner_is_down(estate, tmp_path):
    """awx/eda.yml's rulebook activation, run as the EDA controller runs it (ansible-rulebook with the activation's
    rulebook, extra vars and credentials), its job templates launched on a stand-in of the automation controller's job
    API that runs awx/controller.yml's templates' playbooks (tests/integration/operations/controller_standin.py), once
    (issue 20): AWS Health announces maintenance on both tunnels of lab-ios's connection and on lab-vyos's tunnel 1
    while both of lab-vyos's tunnels are down. lab-ios's tunnels are replaced one after the other (drained, replaced,
    verified, undrained) and lab-vyos's refused with a page naming the reason; lab-vyos's alarms (the monitoring
    role's, through SNS) get a troubleshoot per down tunnel and the outage page. (The CLI rulebook, run_playbook, runs
    on the lab's data plane: tests/integration/lab/test_lab_e2e.py.)"""
    sqs, sns, cw = [estate.aws.client(name) for name in ("sqs", "sns", "cloudwatch")]
    alarms = estate.event_queues()["s2s-vpn-alarms"]
    topic = sns.create_topic(Name="s2s-vpn-alarms")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=sqs.get_queue_attributes(QueueUrl=alarms, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])
    ios, vyos = [_entry(estate, "lab-ios", i) for i in (0, 1)], [_entry(estate, "lab-vyos", i) for i in (0, 1)]
    estate.aws.settings(metrics_interval_seconds=3600)  # alarms change when the test evaluates them
    put_alarms(cw, [{"id": entries[0]["vpn_connection_id"], "name": entries[0]["twin"] + "-vpn1", "routing": "bgp",
                     "tunnels": [e["aws_outside_ip"] for e in entries]} for entries in (ios, vyos)], topic, period=10)  # the earlier tests' "up" left out
    _drive(estate, {vyos[0]["tunnel"]: (False, "Idle", "no IKE response"), vyos[1]["tunnel"]: (False, "Idle", "no IKE response")})

    def all_in_alarm():
        # the outage alarm's window can still hold an earlier "up" datapoint on a loaded machine: evaluate again
        estate.aws.evaluate_alarms()
        return {a["StateValue"] for a in cw.describe_alarms(AlarmNamePrefix="s2s-vpn-lab-vyos-vpn1")["MetricAlarms"]} == {"ALARM"}
    assert system.wait_for(all_in_alarm, 60, 2), cw.describe_alarms(AlarmNamePrefix="s2s-vpn-lab-vyos-vpn1")["MetricAlarms"]
    start = estate.aws.last_seq()
    for entry in (ios[0], ios[1], vyos[0]):
        estate.aws.maintenance(entry["vpn_connection_id"], entry["aws_outside_ip"], pending="Tunnel endpoint upgrade", auto_applied_after_seconds=86400)
    secrets = {"aws_events_access_key_id": "testing", "aws_events_secret_access_key": "testing",
               "controller_user": "eda", "controller_password": "eda-lab-password"}
    controller = ControllerStandIn({"hybridvpn example": estate.rulebook_inventory()}, estate.rulebook_env(), tmp_path,
                                   secrets["controller_user"], secrets["controller_password"])
    try:
        run = controller_standin.activation("hybridvpn tunnel events", dict(secrets, controller_host=controller.url), "us-east-1")
        env = dict(estate.rulebook_env(), **run["env"])
        output = estate.rulebook(6, args=run["args"], env=env, variables=run["variables"])
    finally:
        controller.stop()
    jobs = list(controller.jobs.values())
    assert sorted(j["template"] for j in jobs) == sorted(["hybridvpn maintenance"] * 3 + ["hybridvpn tunnel down"] * 2 + ["hybridvpn page"])
    assert all(j["status"] == "successful" for j in jobs), output[-6000:]
    assert all(j["extra_vars"]["ansible_eda"]["event"]["s2s"]["kind"] for j in jobs)   # the event reached every job
    output += "".join(j["output"] for j in jobs)
    every = estate.notifications()
    alarmed = [n for n in every if n["event"] in ("tunnel_down", "connection_down")]
    found = [n for n in every if n not in alarmed]
    assert [(n["kind"], n["event"], n.get("tunnel")) for n in found] == [
        ("report", "maintenance_applied", ios[0]["aws_outside_ip"]), ("report", "maintenance_applied", ios[1]["aws_outside_ip"]),
        ("page", "maintenance_refused", vyos[0]["aws_outside_ip"])], output[-6000:]
    assert all(n["all_up"] for n in found[:2])
    assert found[2]["reason"] == "maintenance on %s of %s refused: partner tunnel %s is DOWN" % (
        vyos[0]["aws_outside_ip"], vyos[0]["vpn_connection_id"], vyos[1]["aws_outside_ip"])
    # One troubleshoot per down tunnel, its diagnosis attached; the outage paged with the alarm's description.
    assert sorted((n["event"], n.get("outside_ip") or n.get("vpn_connection_id")) for n in alarmed) == sorted(
        [("tunnel_down", vyos[0]["aws_outside_ip"]), ("tunnel_down", vyos[1]["aws_outside_ip"]), ("connection_down", vyos[0]["vpn_connection_id"])])
    for page in (n for n in alarmed if n["event"] == "tunnel_down"):
        assert page["connection"] == "lab-vyos-vpn1", page
        assert all(any(line.startswith("lab-vyos-vpn1 %s: DOWN" % e["aws_outside_ip"]) for line in page["diagnosis"]) for e in vyos), page
    assert next(n for n in alarmed if n["event"] == "connection_down")["reason"].startswith("Outage: no tunnel of lab-vyos-vpn1")
    # Each of lab-ios's runs changed the device twice (drain, undrain); the refused run left lab-vyos alone.
    recaps = re.findall(r"^(lab-ios|lab-vyos)\s+: ok=\d+\s+changed=(\d+)", output, re.M)
    ios_changes = [int(changed) for name, changed in recaps if name == "lab-ios"]
    assert len(ios_changes) == 2 and min(ios_changes) >= 2, output[-6000:]
    assert {int(changed) for name, changed in recaps if name == "lab-vyos"} == {0}  # troubleshoot only reads
    # Undrained, lab-ios (active_active) prepends nothing again: the drain's prepend was removed, not left behind.
    ios_twin = {t.name: t for t in twins.load_spec(str(estate.twins_spec))}["lab-ios"]
    assert not [name for name, entries in twins.model(ios_twin)["route_maps"].items() for e in entries if e["set"].get("as_path")]
    keys = [t["PreSharedKey"] for c in _ec2(estate).describe_vpn_connections()["VpnConnections"]
            for t in c["Options"]["TunnelOptions"] if t.get("PreSharedKey")]
    assert keys and not [k for k in keys if k in output + json.dumps(every)]  # drained and undrained: no key shown
    # Planned, so silent: each replacement between turning its tunnel alarm's actions off and on again; all on after.
    steps = [e["action"] for e in estate.aws.ledger(start) if e["action"] in ("DisableAlarmActions", "ReplaceVpnTunnel", "EnableAlarmActions")]
    assert steps == ["DisableAlarmActions", "ReplaceVpnTunnel", "EnableAlarmActions"] * 2, steps
    assert all(a["ActionsEnabled"] for a in cw.describe_alarms(AlarmNamePrefix="s2s-vpn-lab-")["MetricAlarms"])
    replaced = [e for e in estate.aws.mutating_calls(start) if e["action"] == "ReplaceVpnTunnel"]
    assert len(replaced) == 2  # lab-ios's two tunnels, none of lab-vyos's
    # Serialised: the second replacement came after the first tunnel was reported back (its report written).
    first_report = datetime.datetime.strptime(found[0]["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
    assert replaced[0]["time"] < first_report < replaced[1]["time"]
