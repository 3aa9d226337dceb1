# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compliance results -> JSON, JUnit XML, Markdown and a self-contained HTML page.

Results come from compliance.audit and hold no key material (fingerprints are not even
copied into results), so every format can be published as is. All text is escaped for
its format: XML via ElementTree, HTML via html.escape, Markdown table cells via _md.
"""

from __future__ import annotations

import html
import json
from xml.etree import ElementTree

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles

FORMATS = ("json", "junit", "markdown", "html")
_MARK = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP", "waived": "WAIVED"}


def to_json(results, meta) -> str:
    return json.dumps({"meta": meta, "summary": compliance.summary(results), "results": results}, indent=2, sort_keys=True)


def to_junit(results, meta) -> str:
    """One testsuite per tunnel, one testcase per rule and side (Jenkins/xunit JUnit schema)."""
    suites = ElementTree.Element("testsuites", name="hybridvpn.s2s compliance (%s)" % meta["profile"])
    by_tunnel = {}
    for r in results:
        by_tunnel.setdefault(r["tunnel"], []).append(r)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for tunnel, items in sorted(by_tunnel.items()):
        errors = compliance.input_errors(items)
        counts = {"tests": len(items), "failures": sum(r["status"] == "fail" for r in items) - len(errors),
                  "errors": len(errors), "skipped": sum(r["status"] in ("skip", "waived") for r in items)}
        suite = ElementTree.SubElement(suites, "testsuite", name=tunnel, time="0", **{k: str(v) for k, v in counts.items()})
        for key in totals:
            totals[key] += counts[key]
        for r in items:
            case = ElementTree.SubElement(suite, "testcase", name="%s (%s)" % (r["rule"], r["side"]),
                                          classname=tunnel, time="0")
            text = "\n".join(r["messages"])
            if r["status"] == "fail":  # an unreadable input is an error: the check could not run
                failure = ElementTree.SubElement(case, "error" if r["rule"] == compliance.INPUT_RULE else "failure", type=r["severity"],
                                                 message="[%s] %s: %s" % (r["severity"], r["title"], r["messages"][0]))
                failure.text = "%s\nFix: %s\nSources: %s" % (text, r["fix"], ", ".join(r["sources"]))
            elif r["status"] == "skip":
                ElementTree.SubElement(case, "skipped", message=text)
            elif r["status"] == "waived":  # CI shows it, and does not fail on it
                ElementTree.SubElement(case, "skipped", message="waived [%s]: %s" % (r["severity"], _waiver_text(r)))
    for key, value in totals.items():
        suites.set(key, str(value))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def _waiver_text(result) -> str:
    waiver = result["waiver"]
    return "%s (until %s)" % (waiver["reason"], waiver["expires"]) if waiver["expires"] else waiver["reason"]


def _counts(s) -> str:
    return "%d checks: %d pass, %d fail (%d unreadable input), %d waived, %d skipped" % (
        s["total"], s["pass"], s["fail"], s["input_errors"], s["waived"], s["skip"])


def _policy(meta) -> str:
    """The profile, and the named policy it came from when there is one."""
    return "%s (profile %s)" % (meta["policy"], meta["profile"]) if meta.get("policy") else meta["profile"]


def _md(text) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _matrix(results):
    """tunnel -> rule -> worst result (across sides), and the rule ids in table order."""
    rules = [r for r in compliance.RULES if any(x["rule"] == r for x in results)]
    cells = {}
    for r in results:
        row = cells.setdefault(r["tunnel"], {})
        old = row.get(r["rule"])
        if old is None or compliance._rank(r) > compliance._rank(old):  # pylint: disable=protected-access
            row[r["rule"]] = r
    return cells, rules


def _cell(result) -> str:
    if result is None:
        return "-"
    return "%s %s" % (_MARK[result["status"]], result["severity"]) if result["status"] in ("fail", "waived") else _MARK[result["status"]]


def to_markdown(results, meta) -> str:
    s = compliance.summary(results)
    lines = ["# VPN compliance report", "",
             "Policy **%s** (%s); fail threshold **%s**; generated %s." % (
                 _md(_policy(meta)), _md(profiles.get(meta["profile"]).description), meta["fail_on"], meta["generated"]), "",
             "%s. Failures by severity: %s." % (
                 _counts(s), ", ".join("%s %d" % (k, v) for k, v in s["by_severity"].items() if v) or "none"), "",
             "## Per-tunnel matrix", ""]
    cells, rules = _matrix(results)
    lines.append("| Tunnel | " + " | ".join(rules) + " |")
    lines.append("|---" * (len(rules) + 1) + "|")
    for tunnel in sorted(cells):
        lines.append("| %s | %s |" % (_md(tunnel), " | ".join(_cell(cells[tunnel].get(r)) for r in rules)))
    lines += ["", "## Findings and fixes", ""]
    failed = [r for r in results if r["status"] == "fail"]
    failed.sort(key=lambda r: (-compliance.SEVERITIES.index(r["severity"]), r["tunnel"], r["rule"]))
    if not failed:
        lines.append("No findings.")
    for r in failed:
        lines += ["### %s %s - %s (%s, %s)" % (r["rule"], _md(r["title"]), _md(r["tunnel"]), r["side"], r["severity"]), "",
                  "- Found: %s" % _md("; ".join(r["messages"])),
                  "- Fix: %s" % _md(r["fix"]),
                  "- Sources: %s" % ", ".join(_md(profiles.SOURCES[x]) for x in r["sources"]), ""]
    waived = [r for r in results if r["status"] == "waived"]
    if waived:
        lines += ["## Waived findings", "", "| Rule | Tunnel | Side | Severity | Waiver |", "|---|---|---|---|---|"]
        lines += ["| %s | %s | %s | %s | %s |" % (r["rule"], _md(r["tunnel"]), r["side"], r["severity"], _md(_waiver_text(r)))
                  for r in waived]
    return "\n".join(lines) + "\n"


_CSS = """body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;
font-size:12px}.pass{background:#cfc}.fail{background:#fcc}.skip{background:#eee}.waived{background:#ffd}th.rot{writing-mode:vertical-rl}"""


def to_html(results, meta) -> str:
    esc = html.escape
    s = compliance.summary(results)
    cells, rules = _matrix(results)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>VPN compliance report</title>',
           "<style>%s</style></head><body>" % _CSS,
           "<h1>VPN compliance report</h1>",
           "<p>Policy <b>%s</b>; fail threshold <b>%s</b>; generated %s.</p>"
           % (esc(_policy(meta)), esc(meta["fail_on"]), esc(meta["generated"])),
           "<p>%s.</p>" % esc(_counts(s)),
           "<h2>Per-tunnel matrix</h2>", '<table id="matrix"><thead><tr><th>Tunnel</th>']
    out += ['<th class="rot" title="%s">%s</th>' % (esc(compliance.RULES[r].title), esc(r)) for r in rules]
    out.append("</tr></thead><tbody>")
    for tunnel in sorted(cells):
        row = ["<tr><th>%s</th>" % esc(tunnel)]
        for rule in rules:
            r = cells[tunnel].get(rule)
            row.append('<td class="%s" title="%s">%s</td>' % (r["status"] if r else "", esc("; ".join(r["messages"])) if r else "",
                                                              esc(_cell(r))))
        out.append("".join(row) + "</tr>")
    out += ["</tbody></table>", "<h2>Findings and fixes</h2>", '<table id="findings"><thead><tr><th>Severity</th><th>Rule</th>'
            "<th>Tunnel</th><th>Side</th><th>Found</th><th>Fix</th><th>Sources</th></tr></thead><tbody>"]
    failed = sorted((r for r in results if r["status"] == "fail"),
                    key=lambda r: (-compliance.SEVERITIES.index(r["severity"]), r["tunnel"], r["rule"]))
    for r in failed:
        out.append("<tr><td>%s</td><td>%s<br>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
            esc(r["severity"]), esc(r["rule"]), esc(r["title"]), esc(r["tunnel"]), esc(r["side"]),
            esc("; ".join(r["messages"])), esc(r["fix"]), esc(", ".join(profiles.SOURCES[x] for x in r["sources"]))))
    out.append("</tbody></table>")
    waived = [r for r in results if r["status"] == "waived"]
    if waived:
        out += ["<h2>Waived findings</h2>", '<table id="waived"><thead><tr><th>Rule</th><th>Tunnel</th><th>Side</th>'
                "<th>Severity</th><th>Waiver</th></tr></thead><tbody>"]
        out += ["<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
            esc(r["rule"]), esc(r["tunnel"]), esc(r["side"]), esc(r["severity"]), esc(_waiver_text(r))) for r in waived]
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS = {"json": to_json, "junit": to_junit, "markdown": to_markdown, "html": to_html}
EXTENSIONS = {"json": "json", "junit": "xml", "markdown": "md", "html": "html"}


def render(fmt, results, meta) -> str:
    return RENDERERS[fmt](results, meta)
