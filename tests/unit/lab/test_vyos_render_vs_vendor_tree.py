# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every set line the VyOS role renders is one VyOS's own command tree accepts (issue 16).

The role's templates (roles/cgw_vyos/templates/config.j2 and keys.j2) are rendered with Ansible's templar from
``render.build`` for every crypto profile VyOS can carry, with and without the optional features (active/passive, ECMP, static
routing, nothing accepted, every DPD action the role offers, two connections), in 1.4 and 1.3 syntax. Each line
is judged against the tree reduced from vyos-1x / the Vyatta templates (tests/fixtures/vendor/vyos) by
lab/device_twins/vyostree.py, which uses no product code to judge.
"""

from __future__ import annotations

import os
import shlex

import pytest
import yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import render
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError
from lab.device_twins.vyostree import CommandTree
from tests.unit.roles import role_render
from tests.unit.roles.role_render import DEVICE_PROFILES

ROLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "cgw_vyos")
TREES = {False: CommandTree.load("vyos"), True: CommandTree.load("vyos13")}
SECRET_LEAVES = ("secret", "pre-shared-secret")
with open(os.path.join(ROLE, "meta", "argument_specs.yml"), encoding="utf-8") as _spec:
    DPD_ACTIONS = yaml.safe_load(_spec)["argument_specs"]["main"]["options"]["cgw_vyos_dpd_action"]["choices"]


def _conn(vpn, profile, outside=20, inside=60, **extra):
    vyos = dict({"name": "br1 r-vyos", "cgw_asn": 65020, "local_address": "198.51.100.22", "gateway_type": "tgw",
                 "advertise": ["192.168.20.0/24", "192.168.21.0/24"], "accept": ["10.20.0.0/16"]}, **extra)
    return role_render.connection(vpn, profiles.get(profile).tunnel_options(), outside=outside, inside=inside, **vyos)


FEATURES = {
    "bgp": lambda p: [_conn("vpn-0a1b2c3d", p)],
    "active_passive": lambda p: [_conn("vpn-0a1b2c3d", p, redundancy="active_passive")],
    "ecmp": lambda p: [_conn("vpn-0a1b2c3d", p, ecmp=True)],
    "static": lambda p: [_conn("vpn-0a1b2c3d", p, routing="static")],
    "accept_nothing": lambda p: [_conn("vpn-0a1b2c3d", p, accept=[])],
    "two_connections": lambda p: [_conn("vpn-0a1b2c3d", p), _conn("vpn-0e0f0a0b", p, outside=30, inside=70)],
    "behind_nat": lambda p: [_conn("vpn-0a1b2c3d", p, private_address="10.0.20.22")],
    "ipv6_outside": lambda p: [role_render.ipv6_outside(_conn("vpn-0a1b2c3d", p))],
}


def rendered(connections, legacy, dpd_action="restart", data=None):
    """The role's lines for ``connections`` (``data``: render data built otherwise, e.g. from a device read)."""
    variables = {"cgw_render": data or render.build(connections, "vyos"), "cgw_vyos_legacy": legacy,
                 "cgw_vyos_ipsec_interface": "eth0", "cgw_vyos_dpd_action": dpd_action, "cgw_vyos_extra_lines": []}
    return [line for name in ("config.j2", "keys.j2") for line in role_render.template_lines("cgw_vyos", name, variables)]


def shown(words):
    """The line for a failure message, its key (if any) hidden."""
    return " ".join("<hidden>" if i and words[i - 1] in SECRET_LEAVES else w for i, w in enumerate(words))


def refusals(lines, legacy):
    tree, out = TREES[legacy], []
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "set", line
        verdict = tree.check(words[1:])
        if not verdict.ok:
            out.append("%s\n    -> %s" % (shown(words), verdict.error.replace("\n", " / ")))
    return out


# Profiles whose IKE proposals, one algorithm of each kind each on VyOS, overflow the IKE_SA_INIT a peer must take
# (cgw/ike_init.py): refused before anything is rendered (docs/fidelity-vyos.md, "Proposal counts").
TOO_MANY_PROPOSALS = {"aws_default": 192, "nist_800_77r1": 72}


@pytest.mark.parametrize("legacy", [False, True], ids=["vyos-1.4", "vyos-1.3"])
@pytest.mark.parametrize("profile", [p for p in DEVICE_PROFILES if p not in TOO_MANY_PROPOSALS])
@pytest.mark.parametrize("feature", list(FEATURES))
def test_every_rendered_line_is_in_vyos_command_tree(profile, feature, legacy):
    lines = rendered(FEATURES[feature](profile), legacy)
    assert lines
    assert not refusals(lines, legacy), "\n".join(refusals(lines, legacy))


@pytest.mark.parametrize("profile", list(TOO_MANY_PROPOSALS))
def test_too_many_ike_proposals_are_refused_naming_field_and_rule(profile):
    with pytest.raises(S2SError) as caught:
        render.build(FEATURES["bgp"](profile), "vyos")
    assert (caught.value.field, caught.value.rule) == ("vpn-0a1b2c3d.tunnels[1].phase1_dh_group_numbers", "ike_init.too_large")
    assert "%d IKE proposals" % TOO_MANY_PROPOSALS[profile] in caught.value.message
    assert "Key." not in caught.value.message


@pytest.mark.parametrize("legacy", [False, True], ids=["vyos-1.4", "vyos-1.3"])
@pytest.mark.parametrize("dpd_action", DPD_ACTIONS)
def test_every_dpd_action_the_role_offers_is_one_vyos_takes(dpd_action, legacy):
    lines = rendered(FEATURES["bgp"]("strict"), legacy, dpd_action)
    assert not refusals(lines, legacy), "\n".join(refusals(lines, legacy))


def test_the_tree_judges_a_broken_line_with_vyos_wording():
    tree = TREES[False]
    assert tree.check("vpn ipsec esp-group G lifetime 20".split()).error.endswith("Value validation failed")
    assert tree.check("vpn ipsec esp-group G lifetime-x 20".split()).error == (
        "Configuration path: [vpn ipsec esp-group G lifetime-x 20] is not valid")
    assert tree.check("vpn ipsec esp-group G lifetime".split()).error == (
        "Configuration path: [vpn ipsec esp-group G lifetime] requires a value")
