# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The mutation table (tests/integration/dataplane/mutations.yml) is complete before the lab runs it: every row
names an outcome written down with its reason and source, every failing outcome the cause troubleshoot must name
(or why the lab cannot show it), and each platform covers the kinds of change issue 16 lists."""

from __future__ import annotations

import string

import pytest

from tests.integration.dataplane import mutation_table as table

PLACEHOLDERS = {"name", "connection", "unit", "peer", "aws_inside", "cgw_inside", "moved_inside", "local", "psk", "wrong_psk"}
# issue 16 item 5: encryption, integrity, DH group, PSK, identity, inside address, ASN, DPD, lifetime on every platform
KINDS = {"psk", "identity", "inside", "asn", "dpd", "lifetime"}


@pytest.mark.parametrize("name", sorted(table.table()["outcomes"]))
def test_every_outcome_is_written_down_with_its_reason_and_source(name):
    outcome = table.table()["outcomes"][name]
    assert outcome["state"] in ("up", "down") and outcome["why"].strip() and outcome["source"].strip()
    if outcome["state"] == "down":
        assert outcome["cause"].strip()
        assert outcome["lab"] or outcome["gap"].strip(), "a failing row the lab cannot show says what reaches it instead"
    else:
        assert "cause" not in outcome and "lab" not in outcome


def test_each_platform_covers_the_issue_s_kinds_and_its_ids_are_unique():
    by_platform = {}
    for row in table.rows():
        by_platform.setdefault(row.platform, []).append(row)
    assert sorted(by_platform) == sorted(table.PLATFORMS)
    for platform, rows in by_platform.items():
        outcomes = {r.spec["outcome"] for r in rows}
        assert KINDS <= outcomes and outcomes & {"proposal", "child_proposal"}, platform
        assert len({r.id for r in rows}) == len(rows), platform
        # encryption, integrity and DH each changed once, in IKE or (IOS-XE, see the table) in the CHILD SA
        assert {r.id.split("_", 1)[1] for r in rows if r.id.startswith(("ike_", "esp_", "pfs"))} >= {"encryption", "integrity"}
    assert [r.name for r in table.rows() if r.spec["outcome"] == "zone"] == ["junos/zone_ike_service"]


def test_every_mutation_names_only_known_placeholders():
    for row in table.rows():
        for text in row.spec["mutation"].values():
            used = {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}
            assert used <= PLACEHOLDERS, (row.name, used - PLACEHOLDERS)


def test_every_row_has_its_own_connection_and_addresses():
    rows = table.rows()
    assert len({r.connection["vpn_connection_id"] for r in rows}) == len(rows)
    for field in ("outside_ip", "inside_cidr"):
        assert len({t[field] for r in rows for t in r.connection["tunnels"]}) == 2 * len(rows)
