# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`python -m lab.dataplane_sync`: see cli.py."""

from __future__ import annotations

import sys

from lab.dataplane_sync.cli import main

sys.exit(main())
