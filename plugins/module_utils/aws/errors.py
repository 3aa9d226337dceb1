# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS side's error: a problem with one resource's request, raised by the per-resource managers."""

from __future__ import annotations

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError


class VpnError(S2SError):
    """A problem with one customer gateway's or connection's request: ``message`` for the user, ``details`` for the
    module result (never fail_json in the managers: the batch runs them in threads and reports per resource)."""

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.details = details
