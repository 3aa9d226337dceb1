# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The IOS-XE render stays within IOS-XE's documented proposal limits (issue 16): at most six transform sets in an
IPsec profile (Cisco's command reference, in tests/fixtures/vendor/ios/crypto-commands.json). Cisco documents no
limit on proposals per IKEv2 policy or algorithms per proposal; the render's own bounds are pinned here."""

from __future__ import annotations

import json
import pathlib

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.tests.unit.roles.cgw_ios.rendered import CASE_IDS, rendered

LIMITS = json.loads((pathlib.Path(__file__).resolve().parents[3] / "fixtures" / "vendor" / "ios" /
                     "crypto-commands.json").read_text(encoding="utf-8"))["limits"]
MOST_TRANSFORM_SETS = LIMITS["crypto ipsec profile / set transform-set"]["max"]


def test_the_dialect_caps_transform_sets_at_the_command_reference_limit():
    assert registry.dialect_for("ios").max_esp_proposals == MOST_TRANSFORM_SETS


@pytest.mark.parametrize("case", CASE_IDS)
def test_each_tunnel_stays_within_the_limits(case):
    data, text = rendered(case)
    for tunnel in data["tunnels"]:
        assert 1 <= len(tunnel["ipsec_proposals"]) <= MOST_TRANSFORM_SETS, (case, tunnel["name"])
        # one IKEv2 proposal per cipher kind (CBC with integrity, GCM with prf): two at most in the policy
        assert 1 <= len(tunnel["ike_proposals"]) <= 2, (case, tunnel["name"])
    for line in text.splitlines():
        if line.startswith(" set transform-set "):
            assert len(line.split()) - 2 <= MOST_TRANSFORM_SETS, (case, line)
