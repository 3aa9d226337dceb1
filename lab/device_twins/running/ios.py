# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An IOS-XE twin's running config (its line tree, iostree.py) -> the structured model.

The commands are those of Cisco's IOS-XE 17.9 YANG (tests/fixtures/vendor/ios/crypto-commands.json) and the IOS
command references the twin's grammar cites. How a tunnel's crypto chains: ``interface Tunnel<n>`` -> ``tunnel
protection ipsec profile P`` -> the profile's transform-sets, ``set pfs``, SA lifetime (3600 s when unset), DF bit and
replay window (the global ``crypto ipsec df-bit`` / ``security-association replay window-size``, else IOS's ``copy``
and 64), and ``set ikev2-profile`` -> its lifetime (86400 s when unset), ``dpd``, ``identity local address``; the
IKE proposals offered and the key are chosen by IOS-XE's own rules in iosike.py (smart defaults, ``match address
local``, keyring peer by address). A profile without an ``ikev2-profile`` makes IOS-XE run IKEv1 with its default
protection suite (DES, SHA-1, group 1, 86400 s: Cisco, "Configuring Internet Key Exchange for IPsec VPNs"); the twin
has no ISAKMP commands, so such a tunnel has no key.
"""

from __future__ import annotations

import ipaddress

from lab.device_twins import iosike
from lab.device_twins.running import shape, words

_IKEV1_DEFAULT_SUITE = shape.proposal("isakmp policy default", encryption=["DES"], integrity=["SHA1"], dh_groups=[1],
                                      lifetime=86400)


def _blocks(config, head):
    """(rest of the line, children) of the top-level lines ``head ...``."""
    for line, children in config.nodes:
        if line.startswith(head + " "):
            yield line[len(head) + 1:], children


def _split(children):
    return [line.split() for line, _children in children]


def _with_mask(address, mask):
    return str(ipaddress.ip_interface("%s/%s" % (address, mask)))


def ike_proposal(name, children):
    """``crypto ikev2 proposal``: encryption, integrity, prf and group lines, each naming one or more words."""
    out = shape.proposal(name)
    meaning = {"encryption": ("encryption", lambda w: words.cipher("ios", w)), "integrity": ("integrity", _hash),
               "prf": ("prf", _hash), "group": ("dh_groups", words.group)}
    for line in _split(children):
        if line[0] in meaning:
            field, read = meaning[line[0]]
            out[field] = [read(w) for w in line[1:]]
    return out


def _hash(word):
    return words.hash_("ios", word)


def _transform_set(line, children):
    """``NAME <esp> [<key-bit>] [<esp-hmac>]`` (the YANG's leaves, in this order)."""
    name, rest = line[0], line[1:]
    cipher_words = rest[:2] if len(rest) > 1 and rest[1].isdigit() else rest[:1]
    out = shape.proposal(name, mode="tunnel", encryption=[words.cipher("ios", *cipher_words)],
                         integrity=[_hash(w) for w in rest[len(cipher_words):]])
    for child in _split(children):
        if child[0] == "mode":
            out["mode"] = child[1]
    return out


def _keyring(name, children, salt):
    peers = []
    for peer_line, peer_children in children:
        peer = {"name": peer_line.split()[1], "address": None, "psk": None}
        for line in _split(peer_children):
            if line[0] == "address":
                peer["address"] = " ".join(line[1:3])
            elif line[0] == "pre-shared-key":
                peer["psk"] = words.key(line[-1], salt)
        peers.append(peer)
    return {"name": name, "version": "ikev2", "peers": peers}


def _ike_profile(name, children):
    out = {"name": name, "remote_addresses": [], "local_address": None, "local_id": None, "keyring": None,
           "lifetime": 86400, "dpd": None, "authentication": {}}
    for line in _split(children):
        if line[:4] == ["match", "identity", "remote", "address"]:
            out["remote_addresses"].append(" ".join(line[4:6]))
        elif line[:3] == ["match", "address", "local"] or line[:3] == ["identity", "local", "address"]:
            out["local_address"] = out["local_address"] or line[-1]
            if line[0] == "identity":
                out["local_id"] = line[3]
        elif line[:2] == ["keyring", "local"]:
            out["keyring"] = line[2]
        elif line[0] == "lifetime":
            out["lifetime"] = int(line[1])
        elif line[0] == "dpd":        # dpd <interval> <retry> on-demand|periodic
            out["dpd"] = {"interval": int(line[1]), "retry_interval": int(line[2]), "mode": line[3]}
        elif line[0] == "authentication":
            out["authentication"][line[1]] = line[2]
    return out


def _ipsec_profile(name, children):
    out = {"name": name, "proposals": [], "pfs": None, "ike_profile": None, "isakmp_profile": None, "lifetime": 3600,
           "df_bit": None, "replay_window": None}
    for line in _split(children):
        if line[:2] == ["set", "transform-set"]:
            out["proposals"] = line[2:]
        elif line[:2] == ["set", "pfs"]:
            out["pfs"] = words.group(line[2])
        elif line[:2] == ["set", "ikev2-profile"]:
            out["ike_profile"] = line[2]
        elif line[:4] == ["set", "security-association", "lifetime", "seconds"]:
            out["lifetime"] = int(line[4])
        elif line[:3] == ["set", "security-association", "dfbit"]:
            out["df_bit"] = line[3]
        elif line[:4] == ["set", "security-association", "replay", "window-size"]:
            out["replay_window"] = int(line[4])
    return out


def _tunnel(name, children):
    out = shape.tunnel(name)
    for line in _split(children):
        if line[:2] == ["ip", "address"] and len(line) == 4:
            out["inside_address"] = _with_mask(line[2], line[3])
        elif line[:2] in (["tunnel", "source"], ["tunnel", "destination"]):
            out["source" if line[1] == "source" else "peer"] = line[2]
        elif line[:2] == ["tunnel", "mode"]:
            out["mode"] = " ".join(line[2:])
        elif line[:4] == ["tunnel", "protection", "ipsec", "profile"]:
            out["ipsec_policy"] = line[4]
        elif line[:2] == ["ip", "mtu"]:
            out["mtu"] = int(line[2])
        elif line[:3] == ["ip", "tcp", "adjust-mss"]:
            out["mss"] = int(line[3])
        elif line == ["shutdown"]:
            out["enabled"] = False
        elif line[0] == "description":
            out["description"] = " ".join(line[1:])
    return out


def _interface(name, children):
    out = {"name": name, "address": None, "enabled": True}
    for line in _split(children):
        if line[:2] == ["ip", "address"] and "secondary" not in line:
            out["address"] = "dhcp" if line[2] == "dhcp" else _with_mask(line[2], line[3])
        elif line == ["shutdown"]:
            out["enabled"] = False
    return out


def build(config, spec):
    out = shape.empty(spec)
    out["hostname"] = next((rest for rest, _children in _blocks(config, "hostname")), spec.hostname)
    ike, ipsec = out["ike"], out["ipsec"]
    ike["proposals"] = [ike_proposal(name, children) for name, children in _blocks(config, "crypto ikev2 proposal")]
    for name, children in _blocks(config, "crypto ikev2 policy"):
        lines = _split(children)
        ike["policies"].append({"name": name, "proposals": [w for line in lines if line[0] == "proposal" for w in line[1:]],
                                "local_address": next((line[3] for line in lines if line[:3] == ["match", "address", "local"]), None)})
    ike["keyrings"] = [_keyring(name, children, spec.psk_salt) for name, children in _blocks(config, "crypto ikev2 keyring")]
    ike["profiles"] = [_ike_profile(name, children) for name, children in _blocks(config, "crypto ikev2 profile")]
    ipsec["proposals"] = [_transform_set(rest.split(), children) for rest, children in _blocks(config, "crypto ipsec transform-set")]
    ipsec["policies"] = [_ipsec_profile(name, children) for name, children in _blocks(config, "crypto ipsec profile")]
    for name, children in _blocks(config, "interface"):
        (out["tunnels"] if name.startswith("Tunnel") else out["interfaces"]).append(
            _tunnel(name, children) if name.startswith("Tunnel") else _interface(name, children))
    out["bgp"] = _bgp(config)
    _routing_policy(config, out)
    ipsec_defaults = _ipsec_globals(config)
    for item, (_name, children) in zip(out["tunnels"], [b for b in _blocks(config, "interface") if b[0].startswith("Tunnel")]):
        item["crypto"] = _crypto(config, out, item, children, ipsec_defaults, spec.psk_salt)
    return out


def _ipsec_globals(config):
    out = {"df_bit": "copy", "replay_window": 64}
    for line, _children in config.nodes:
        found = line.split()
        if found[:3] == ["crypto", "ipsec", "df-bit"]:
            out["df_bit"] = found[3]
        elif found[:5] == ["crypto", "ipsec", "security-association", "replay", "window-size"]:
            out["replay_window"] = int(found[5])
    return out


def _crypto(config, out, tunnel, children, defaults, salt):
    profile = next((p for p in out["ipsec"]["policies"] if p["name"] == tunnel["ipsec_policy"]), None)
    if not profile:
        return {}
    esp = {"ipsec_proposals": [p for p in out["ipsec"]["proposals"] if p["name"] in profile["proposals"]],
           "pfs": profile["pfs"], "ipsec_lifetime": profile["lifetime"],
           "df_bit": profile["df_bit"] or defaults["df_bit"], "replay_window": profile["replay_window"] or defaults["replay_window"]}
    if not profile["ike_profile"]:
        return dict(esp, ike_version="ikev1", ike_proposals=[_IKEV1_DEFAULT_SUITE], ike_lifetime=86400, dpd=None, psk=None,
                    local_id=None, also_accepts=[])
    ike_profile = next((p for p in out["ike"]["profiles"] if p["name"] == profile["ike_profile"]), {})
    names, key = iosike.tunnel_crypto(config, children)
    proposals = {p["name"]: p for p in out["ike"]["proposals"]}
    offered = [iosike.default_proposal() if n == "default" else proposals[n] for n in names if n == "default" or n in proposals]
    return dict(esp, ike_version="ikev2", ike_proposals=offered, ike_lifetime=ike_profile.get("lifetime"),
                dpd=ike_profile.get("dpd"), psk=words.key(key, salt), local_id=ike_profile.get("local_id"), also_accepts=[])


def _classful(address):
    """``network A`` without a mask is classful (IOS prints the mask only when it differs)."""
    first = int(address.split(".")[0])
    return "%s/%d" % (address, 0 if address == "0.0.0.0" else 8 if first < 128 else 16 if first < 192 else 24)


def _bgp(config):
    blocks = list(_blocks(config, "router bgp"))
    if not blocks:
        return None
    out, peers = shape.bgp(int(blocks[0][0])), {}

    def walk(children):
        for line, sub in children:
            found = line.split()
            if found[0] == "address-family":
                walk(sub)
            elif found[:2] == ["bgp", "router-id"]:
                out["router_id"] = found[2]
            elif found[0] == "maximum-paths":
                out["maximum_paths"] = int(found[1])
            elif found[0] == "network":
                out["networks"].append(_with_mask(found[1], found[3]) if len(found) == 4 else _classful(found[1]))
            elif found[0] == "neighbor":
                _neighbor(peers.setdefault(found[1], shape.neighbor(found[1])), found[2:])
    for _asn, children in blocks:
        walk(children)
    out["neighbors"] = list(peers.values())
    return out


# `neighbor <ip> <option> <words>`: what each option sets in the model (Cisco IOS IP Routing: BGP Command Reference)
_NEIGHBOR = {
    "remote-as": lambda args: {"remote_as": int(args[0])},
    "timers": lambda args: {"keepalive": int(args[0]), "hold_time": int(args[1])},
    "route-map": lambda args: {"route_map_" + args[1]: args[0]},          # NAME in|out
    "prefix-list": lambda args: {"prefix_list_" + args[1]: args[0]},
    "maximum-prefix": lambda args: {"maximum_prefix": int(args[0])},
    "description": lambda args: {"description": " ".join(args)},
    "update-source": lambda args: {"update_source": " ".join(args)},
}
_NEIGHBOR_FLAGS = ("activate", "default-originate", "soft-reconfiguration", "shutdown", "next-hop-self")


def _neighbor(peer, found):
    option, args = found[0], found[1:]
    if option in _NEIGHBOR:
        peer.update(_NEIGHBOR[option](args))
    elif option in _NEIGHBOR_FLAGS:
        peer[option.replace("-", "_")] = True


def _routing_policy(config, out):
    for line, children in config.nodes:
        found = line.split()
        if found[:2] == ["ip", "prefix-list"] and found[3] == "seq":      # NAME seq N permit|deny PREFIX [ge N] [le N]
            entry = {"seq": int(found[4]), "action": found[5], "prefix": found[6], "ge": None, "le": None}
            entry.update({found[i]: int(found[i + 1]) for i in range(7, len(found) - 1, 2)})
            out["prefix_lists"].setdefault(found[2], []).append(entry)
        elif found[0] == "route-map":
            out["route_maps"].setdefault(found[1], []).append(_route_map_entry(found, children))
        elif found[:2] == ["ip", "route"]:
            out["static_routes"].append({"prefix": _with_mask(found[2], found[3]), "next_hop": found[4]})


def _route_map_entry(found, children):
    entry = {"seq": int(found[3]) if len(found) > 3 else 10, "action": found[2], "match": {}, "set": {}}
    for line in _split(children):
        if line[:4] == ["match", "ip", "address", "prefix-list"]:
            entry["match"]["prefix_lists"] = line[4:]
        elif line[0] == "set":
            entry["set"][line[1].replace("-", "_")] = line[3:] if line[1] == "as-path" else " ".join(line[2:])
    return entry
