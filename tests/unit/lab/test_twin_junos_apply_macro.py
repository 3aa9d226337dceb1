# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos twin keeps every apply-macro and every parameter, as Junos does (issue 22: the cgw undo record)."""

from __future__ import annotations

from lab.device_twins import junos, setstyle


def test_apply_macros_and_their_parameters_live_side_by_side():
    tree = setstyle.tree_from_lines([
        "set apply-macro site-info region eu-west",
        'set apply-macro s2s-undo k1 "routing-options autonomous-system = 65000"',
        'set apply-macro s2s-undo k2 "security flow tcp-mss ipsec-vpn mss"',
        'set apply-macro s2s-undo k1 "routing-options autonomous-system = 65001"',
    ], junos.GRAMMAR, junos.DIALECT)
    assert sorted(tree.paths()) == [
        ("apply-macro", "s2s-undo", "k1", "routing-options autonomous-system = 65001"),
        ("apply-macro", "s2s-undo", "k2", "security flow tcp-mss ipsec-vpn mss"),
        ("apply-macro", "site-info", "region", "eu-west"),
    ]
