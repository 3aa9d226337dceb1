# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dataplane_sync: AWS twin + device twins (what is configured) -> one data-plane spec (what runs) -> status back to both twins.

aws_side.py reads the AWS twin, cgw_side.py reads each device twin's committed config, proposals.py
spells algorithms for strongSwan and back, translate.py pairs tunnels by outside IPs into a spec,
report.py writes the real state back, cli.py is `python -m lab.dataplane_sync`.
"""
