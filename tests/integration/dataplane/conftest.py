# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the data-plane lab tests: root-only, real strongSwan and FRR in namespaces."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _missing() -> list:
    if importlib.util.find_spec("vici") is None:
        return ["python package vici (requirements-dev.txt)"]
    # Imported here: it needs vici, whose absence is the reason given above.
    from lab.dataplane import host   # pylint: disable=import-outside-toplevel
    return host.missing_files()


def pytest_collection_modifyitems(config, items):  # pylint: disable=unused-argument
    here = pathlib.Path(__file__).parent
    reason = None
    if os.geteuid() != 0:
        reason = "data-plane lab needs root (network namespaces, strongSwan, FRR)"
    elif _missing():
        reason = "data-plane lab needs: %s" % "; ".join(_missing())
    if reason:
        for item in items:
            if here in pathlib.Path(str(item.fspath)).parents:
                item.add_marker(pytest.mark.skip(reason=reason))
