# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cost_model arithmetic against numbers worked out by hand (730 h a month)."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import cost_model

PRICE_FILE = pathlib.Path(__file__).resolve().parents[5] / "roles" / "cost_report" / "files" / "aws_prices.yml"
TABLE = {"as_of": "2026-11-25", "hours_per_month": 730,
         "default": {"vpn_connection_hour": 0.05, "tgw_attachment_hour": 0.05, "tgw_data_processing_gb": 0.02,
                     "accelerator_hour": 0.025, "accelerators_per_connection": 2, "accelerator_dt_premium_gb": 0.015,
                     "data_transfer_out_gb": 0.09, "vpn_concentrator_hour": 1.95, "vpn_concentrator_site_hour": 0.01,
                     "vpn_connection_large_hour": 0.6, "cloudwan_vpn_attachment_hour": 0.065,
                     "cloudwan_data_processing_gb": 0.02},
         "regions": {"eu-west-9": {"vpn_connection_hour": 0.06}}}
NOW = 1_800_000_000.0
SETTINGS = {"default_volume": {"gb_in": 100, "gb_out": 200}, "idle_days": 14, "down_hours": 24, "accel_min_gb": 100,
            "volume_source": "assumed", "now": NOW}
GB = cost_model.BYTES_PER_GB


def _conn(cid, site, gateway_type="vgw", accelerated=False, status=("UP", "UP"), changed=NOW - 3600, traffic=(GB, GB)):
    return {"vpn_connection_id": cid, "name": cid, "site": site, "gateway_type": gateway_type, "gateway_id": "gw-" + gateway_type,
            "accelerated": accelerated, "traffic_in_bytes": traffic[0], "traffic_out_bytes": traffic[1],
            "tunnels": [{"outside_ip": "203.0.113.%d" % i, "status": s, "last_status_change": changed} for i, s in enumerate(status, 1)]}


def test_the_shipped_price_file_is_dated_sourced_and_usable():
    table = yaml.safe_load(PRICE_FILE.read_text())
    prices = cost_model.prices_for(table, "us-east-1")
    assert prices["as_of"] == "2026-11-25" and prices["region_specific"] is True
    assert set(cost_model.PRICE_KEYS) <= set(table["sources"])
    assert all(src["url"].startswith("https://") and "confirmed" in src for src in table["sources"].values())
    assert cost_model.prices_for(table, "ap-south-1")["region_specific"] is False


def test_region_and_user_overrides_win():
    assert cost_model.prices_for(TABLE, "eu-west-9")["vpn_connection_hour"] == 0.06
    table = dict(TABLE, regions={"eu-west-9": {"vpn_connection_hour": 0.06, "tgw_attachment_hour": 0.07}})
    prices = cost_model.prices_for(table, "eu-west-9")
    assert (prices["data_transfer_out_gb"], prices["vpn_connection_hour"], prices["tgw_attachment_hour"]) == (0.09, 0.06, 0.07)


def test_a_bad_price_names_the_field():
    table = dict(TABLE, default=dict(TABLE["default"], tgw_attachment_hour="cheap"))
    with pytest.raises(cost_model.PriceError, match=r"prices.default.tgw_attachment_hour: must be a number"):
        cost_model.prices_for(table, "us-east-1")
    with pytest.raises(cost_model.PriceError, match=r"prices.hours_per_month"):
        cost_model.prices_for(dict(TABLE, hours_per_month=0), "us-east-1")


def test_vgw_connection_pays_hours_and_egress():
    prices = cost_model.prices_for(TABLE, "us-east-1")
    items = cost_model.connection_cost(_conn("vpn-a", "s1"), prices, {"gb_in": 100, "gb_out": 200})
    # 0.05 x 730 = 36.50; 200 GB x 0.09 = 18.00
    assert items == {"vpn_connection": 36.5, "tgw_attachment": 0.0, "tgw_data_processing": 0.0, "accelerator": 0.0,
                     "accelerator_dt_premium": 0.0, "data_transfer_out": 18.0}


def test_accelerated_tgw_connection_pays_every_line():
    prices = cost_model.prices_for(TABLE, "us-east-1")
    items = cost_model.connection_cost(_conn("vpn-b", "s2", "tgw", True), prices, {"gb_in": 100, "gb_out": 200})
    # attachment 0.05 x 730 = 36.50; processing 300 GB x 0.02 = 6.00; 2 accelerators x 0.025 x 730 = 36.50;
    # DT-Premium on the dominant direction 200 GB x 0.015 = 3.00
    assert items == {"vpn_connection": 36.5, "tgw_attachment": 36.5, "tgw_data_processing": 6.0, "accelerator": 36.5,
                     "accelerator_dt_premium": 3.0, "data_transfer_out": 18.0}


def test_measured_volume_scales_the_window_to_a_month():
    settings = dict(SETTINGS, volume_source="measured", hours_per_month=730)
    conn = _conn("vpn-m", "s1", traffic=(14 * GB, 28 * GB))   # 1 GB/day in, 2 GB/day out
    vol = cost_model.volume(conn, settings)
    # 730 h = 30.4167 days
    assert vol["source"] == "measured"
    assert vol["gb_in"] == pytest.approx(30.4167, abs=1e-3) and vol["gb_out"] == pytest.approx(60.8333, abs=1e-3)
    assert cost_model.volume(_conn("vpn-n", "s1", traffic=(None, None)), settings)["source"] == "assumed"
    site = dict(settings, volume_source="assumed", site_volumes={"s1": {"gb_out": 5}})
    assert cost_model.volume(conn, site) == {"gb_in": 100.0, "gb_out": 5.0, "source": "assumed"}


def test_findings_idle_down_and_needless_acceleration():
    settings = dict(SETTINGS, hours_per_month=730)
    idle = cost_model.findings(_conn("vpn-i", "s1", traffic=(0, 0)), {"vpn_connection": 36.5, "data_transfer_out": 18.0,
                                                                      "accelerator": 0, "accelerator_dt_premium": 0}, settings)
    assert [(f["kind"], f["monthly_saving"]) for f in idle] == [("idle", 54.5)]
    down = _conn("vpn-d", "s1", status=("DOWN", "DOWN"), changed=NOW - 30 * 3600)
    kinds = {f["kind"]: f for f in cost_model.findings(down, {"vpn_connection": 36.5, "accelerator": 0, "accelerator_dt_premium": 0}, settings)}
    assert kinds["both_tunnels_down"]["down_hours"] == 30.0
    recent = _conn("vpn-r", "s1", status=("DOWN", "DOWN"), changed=NOW - 3600)
    assert cost_model.findings(recent, {"vpn_connection": 36.5, "accelerator": 0, "accelerator_dt_premium": 0}, settings) == []
    one_up = _conn("vpn-u", "s1", status=("UP", "DOWN"), changed=NOW - 99 * 3600)
    assert cost_model.findings(one_up, {"vpn_connection": 36.5, "accelerator": 0, "accelerator_dt_premium": 0}, settings) == []
    # 1 GB in + 1 GB out over 14 days = 4.35 GB/month < 100
    accel = _conn("vpn-x", "s2", "tgw", accelerated=True)
    found = cost_model.findings(accel, {"vpn_connection": 36.5, "accelerator": 36.5, "accelerator_dt_premium": 3.0}, settings)
    assert [(f["kind"], f["monthly_saving"]) for f in found] == [("accelerated_without_need", 39.5)]
    busy = _conn("vpn-y", "s2", "tgw", accelerated=True, traffic=(500 * GB, 500 * GB))
    assert cost_model.findings(busy, {"vpn_connection": 36.5, "accelerator": 36.5, "accelerator_dt_premium": 3.0}, settings) == []


def test_break_even_between_vgw_and_tgw():
    prices = cost_model.prices_for(TABLE, "us-east-1")
    # one VPC: a TGW adds an attachment per connection and saves nothing
    one = cost_model.break_even(4, 1, prices, 0)
    assert one["break_even_connections"] is None and one["cheaper"] == "vgw"
    assert (one["vgw_monthly"], one["tgw_monthly"]) == (146.0, 328.5)   # 4 x 36.5; 4 x 73 + 36.5
    # three VPCs, no traffic: each connection saves 3 x 36.5 - 73 = 36.5; the 3 VPC attachments cost 109.5
    three = cost_model.break_even(3, 3, prices, 0)
    assert three["break_even_connections"] == 4
    assert (three["vgw_monthly"], three["tgw_monthly"], three["cheaper"]) == (328.5, 328.5, "vgw")
    four = cost_model.break_even(4, 3, prices, 0)
    assert (four["vgw_monthly"], four["tgw_monthly"], four["cheaper"]) == (438.0, 401.5, "tgw")
    # 500 GB per connection adds 10.00 of processing: saving 26.5 per connection, 109.5 / 26.5 = 4.13 -> 5
    assert cost_model.break_even(4, 3, prices, 500)["break_even_connections"] == 5


def test_report_adds_up_per_site_and_gateway():
    estate = {"region": "us-east-1",
              "connections": [_conn("vpn-a", "s1"), _conn("vpn-b", "s2", "tgw", True), _conn("vpn-c", "s2", "tgw")],
              "gateways": [{"id": "gw-vgw", "type": "vgw"}, {"id": "gw-tgw", "type": "tgw", "vpc_attachments": 1}]}
    out = cost_model.report(estate, TABLE, SETTINGS)
    totals = {r["vpn_connection_id"]: r["total"] for r in out["connections"]}
    # a: 36.5 + 18 = 54.5; b: 36.5 + 36.5 + 6 + 36.5 + 3 + 18 = 136.5; c: 36.5 + 36.5 + 6 + 18 = 97
    assert totals == {"vpn-a": 54.5, "vpn-b": 136.5, "vpn-c": 97.0}
    assert out["sites"] == [{"site": "s1", "connections": 1, "total": 54.5}, {"site": "s2", "connections": 2, "total": 233.5}]
    assert [(g["id"], g["total"]) for g in out["gateways"]] == [("gw-tgw", 36.5), ("gw-vgw", 0.0)]
    assert out["totals"] == {"connections": 288.0, "gateways": 36.5, "estate": 324.5}
    kinds = [f["kind"] for f in out["findings"]]
    assert kinds == ["accelerated_without_need", "gateway_break_even"]
    assert out["break_even"]["vpcs"] == 2 and out["prices"]["region_specific"] is False   # us-east-1 is not in TABLE


def test_a_hundred_sites_on_one_concentrator():
    """Each site pays the site-hour and no attachment of its own; the gateway pays the concentrator and its attachment."""
    prices = cost_model.prices_for(TABLE, "us-east-1")
    site = dict(_conn("vpn-c", "s3", "tgw"), concentrator_id="vcn-1")
    items = cost_model.connection_cost(site, prices, {"gb_in": 0, "gb_out": 0})
    assert (items["vpn_connection"], items["tgw_attachment"]) == (7.3, 0.0)  # 0.01 x 730
    gateway = cost_model.gateway_cost({"type": "tgw", "vpc_attachments": 1, "concentrators": 1}, prices)
    assert gateway == {"tgw_vpc_attachments": 36.5, "vpn_concentrators": 1460.0}  # (1.95 + 0.05) x 730
    # against 100 standard connections: 100 x (36.50 + 36.50) = 7300.00; on the concentrator 100 x 7.30 + 1460.00 = 2190.00
    assert round(100 * items["vpn_connection"] + gateway["vpn_concentrators"], 2) == 2190.0


def test_large_tunnels_pay_their_own_connection_hour():
    prices = cost_model.prices_for(TABLE, "us-east-1")
    items = cost_model.connection_cost(dict(_conn("vpn-l", "s4", "tgw"), large=True), prices, {"gb_in": 0, "gb_out": 0})
    assert (items["vpn_connection"], items["tgw_attachment"]) == (438.0, 36.5)  # 0.60 x 730; the attachment as usual


def test_a_cloudwan_connection_pays_the_core_network_attachment_and_its_processing():
    prices = cost_model.prices_for(TABLE, "us-east-1")
    items = cost_model.connection_cost(_conn("vpn-w", "s5", "cloudwan"), prices, {"gb_in": 100, "gb_out": 200})
    # 0.05 x 730; 0.065 x 730; 300 GB x 0.02; 200 GB x 0.09 egress
    assert (items["vpn_connection"], items["tgw_attachment"], items["tgw_data_processing"], items["data_transfer_out"]) == \
        (36.5, 47.45, 6.0, 18.0)
    assert items["accelerator"] == 0.0
