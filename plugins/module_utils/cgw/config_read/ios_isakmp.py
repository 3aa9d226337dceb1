# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IOS-XE IKEv1 (ISAKMP) and crypto maps -> the structured model, for the IOS-XE builder (ios.py).

The layout of AWS's own IKEv1 sample for Cisco IOS: ``crypto isakmp policy`` (global, offered to every peer),
``crypto keyring`` with ``pre-shared-key address A [mask] key K`` per peer, ``crypto isakmp profile`` (``match
identity address``, ``keyring``), the global ``crypto isakmp keepalive`` (IKEv1's DPD) and ``crypto isakmp key``.

Sources (fetched 2026-12-07): Cisco, "Configuring Internet Key Exchange for IPsec VPNs" (Security for VPNs with IPsec
Configuration Guide, Cisco IOS XE), the default protection suite ``show crypto isakmp policy`` prints for a policy
field left unset - DES, SHA-1, RSA signatures, group 1, 86400 s; Cisco IOS Security Command Reference, ``crypto
isakmp keepalive seconds [retry-seconds] [periodic|on-demand]`` (retry 2 s and on-demand when not given).
"""

from __future__ import annotations

import ipaddress

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import shape
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words as vocab

D = "ios"
# A field an isakmp policy leaves unset takes IOS's default protection suite (Cisco, see the module docstring).
POLICY_DEFAULTS = {"encryption": ["des"], "hash": ["sha"], "group": ["1"], "authentication": "rsa-sig", "lifetime": 86400}
KEEPALIVE_DEFAULTS = {"retry_interval": 2, "mode": "on-demand"}
# `... key 6 <text>` / `7 <text>`: the key as IOS stores it encrypted (its strength cannot be read from it)
ENCRYPTED_KEY_TYPES = ("6", "7")


def _words(children):
    return [line.split() for line, _sub in children]


def _encryption(words):
    """ISAKMP spells a cipher as IOS's ESP transform without ``esp-`` (``aes 256`` is ``esp-aes 256``)."""
    return vocab.canonical("enc2", "esp-" + " ".join(words), D)


def _hash(word):
    """... and a hash as the ESP HMAC transform without ``esp-``/``-hmac`` (``sha`` is ``esp-sha-hmac``)."""
    return vocab.canonical("integ2", "esp-%s-hmac" % word, D)


def _policy(priority, children):
    given = {}
    for words in _words(children):
        if words[0] in ("encryption", "encr"):
            given["encryption"] = words[1:]
        elif words[0] in ("hash", "group"):
            given[words[0]] = words[1:]
        elif words[0] == "authentication":
            given["authentication"] = words[1]
        elif words[0] == "lifetime":
            given["lifetime"] = int(words[1])
    settings = dict(POLICY_DEFAULTS, **given)
    out = shape.proposal("isakmp policy %s" % priority)
    out.update(priority=int(priority), encryption=[_encryption(settings["encryption"])], integrity=[_hash(settings["hash"][0])],
               dh_groups=[vocab.canonical("dh1", settings["group"][0], D)], lifetime=settings["lifetime"],
               authentication=settings["authentication"], defaults=sorted(set(POLICY_DEFAULTS) - set(given)))
    return out


def _address(words, at):
    """``A [mask]`` at ``words[at]`` as one string (a mask follows when the next word is dotted)."""
    mask = words[at + 1] if len(words) > at + 1 and words[at + 1].count(".") == 3 else None
    return words[at] + (" " + mask if mask else "")


def _keyring(name, children, salt):
    keyring = {"name": name, "version": "ikev1", "local_address": None, "peers": []}
    for words in _words(children):
        if words[:2] == ["pre-shared-key", "address"]:
            keyring["peers"].append({"name": None, "address": _address(words, 2),
                                     "psk": vocab.fingerprint(words[-1], salt, readable=words[-2] not in ENCRYPTED_KEY_TYPES)})
        elif words[0] == "local-address":
            keyring["local_address"] = words[1]
    return keyring


def _profile(name, children):
    profile = {"name": name, "match_addresses": [], "keyrings": [], "dpd": None, "local_address": None}
    for words in _words(children):
        if words[:3] == ["match", "identity", "address"]:
            profile["match_addresses"].append(_address(words, 3))
        elif words[0] == "keyring":
            profile["keyrings"].append(words[1])
        elif words[0] == "keepalive":  # `keepalive <seconds> retry <seconds>`
            profile["dpd"] = dict(KEEPALIVE_DEFAULTS, interval=int(words[1]),
                                  retry_interval=int(words[3]) if len(words) > 3 else KEEPALIVE_DEFAULTS["retry_interval"])
        elif words[0] == "local-address":
            profile["local_address"] = words[1]
    return profile


def _global_key(words, salt):
    """``crypto isakmp key [0|6] KEY address A [mask] [no-xauth]``: the key is the word before ``address``."""
    at = words.index("address")
    return {"name": None, "address": _address(words, at + 1),
            "psk": vocab.fingerprint(words[at - 1], salt, readable=words[at - 2] not in ENCRYPTED_KEY_TYPES)}


def _keepalive(words):
    numbers = [int(w) for w in words[3:] if w.isdigit()]
    mode = next((w for w in words[3:] if w in ("periodic", "on-demand")), KEEPALIVE_DEFAULTS["mode"])
    return {"interval": numbers[0], "retry_interval": numbers[1] if len(numbers) > 1 else KEEPALIVE_DEFAULTS["retry_interval"],
            "mode": mode}


def read(config, ike, salt):
    """Fill ``ike`` (the model's "ike") with the IKEv1 objects: isakmp_policies (by priority), isakmp_keyrings,
    isakmp_profiles, isakmp_keys (global keys) and isakmp_keepalive (global DPD, or None)."""
    ike.update(isakmp_policies=[], isakmp_keyrings=[], isakmp_profiles=[], isakmp_keys=[], isakmp_keepalive=None)
    for line, children in config.nodes:
        words = line.split()
        if words[:3] == ["crypto", "isakmp", "policy"]:
            ike["isakmp_policies"].append(_policy(words[3], children))
        elif words[:2] == ["crypto", "keyring"]:
            ike["isakmp_keyrings"].append(_keyring(words[2], children, salt))
        elif words[:3] == ["crypto", "isakmp", "profile"]:
            ike["isakmp_profiles"].append(_profile(words[3], children))
        elif words[:3] == ["crypto", "isakmp", "key"] and "address" in words:
            ike["isakmp_keys"].append(_global_key(words, salt))
        elif words[:3] == ["crypto", "isakmp", "keepalive"]:
            ike["isakmp_keepalive"] = _keepalive(words)
    ike["isakmp_policies"].sort(key=lambda p: p["priority"])


def crypto_maps(config):
    """``crypto map NAME SEQ ipsec-isakmp`` and ``crypto dynamic-map NAME SEQ`` entries: peers, transform-sets, PFS and
    the IKE profile each names (policy-based tunnels; they keep their proposals in use)."""
    out = []
    for line, children in config.nodes:
        words = line.split()
        if words[:2] not in (["crypto", "map"], ["crypto", "dynamic-map"]) or len(words) < 4 or not words[3].isdigit():
            continue
        entry = {"name": words[2], "seq": int(words[3]), "peers": [], "proposals": [], "pfs": None,
                 "ike_profile": None, "isakmp_profile": None}
        for sub in _words(children):
            if sub[:2] == ["set", "peer"]:
                entry["peers"].append(sub[2])
            else:
                ipsec_setting(entry, sub)
        out.append(entry)
    return out


def ipsec_setting(entry, words) -> bool:
    """The ``set`` words an IPsec profile and a crypto map entry share: transform-sets (``proposals``), PFS and the
    IKE profile; False when ``words`` is none of them."""
    if words[:2] == ["set", "transform-set"]:
        entry["proposals"] = words[2:]
    elif words[:2] == ["set", "pfs"]:
        entry["pfs"] = vocab.canonical("dh2", words[2], D)
    elif words[:2] == ["set", "ikev2-profile"]:
        entry["ike_profile"] = words[2]
    elif words[:2] == ["set", "isakmp-profile"]:
        entry["isakmp_profile"] = words[2]
    else:
        return False
    return True


def _matches(address_spec, peer):
    """Prefix length of ``A [mask]`` when it covers ``peer`` (longer is more specific), else None."""
    try:
        network = ipaddress.ip_network(address_spec.replace(" ", "/"), strict=False)
        return network.prefixlen if peer and ipaddress.ip_address(peer) in network else None
    except ValueError:
        return None


def by_address(entries, peer, field="address"):
    """The entry whose address (or address and mask) covers ``peer`` most specifically, as IOS picks a keyring peer."""
    scored = [(_matches(e[field], peer), i, e) for i, e in enumerate(entries) if e.get(field)]
    scored = [s for s in scored if s[0] is not None]
    return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None


def _profile_for(ike, name, peer):
    profiles = ike["isakmp_profiles"]
    if name:
        return next((p for p in profiles if p["name"] == name), None)
    matching = [dict(p, address=a) for p in profiles for a in p["match_addresses"]]
    return by_address(matching, peer)


def _key_for(ike, profile, peer):
    rings = [k for k in ike["isakmp_keyrings"] if not profile or not profile["keyrings"] or k["name"] in profile["keyrings"]]
    found = by_address([p for ring in rings for p in ring["peers"]], peer) or by_address(ike["isakmp_keys"], peer)
    return found and found["psk"]


def accepts_ikev1(ike, peer) -> bool:
    """IKEv1 from ``peer`` would be accepted: a pre-share isakmp policy and a key for the peer's address."""
    pre_share = any(p["authentication"] == "pre-share" for p in ike["isakmp_policies"])
    return pre_share and _key_for(ike, _profile_for(ike, None, peer), peer) is not None


def tunnel_ike(ike, profile_name, peer) -> dict:
    """A tunnel's IKEv1 side: every isakmp policy (IOS offers them all; none configured = the default suite), the key
    for the peer (the profile's keyrings, then the global keys), keepalive as DPD (the profile's, else the global)."""
    profile = _profile_for(ike, profile_name, peer)
    policies = ike["isakmp_policies"] or [_policy("default", [])]
    # the longest lifetime any policy offers is the one the peer may pick
    return {"ike_version": "ikev1", "ike_proposals": policies, "ike_lifetime": max(p["lifetime"] for p in policies),
            "dpd": (profile or {}).get("dpd") or ike["isakmp_keepalive"], "psk": _key_for(ike, profile, peer),
            "isakmp_profile": (profile or {}).get("name"), "also_accepts": []}
