# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``twins``: one twin per platform (ios, junos, vyos, vyos13) for the session, see twinlab.TwinLab."""

from __future__ import annotations

import pytest

from .twinlab import TwinLab


@pytest.fixture(scope="session")
def twins(tmp_path_factory):
    lab = TwinLab(tmp_path_factory.mktemp("device-twins"))
    lab.start()
    yield lab
    lab.stop()
