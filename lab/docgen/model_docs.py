# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate the reference pages in docs/ from the shared model, so they cannot drift.

Run ``python lab/docgen/model_docs.py docs``; a unit test compares the files with the model.
- docs/intent-reference.md: the intent's argument spec and the tunnel option rules;
- docs/crypto-reference.md: the crypto vocabulary and the profiles' verdicts.
"""

from __future__ import annotations

import pathlib
import sys

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab as vocab
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import intent
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import profiles
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import tunnel_options as topts

HEADER = """# Intent reference

Generated from `plugins/module_utils/model/intent.py` by `lab/docgen/model_docs.py`; do not edit by hand.
`s2s_intent` is validated by the `hybridvpn.s2s.vpn_plan` filter (and every role that uses it):
every broken rule is reported with its field path and rule id before anything is changed.

| field | type | required | default | choices |
|---|---|---|---|---|
"""


def _rows(spec, prefix):
    for name in spec:
        entry = spec[name]
        path = prefix + name
        kind = entry.get("type", "str")
        if kind == "list":
            kind = "list of %s" % entry.get("elements", "str")
        choices = ", ".join(str(c) for c in entry.get("choices", []))
        default = entry.get("default")
        yield "| `%s` | %s | %s | %s | %s |" % (
            path, kind, "yes" if entry.get("required") else "", "" if default is None else "`%s`" % (default,), choices)
        if "options" in entry and entry["options"] is not intent.TUNNEL_OPTION_SPEC:
            yield from _rows(entry["options"], path + ("[]." if entry.get("type") == "list" else "."))


def tunnel_option_rows():
    yield ""
    yield "## Tunnel options (`tunnel_options` of a CGW, and each entry of `connections[].tunnels`)"
    yield ""
    yield "| option | AWS API field | rule | AWS default |"
    yield "|---|---|---|---|"
    for f in topts.FIELDS:
        if f.kind == "list":
            rule = "values of %s (phase %d) that AWS offers" % (f.family, f.phase)
        elif f.kind == "int":
            rule = "%s to %s" % (f.minimum, f.maximum if f.maximum is not None else "any")
        elif f.choices:
            rule = ", ".join(f.choices)
        else:
            rule = {"cidr4": "/30 in 169.254.0.0/16, not reserved, unique per gateway",
                    "cidr6": "/126 in fd00::/8, unique per gateway",
                    "psk": "8-64 of [A-Za-z0-9._], not starting with 0; never logged",
                    "bool": "true/false",
                    "log": ", ".join(topts.LOG_KEYS)}[f.kind]
        default = f.default
        if isinstance(default, tuple):
            default = ", ".join(str(d) for d in default)
        yield "| `%s` | `%s` | %s | %s |" % (f.name, f.api, rule, "" if default is None else default)


def intent_reference() -> str:
    lines = list(_rows(intent.INTENT_SPEC, ""))
    lines.extend(tunnel_option_rows())
    return HEADER + "\n".join(lines) + "\n"


def _spellings(alg, dialect):
    return " / ".join(alg.spelling(dialect, phase) or "-" for phase in vocab.PHASES)


def crypto_reference() -> str:
    lines = [
        "# Crypto reference",
        "",
        "Generated from `plugins/module_utils/model/crypto_vocab.py` and `profiles.py` by `lab/docgen/model_docs.py`.",
        "Spellings are phase 1 (IKE) / phase 2 (IPsec; for DH groups the PFS group); `-` means the",
        "platform cannot express it. VyOS 1.3 and 1.4+ spell algorithms alike.",
        "",
        "| family | canonical (AWS) | offered by AWS in phase | IOS-XE | Junos | VyOS | strongSwan |",
        "|---|---|---|---|---|---|---|",
    ]
    for alg in vocab.TABLE:
        lines.append("| %s | `%s` | %s | %s | %s | %s | %s |" % (
            alg.family, alg.name, ", ".join(str(p) for p in alg.aws_phases) or "none",
            _spellings(alg, "ios"), _spellings(alg, "junos"), _spellings(alg, "vyos"), _spellings(alg, "strongswan")))
    lines += ["", "## Profiles", ""]
    for profile in profiles.PROFILES.values():
        lines += ["### %s" % profile.name, "", profile.description, "",
                  "| | encryption | integrity | DH groups |", "|---|---|---|---|"]
        for phase in vocab.PHASES:
            prop = profile.proposal(phase)
            lines.append("| phase %d proposes | %s | %s | %s |" % (
                phase, ", ".join(prop.encryption), ", ".join(prop.integrity), ", ".join(str(g) for g in prop.dh_groups)))
        for level, table in (("pass", profile.passes), ("warn", profile.warns)):
            for family in sorted(table):
                lines.append("| %s: %s | %s | | |" % (level, family, ", ".join(str(v) for v in sorted(table[family], key=str))))
        lines += ["", "IKE versions: %s; lifetimes %d s / %d s (at most %d s / %d s); DPD %d s, action %s%s."
                  % (", ".join(profile.ike_versions), profile.phase1_lifetime, profile.phase2_lifetime,
                     profile.phase1_lifetime_max, profile.phase2_lifetime_max, profile.dpd_timeout, profile.dpd_action,
                     "; AWS algorithm options are left unset" if profile.leave_aws_unset else ""), ""]
    lines += ["## Rules", "", "| rule | what | sources |", "|---|---|---|"]
    for rule in profiles.RULES.values():
        lines.append("| %s | %s | %s |" % (rule.id, rule.title, "; ".join(profiles.SOURCES[s] for s in rule.sources)))
    return "\n".join(lines) + "\n"


PAGES = {"intent-reference.md": intent_reference, "crypto-reference.md": crypto_reference}


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    for name, render in PAGES.items():
        (target / name).write_text(render(), encoding="utf-8")
