# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The customer gateway (device) side: the render-ready data a device must run, the one config read and
what is worked out from it (pending lines, removal, undo record, drift, lock), tunnel state, and the
config readers (config_read) that turn a device's config text into the structured model.

Imports the model only (never aws, audit or ops)."""
