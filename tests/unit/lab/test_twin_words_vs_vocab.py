# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every crypto word the vendors' definitions allow, as the twins read it (lab/device_twins/running/words.py) and as
the collection's vocabulary reads it (model/crypto_vocab.py): the two tables were written apart, so where both name a
word they must name it alike. A word only the twin names is one the collection cannot read from a device (its
reader fails on it, it never misreads it): those gaps are listed here so a change to either side shows."""

from __future__ import annotations

import json
import pathlib

import pytest

from lab.device_twins import iosvendor, yangtree
from lab.device_twins.running import words

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab

VENDOR = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "vendor"
JUNOS = yangtree.Schema.load()


def _junos(path):
    return JUNOS.node(path.split())["type"]["enum"]


def _vyos_formats(release, leaf):
    """The values of the first ``leaf`` below ``vpn ipsec`` in VyOS's command tree of ``release``."""
    def find(node):
        if isinstance(node, dict):
            if isinstance(node.get(leaf), dict) and "formats" in node[leaf]:
                return node[leaf]["formats"]
            for child in node.values():
                found = find(child)
                if found:
                    return found
        return None
    tree = json.loads((VENDOR / "vyos" / ("cli-tree-%s.json" % release)).read_text(encoding="utf-8"))["tree"]
    return find(tree["vpn"]["children"]["ipsec"])


def _ios_transforms():
    """`esp-aes`, `esp-aes 256` ...: each ESP transform with each key size the YANG allows it."""
    key_bits = iosvendor.COMMANDS["crypto ipsec transform-set / key-bit"]
    out = []
    for esp in iosvendor.COMMANDS["crypto ipsec transform-set / esp"]["enum"]:
        out.append(esp)
        if esp not in key_bits["when_not"]:
            out.extend("%s %s" % (esp, bits) for bits in key_bits["enum"])
    return out


def _cases():
    """(platform, family, phase, vendor word, the twin's reading)."""
    ikev2 = "crypto ikev2 proposal / "
    out = [("ios", vocab.ENCRYPTION, 1, w, words.cipher("ios", w)) for w in iosvendor.COMMANDS[ikev2 + "encryption"]["keywords"]]
    out += [("ios", vocab.INTEGRITY, 1, w, words.hash_("ios", w)) for w in iosvendor.COMMANDS[ikev2 + "integrity"]["keywords"]]
    out += [("ios", vocab.DH_GROUP, 1, w, words.group(w)) for w in iosvendor.COMMANDS[ikev2 + "group"]["keywords"]]
    out += [("ios", vocab.ENCRYPTION, 2, w, words.cipher("ios", *w.split())) for w in _ios_transforms()]
    out += [("ios", vocab.INTEGRITY, 2, w, words.hash_("ios", w))
            for w in iosvendor.COMMANDS["crypto ipsec transform-set / esp-hmac"]["enum"]]
    out += [("ios", vocab.DH_GROUP, 2, w, words.group(w)) for w in iosvendor.COMMANDS["crypto ipsec profile / set pfs group"]["enum"]]
    for phase, section in ((1, "ike"), (2, "ipsec")):
        out += [("junos", vocab.ENCRYPTION, phase, w, words.cipher("junos", w))
                for w in _junos("security %s proposal encryption-algorithm" % section)]
        out += [("junos", vocab.INTEGRITY, phase, w, words.hash_("junos", w))
                for w in _junos("security %s proposal authentication-algorithm" % section)]
    out += [("junos", vocab.DH_GROUP, 1, w, words.group(w)) for w in _junos("security ike proposal dh-group")]
    out += [("junos", vocab.DH_GROUP, 2, w, words.group(w)) for w in _junos("security ipsec policy perfect-forward-secrecy keys")]
    out += [("junos", vocab.IKE_VERSION, 1, w, words.ike_version(w)) for w in _junos("security ike gateway version")]
    for release in ("1.4", "1.3"):
        for phase in (1, 2):
            out += [("vyos", vocab.ENCRYPTION, phase, w, words.cipher("vyos", w)) for w in _vyos_formats(release, "encryption")]
            out += [("vyos", vocab.INTEGRITY, phase, w, words.hash_("vyos", w)) for w in _vyos_formats(release, "hash")]
        out += [("vyos", vocab.DH_GROUP, 1, w, words.group(w)) for w in _vyos_formats(release, "dh-group")]
        out += [("vyos", vocab.DH_GROUP, 2, w, words.group(w)) for w in _vyos_formats(release, "pfs") if w.startswith("dh-group")]
        out += [("vyos", vocab.IKE_VERSION, 1, w, words.ike_version(w)) for w in _vyos_formats(release, "key-exchange")]
    return out


def _product(family, phase, word, platform):
    try:
        return vocab.from_dialect(family, word, platform, phase)
    except vocab.VocabularyError:
        return None


def test_where_both_name_a_vendor_word_they_name_it_alike():
    named = [(c, _product(c[1], c[2], c[3], c[0])) for c in _cases()]
    assert len(named) > 300
    assert [(c, product) for c, product in named if product is not None and product != c[4]] == []


# Words a vendor accepts that the collection's vocabulary has no name for (its reader stops on them with the
# vocabulary's error): AES-192 and the truncated or exotic MACs and ciphers no AWS tunnel runs.
PRODUCT_CANNOT_READ = {
    "ios": {"aes-cbc-192", "esp-aes 192", "esp-gcm 192", "esp-gmac", "esp-gmac 128", "esp-gmac 192", "esp-gmac 256",
            "esp-seal"},
    "junos": {"aes-192-cbc", "aes-192-gcm", "hmac-sha-256-96"},
}


@pytest.mark.parametrize("platform", ["ios", "junos"])
def test_the_words_only_the_twin_can_name_are_the_known_gaps(platform):
    gaps = {c[3] for c in _cases() if c[0] == platform and _product(c[1], c[2], c[3], platform) is None}
    assert gaps == PRODUCT_CANNOT_READ[platform]


def test_vyos_words_the_product_cannot_read_are_the_exotic_ones():
    gaps = {c[3] for c in _cases() if c[0] == "vyos" and _product(c[1], c[2], c[3], "vyos") is None}
    assert {"aes192", "aes256gcm96", "camellia256", "chacha20poly1305", "sha256_96", "aesxcbc"} <= gaps
    assert not gaps & {"aes128", "aes256", "aes128gcm128", "aes256gcm128", "sha1", "sha256", "sha384", "sha512", "14", "dh-group14"}
