# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins' own reading of their running config (lab/device_twins/running) against the collection's reader
(cgw/config_read), on every config the roles render (issue 15 item 4).

Each case is pushed into an in-process twin through its CLI, as a device receives it; the twin's model is its own,
the product's is read from what the twin prints (``show running-config``, ``show configuration | display set``, ``show
configuration commands``), as the roles and the audit read a device. The two were written apart, so where they
differ one of them misreads the vendor's config: a difference fails here (docs/architecture.md, "What the twins still
share with the product").
"""

from __future__ import annotations

import pytest

import lab.device_twins as twins
from lab.device_twins import server
from lab.device_twins.spec import build

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import load
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from tests.unit.lab.test_vyos_render_vs_vendor_tree import FEATURES, TOO_MANY_PROPOSALS, rendered as vyos_lines
from tests.unit.roles import junos_render, role_render
from tests.unit.roles.cgw_ios import rendered as ios_rendered
from tests.unit.roles.role_render import DEVICE_PROFILES

# how each platform is driven: enter configuration, leave it committed, print the config the product reads
DRIVE = {
    "ios": (["configure terminal"], ["end"], "show running-config"),
    "junos": (["configure"], ["commit and-quit"], "show configuration | display set"),
    "vyos": (["configure"], ["commit", "exit"], "show configuration commands"),
    "vyos13": (["configure"], ["commit", "exit"], "show configuration commands"),
}


def _push(tmp_path, platform, lines):
    """A fresh twin of ``platform`` with ``lines`` pushed: (its spec, what it printed for each refused line, config)."""
    entry = {"name": "t1", "platform": platform, "port": 0, "password": "pw", "state_dir": str(tmp_path)}
    spec = build(entry, {}, str(tmp_path))
    session = server.Twin(spec).new_session("admin")
    enter, leave, show = DRIVE[platform]
    refused = []
    for line in enter + lines + leave:
        said = session.feed(line)
        if any(mark in said for mark in ("% Invalid", "% Incomplete", "syntax error", "is not valid", "failed")):
            refused.append((line, said))
    printed = session.feed(show)
    return spec, refused, printed[:printed.rstrip().rfind("\n")]      # without the prompt that follows


def _wanted(case_id, plain):
    """Every profile with the plain variant ``plain``, every variant with the recommended profile, and the cases that
    are no profile-variant pair (two connections, behind NAT ...): each reading path once, at a fraction of the CPU."""
    profile, _dash, variant = case_id.partition("-")
    return profile not in DEVICE_PROFILES or profile == "recommended" or variant == plain


def _ios_cases():
    out = []
    for case_id in filter(lambda c: _wanted(c, "active_active"), ios_rendered.CASE_IDS):
        data, text = ios_rendered.rendered(case_id)
        keys = role_render.template_lines("cgw_ios", "keyring.j2", {"cgw_render": data})     # rendered.py: config.j2 only
        out.append(("ios", case_id, [line for line in text.splitlines() if line.strip() and line.strip() != "!"] + keys))
    return out


def _junos_cases():
    out = []
    for case_id, connections, role_vars in filter(lambda c: _wanted(c[0], "plain"), junos_render.cases()):
        data = render.build(connections, "junos")
        lines = junos_render.lines(connections, role_vars, data=data) + junos_render.lines(connections, role_vars, "keys.j2", data=data)
        out.append(("junos", case_id, lines))
    return out


def _vyos_cases():
    """Every feature with the recommended profile, and one connection with each other profile VyOS can take."""
    wanted = [(f, "recommended") for f in FEATURES] + [("bgp", p) for p in DEVICE_PROFILES
                                                       if p != "recommended" and p not in TOO_MANY_PROPOSALS]
    return [("vyos13" if legacy else "vyos", "%s-%s" % (profile, feature), vyos_lines(FEATURES[feature](profile), legacy))
            for legacy in (False, True) for feature, profile in wanted]


# The everyday configuration beside a VPN that the twins take and a reader must not stumble on: a prefix-list's
# description, a secondary address (the interface's address is the primary one), a static route.
EVERYDAY = {
    "ios": ["ip prefix-list LAN description the branch LAN", "ip prefix-list LAN seq 5 permit 192.168.0.0/16 le 24",
            "interface GigabitEthernet2", " ip address 10.9.0.1 255.255.255.0",
            " ip address 10.9.1.1 255.255.255.0 secondary", "ip route 10.99.0.0 255.255.0.0 10.9.0.254"],
    "junos": ["set interfaces ge-0/0/1 unit 0 family inet address 10.9.0.1/24",
              "set routing-options static route 10.99.0.0/16 next-hop 10.9.0.254"],
    "vyos": ["set interfaces ethernet eth1 address 10.9.0.1/24", "set protocols static route 10.99.0.0/16 next-hop 10.9.0.254"],
}


def _everyday_cases(cases):
    """The first recommended case of each platform with EVERYDAY beside it."""
    out = []
    for platform, lines in EVERYDAY.items():
        _platform, case_id, rendered = next(c for c in cases if c[0] == platform and "recommended" in c[1])
        out.append((platform, case_id + "-everyday", rendered + lines))
    return out


# What the product reads that no twin config can hold: the IOS-XE twin has no ISAKMP or crypto-map commands (its
# grammar refuses them: IKEv1 is not what the roles push), so its model has no place for them.
PRODUCT_ONLY = {"isakmp_keepalive", "isakmp_keyrings", "isakmp_keys", "isakmp_policies", "isakmp_profiles", "crypto_maps"}


def _normal(model):
    """A model with a key as its fingerprint alone (the product adds the key's strength traits for its audit) and
    without PRODUCT_ONLY."""
    if isinstance(model, dict):
        if "fingerprint" in model:
            return {"fingerprint": model["fingerprint"]}
        return {k: _normal(v) for k, v in model.items() if k not in PRODUCT_ONLY}
    if isinstance(model, list):
        return [_normal(v) for v in model]
    return model


def _differences(theirs, ours, path=""):
    """Where two models differ, as 'path: twin value != product value' lines."""
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return [d for k in sorted(set(theirs) | set(ours), key=str)
                for d in _differences(theirs.get(k, "<absent>"), ours.get(k, "<absent>"), "%s.%s" % (path, k))]
    if isinstance(theirs, list) and isinstance(ours, list) and len(theirs) == len(ours):
        return [d for i, (a, b) in enumerate(zip(theirs, ours)) for d in _differences(a, b, "%s[%d]" % (path, i))]
    return [] if theirs == ours else ["%s: twin %r != product %r" % (path, theirs, ours)]


CASES = _ios_cases() + _junos_cases() + _vyos_cases()
CASES += _everyday_cases(CASES)


@pytest.mark.parametrize("platform,case_id,lines", CASES, ids=["%s-%s" % (p, c) for p, c, _l in CASES])
def test_the_twin_and_the_product_read_a_rendered_config_alike(tmp_path, platform, case_id, lines):
    spec, refused, printed = _push(tmp_path, platform, lines)
    assert not refused, refused
    theirs = _normal(twins.model(spec))
    ours = _normal(load.parse(printed, load.Source(spec.name, platform, spec.version, spec.hostname, spec.psk_salt)))
    assert theirs["tunnels"] and all(t["crypto"]["psk"] and t["crypto"]["ike_proposals"] for t in theirs["tunnels"])
    assert not _differences(theirs, ours)


def test_a_cipher_the_product_has_no_name_for_stops_its_reader_and_the_twin_reads_it(tmp_path):
    """IOS-XE takes ``esp-aes 192`` (Cisco's YANG key-bit 192). The product's reader once read it as ``esp-aes``
    (AES-128) and dropped the 192; it must name no cipher rather than the wrong one."""
    spec, refused, printed = _push(tmp_path, "ios", ["crypto ipsec transform-set TS192 esp-aes 192 esp-sha256-hmac",
                                                     " mode tunnel"])
    assert not refused
    (proposal,) = twins.model(spec)["ipsec"]["proposals"]
    assert (proposal["encryption"], proposal["integrity"]) == (["AES192"], ["SHA2-256"])
    with pytest.raises(vocab.VocabularyError, match="esp-aes 192"):
        load.parse(printed, load.Source(spec.name, "ios", spec.version, spec.hostname, spec.psk_salt))
