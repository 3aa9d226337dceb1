# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures for unit tests of the shared model."""

from __future__ import annotations

import copy

import pytest
from hypothesis import settings

# Property tests judge behaviour, never speed (a deadline is a timed assertion that fails on a loaded CI machine),
# and replay the same examples on every run (no example database written into the checkout).
settings.register_profile("s2s", deadline=None, derandomize=True, database=None)
settings.load_profile("s2s")

LAB_LIKE_INTENT = {
    "region": "us-east-1",
    "gateways": [
        {"name": "vgw-a", "type": "vgw", "vpc_cidrs": ["10.10.0.0/16"]},
        {"name": "tgw-a", "type": "tgw", "amazon_side_asn": 64513, "vpc_cidrs": ["10.20.0.0/16"]},
    ],
    "sites": [
        {"name": "br1", "gateway": "vgw-a", "prefixes": ["192.168.11.0/24"],
         "cgws": [{"name": "r-ios", "public_ip": "198.51.100.11", "asn": 65011, "platform": "ios"}]},
        {"name": "dc", "gateway": "tgw-a", "prefixes": ["192.168.20.0/24"], "crypto_profile": "strict",
         "cgws": [{"name": "r-junos", "public_ip": "198.51.100.21", "asn": 65020, "platform": "junos"},
                  {"name": "r-vyos", "public_ip": "198.51.100.22", "asn": 65020, "platform": "vyos"}]},
    ],
}


@pytest.fixture
def intent():
    """A valid intent the test may change freely."""
    return copy.deepcopy(LAB_LIKE_INTENT)
