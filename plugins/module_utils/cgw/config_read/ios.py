# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XE running config -> the structured model (see shape.py)."""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import ios_isakmp as isakmp
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import shape
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words as vocab

D = "ios"


def _blocks(config, prefix):
    """(name, children) of top-level blocks whose line starts with ``prefix`` + ' '."""
    for line, children in config.nodes:
        if line.startswith(prefix + " "):
            yield line[len(prefix) + 1:], children


def _lines(children):
    return [line.split() for line, _sub in children]


def _cidr(address, mask):
    return str(ipaddress.ip_interface("%s/%s" % (address, mask)))


def _ike_proposal(name, children):
    out = shape.proposal(name)
    for words in _lines(children):
        kind = {"encryption": "enc1", "integrity": "integ1", "prf": "integ1", "group": "dh1"}.get(words[0])
        field = {"encryption": "encryption", "integrity": "integrity", "prf": "prf", "group": "dh_groups"}.get(words[0])
        if kind:
            out[field] = [vocab.canonical(kind, w, D) for w in words[1:]]
    return out


# IKEv2 smart defaults: with no configured IKEv2 policy the router offers its `default` proposal, which the running
# config does not show (Cisco, "Configuring Internet Key Exchange Version 2 and FlexVPN Site-to-Site", FlexVPN and
# IKEv2 Configuration Guide, Cisco IOS XE 17, "IKEv2 Smart Defaults": `show crypto ikev2 proposal default`).
_SMART_DEFAULT_PROPOSAL = [["encryption aes-cbc-256", []], ["integrity sha512 sha384", []], ["group 19 14 21 5", []]]


def _transform_set(spec_words, children):
    """``NAME esp-aes 256 esp-sha256-hmac``: read the words left to right, 2-word spellings first."""
    name, algs = spec_words[0], spec_words[1:]
    out = shape.proposal(name)
    out["mode"] = "tunnel"
    i = 0
    while i < len(algs):
        for kind, field in (("enc2", "encryption"), ("integ2", "integrity")):
            width = vocab.width(kind, algs, i, D)
            if width == 1 and kind == "enc2" and algs[i + 1:i + 2] and algs[i + 1].isdigit():
                width = 2     # a key size is its cipher's: `esp-aes 192` is not `esp-aes` (AES-128)
            if width:
                out[field].append(vocab.canonical(kind, " ".join(algs[i:i + width]), D))
                i += width
                break
        else:
            # IOS-XE takes it (esp-gmac, esp-seal ...) but the vocabulary has no name for it: fail as for any
            # unknown word rather than read the transform-set without it
            vocab.canonical("integ2" if out["encryption"] else "enc2", algs[i], D)
    for words in _lines(children):
        if words[0] == "mode":
            out["mode"] = words[1]
    return out


def _classful(address):
    """A BGP ``network`` without ``mask`` is classful (IOS prints the mask only when it differs)."""
    first = int(address.split(".")[0])
    length = 0 if address == "0.0.0.0" else 8 if first < 128 else 16 if first < 192 else 24
    return "%s/%d" % (address, length)


def _bgp(asn, children):
    bgp = shape.bgp(int(asn))
    neighbors = {}

    def neighbor(address):
        return neighbors.setdefault(address, shape.neighbor(address))

    def read(nodes):
        for line, sub in nodes:
            words = line.split()
            if words[0] == "address-family":
                read(sub)
            elif words[:2] == ["bgp", "router-id"]:
                bgp["router_id"] = words[2]
            elif words[0] == "maximum-paths":
                bgp["maximum_paths"] = int(words[1])
            elif words[0] == "network":
                bgp["networks"].append(_cidr(words[1], words[3]) if len(words) == 4 else _classful(words[1]))
            elif words[0] == "neighbor":
                _neighbor_option(neighbor(words[1]), words[2:])
    read(children)
    bgp["neighbors"] = list(neighbors.values())
    return bgp


def _neighbor_option(peer, words):
    option = words[0]
    if option == "remote-as":
        peer["remote_as"] = int(words[1])
    elif option == "timers":
        peer["keepalive"], peer["hold_time"] = int(words[1]), int(words[2])
    elif option in ("route-map", "prefix-list"):
        peer["%s_%s" % (option.replace("-", "_"), words[2])] = words[1]
    elif option == "maximum-prefix":
        peer["maximum_prefix"] = int(words[1])
    elif option in ("description", "update-source"):
        peer[option.replace("-", "_")] = " ".join(words[1:])
    elif option in ("activate", "default-originate", "soft-reconfiguration", "shutdown", "next-hop-self"):
        peer[option.replace("-", "_")] = True


def _ikev2_keyring(name, children, salt):
    """``peer NAME`` blocks, each keyed by its ``address`` (a keyring usually holds one peer per tunnel)."""
    keyring = {"name": name, "version": "ikev2", "peers": []}
    for peer_line, peer_children in children:
        peer = {"name": peer_line.split()[1], "address": None, "psk": None}
        for words in _lines(peer_children):
            if words[0] == "address":
                peer["address"] = " ".join(words[1:3])  # an address, or an address and its mask
            elif words[0] == "pre-shared-key":
                peer["psk"] = vocab.fingerprint(words[-1], salt, readable=words[-2] not in isakmp.ENCRYPTED_KEY_TYPES)
        keyring["peers"].append(peer)
    return keyring


def _ikev2_profile(name, children):
    profile = {"name": name, "remote_addresses": [], "local_address": None, "local_id": None, "keyring": None,
               "lifetime": 86400, "dpd": None, "authentication": {}}
    for words in _lines(children):
        if words[:4] == ["match", "identity", "remote", "address"]:
            profile["remote_addresses"].append(" ".join(words[4:6]))  # a profile may match several peers
        elif words[:2] in (["match", "address"], ["identity", "local"]):
            profile["local_address"] = profile["local_address"] or words[-1]
            if words[:3] == ["identity", "local", "address"]:
                profile["local_id"] = words[3]
        elif words[0] == "keyring":
            profile["keyring"] = words[2]
        elif words[0] == "lifetime":
            profile["lifetime"] = int(words[1])
        elif words[0] == "dpd":
            # `dpd <interval> <retry-interval> on-demand|periodic`: both in seconds
            profile["dpd"] = {"interval": int(words[1]), "retry_interval": int(words[2]), "mode": words[3]}
        elif words[0] == "authentication":
            profile["authentication"][words[1]] = words[2]
    return profile


def build(config, spec):
    out = shape.empty(spec)
    for line, children in config.nodes:
        words = line.split()
        if words[0] == "hostname":
            out["hostname"] = words[1]
    for name, children in _blocks(config, "crypto ikev2 proposal"):
        out["ike"]["proposals"].append(_ike_proposal(name, children))
    for name, children in _blocks(config, "crypto ikev2 policy"):
        policy = {"name": name, "proposals": [], "local_address": None}
        for words in _lines(children):
            if words[0] == "proposal":
                policy["proposals"].append(words[1])
            elif words[:2] == ["match", "address"]:
                policy["local_address"] = words[3]
        out["ike"]["policies"].append(policy)
    for name, children in _blocks(config, "crypto ikev2 keyring"):
        out["ike"]["keyrings"].append(_ikev2_keyring(name, children, spec.psk_salt))
    for name, children in _blocks(config, "crypto ikev2 profile"):
        out["ike"]["profiles"].append(_ikev2_profile(name, children))
    isakmp.read(config, out["ike"], spec.psk_salt)
    for name, children in _blocks(config, "crypto ipsec transform-set"):
        out["ipsec"]["proposals"].append(_transform_set(name.split(), children))
    for name, children in _blocks(config, "crypto ipsec profile"):
        profile = {"name": name, "proposals": [], "pfs": None, "ike_profile": None, "isakmp_profile": None, "lifetime": 3600,
                   "df_bit": None, "replay_window": None}
        for words in _lines(children):
            if isakmp.ipsec_setting(profile, words):
                continue
            if words[:4] == ["set", "security-association", "lifetime", "seconds"]:
                profile["lifetime"] = int(words[4])
            elif words[:3] == ["set", "security-association", "dfbit"]:
                profile["df_bit"] = words[3]
            elif words[:4] == ["set", "security-association", "replay", "window-size"]:
                profile["replay_window"] = int(words[4])
        out["ipsec"]["policies"].append(profile)
    for name, children in _blocks(config, "interface"):
        if name.startswith("Tunnel"):
            out["tunnels"].append(_tunnel(name, children))
        else:
            out["interfaces"].append(_interface(name, children))
    # Pasted config (AWS's samples) repeats ``router bgp N`` once per tunnel; IOS merges the blocks.
    bgp_blocks = list(_blocks(config, "router bgp"))
    if bgp_blocks:
        asn = bgp_blocks[0][0]
        out["bgp"] = _bgp(asn, [node for other, children in bgp_blocks if other == asn for node in children])
    for line, children in config.nodes:
        words = line.split()
        if words[:2] == ["ip", "prefix-list"] and words[3:4] == ["seq"]:    # not `ip prefix-list NAME description ...`
            entry = {"seq": int(words[4]), "action": words[5], "prefix": words[6], "ge": None, "le": None}
            for i in range(7, len(words) - 1, 2):
                entry[words[i]] = int(words[i + 1])
            out["prefix_lists"].setdefault(words[2], []).append(entry)
        elif words[0] == "route-map":
            out["route_maps"].setdefault(words[1], []).append(_route_map_entry(words, children))
        elif words[:2] == ["ip", "route"]:
            out["static_routes"].append({"prefix": _cidr(words[2], words[3]), "next_hop": words[4]})
    out["ipsec"]["crypto_maps"] = isakmp.crypto_maps(config)
    shape.resolve_tunnels(out, _tunnel_crypto(out, _ipsec_globals(config)))
    return out


def _ipsec_globals(config):
    """The global IPsec settings a profile without its own falls back to (AWS's samples set them globally);
    IOS-XE's defaults: DF bit copied, replay window 64."""
    out = {"df_bit": "copy", "replay_window": 64}
    for line, _children in config.nodes:
        words = line.split()
        if words[:3] == ["crypto", "ipsec", "df-bit"]:
            out["df_bit"] = words[3]
        elif words[:5] == ["crypto", "ipsec", "security-association", "replay", "window-size"]:
            out["replay_window"] = int(words[5])
    return out


def _tunnel(name, children):
    tunnel = shape.tunnel(name)
    for words in _lines(children):
        if words[:2] == ["ip", "address"] and len(words) == 4:
            tunnel["inside_address"] = _cidr(words[2], words[3])
        elif words[:2] == ["tunnel", "source"]:
            tunnel["source"] = words[2]
        elif words[:2] == ["tunnel", "destination"]:
            tunnel["peer"] = words[2]
        elif words[:2] == ["tunnel", "mode"]:
            tunnel["mode"] = " ".join(words[2:])
        elif words[:3] == ["tunnel", "protection", "ipsec"]:
            tunnel["ipsec_policy"] = words[4]
        elif words[:2] == ["ip", "mtu"]:
            tunnel["mtu"] = int(words[2])
        elif words[:3] == ["ip", "tcp", "adjust-mss"]:
            tunnel["mss"] = int(words[3])
        elif words == ["shutdown"]:
            tunnel["enabled"] = False
        elif words[0] == "description":
            tunnel["description"] = " ".join(words[1:])
    return tunnel


def _interface(name, children):
    iface = {"name": name, "address": None, "enabled": True}
    for words in _lines(children):
        if words[:2] == ["ip", "address"] and words[-1] != "secondary":     # the primary address, not a secondary
            iface["address"] = "dhcp" if words[2] == "dhcp" else _cidr(words[2], words[3])
        elif words == ["shutdown"]:
            iface["enabled"] = False
    return iface


def _route_map_entry(words, children):
    entry = {"seq": int(words[3]) if len(words) > 3 else 10, "action": words[2], "match": {}, "set": {}}
    for sub in _lines(children):
        if sub[:4] == ["match", "ip", "address", "prefix-list"]:
            entry["match"]["prefix_lists"] = sub[4:]
        elif sub[0] == "set":
            entry["set"][sub[1].replace("-", "_")] = " ".join(sub[2:]) if sub[1] != "as-path" else sub[3:]
    return entry


def _tunnel_crypto(model, ipsec_globals):
    """Follow Tunnel -> ipsec profile -> transform-set and the IKE side: IKEv2 when the profile names an ikev2-profile
    (IOS-XE initiates IKEv1 on a tunnel protection profile without one), else IKEv1 (isakmp.tunnel_ike)."""
    ike_proposals = {p["name"]: p for p in model["ike"]["proposals"]}
    ike_profiles = {p["name"]: p for p in model["ike"]["profiles"]}
    ipsec_policies = {p["name"]: p for p in model["ipsec"]["policies"]}
    # IKEv2 picks proposals through the policies (a policy without match clauses applies to all peers)
    proposal_names = [n for policy in model["ike"]["policies"] for n in policy["proposals"]]
    offered = [ike_proposals[n] for n in proposal_names if n in ike_proposals] or [_ike_proposal("default", _SMART_DEFAULT_PROPOSAL)]
    keyrings = {k["name"]: k for k in model["ike"]["keyrings"]}

    def ikev2(ike_profile, peer):
        keyring = keyrings.get(ike_profile.get("keyring")) or {"peers": []}
        found = isakmp.by_address(keyring["peers"], peer)
        return {"ike_version": "ikev2", "ike_proposals": offered,
                "ike_lifetime": ike_profile.get("lifetime"), "dpd": ike_profile.get("dpd"), "psk": found and found["psk"],
                "local_id": ike_profile.get("local_id"),
                "also_accepts": ["ikev1"] if isakmp.accepts_ikev1(model["ike"], peer) else []}

    def resolve(tunnel):
        ipsec_policy = ipsec_policies.get(tunnel["ipsec_policy"])
        if not ipsec_policy:
            return {}
        if ipsec_policy["ike_profile"]:
            ike = ikev2(ike_profiles.get(ipsec_policy["ike_profile"]) or {}, tunnel["peer"])
        else:
            ike = isakmp.tunnel_ike(model["ike"], ipsec_policy["isakmp_profile"], tunnel["peer"])
        return dict(ike, **{
            "ipsec_proposals": [p for p in model["ipsec"]["proposals"] if p["name"] in ipsec_policy["proposals"]],
            "pfs": ipsec_policy["pfs"],
            "ipsec_lifetime": ipsec_policy["lifetime"],
            "df_bit": ipsec_policy["df_bit"] or ipsec_globals["df_bit"],
            "replay_window": ipsec_policy["replay_window"] or ipsec_globals["replay_window"],
        })
    return resolve
