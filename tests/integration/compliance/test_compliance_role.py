# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/audit.yml (role compliance) offline over the corpus: reports, threshold, check mode, no keys."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import xmlschema

from ..conftest import ROOT, recap

CORPUS = ROOT / "tests/unit/plugins/module_utils/fixtures/compliance"
SCHEMA = ROOT / "tests/unit/plugins/module_utils/fixtures/junit.xsd"
KEYS = [t["PreSharedKey"] for name in ("compliant.json", "weak.json")
        for c in json.loads((CORPUS / "aws" / name).read_text()) for t in c["Options"]["TunnelOptions"]]


def _device(path, platform=None):
    """A corpus file; its platform is its directory unless given (a file of bad/)."""
    if isinstance(path, tuple):
        path, platform = path
    platform = platform or path.split("/")[0]
    return {"name": path.split("/")[1].split(".")[0] + "-" + platform, "platform": platform, "path": str(CORPUS / path)}


def _audit(playbook, tmp_path, aws, devices, *args):
    extra = tmp_path / "vars.json"
    extra.write_text(json.dumps({
        "compliance_connection_files": [str(CORPUS / "aws" / a) for a in aws],
        "compliance_device_files": [_device(d) for d in devices],
        "compliance_device_hosts": [], "compliance_report_dir": str(tmp_path / "reports")}))
    return playbook.run("playbooks/audit.yml", "-i", "localhost,", "-c", "local", "-e", "@%s" % extra, *args)


def test_compliant_estate_passes_and_writes_every_report(playbook, tmp_path):
    proc = _audit(playbook, tmp_path, ["compliant.json"], ["ios/compliant.cfg", "junos/compliant.set", "vyos/compliant.set"])
    assert proc.returncode == 0, proc.stdout
    assert "0 finding(s)" in proc.stdout
    reports = tmp_path / "reports"
    xmlschema.validate(str(reports / "vpn-compliance.xml"), str(SCHEMA))
    data = json.loads((reports / "vpn-compliance.json").read_text())
    assert data["summary"]["fail"] == 0 and data["meta"]["devices"] == 3
    parser = HTMLParser()
    parser.feed((reports / "vpn-compliance.html").read_text())
    assert "Per-tunnel matrix" in (reports / "vpn-compliance.md").read_text()


def test_weak_estate_fails_at_threshold_without_printing_keys(playbook, tmp_path):
    # An empty file beside the weak one: the run still judges the weak config, and the empty one is an error.
    proc = _audit(playbook, tmp_path, ["compliant.json", "weak.json"], ["ios/weak.cfg", ("bad/empty.cfg", "ios")],
                  "-e", "compliance_fail_on=high", "-v")
    assert proc.returncode != 0
    assert recap(proc.stdout)["localhost"]["failed"] == 1
    assert "finding(s) at or above severity high" in proc.stdout
    reports = tmp_path / "reports"
    findings = json.loads((reports / "vpn-compliance.json").read_text())["results"]
    assert {"S2S-PSK-REUSE", "S2S-CONSIST-INSIDE", "S2S-DEVICE-WEAK-UNUSED", "S2S-INPUT"} <= {r["rule"] for r in findings if r["status"] == "fail"}
    assert "S2S-INPUT@input/devices[empty-ios]" in proc.stdout
    written = proc.stdout + proc.stderr + "".join(p.read_text() for p in reports.iterdir())
    assert not any(key in written for key in KEYS)
    junit = xmlschema.XMLSchema(str(SCHEMA))
    junit.validate(str(reports / "vpn-compliance.xml"))


def test_threshold_critical_reports_but_passes_and_check_mode_is_safe(playbook, tmp_path):
    proc = _audit(playbook, tmp_path, ["weak.json"], ["vyos/weak.set"], "-e", "compliance_fail_on=critical", "--check")
    assert proc.returncode == 0, proc.stdout
    counts = recap(proc.stdout)["localhost"]
    assert counts["changed"] == 0 and counts["failed"] == 0
    data = json.loads((tmp_path / "reports" / "vpn-compliance.json").read_text())
    assert data["summary"]["by_severity"]["high"] > 0


def test_bad_device_platform_fails_naming_the_field(playbook, tmp_path):
    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps({"compliance_device_files": [{"name": "r1", "platform": "eos", "path": str(CORPUS / "ios/weak.cfg")}],
                                 "compliance_connection_files": [str(CORPUS / "aws/weak.json")], "compliance_device_hosts": [],
                                 "compliance_report_dir": str(tmp_path / "reports")}))
    proc = playbook.run("playbooks/audit.yml", "-i", "localhost,", "-c", "local", "-e", "@%s" % extra)
    assert proc.returncode != 0
    assert "platform" in proc.stdout and "eos" in proc.stdout


def test_unknown_named_policy_fails_naming_it_and_the_known_ones(playbook, tmp_path):
    proc = _audit(playbook, tmp_path, ["weak.json"], ["vyos/weak.set"], "-e", "compliance_policy=pci",
                  "-e", '{"compliance_policies": {"branch": {"profile": "strict"}}}')
    assert proc.returncode != 0
    assert "compliance_policy: pci is not a policy of compliance_policies (branch" in proc.stdout
    assert not (tmp_path / "reports").exists()
