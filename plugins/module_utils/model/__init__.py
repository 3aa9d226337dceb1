# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The model: the VPN intent and everything derived from it (plan, tunnel options, crypto vocabulary and
profiles, inside CIDRs, keys, stable slots) and the one error type every layer raises (errors.S2SError).

No AWS call and no device: the model imports nothing from aws, cgw, audit or ops."""
