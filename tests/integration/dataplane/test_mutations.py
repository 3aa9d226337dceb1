# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The mutation table (mutations.yml) in one lab bring-up: every row's tunnel side by side, each judged against the
outcome the table wrote down first, and troubleshoot's diagnosis (the vpn_diagnose filter, from each twin's show
output and running config) naming the table's cause for every row that fails.

No Ansible process: the configs render in one child process, the twins take them through their own CLI in-process,
lab.dataplane_sync's cgw_side/translate/report run as `sync` and `report` run them.
"""

from __future__ import annotations

import os
import time

import pytest

from lab.dataplane import spec as specmod, status as statusmod, system
from lab.dataplane_sync import cgw_side, report, translate
from ansible_collections.hybridvpn.s2s.plugins.filter.vpn_diagnose import vpn_diagnose
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_state
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry

from . import mutation_table as table
from .test_dataplane import _fresh

LAB = "dpm%d" % (os.getpid() % 100000)
SETTLE_TIMEOUT = 60


def _expressed(outcome: dict) -> bool:
    """Whether the lab can show the outcome: every row that stays up, and every failing row with a ``lab`` reason."""
    return outcome["state"] == "up" or outcome.get("lab") is not None


def _settled(tunnel: dict, outcome: dict) -> bool:
    """The tunnel shows the table's outcome (the lab's view; BGP rows once IPsec is up and BGP is not)."""
    if outcome["state"] == "up":
        return tunnel["up"]
    if outcome["lab"] == "BGP":
        return tunnel["ipsec_up"] and not tunnel["bgp_up"]
    return tunnel["reason"].startswith(outcome["lab"])


@pytest.fixture(scope="module")
def mutated(tmp_path_factory):
    """The lab running every row's tunnel, settled; the twins, the map and the seconds it took."""
    started = time.monotonic()
    state_dir = str(tmp_path_factory.mktemp("mutation-twins"))
    rows = table.rows()
    twins = {name: table.commit(name, selected[0].platform, table.device_lines(name), state_dir)
             for name, selected in table.twins().items()}
    committed = time.monotonic() - started
    translated, mapping, unpaired = translate.build(table.aws_connections(rows), {n: cgw_side.endpoints(t) for n, t in twins.items()}, LAB)
    outcomes = table.table()["outcomes"]
    # a row the lab cannot express is judged on what reaches strongSwan (the translated spec), not run
    kept = {r.tunnel["outside_ip"] for r in rows if _expressed(outcomes[r.spec["outcome"]])}
    spec = dict(translated, tunnels=[t for t in translated["tunnels"] if t["aws"]["outside_ip"] in kept])
    mapping = [m for m in mapping if m["aws_outside_ip"] in kept]
    lab = _fresh(specmod.from_dict(spec))
    by_ip = {m["aws_outside_ip"]: m["tunnel"] for m in mapping}
    try:
        lab.up()
        brought_up = time.monotonic() - started

        def settled():
            found = {t["tunnel"]: t for t in statusmod.lab_status(lab)["tunnels"]}
            return found if all(_settled(found[by_ip[r.tunnel["outside_ip"]]], outcomes[r.spec["outcome"]])
                                for r in rows if r.tunnel["outside_ip"] in by_ip) else None

        found = system.wait_for(settled, SETTLE_TIMEOUT, 0.5) or {t["tunnel"]: t for t in statusmod.lab_status(lab)["tunnels"]}
        print("mutation table: %d rows, %d lab tunnels; twins committed %.1f s, lab up %.1f s, settled %.1f s after start" % (
            len(rows), len(spec["tunnels"]), committed, brought_up, time.monotonic() - started))
        yield {"lab": lab, "spec": spec, "translated": translated, "mapping": mapping, "unpaired": unpaired, "twins": twins, "status": found,
               "by_ip": by_ip, "outcomes": outcomes}
    finally:
        lab.down()


def _lab_tunnel(mutated, row):
    name = mutated["by_ip"].get(row.tunnel["outside_ip"])
    return mutated["status"][name] if name else None


def test_every_row_shows_the_outcome_written_down_first(mutated):
    wrong = []
    for row in table.rows():
        outcome = mutated["outcomes"][row.spec["outcome"]]
        tunnel = _lab_tunnel(mutated, row)
        if not _expressed(outcome):
            continue    # see the next test
        if outcome.get("lab") == "drops IKE":
            # the device's own rules drop IKE: no data-plane endpoint, the reason is dataplane_sync's
            reasons = [u["reason"] for u in mutated["unpaired"] if u["outside_ip"] == row.tunnel["outside_ip"]]
            if tunnel is not None or not reasons or "drops IKE" not in reasons[0]:
                wrong.append((row.name, "expected no endpoint (drops IKE)", reasons))
        elif tunnel is None or not _settled(tunnel, outcome):
            wrong.append((row.name, outcome["state"], outcome.get("lab"), tunnel and tunnel["reason"]))
    assert wrong == [], wrong
    # only the Junos zone row is left without a data-plane endpoint
    dropped = [r.tunnel["outside_ip"] for r in table.rows() if mutated["outcomes"][r.spec["outcome"]].get("lab") == "drops IKE"]
    assert [u["outside_ip"] for u in mutated["unpaired"]] == dropped


def test_the_identity_the_device_names_reaches_strongswan(mutated):
    """The identity rows run because dataplane_sync gives the lab CGW the identity its config names, while the AWS end
    expects the customer gateway's address (strongSwan's default remote id); every row of the table is expressed."""
    outcomes = mutated["outcomes"]
    assert [r.name for r in table.rows() if not _expressed(outcomes[r.spec["outcome"]])] == []
    translated = {t["aws"]["outside_ip"]: t for t in mutated["translated"]["tunnels"]}
    identity_rows = [r for r in table.rows() if r.spec["id"] == "identity"]
    assert sorted(r.platform for r in identity_rows) == ["ios", "junos", "vyos"]
    for row in identity_rows:
        tunnel = translated[row.tunnel["outside_ip"]]
        assert tunnel["cgw"]["ike"]["local_id"] == "198.51.100.99", row.name
        assert tunnel["aws"]["ike"].get("remote_id") is None, row.name    # AWS expects the CGW's address


def _diagnoses(mutated) -> dict:
    """{row name: troubleshoot's diagnosis of its tunnel}: the lab's state reported to the twins (as
    `dataplane_sync report` does), each twin's show commands and running config read as troubleshoot reads them."""
    specs = mutated["twins"]
    report.device_files({"tunnels": list(mutated["status"].values())}, mutated["mapping"], mutated["spec"], specs)
    rendered = table.rendered()
    out = {}
    for name, rows in table.twins().items():
        platform = rows[0].platform
        dialect = registry.dialect_for(platform)
        outputs = table.show(specs[name], list(dialect.state_commands) + [dialect.config_command])
        state = cgw_state.assess(outputs[:-1], platform, rendered[name][0])
        for row in rows:
            tunnel = _lab_tunnel(mutated, row)
            up = bool(tunnel and tunnel["up"])
            # what dataplane_sync reports to AWS (report.aws_reports); a tunnel with no endpoint reports nothing more
            message = "" if up or not tunnel else tunnel["reason"][:200]
            accepted = int(tunnel["bgp"]["aws"].get("accepted", 0) or 0) if tunnel else 0
            connection = table.aws_info(row, "UP" if up else "DOWN", message, accepted)
            out[row.name] = vpn_diagnose(connection, state, outputs[-1], platform)["tunnels"][0]
    return out


def test_troubleshoot_names_the_table_s_cause_for_every_row(mutated):
    found = _diagnoses(mutated)
    wrong = []
    for row in table.rows():
        outcome = mutated["outcomes"][row.spec["outcome"]]
        if not _expressed(outcome):
            continue    # not run in the lab (see the test above)
        diagnosis = found[row.name]
        expected = ("healthy", "healthy") if outcome["state"] == "up" else ("down", outcome["cause"])
        if (diagnosis["status"], diagnosis["cause"][:len(expected[1])]) != expected:
            wrong.append((row.name, expected, diagnosis["status"], diagnosis["cause"]))
    assert wrong == [], wrong
    keys = [r.tunnel["pre_shared_key"] for r in table.rows()]
    text = repr(found)
    assert not [k for k in keys if k in text]
