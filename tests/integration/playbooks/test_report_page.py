# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/report.yml on the inputs recorded from a real run of the lab demo estate (tests/fixtures/report: what
verify.yml, failover_drill.yml, audit.yml and cost_report.yml kept, and the monitoring derived from it), and the page in a real browser: Debian's
headless chromium through its chromedriver (lab/dataplane/host.browser_programs), driven by selenium.

The screenshot of the page is kept as a test artifact: tests/output/report/report-page.png.
"""

from __future__ import annotations

import json
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from lab.dataplane import host

from ..conftest import ROOT, PlaybookRunner, recap

FIXTURES = ROOT / "tests" / "fixtures" / "report"
ARTIFACT = ROOT / "tests" / "output" / "report" / "report-page.png"
INPUTS = ("vpn-verify.json", "vpn-drill.json", "vpn-compliance.json", "vpn-cost.json", "vpn-monitoring.json")
GREEN, RED = "#2e7d32", "#c62828"


def _fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The page written from the recorded inputs, then a second run in check and diff mode (nothing to change)."""
    out = tmp_path_factory.mktemp("report")
    for name in INPUTS:
        shutil.copy(FIXTURES / name, out / name)
    runner = PlaybookRunner(out)
    first = runner.run("playbooks/report.yml", "-e", "s2s_report_dir=%s" % out, check=True)
    again = runner.run("playbooks/report.yml", "-e", "s2s_report_dir=%s" % out, "--check", "--diff", check=True)
    return out, first, again


@pytest.fixture(scope="module")
def browser(report):
    options = webdriver.ChromeOptions()
    options.binary_location = host.CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(host.CHROMEDRIVER), options=options)
    driver.get((report[0] / "vpn-report.html").as_uri())
    yield driver
    driver.quit()


def test_report_writes_the_page_and_its_json_once(report):
    out, first, again = report
    assert recap(first.stdout)["localhost"]["failed"] == 0
    assert "%s/vpn-report.html: 10 tunnel(s), 10 up on both ends" % out in " ".join(first.stdout.split()), first.stdout[-2000:]
    assert recap(again.stdout)["localhost"]["changed"] == 0, again.stdout[-2000:]
    data = json.loads((out / "vpn-report.json").read_text())
    assert data["missing"] == [] and len(data["tunnels"]) == 10 and len(data["drills"]["events"]) == 3


def test_no_key_of_the_lab_in_the_page_or_its_json(report):
    out = report[0]
    written = (out / "vpn-report.html").read_text() + (out / "vpn-report.json").read_text()
    keys = _fixture("lab-keys.json")["keys"]
    assert len(keys) == 10 and [k for k in keys if k in written] == []


def test_the_page_loads_without_console_errors(browser):
    assert browser.title == "VPN estate us-east-1"
    assert browser.find_element(By.ID, "topology").is_displayed()
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []


def test_every_tunnel_is_drawn_in_the_state_verify_reported(browser):
    # Expected from verify's record alone: both ends up -> green both halves; each half takes its own end's colour.
    expected = {}
    for conn in _fixture("vpn-verify.json")["connections"]:
        for tunnel in conn["tunnels"]:
            aws_up, device_up = tunnel["aws"]["status"] == "UP", bool((tunnel["device"] or {}).get("up"))
            expected["%s/%s" % (conn["vpn_connection_id"], tunnel["outside_ip"])] = (
                "up" if aws_up and device_up else "down" if not (aws_up or device_up) else "partial",
                GREEN if device_up else RED, GREEN if aws_up else RED)
    drawn = {}
    for group in browser.find_elements(By.CSS_SELECTOR, "#topology g.tunnel"):
        device_half, aws_half = group.find_elements(By.TAG_NAME, "line")
        assert device_half.rect["width"] > 100 and aws_half.rect["width"] > 100
        drawn[group.get_attribute("data-tunnel")] = (group.get_attribute("data-state"), device_half.get_attribute("stroke"),
                                                     aws_half.get_attribute("stroke"))
    assert drawn == expected and len(drawn) == 10


def test_each_drill_timeline_shows_the_loss_window_the_drill_measured(browser):
    drill = _fixture("vpn-drill.json")
    kept = drill["events"]
    hold = max(t["bgp_hold_time"] for c in _fixture("vpn-verify.json")["connections"] if c["cgw"]["name"] == drill["cgw"] for t in c["tunnels"])
    timelines = browser.find_elements(By.CSS_SELECTOR, "svg.drill")
    assert [t.get_attribute("data-event") for t in timelines] == [e["name"] for e in kept]
    lossy = 0
    for timeline, event in zip(timelines, kept):
        window = event["probe"]["loss_window_s"]
        assert float(timeline.get_attribute("data-loss-window")) == window
        assert timeline.find_elements(By.CSS_SELECTOR, "line.event") and timeline.find_elements(By.CSS_SELECTOR, "line.bound")
        losses = timeline.find_elements(By.CSS_SELECTOR, "rect.loss")
        if window > 0:
            lossy += 1
            # The red band is as wide on screen as the measured window on the drawing's time scale (one event line
            # to its hold-time bound: the hold time).
            event_x = timeline.find_element(By.CSS_SELECTOR, "line.event").rect["x"]
            bound_x = timeline.find_element(By.CSS_SELECTOR, "line.bound").rect["x"]
            px_per_second = (bound_x - event_x) / hold
            assert len(losses) == 1 and abs(losses[0].rect["width"] / px_per_second - window) < 0.2
        else:
            assert losses == []
    assert lossy >= 1


def test_each_tunnel_lists_its_alarms_and_each_gateway_its_monitoring(browser):
    kept = _fixture("vpn-monitoring.json")
    expected = {"%s/%s" % (c["vpn_connection_id"], t["outside_ip"]): [t["alarm"]["name"], c["outage_alarm"]["name"]]
                for c in kept["connections"] for t in c["tunnels"]}
    listed = {}
    for cell in browser.find_elements(By.CSS_SELECTOR, "table.tunnels div.tunnel-alarms"):
        alarms = cell.find_elements(By.CSS_SELECTOR, "li.alarm")
        assert all(a.is_displayed() and a.get_attribute("data-alarm") in a.text for a in alarms)
        listed[cell.get_attribute("data-tunnel")] = [a.get_attribute("data-alarm") for a in alarms]
    assert listed == expected and len(listed) == 10
    sections = {s.get_attribute("data-gateway"): s.text for s in browser.find_elements(By.CSS_SELECTOR, "#monitoring div.monitoring")}
    assert sorted(sections) == sorted(g["name"] for g in kept["gateways"])
    for conn in kept["connections"]:
        text = sections[conn["gateway"]]
        assert conn["outage_alarm"]["name"] in text and conn["log_group"] in text and "dashboard s2s-vpn-" + conn["gateway"] in text
    assert kept["topic_arn"] in browser.find_element(By.ID, "monitoring").text


def test_screenshot_is_kept_as_a_test_artifact(browser):
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, height)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACT)) and ARTIFACT.stat().st_size > 10000
