# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compliance corpus: per-vendor configs, AWS option sets and the findings each case expects."""

from __future__ import annotations

import json
import os

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance
from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance_inputs as inputs

DIR = os.path.join(os.path.dirname(__file__), "fixtures", "compliance")
SALT = "unit-test-salt"


def cases():
    with open(os.path.join(DIR, "cases.json"), encoding="utf-8") as handle:
        return json.load(handle)


def raw_connections(files):
    out = []
    for name in files:
        with open(os.path.join(DIR, name), encoding="utf-8") as handle:
            out.extend(json.load(handle))
    return out


def device_entries(files):
    """A file's platform is its directory, unless the case declares it ({"path", "platform"}: a config declared wrong)."""
    entries = [f if isinstance(f, dict) else {"path": f, "platform": f.split("/")[0]} for f in files]
    return [{"name": e["path"].replace("/", "-").split(".")[0], "platform": e["platform"], "path": os.path.join(DIR, e["path"])}
            for e in entries]


def run(case):
    read = inputs.read(raw_connections(case["aws"]), device_entries(case["devices"]), SALT)
    return compliance.audit(read.connections, read.devices, compliance.policy(case["profile"], case["overrides"]), problems=read.problems)


def finding_lines(results):
    return sorted("%s %s %s %s" % (r["rule"], r["tunnel"], r["side"], r["severity"]) for r in results if r["status"] == "fail")


def all_keys():
    """Every pre-shared key in the corpus (to prove none leaks)."""
    keys = set()
    for conn in raw_connections(["aws/compliant.json", "aws/weak.json"]):
        keys.update(t["PreSharedKey"] for t in conn["Options"]["TunnelOptions"])
    keys.update({"Corpus.Junos_Weak_k3y1", "Corpus.Vyos_Weak_k3y2"})
    return keys
