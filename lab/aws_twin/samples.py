# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""GetVpnConnectionDeviceTypes / GetVpnConnectionDeviceSampleConfiguration.

Samples are filled from the connection's real tunnels (outside and inside addresses, PSKs,
ASNs, lifetimes). Like AWS, the algorithms they show are a fixed profile, not the tunnel's
restricted options: ``compatibility`` is AWS's minimum (AES128/SHA1/DH2), ``recommended``
AES256/SHA2-256/DH14. Templates live in ``templates/``; spellings still come from the collection's
crypto_vocab (see README, "still shared").
"""

from __future__ import annotations

import os

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab

from lab.aws_twin import allocate, config_xml
from lab.aws_twin.query import ApiError

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
# Device type id -> (vendor, platform, software, template, dialect)
DEVICE_TYPES = {
    "9005b6c1": ("Generic", "Generic", "Vendor Agnostic", "generic", "junos"),
    "7b754310": ("Cisco Systems, Inc.", "ISR Series Routers", "IOS 12.4+", "cisco_ios", "ios"),
    "6a6d1a1c": ("Juniper Networks, Inc.", "SRX Series Routers", "JunOS 11.0+", "juniper_srx", "junos"),
    "4c2c1ad0": ("Vyatta", "Vyatta Network OS", "Vyatta Network OS 6.5+", "vyatta", "vyos"),
    "5fb390ba": ("VyOS", "VyOS", "VyOS 1.3+", "vyatta", "vyos"),
}
PROFILES = {
    "compatibility": ("AES128", "SHA1", 2),
    "recommended": ("AES256", "SHA2-256", 14),
}
MTU = 1436
DPD_TIMEOUT = 30


def device_types() -> list:
    return [{"VpnConnectionDeviceTypeId": tid, "Vendor": v, "Platform": p, "Software": s}
            for tid, (v, p, s, _t, _d) in DEVICE_TYPES.items()]


def _template(name: str) -> str:
    with open(os.path.join(TEMPLATES, name + ".txt"), encoding="utf-8") as handle:
        return handle.read()


def _spell(family, value, dialect, phase):
    return vocab.to_dialect(family, value, dialect, phase)


def _algorithms(profile: str, dialect: str) -> dict:
    enc, integ, dh = PROFILES[profile]
    out = {"p1_dh": dh, "p2_dh": dh}
    for phase in (1, 2):
        out["p%d_encryption" % phase] = _spell(vocab.ENCRYPTION, enc, dialect, phase)
        out["p%d_integrity" % phase] = _spell(vocab.INTEGRITY, integ, dialect, phase)
    if dialect == "ios":
        # IKEv1 ISAKMP policies spell ciphers like ESP transforms without "esp-", and SHA-1 as "sha".
        out["p1_isakmp_encryption"] = _spell(vocab.ENCRYPTION, enc, "ios", 2).replace("esp-", "")
        out["p1_isakmp_hash"] = {"sha1": "sha"}.get(out["p1_integrity"], out["p1_integrity"])
    return out


def _tunnel_values(conn, tunnel, n: int, peer: dict, profile: str, dialect: str, ike: str) -> dict:
    opts = tunnel.options
    addrs = allocate.inside_addresses(opts["inside_cidr"])
    values = {
        "vpn_id": conn.id, "n": n, "sample_type": profile, "policy_number": 200 + n,
        "cgw_ip": peer["cgw_ip"], "aws_ip": tunnel.outside_ip,
        "psk": opts["pre_shared_key"] if conn.psk_storage == "Standard" else "<stored in AWS Secrets Manager: %s>" % conn.psk_arn,
        "cgw_inside": addrs["cgw"], "aws_inside": addrs["aws"], "netmask": addrs["netmask"], "prefixlen": addrs["prefixlen"],
        "cgw_asn": peer["cgw_asn"], "aws_asn": peer["aws_asn"], "hold_time": config_xml.BGP_HOLD_TIME,
        "ike_version": ike, "ike_version_upper": ike.upper().replace("IKEV", "IKEv"),
        "p1_ike_version": _spell(vocab.IKE_VERSION, ike, "junos", 1),
        "p1_lifetime": opts["phase1_lifetime_seconds"], "p2_lifetime": opts["phase2_lifetime_seconds"],
        "dpd_interval": config_xml.DPD_INTERVAL, "dpd_retries": config_xml.DPD_RETRIES, "dpd_timeout": DPD_TIMEOUT,
        # Cisco's DPD/keepalive second argument is a retry interval: AWS's IOS samples print `dpd 10 10 on-demand`
        "dpd_retry_interval": config_xml.DPD_INTERVAL,
        "mss": config_xml.TCP_MSS, "mtu": MTU,
    }
    values.update(_algorithms(profile, dialect))
    return values


def sample(conn, peer: dict, device_type_id: str, ike: str = None, profile: str = None) -> str:
    """The sample configuration text for both tunnels of ``conn``."""
    if device_type_id not in DEVICE_TYPES:
        raise ApiError("InvalidParameterValue", "Invalid VpnConnectionDeviceTypeId '%s'; see GetVpnConnectionDeviceTypes" % device_type_id)
    ike = ike or "ikev1"
    if ike not in ("ikev1", "ikev2"):
        raise ApiError("InvalidParameterValue", "Invalid InternetKeyExchangeVersion '%s': must be ikev1 or ikev2" % ike)
    profile = profile or "compatibility"
    if profile not in PROFILES:
        raise ApiError("InvalidParameterValue", "Invalid SampleType '%s': must be compatibility or recommended" % profile)
    if conn.options["TunnelInsideIpVersion"] != "ipv4":
        raise ApiError("InvalidParameterValue", "Sample configurations are only available for IPv4 tunnels")
    _vendor, _platform, _software, base, dialect = DEVICE_TYPES[device_type_id]
    body = _template("%s_%s" % (base, ike) if base == "cisco_ios" else base)
    routing = _template("%s_%s" % (base, "static" if conn.options["StaticRoutesOnly"] else "bgp"))
    parts = []
    for n, tunnel in enumerate(conn.tunnels, 1):
        values = _tunnel_values(conn, tunnel, n, peer, profile, dialect, ike)
        values["routing"] = routing.format(**values)
        parts.append(body.format(**values))
    return "\n".join(parts)
