# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an IOS-XE router negotiates on a tunnel, by IOS-XE's rules rather than by the collection's parser (issue 16).

- IKEv2 smart defaults: a router starts with a ``default`` proposal and a ``default`` policy (match any local
  address and fvrf, proposal ``default``); they do not show in the running config. A configured policy whose
  ``match address local`` names another address does not apply; when no configured policy applies, the default
  policy does (Cisco, "Configuring Internet Key Exchange Version 2 and FlexVPN Site-to-Site", FlexVPN and IKEv2
  Configuration Guide, Cisco IOS XE 17: "IKEv2 Smart Defaults", ``show crypto ikev2 proposal default`` and
  ``show crypto ikev2 policy default``).
- Keyring: the IKEv2 profile's ``keyring local`` gives the key of the peer whose ``address`` (with its mask) holds
  the remote address; a peer for another address is ignored, so the tunnel has no key (same guide, "IKEv2 keyring").

The twin's model (running/ios.py) takes each tunnel's IKE proposals and key from here.
"""

from __future__ import annotations

import ipaddress

from lab.device_twins.running import words

# `show crypto ikev2 proposal default` on IOS XE 17 (smart defaults), in the CLI's words
DEFAULT_PROPOSAL = {"encryption": ["aes-cbc-256"], "integrity": ["sha512", "sha384"], "prf": ["sha512", "sha384"],
                    "group": ["19", "14", "21", "5"]}


def _children(config, prefix):
    """{name: children} of the top-level blocks ``<prefix> <name>``."""
    return {line[len(prefix) + 1:]: children for line, children in config.nodes if line.startswith(prefix + " ")}


def _words(children):
    return [line.split() for line, _sub in children]


def _value(children, *head):
    """The words after ``head`` in the first child line starting with it, or None."""
    return next((words[len(head):] for words in _words(children) if tuple(words[:len(head)]) == head), None)


def default_proposal():
    """The smart-default proposal in the model's terms."""
    return {"name": "default", "encryption": [words.cipher("ios", w) for w in DEFAULT_PROPOSAL["encryption"]],
            "integrity": [words.hash_("ios", w) for w in DEFAULT_PROPOSAL["integrity"]],
            "prf": [words.hash_("ios", w) for w in DEFAULT_PROPOSAL["prf"]],
            "dh_groups": [words.group(w) for w in DEFAULT_PROPOSAL["group"]], "lifetime": None}


def _local_address(config, source):
    """The address a tunnel sources from: the address itself, or its interface's static address (None: unknown)."""
    try:
        return str(ipaddress.ip_address(source))
    except ValueError:
        pass
    found = _value(_children(config, "interface").get(source or "", []), "ip", "address")
    return found[0] if found and found[0] != "dhcp" else None


def policy_proposals(config, local_address):
    """Names of the proposals IKEv2 offers from ``local_address``: the configured policies that match it (no
    ``match address local``, or one naming it; an unknown local address cannot be told apart), else ``default``."""
    names = []
    for _name, children in _children(config, "crypto ikev2 policy").items():
        matches = [w[3] for w in _words(children) if w[:3] == ["match", "address", "local"]]
        if not matches or local_address is None or local_address in matches:
            names.extend(w[1] for w in _words(children) if w[0] == "proposal")
    return names or ["default"]


def keyring_key(config, keyring, remote):
    """The pre-shared key of the keyring peer whose address holds ``remote``, or None (a peer for another address
    is ignored)."""
    for _peer, children in _children_of(_children(config, "crypto ikev2 keyring").get(keyring or "", []), "peer").items():
        address = _value(children, "address")
        key = _value(children, "pre-shared-key")
        if address and key and _holds(address, remote):
            return key[-1]
    return None


def _children_of(children, prefix):
    return {line[len(prefix) + 1:]: sub for line, sub in children if line.startswith(prefix + " ")}


def _holds(address_words, remote):
    """An IPv4 address and its mask, or an IPv6 prefix (``2001:db8::1/128``), holds ``remote``."""
    if "/" in address_words[0]:
        network = address_words[0]
    else:
        network = "%s/%s" % (address_words[0], address_words[1] if len(address_words) > 1 else "255.255.255.255")
    try:
        return ipaddress.ip_address(remote) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


def tunnel_crypto(config, interface_children):
    """(proposal names offered, pre-shared key or None) for one ``interface Tunnel<n>``."""
    source = (_value(interface_children, "tunnel", "source") or [None])[0]
    remote = (_value(interface_children, "tunnel", "destination") or [None])[0]
    ipsec = (_value(interface_children, "tunnel", "protection", "ipsec", "profile") or [None])[0]
    ike_profile = (_value(_children(config, "crypto ipsec profile").get(ipsec or "", []), "set", "ikev2-profile") or [None])[0]
    keyring = (_value(_children(config, "crypto ikev2 profile").get(ike_profile or "", []), "keyring", "local") or [None])[0]
    return policy_proposals(config, _local_address(config, source)), keyring_key(config, keyring, remote)


def show_proposal_default():
    """``show crypto ikev2 proposal default``."""
    groups = {"19": "DH_GROUP_256_ECP/Group 19", "14": "DH_GROUP_2048_MODP/Group 14", "21": "DH_GROUP_521_ECP/Group 21",
              "5": "DH_GROUP_1536_MODP/Group 5"}
    return ("\n IKEv2 proposal: default \n     Encryption : AES-CBC-256\n     Integrity  : SHA512 SHA384\n"
            "     PRF        : SHA512 SHA384\n     DH Group   : %s\n" % " ".join(groups[g] for g in DEFAULT_PROPOSAL["group"]))


def show_policy_default():
    """``show crypto ikev2 policy default``."""
    return "\n IKEv2 policy : default\n      Match fvrf : any\n      Match address local : any \n      Proposal    : default \n"
