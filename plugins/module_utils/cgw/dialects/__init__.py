# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One dialect per platform: everything about a customer gateway platform's CLI behind one interface (base.Dialect),
one module per platform (ios, junos, vyos) and one registry (registry) every platform list is derived from.

The generic algorithms (render, cgw_pending, cgw_removal, cgw_undo, cgw_state, cgw_lock, cgw_read) take the
dialect from the registry; the dialect modules import only base, parts and the config readers, never the registry."""
