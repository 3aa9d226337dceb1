# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos twin refuses at commit an IKE or IPsec policy with more than four proposals (issue 16)."""

from __future__ import annotations

from lab.device_twins import junos, setstyle


def _config(count, kind="ike"):
    lines = ["set security %s proposal P%d %s" % (kind, i, "dh-group group14" if kind == "ike" else "protocol esp")
             for i in range(count)]
    lines.append("set security %s policy POL proposals [ %s ]" % (kind, " ".join("P%d" % i for i in range(count))))
    return setstyle.tree_from_lines(lines, junos.GRAMMAR, junos.DIALECT)


def test_four_proposals_commit_and_five_do_not():
    assert junos.over_limit(_config(4)) == [] and junos.over_limit(_config(4, "ipsec")) == []
    assert junos.over_limit(_config(5)) == [(["security", "ike", "policy", "POL"], "proposals", "[ P0 P1 P2 P3 P4 ]",
                                             "5 proposals: an IKE policy takes at most 4")]
    assert junos.over_limit(_config(9, "ipsec"))[0][3] == "9 proposals: an IPsec policy takes at most 4"


def test_the_commit_error_has_junos_s_shape():
    session = junos.Session.__new__(junos.Session)
    text = session.commit_failed(junos.over_limit(_config(5)))
    assert text.splitlines() == ["[edit security ike policy POL]", "  'proposals [ P0 P1 P2 P3 P4 ]'",
                                 "    5 proposals: an IKE policy takes at most 4", "error: configuration check-out failed"]
