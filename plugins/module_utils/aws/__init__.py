# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS side: the EC2 VPN calls, the modules' input rules and requests, Describe output normalised,
and the per-resource convergence the modules share.

Imports the model only (never cgw, audit or ops)."""
