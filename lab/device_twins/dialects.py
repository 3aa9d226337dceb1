# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Platform name -> dialect module (Session class, config (de)serialisation, model)."""

from __future__ import annotations

import importlib

_MODULES = {"ios": "ios", "junos": "junos", "vyos": "vyos", "vyos13": "vyos"}


def get(platform):
    return importlib.import_module("lab.device_twins." + _MODULES[platform])
