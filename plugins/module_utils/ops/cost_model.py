# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Monthly cost of a VPN estate and the findings that would lower it: pure arithmetic, no AWS calls.

The price table is data (roles/cost_report/files/aws_prices.yml): ``default`` prices, per-Region
overrides under ``regions`` (the role merges the user's overrides over the file). The estate is what the cost_report
module read from AWS (see ``report`` for its shape). Money is USD per month of ``hours_per_month``.
"""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

PRICE_KEYS = ("vpn_connection_hour", "tgw_attachment_hour", "tgw_data_processing_gb", "accelerator_hour",
              "accelerators_per_connection", "accelerator_dt_premium_gb", "data_transfer_out_gb",
              "vpn_concentrator_hour", "vpn_concentrator_site_hour", "vpn_connection_large_hour",
              "cloudwan_vpn_attachment_hour", "cloudwan_data_processing_gb")
LINE_ITEMS = ("vpn_connection", "tgw_attachment", "tgw_data_processing", "accelerator", "accelerator_dt_premium",
              "data_transfer_out")
BYTES_PER_GB = 1000 ** 3   # AWS bills decimal gigabytes
VGW_CONNECTION_LIMIT = 10  # VPN connections per virtual private gateway


class PriceError(S2SError):
    """A price table that cannot be used; the message names the field."""


def prices_for(table: dict, region: str) -> dict:
    """Effective prices for ``region``: the table's ``default`` with the Region's overrides, plus
    ``as_of``, ``currency``, ``hours_per_month`` and ``region_specific`` (false: the Region is not in the table)."""
    regions = table.get("regions") or {}
    prices = dict(table.get("default") or {}, **(regions.get(region) or {}))
    for key in PRICE_KEYS:
        value = prices.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise PriceError("prices.default.%s: must be a number >= 0 (the Region %s gives %r)" % (key, region, value))
    hours = table.get("hours_per_month", 730)
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours <= 0:
        raise PriceError("prices.hours_per_month: must be a number > 0, not %r" % (hours,))
    prices.update(as_of=str(table.get("as_of", "unknown")), currency=table.get("currency", "USD"),
                  hours_per_month=hours, region=region, region_specific=region in regions)
    return prices


def _money(value: float) -> float:
    return round(value + 0.0, 2)


def volume(conn: dict, settings: dict) -> dict:
    """GB per month into AWS (``gb_in``) and out of AWS (``gb_out``) for one connection, and where it came from.

    ``assumed``: the site's volume (``site_volumes``) or the default; ``measured``: the CloudWatch
    bytes of the last ``idle_days`` scaled to a month (the assumption when there are no datapoints)."""
    assumed = dict(settings.get("default_volume") or {"gb_in": 0, "gb_out": 0})
    assumed.update((settings.get("site_volumes") or {}).get(conn.get("site")) or {})
    if settings.get("volume_source") == "measured" and conn.get("traffic_in_bytes") is not None:
        scale = settings["hours_per_month"] / (24.0 * settings["idle_days"]) / BYTES_PER_GB
        return {"gb_in": conn["traffic_in_bytes"] * scale, "gb_out": conn["traffic_out_bytes"] * scale, "source": "measured"}
    return {"gb_in": float(assumed.get("gb_in", 0)), "gb_out": float(assumed.get("gb_out", 0)), "source": "assumed"}


def connection_cost(conn: dict, prices: dict, vol: dict) -> dict:
    """Line items (USD/month) of one connection: ``vol`` is its ``volume``."""
    hours = prices["hours_per_month"]
    tgw = conn.get("gateway_type") == "tgw"
    # A Cloud WAN connection's attachment is the core network's: its hour and data processing replace the TGW's.
    cloudwan = conn.get("gateway_type") == "cloudwan"
    attachment_hour, processing_gb = (("cloudwan_vpn_attachment_hour", "cloudwan_data_processing_gb") if cloudwan
                                      else ("tgw_attachment_hour", "tgw_data_processing_gb"))
    accelerated = bool(conn.get("accelerated"))
    # A site on a concentrator pays the site-hour and shares the concentrator's one TGW attachment (gateway_cost).
    concentrated = bool(conn.get("concentrator_id"))
    hourly = "vpn_concentrator_site_hour" if concentrated else "vpn_connection_large_hour" if conn.get("large") else "vpn_connection_hour"
    items = {
        "vpn_connection": prices[hourly] * hours,
        "tgw_attachment": prices[attachment_hour] * hours if (tgw and not concentrated) or cloudwan else 0.0,
        # both directions of the site's traffic pass the connection's TGW (or core network) attachment
        "tgw_data_processing": (vol["gb_in"] + vol["gb_out"]) * prices[processing_gb] if tgw or cloudwan else 0.0,
        "accelerator": prices["accelerators_per_connection"] * prices["accelerator_hour"] * hours if accelerated else 0.0,
        # Global Accelerator charges DT-Premium on the dominant direction only
        "accelerator_dt_premium": max(vol["gb_in"], vol["gb_out"]) * prices["accelerator_dt_premium_gb"] if accelerated else 0.0,
        "data_transfer_out": vol["gb_out"] * prices["data_transfer_out_gb"],
    }
    return {k: _money(v) for k, v in items.items()}


def gateway_cost(gateway: dict, prices: dict) -> dict:
    """Shared charges of a gateway: a TGW's VPC attachments and its VPN concentrators, each with its own TGW attachment
    (a VGW has no hourly charge of its own)."""
    if gateway.get("type") != "tgw":
        return {"tgw_vpc_attachments": 0.0, "vpn_concentrators": 0.0}
    hours = prices["hours_per_month"]
    concentrators = gateway.get("concentrators", 0) * (prices["vpn_concentrator_hour"] + prices["tgw_attachment_hour"]) * hours
    return {"tgw_vpc_attachments": _money(gateway.get("vpc_attachments", 0) * prices["tgw_attachment_hour"] * hours),
            "vpn_concentrators": _money(concentrators)}


def _measured_gb_per_month(conn: dict, settings: dict):
    if conn.get("traffic_in_bytes") is None:
        return None
    total = conn["traffic_in_bytes"] + conn["traffic_out_bytes"]
    return total / BYTES_PER_GB * settings["hours_per_month"] / (24.0 * settings["idle_days"])


def findings(conn: dict, cost: dict, settings: dict) -> list:
    """Idle, both tunnels down, accelerated without need: each with the monthly saving of acting on it."""
    out = []
    where = {"vpn_connection_id": conn["vpn_connection_id"], "name": conn.get("name"), "site": conn.get("site")}
    total = _money(sum(cost.values()))
    traffic = (conn.get("traffic_in_bytes") or 0) + (conn.get("traffic_out_bytes") or 0)
    if conn.get("traffic_in_bytes") is None or traffic == 0:
        seen = "no TunnelDataIn/TunnelDataOut datapoints" if conn.get("traffic_in_bytes") is None else "0 bytes in and out"
        out.append(dict(where, kind="idle", monthly_saving=total,
                        message="%s in the last %d days: decommission it if the site no longer needs it" % (seen, settings["idle_days"])))
    tunnels = conn.get("tunnels") or []
    if tunnels and all(t.get("status") == "DOWN" for t in tunnels):
        changes = [t["last_status_change"] for t in tunnels if t.get("last_status_change") is not None]
        hours = (settings["now"] - max(changes)) / 3600.0 if changes else None
        if hours is None or hours >= settings["down_hours"]:
            since = "for %.1f hours" % hours if hours is not None else "since an unknown time"
            out.append(dict(where, kind="both_tunnels_down", monthly_saving=total, down_hours=None if hours is None else round(hours, 1),
                            message="both tunnels down %s: the site pays for a connection it cannot use; "
                                    "troubleshoot it (playbooks/troubleshoot.yml) or decommission it" % since))
    measured = _measured_gb_per_month(conn, settings)
    if conn.get("accelerated") and (measured is None or measured < settings["accel_min_gb"]):
        seen = "no measured traffic" if measured is None else "%.1f GB/month measured" % measured
        out.append(dict(where, kind="accelerated_without_need",
                        monthly_saving=_money(cost["accelerator"] + cost["accelerator_dt_premium"]),
                        message="accelerated with %s (below %s GB/month): acceleration pays off for heavy, long-haul "
                                "traffic; recreate the connection without it" % (seen, settings["accel_min_gb"])))
    return out


def break_even(connections: int, vpcs: int, prices: dict, gb_per_connection: float) -> dict:
    """VGW against TGW for ``connections`` site connections reaching ``vpcs`` VPCs.

    With VGWs each VPC has its own gateway, so every site needs a connection per VPC:
    ``C * V * vpn``. With one TGW: ``C * (vpn + attachment) + V * attachment`` plus data processing.
    TGW is cheaper from ``break_even_connections`` on (None: never, on price alone)."""
    hours = prices["hours_per_month"]
    vpcs = max(vpcs, 1)
    vpn, att = prices["vpn_connection_hour"] * hours, prices["tgw_attachment_hour"] * hours
    processing = gb_per_connection * prices["tgw_data_processing_gb"]
    vgw_total = connections * vpcs * vpn
    tgw_total = connections * (vpn + att + processing) + vpcs * att
    saving_per_connection = vpcs * vpn - (vpn + att + processing)   # what each connection saves on a TGW
    threshold = int(vpcs * att // saving_per_connection) + 1 if saving_per_connection > 0 else None
    return {"connections": connections, "vpcs": vpcs, "vgw_monthly": _money(vgw_total), "tgw_monthly": _money(tgw_total),
            "cheaper": "vgw" if vgw_total <= tgw_total else "tgw", "break_even_connections": threshold,
            "vgw_connection_limit": VGW_CONNECTION_LIMIT}


def _break_even_finding(result: dict) -> dict:
    if result["break_even_connections"] is None:
        text = ("with %(vpcs)d VPC(s) a TGW never costs less than VGWs (%(connections)d connections: VGW $%(vgw_monthly).2f, "
                "TGW $%(tgw_monthly).2f a month); choose a TGW for transitive routing, ECMP, acceleration or more than "
                "%(vgw_connection_limit)d connections per gateway" % result)
    else:
        text = ("with %(vpcs)d VPC(s) a TGW is cheaper from %(break_even_connections)d connections on; at %(connections)d: "
                "VGW $%(vgw_monthly).2f, TGW $%(tgw_monthly).2f a month" % result)
    saving = abs(result["vgw_monthly"] - result["tgw_monthly"])
    return {"kind": "gateway_break_even", "vpn_connection_id": None, "name": None, "site": None,
            "monthly_saving": _money(saving), "message": text}


def report(estate: dict, table: dict, settings: dict) -> dict:
    """The cost report of ``estate``.

    estate: {region, connections: [{vpn_connection_id, name, site, gateway_type (vgw|tgw|cloudwan), gateway_id, accelerated, concentrator_id, large,
    tunnels: [{outside_ip, status UP|DOWN, last_status_change (epoch s)}], traffic_in_bytes, traffic_out_bytes
    (sums over the last idle_days; None without datapoints)}], gateways: [{id, type, vpc_attachments, concentrators}]}.
    settings: default_volume {gb_in, gb_out}, site_volumes {site: {...}}, volume_source (assumed|measured),
    idle_days, down_hours, accel_min_gb, now (epoch s)."""
    prices = prices_for(table, estate["region"])
    settings = dict(settings, hours_per_month=prices["hours_per_month"])
    rows, found = [], []
    for conn in sorted(estate.get("connections") or [], key=lambda c: (c.get("site") or "", c.get("name") or "", c["vpn_connection_id"])):
        vol = volume(conn, settings)
        cost = connection_cost(conn, prices, vol)
        rows.append({"vpn_connection_id": conn["vpn_connection_id"], "name": conn.get("name"), "site": conn.get("site"),
                     "gateway_type": conn.get("gateway_type"), "gateway_id": conn.get("gateway_id"),
                     "accelerated": bool(conn.get("accelerated")),
                     "volume": {"gb_in": round(vol["gb_in"], 3), "gb_out": round(vol["gb_out"], 3), "source": vol["source"]},
                     "charges": cost, "total": _money(sum(cost.values()))})
        found.extend(findings(conn, cost, settings))
    gateways = []
    for gateway in sorted(estate.get("gateways") or [], key=lambda g: g["id"]):
        items = gateway_cost(gateway, prices)
        gateways.append(dict(gateway, charges=items, total=_money(sum(items.values()))))
    sites = {}
    for row in rows:
        site = sites.setdefault(row["site"] or "(unmanaged)", {"site": row["site"] or "(unmanaged)", "connections": 0, "total": 0.0})
        site["connections"] += 1
        site["total"] = _money(site["total"] + row["total"])
    vpcs = sum(g.get("vpc_attachments", 0) if g.get("type") == "tgw" else 1 for g in estate.get("gateways") or [])
    mean_gb = sum(r["volume"]["gb_in"] + r["volume"]["gb_out"] for r in rows) / len(rows) if rows else 0.0
    choice = break_even(len(rows), vpcs, prices, mean_gb)
    if rows:
        found.append(_break_even_finding(choice))
    return {
        "region": estate["region"], "prices": prices, "connections": rows, "gateways": gateways,
        "sites": [sites[k] for k in sorted(sites)],
        "totals": {"connections": _money(sum(r["total"] for r in rows)), "gateways": _money(sum(g["total"] for g in gateways)),
                   "estate": _money(sum(r["total"] for r in rows) + sum(g["total"] for g in gateways))},
        "break_even": choice, "findings": found,
        "settings": {k: settings[k] for k in ("idle_days", "down_hours", "accel_min_gb", "volume_source") if k in settings},
    }
