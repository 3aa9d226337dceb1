# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Diagnosis of one VPN tunnel from both ends: the likely cause and the fix, per vendor.

Inputs (all plain dicts, no keys):
- ``aws``: one tunnel of vpn_connection_info (telemetry status/status_message/accepted_route_count,
  active_status, crypto = what AWS accepts, inside IPs, ASNs); ``routing`` bgp or static.
- ``device``: that tunnel in hybridvpn.s2s.cgw_tunnel_state (ike, ipsec, bgp, prefixes_received, reason),
  or None when the device has no tunnel to that peer.
- ``config``: what the device runs for that tunnel, from the config_read model (``tunnel_config``):
  crypto (ike_version, ike_proposals, ipsec_proposals, pfs), inside address and its BGP neighbour.

The rules run in order, most specific first; the first that matches names the cause. Messages name
algorithms, addresses and ASNs, never a key.
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

# Where each vendor shows and logs IKE/IPsec/BGP (what to run next), how to clear a stale SA (its dialect's
# diagnosis_show) and the config lines that set what AWS expects, {placeholders} from the AWS side (diagnosis_fix).
REPAIR = "re-run playbooks/site.yml (aws_vpn then cgw) so both ends are built from the same intent"


# Matched on the IKE notify names and the lab's data-plane words, never on generic text: the device's
# own reason ("no IKE SA (peer unreachable, proposal mismatch or authentication failure)") lists every cause.
def _has(message, *words) -> bool:
    text = (message or "").upper()
    return any(w.upper() in text for w in words)


def _spell(family, values, platform, phase) -> str:
    out = []
    for value in values:
        try:
            out.append(str(vocab.to_dialect(family, value, platform, phase)))
        except (vocab.VocabularyError, KeyError, ValueError):
            out.append(str(value))
    return ", ".join(out)


def _proposal_gap(phase, aws_crypto, proposals, platform):
    """(family, device offers, AWS accepts) of the first algorithm family no device proposal shares with AWS, or None."""
    if not proposals:
        return None
    key = "phase%d" % phase
    accepts = aws_crypto.get(key) or {}
    families = (("encryption", vocab.ENCRYPTION, accepts.get("encryption_algorithms")),
                ("integrity", vocab.INTEGRITY, accepts.get("integrity_algorithms")),
                ("dh_groups", vocab.DH_GROUP, accepts.get("dh_group_numbers") if phase == 1 else accepts.get("pfs_dh_group_numbers")))
    for name, family, allowed in families:
        if allowed is None:
            continue
        allowed = {vocab.canonical(family, v) for v in allowed}
        offered = {vocab.canonical(family, v) for p in proposals for v in p.get(name) or []}
        if name == "integrity" and all(vocab.is_aead(e) for p in proposals for e in p.get("encryption") or []):
            continue  # AEAD proposals carry no integrity algorithm
        if offered and not offered & allowed:
            return name, sorted(offered, key=str), sorted(allowed, key=str), family
    return None


def _gap_text(phase, gap, platform) -> str:
    name, offered, allowed, family = gap
    return "phase %d %s: the device offers %s, AWS accepts %s (on %s: %s)" % (
        phase, name.replace("_", " "), ", ".join(map(str, offered)), ", ".join(map(str, allowed)), platform,
        _spell(family, allowed, platform, phase))


def _bgp_mismatch(aws, config):
    """Evidence lines of a BGP/inside-address mismatch between the device's config and AWS's tunnel."""
    found = []
    bgp = config.get("bgp") or {}
    neighbor = bgp.get("neighbor") or {}
    if config.get("inside_address") and aws.get("cgw_inside_ip"):
        address = str(ipaddress.ip_interface(config["inside_address"]).ip)
        if address != aws["cgw_inside_ip"]:
            found.append(("inside", "inside address: the device has %s, AWS expects %s (peer %s)" % (address, aws["cgw_inside_ip"], aws["aws_inside_ip"])))
    if bgp and not neighbor:
        found.append(("neighbor", "BGP: the device has no neighbour %s (AWS's inside address)" % aws.get("aws_inside_ip")))
    if neighbor.get("remote_as") is not None and aws.get("amazon_side_asn") and int(neighbor["remote_as"]) != int(aws["amazon_side_asn"]):
        found.append(("asn", "BGP: the device's neighbour %s has remote-as %s, AWS's side is ASN %s"
                      % (neighbor.get("address"), neighbor["remote_as"], aws["amazon_side_asn"])))
    if bgp.get("local_as") is not None and aws.get("customer_gateway_asn") and int(bgp["local_as"]) != int(aws["customer_gateway_asn"]):
        found.append(("asn", "BGP: the device speaks as ASN %s, AWS's customer gateway is ASN %s" % (bgp["local_as"], aws["customer_gateway_asn"])))
    return found


def _fix(kind, platform, aws, extra=None) -> list:
    values = {"peer": aws.get("outside_ip_address"), "aws_inside_ip": aws.get("aws_inside_ip"), "cgw_inside_ip": aws.get("cgw_inside_ip"),
              "amazon_asn": aws.get("amazon_side_asn"), "cgw_asn": aws.get("customer_gateway_asn")}
    values.update(extra or {})
    line = registry.dialect_for(platform).diagnosis_fix.get(kind)
    return ["on %s: %s" % (platform, line.format(**values))] if line else []


def _aws_first(aws, phase, platform):
    """The strongest values AWS accepts in one phase, spelled for the vendor (for a proposal fix)."""
    accepts = (aws.get("crypto") or {}).get("phase%d" % phase) or {}
    pick = {}
    for name, family, key in (("encryption", vocab.ENCRYPTION, "encryption_algorithms"), ("integrity", vocab.INTEGRITY, "integrity_algorithms"),
                              ("dh", vocab.DH_GROUP, "dh_group_numbers" if phase == 1 else "pfs_dh_group_numbers")):
        values = accepts.get(key) or []
        pick[name] = _spell(family, [sorted(values, key=str)[-1]], platform, phase) if values else "<any AWS accepts>"
    return pick


def aws_logs(aws, kind: str) -> str:
    """Where AWS logs this tunnel's ``kind`` (``tunnel`` or ``bgp``) events, from the options already read (no call):
    the CloudWatch log group, or how to turn the logs on."""
    prefix = "" if kind == "tunnel" else "bgp_"
    logs = (aws.get("options") or {}).get("log_options") or {}
    if logs.get(prefix + "log_enabled") and logs.get(prefix + "log_group_arn"):
        return "AWS %s logs of %s: CloudWatch Logs group %s" % (kind, aws.get("outside_ip_address"), logs[prefix + "log_group_arn"])
    return "AWS %s logs are off for %s: turn them on (monitoring role: s2s_monitoring.%s_logs: true)" % (kind, aws.get("outside_ip_address"), kind)


def diagnose(aws, device, config=None, platform="ios", routing="bgp") -> dict:
    """{outside_ip, status (healthy|degraded|down), cause, evidence: [...], fix: [...], check: [...]} for one tunnel."""
    if platform not in registry.platforms():
        raise S2SError("platform %r: valid %s" % (platform, ", ".join(registry.platforms())))
    config = config or {}
    crypto = config.get("crypto") or {}
    telemetry = aws.get("telemetry") or {}
    aws_up = telemetry.get("status") == "UP"
    message = telemetry.get("status_message") or ""
    reason = (device or {}).get("reason") or ""
    peer = aws.get("outside_ip_address")
    show = {k: v.format(peer=peer, neighbor=aws.get("aws_inside_ip")) for k, v in registry.dialect_for(platform).diagnosis_show.items()}
    evidence = ["AWS: %s%s, %s route(s) accepted" % (
        telemetry.get("status", "?"), (" (%s)" % message) if message else "", telemetry.get("accepted_route_count", 0))]
    if device:
        evidence.append("device: IKE %s, IPsec %s, BGP %s%s" % (
            "up" if device.get("ike") else "down", "up" if device.get("ipsec") else "down", device.get("bgp"),
            (" -- " + reason) if reason and reason != "up" else ""))
    result = {"outside_ip": peer, "evidence": evidence, "check": [show["ike"], show["ipsec"], show["log"]]}

    def verdict(status, cause, fix, more=(), check=None):
        result.update(status=status, cause=cause, fix=fix)
        if check:
            result["check"] = check
        result["evidence"] = evidence + list(more)
        return result

    ike_gap = _proposal_gap(1, aws.get("crypto") or {}, crypto.get("ike_proposals"), platform)
    # Phase 2 DH is the PFS group, which the vendors set beside the ESP proposals.
    pfs = [crypto["pfs"]] if crypto.get("pfs") else []
    esp = [dict(p, dh_groups=p.get("dh_groups") or pfs) for p in crypto.get("ipsec_proposals") or []]
    esp_gap = _proposal_gap(2, aws.get("crypto") or {}, esp, platform)
    device_up = bool(device and device.get("up"))
    if device is None:
        return verdict("down", "not configured on the device: it has no tunnel to AWS's %s" % peer,
                       ["configure the tunnel on the device: " + REPAIR])
    if aws_up and device_up:
        if routing == "bgp" and not telemetry.get("accepted_route_count"):
            return verdict("degraded", "BGP up but AWS accepts no route from the device",
                           ["advertise the site prefixes to %s (network statements / export policy); FRR-based devices need an outbound policy"
                            % aws.get("aws_inside_ip")], check=[show["bgp"]])
        return verdict("healthy", "healthy", [])
    refused = config.get("ike_refused")
    if refused and not device.get("ike"):
        # the device's own config drops IKE: nothing it or AWS logs of a negotiation would be real
        return verdict("down", "the device drops IKE: %s" % refused["reason"],
                       ["admit IKE on the interface the tunnel's IKE gateway uses: " + REPAIR] + _fix("ike_admit", platform, aws, refused),
                       check=[show["log"]])
    if _has(message + reason, "AUTHENTICATION_FAILED", "AUTH_FAILED"):
        return verdict("down", "pre-shared key mismatch (IKE authentication failed)",
                       ["put the key AWS holds for tunnel %s on the device (vpn_connection_info return_pre_shared_keys, never printed): "
                        "re-run playbooks/configure_cgw.yml" % peer] + _fix("psk", platform, aws))
    if ike_gap or crypto.get("ike_version") and aws.get("crypto", {}).get("ike_versions") and \
            crypto["ike_version"] not in aws["crypto"]["ike_versions"]:
        more = [_gap_text(1, ike_gap, platform)] if ike_gap else [
            "IKE version: the device runs %s, AWS accepts %s" % (crypto["ike_version"], ", ".join(aws["crypto"]["ike_versions"]))]
        return verdict("down", "IKE (phase 1) proposal mismatch", ["offer what AWS accepts, or widen the tunnel's Phase1 options: " + REPAIR]
                       + _fix("ike", platform, aws, _aws_first(aws, 1, platform)), more)
    if esp_gap:
        return verdict("down", "IPsec (phase 2) proposal or PFS mismatch", ["offer what AWS accepts in phase 2: " + REPAIR]
                       + _fix("ipsec", platform, aws, _aws_first(aws, 2, platform)), [_gap_text(2, esp_gap, platform)])
    if _has(message + reason, "NO_PROPOSAL_CHOSEN", "NO_PROP"):
        phase = 2 if device.get("ike") else 1
        kind = "ipsec" if phase == 2 else "ike"
        return verdict("down", "%s proposal mismatch (no common proposal)" % ("IPsec (phase 2)" if phase == 2 else "IKE (phase 1)"),
                       ["align the phase %d proposals on both ends: %s" % (phase, REPAIR)] + _fix(kind, platform, aws, _aws_first(aws, phase, platform)))
    if _has(message + reason, "TS_UNACCEPTABLE"):
        return verdict("down", "traffic selector mismatch", ["route-based tunnels use 0.0.0.0/0 on both ends; match the connection's "
                                                             "local/remote network CIDRs on the device: " + REPAIR])
    if _has(message + reason, "no IKE response", "retransmit", "DPD timeout", "underlay cut"):
        return verdict("down", "no IKE response from the peer (underlay, firewall or DPD timeout)",
                       ["check the path to %s: UDP 500 and 4500 and ESP (protocol 50) open both ways, NAT-T if behind NAT" % peer,
                        "DPD: AWS clears the tunnel after %ss without replies; keep the device's DPD at 10 s interval"
                        % (aws.get("options") or {}).get("dpd_timeout_seconds", 30), "then: " + show["clear"]])
    if device.get("ipsec") and routing == "bgp" and device.get("bgp") != "Established":
        found = _bgp_mismatch(aws, config)
        kinds = {k for k, _text in found}
        cause = ("BGP ASN mismatch" if "asn" in kinds else "BGP neighbour/inside address mismatch" if kinds
                 else "BGP down while IPsec is up (ASN, neighbour or inside address mismatch, or hold timer)")
        fixes = ["make the device's BGP match AWS's tunnel: " + REPAIR] + _fix("bgp", platform, aws)
        if "inside" in kinds:
            fixes += _fix("inside", platform, aws)
        return verdict("down", cause, fixes, [t for _k, t in found], check=[show["bgp"], show["log"], aws_logs(aws, "bgp")])
    if aws_up != device_up:
        up_side, down_side = ("AWS", "the device") if aws_up else ("the device", "AWS")
        return verdict("degraded", "one-sided: %s shows the tunnel up, %s down (stale SA or a rekey/DPD in progress)" % (up_side, down_side),
                       ["clear the SA on the device and let it renegotiate: " + show["clear"], "if it persists, compare DPD/rekey timers"])
    return verdict("down", "down on both ends without a named cause",
                   ["read the logs: %s; %s" % (show["log"], aws_logs(aws, "tunnel")), REPAIR])


def tunnel_config(model, peer, platform=None) -> dict:
    """The config_read model's tunnel to ``peer`` with its crypto, inside address and BGP neighbour (none: {}), and
    with ``platform`` why the device itself drops its IKE (``ike_refused``, the dialect's ike_refusal; None: admitted)."""
    tunnel = next((t for t in model.get("tunnels") or [] if t.get("peer") == peer), None)
    if tunnel is None:
        return {}
    out = {"name": tunnel["name"], "inside_address": tunnel.get("inside_address"), "crypto": dict(tunnel.get("crypto") or {}),
           "ike_refused": registry.dialect_for(platform).ike_refusal(model, tunnel) if platform else None}
    out["crypto"].pop("psk", None)
    bgp = model.get("bgp")
    if bgp and tunnel.get("inside_address"):
        net = ipaddress.ip_interface(tunnel["inside_address"]).network
        neighbor = next((n for n in bgp.get("neighbors") or [] if ipaddress.ip_address(n["address"]) in net), None)
        out["bgp"] = {"local_as": bgp.get("local_as"), "neighbor": neighbor}
    return out
