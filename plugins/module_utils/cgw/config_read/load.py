# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device config text -> the structured model (shape.py), one entry point for every platform.

Input is what the device prints (its dialect's ``config_command``: IOS-XE ``show running-config``, Junos ``show
configuration | display set``, VyOS ``show configuration commands``). The platform's dialect reads the text into a
tree (trees.py) and hands it to its builder (ios.py, junos.py, vyos.py). The compliance audit, the troubleshooter
and the cgw roles all read a platform's config through this one parser.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.config_read import trees
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry

DeviceConfigError = trees.DeviceConfigError


@dataclass(frozen=True)
class Source:
    """What the builders need to know about the config besides its text."""
    name: str
    platform: str
    version: str = None
    hostname: str = None
    psk_salt: str = "hybridvpn.s2s"


def set_tree(text: str, platform: str) -> trees.SetTree:
    """``set a b "c d"`` lines of ``platform`` -> nested dicts of words (values are leaf keys, as in the twins)."""
    return trees.set_tree(text, platform, registry.dialect_for(platform).set_words)


def parse(text: str, source: Source) -> dict:
    """The structured model of one device config text."""
    platforms = registry.config_platforms()
    if source.platform not in platforms:
        raise DeviceConfigError("platform %r is not supported; valid: %s" % (source.platform, ", ".join(platforms)))
    return registry.dialect_for(source.platform).parse(text, source)
