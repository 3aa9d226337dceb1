# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reference pages in docs/ are generated from the shared model; they must not drift."""

from __future__ import annotations

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _generator():
    spec = importlib.util.spec_from_file_location("model_docs", ROOT / "lab" / "docgen" / "model_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_pages_match_the_model():
    for name, render in _generator().PAGES.items():
        actual = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert actual == render(), "%s is stale: run python lab/docgen/model_docs.py docs" % name


def test_reference_lists_every_tunnel_option():
    text = (ROOT / "docs" / "intent-reference.md").read_text(encoding="utf-8")
    for name in ("phase1_dh_group_numbers", "startup_action", "log_options", "pre_shared_key"):
        assert "`%s`" % name in text


def test_crypto_reference_lists_every_algorithm_and_profile():
    text = (ROOT / "docs" / "crypto-reference.md").read_text(encoding="utf-8")
    for needle in ("`AES256-GCM-16`", "esp-gcm 256", "hmac-sha-256-128", "modp2048s256", "### cnsa1", "S2S-P2-DH"):
        assert needle in text
