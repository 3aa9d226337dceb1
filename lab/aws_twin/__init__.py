# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS twin: moto's HTTP server plus a Site-to-Site VPN fidelity layer.

Start it with ``python -m lab.aws_twin serve --port N`` (or ``make aws-twin``); talk to it with
boto3/Ansible through ``endpoint_url`` and dummy credentials; drive the lab side (tunnel status,
faults, ledger) through the ``/_twin/`` control API, see ``client.py``.
"""

from __future__ import annotations
