# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/plan.yml (the first play of site.yml) plans the lab estate; bad intents fail naming every field and rule."""

from __future__ import annotations

import json

import yaml

from ..conftest import ROOT, recap


def test_plan_of_the_lab_is_idempotent(playbook, tmp_path):
    env = {"S2S_OUTPUT_DIR": tmp_path / "out"}
    first = playbook.run("playbooks/plan.yml", "-i", "inventories/lab", env=env, check=True)
    assert "5 VPN connections, 10 tunnels, 5 customer gateways." in first.stdout
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    assert sorted(plan["cgws"]) == ["lab-ha-a", "lab-ha-b", "lab-ios", "lab-junos", "lab-vyos"]
    assert all(t["psk_source"] == "generated" for c in plan["connections"] for t in c["tunnels"])
    second = playbook.run("playbooks/plan.yml", "-i", "inventories/lab", env=env, check=True)
    assert recap(second.stdout)["localhost"]["changed"] == 0


def test_check_mode_changes_nothing(playbook, tmp_path):
    out = tmp_path / "out"
    proc = playbook.run("playbooks/plan.yml", "-i", "inventories/lab", "--check", env={"S2S_OUTPUT_DIR": out},
                        check=True)
    assert recap(proc.stdout)["localhost"]["failed"] == 0


def test_bad_intent_fails_listing_every_rule(playbook, tmp_path):
    intent = yaml.safe_load((ROOT / "inventories/lab/group_vars/all.yml").read_text())["s2s_intent"]
    intent["sites"][0]["cgws"][0]["asn"] = 7224
    intent["sites"][1]["cgws"][0]["platform"] = "eos"
    intent["gateways"][0]["ecmp"] = True
    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps({"s2s_intent": intent}))
    proc = playbook.run("playbooks/plan.yml", "-i", "inventories/lab", "-e", "@%s" % extra,
                        env={"S2S_OUTPUT_DIR": tmp_path / "out"})
    assert proc.returncode != 0
    for needle in ("3 problem(s)", "s2s_intent.sites[0].cgws[0].asn", "asn.reserved",
                   "s2s_intent.sites[1].cgws[0].platform", "platform.unknown", "gateway.ecmp_tgw_only"):
        assert needle in proc.stdout
    assert not (tmp_path / "out" / "plan.json").exists()


def test_example_inventory_plans_with_vault_values(playbook, tmp_path):
    vault = yaml.safe_load((ROOT / "docs/example-vault.yml").read_text())
    extra = tmp_path / "vault.json"
    extra.write_text(json.dumps(vault))
    proc = playbook.run("playbooks/plan.yml", "-i", "inventories/example", "-e", "@%s" % extra,
                        env={"S2S_OUTPUT_DIR": tmp_path / "out"}, check=True)
    assert "3 VPN connections, 6 tunnels, 3 customer gateways." in proc.stdout
    for key in vault.values():
        assert key not in proc.stdout
    plan = (tmp_path / "out" / "plan.json").read_text()
    assert vault["vault_psk_hq_srx1_t1"] not in plan and '"psk_source": "intent"' in plan
