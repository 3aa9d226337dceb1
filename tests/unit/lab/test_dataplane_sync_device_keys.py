# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""lab.dataplane_sync.cgw_side.device_keys: the keys a device holds, by fingerprint, as the device uses them."""

from __future__ import annotations

import json
import types

from lab.dataplane_sync import cgw_side
# the product writes the $9$ and names keys; the twin reads them with its own code (secret9, running/words)
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import junos_secret
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import psk


def _twin(tmp_path, running):
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"running": running}))
    return types.SimpleNamespace(state_file=str(state), psk_salt="salt")


def test_junos_secrets_count_by_their_clear_text(tmp_path):
    clear = "Kx7.sample_key_for_the_lab_0001"
    running = {"security": {"ike": {"gateway": {"gw-1": ["ike-policy p", 'pre-shared-key ascii-text "%s"' % junos_secret.encode(clear)]}}}}
    keys = cgw_side.device_keys(_twin(tmp_path, running))
    assert keys[psk.fingerprint(clear, "salt")] == clear
    assert not any(word.startswith("$9$") for word in keys.values())


def test_plain_words_and_malformed_secrets(tmp_path):
    keys = cgw_side.device_keys(_twin(tmp_path, ["crypto ikev2 keyring k pre-shared-key PlainKey123", "secret $9$"]))
    assert keys[psk.fingerprint("PlainKey123", "salt")] == "PlainKey123"
    assert "$9$" not in keys.values()
