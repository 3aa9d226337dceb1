# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Report formats: JUnit valid against the vendored schema, HTML well-formed and escaped, no key anywhere."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
import xmlschema

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_inputs as inputs
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_report as report
from ansible_collections.hybridvpn.s2s.tests.unit.plugins.module_utils.compliance_corpus import all_keys, cases, run

SCHEMA = xmlschema.XMLSchema(os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "junit.xsd"))
META = {"profile": "recommended", "fail_on": "high", "generated": "2026-11-25T12:00:00+00:00"}
VOID = {"meta", "br", "hr", "img", "input", "link"}


def _results(name="ios_weak"):
    return run(next(c for c in cases() if c["name"] == name))


class _Structure(HTMLParser):
    """Checks tags nest and close, and collects the text and table ids."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tables, self.text, self.external = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append(attrs.get("id"))
        if tag in ("script", "link", "img") or attrs.get("src") or attrs.get("href"):
            self.external.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("name", [c["name"] for c in cases()])
def test_junit_is_valid_and_has_one_case_per_rule_tunnel_and_side(name):
    results = _results(name)
    text = report.to_junit(results, META)
    SCHEMA.validate(text)
    root = ElementTree.fromstring(text)
    assert len(root.findall("testsuite/testcase")) == len(results)
    inputs = [r for r in results if r["rule"] == "S2S-INPUT" and r["status"] == "fail"]
    assert int(root.get("failures")) == sum(r["status"] == "fail" for r in results) - len(inputs) == len(root.findall(".//failure"))
    assert int(root.get("errors")) == len(inputs) == len(root.findall(".//error"))


def test_junit_shows_an_unreadable_input_as_an_error_naming_file_device_and_line(tmp_path):
    truncated = tmp_path / "edge.cfg"  # a copy cut off mid-transfer: NUL and 0xff bytes after a few lines
    truncated.write_bytes(b"hostname edge\ncrypto ikev2 proposal P\n encryption aes-cbc-256\n\x00\x00\xff\xfe")
    read = inputs.read([], [{"name": "edge", "platform": "ios", "path": str(truncated)}], "salt")
    results = compliance.audit(read.connections, read.devices, compliance.policy("recommended"), problems=read.problems)
    root = ElementTree.fromstring(report.to_junit(results, META))
    [error] = root.findall(".//error")
    assert error.get("type") == "critical" and root.get("errors") == "1" and root.get("failures") == "0"
    assert str(truncated) in error.get("message") and "device edge" in error.get("message")
    assert "line 4" in error.get("message") and "binary or truncated" in error.get("message")


@pytest.mark.parametrize("name", ["ios_weak", "all_compliant"])
def test_html_is_self_contained_well_formed_with_matrix_and_fixes(name):
    results = _results(name)
    parser = _Structure()
    parser.feed(report.to_html(results, META))
    parser.close()
    assert parser.errors == [] and parser.stack == []
    assert parser.tables == ["matrix", "findings"] and parser.external == []
    text = " ".join(parser.text)
    for r in results:
        assert r["tunnel"] in text
        if r["status"] == "fail":
            assert r["fix"] in text


def test_html_and_markdown_escape_what_they_print():
    results = _results()
    results[0] = dict(results[0], messages=["<script>alert(1)</script> | pipe"])
    page = report.to_html(results, META)
    assert "<script>" not in page and "&lt;script&gt;" in page
    markdown = report.to_markdown(results, META)
    assert "<script>" not in markdown and "\\| pipe" in markdown


def test_json_round_trips_with_summary():
    results = _results()
    data = json.loads(report.to_json(results, META))
    assert data["summary"] == compliance.summary(results) and data["results"] == results


def test_markdown_lists_every_finding_with_fix_and_sources():
    results = _results()
    markdown = report.to_markdown(results, META)
    failed = [r for r in results if r["status"] == "fail"]
    assert markdown.count("\n### ") == len(failed)
    assert "NIST SP 800-77 Rev. 1" in markdown and "## Per-tunnel matrix" in markdown


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_no_format_ever_contains_a_key(fmt):
    keys = all_keys()
    for case in cases():
        text = report.render(fmt, run(case), META)
        assert not any(key in text for key in keys), case["name"]


def test_waived_findings_show_in_every_format_without_failing_ci():
    results = _results()
    for r in results:
        if r["rule"] == "S2S-DPD" and r["status"] == "fail":
            r["status"], r["waiver"] = "waived", {"reason": "DPD <off> by design", "expires": "2030-01-31"}
    meta = dict(META, policy="branch-policy")
    junit = report.render("junit", results, meta)
    SCHEMA.validate(junit)
    skipped = [c for c in ElementTree.fromstring(junit).iter("testcase")
               if c.find("skipped") is not None and c.find("skipped").get("message").startswith("waived")]
    assert skipped and all("DPD <off> by design (until 2030-01-31)" in c.find("skipped").get("message") for c in skipped)
    markdown = report.render("markdown", results, meta)
    assert "## Waived findings" in markdown and "branch-policy (profile recommended)" in markdown
    page = _Structure()
    page.feed(report.render("html", results, meta))
    assert not page.errors and "waived" in page.tables and "DPD <off> by design (until 2030-01-31)" in "".join(page.text)
    assert json.loads(report.render("json", results, meta))["summary"]["waived"] == len(skipped)
