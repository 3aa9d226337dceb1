# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twins' window onto the collection's shipped code.

The grammar's value types and the structured model come from the collection itself
(plugins/module_utils/cgw/config_read): one parser per vendor, shared by the twins and the
compliance role, so the twins read their running config exactly as an audit reads a device.
"""

from __future__ import annotations

import os
import sys

try:
    from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words
except ImportError:  # run from a checkout without PYTHONPATH: use the repo's .collections link
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", ".collections"))
    from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import words

# pylint: disable=wrong-import-position
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import ios as iosmodel  # noqa: E402
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import junos as junosmodel  # noqa: E402
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import vyos as vyosmodel  # noqa: E402

is_vocab_type = words.is_vocab_type
canonical = words.canonical
width = words.width
fingerprint = words.fingerprint

__all__ = ["canonical", "fingerprint", "is_vocab_type", "iosmodel", "junosmodel", "vyosmodel", "width"]
