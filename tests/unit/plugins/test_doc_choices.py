# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plugin documentation is static YAML (ansible-doc and ansible-test read it without importing the plugin), so its
``choices`` lists of platforms, dialects, profiles, severities and report formats are written out by hand. This test
holds each one to the list in the code it documents: a new platform, profile or format that is registered in the
code but missing from a plugin's documentation (or the other way round) fails here, naming the plugin and option."""

from __future__ import annotations

import ast
import pathlib

import pytest
import yaml

from ansible_collections.hybridvpn.s2s.plugins.module_utils.audit import compliance, compliance_report
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.model import crypto_vocab, profiles

PLUGINS = pathlib.Path(__file__).resolve().parents[3] / "plugins"
VYOS_RELEASES = {alias for alias, dialect in crypto_vocab.DIALECT_ALIASES.items() if dialect == "vyos"}

# What each documented list must equal, by what the plugin accepts.
PLATFORMS = set(registry.platforms())
CONFIG_PLATFORMS = set(registry.config_platforms())
EXPECTED = {
    ("filter/cgw_discover.py", "platform"): PLATFORMS,
    ("filter/cgw_removal.py", "platform"): PLATFORMS,
    ("filter/cgw_render.py", "platform"): PLATFORMS,
    ("filter/cgw_state_commands.py", "_input"): PLATFORMS,
    ("filter/cgw_tunnel_state.py", "platform"): PLATFORMS,
    ("filter/cgw_undo_record.py", "platform"): PLATFORMS,
    ("filter/cgw_pending.py", "platform"): CONFIG_PLATFORMS,
    ("modules/vpn_audit.py", "devices.platform"): CONFIG_PLATFORMS,
    ("filter/crypto_profile.py", "dialect"): set(crypto_vocab.DIALECTS) - {"aws"} | VYOS_RELEASES,
    ("filter/crypto_spell.py", "dialect"): set(crypto_vocab.DIALECTS) | VYOS_RELEASES,
    ("filter/crypto_spell.py", "family"): set(crypto_vocab.FAMILIES),
    ("filter/crypto_spell.py", "phase"): set(crypto_vocab.PHASES),
    ("modules/vpn_audit.py", "profile"): set(profiles.PROFILES),
    ("modules/vpn_audit.py", "fail_on"): set(compliance.SEVERITIES) | {"never"},
    ("modules/vpn_audit.py", "formats"): set(compliance_report.FORMATS),
}
# Words that mark a list as one of the above: a documented list holding two or more of them must be in EXPECTED
# (one alone is a coincidence: "strict" as a diff mode, "json" as a log format).
VOCABULARY = set(crypto_vocab.DIALECTS) | VYOS_RELEASES | set(profiles.PROFILES) | set(compliance.SEVERITIES) | set(compliance_report.FORMATS)


def _documentation(path: pathlib.Path) -> dict:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DOCUMENTATION" for t in node.targets):
            return yaml.safe_load(node.value.value)
    return {}


def _choices(options: dict, prefix: str = ""):
    for name, spec in (options or {}).items():
        if "choices" in spec:
            yield prefix + name, spec["choices"]
        yield from _choices(spec.get("suboptions"), prefix + name + ".")


def _documented_lists():
    for path in sorted(PLUGINS.glob("*/*.py")):
        for option, choices in _choices(_documentation(path).get("options")):
            yield "%s/%s" % (path.parent.name, path.name), option, choices


def test_every_vocabulary_list_in_the_docs_is_checked_here():
    found = {(plugin, option) for plugin, option, choices in _documented_lists() if len(VOCABULARY & {str(c) for c in choices}) > 1}
    assert found - set(EXPECTED) == set(), "add these documented lists to EXPECTED: %s" % sorted(found - set(EXPECTED))
    assert set(EXPECTED) - {(p, o) for p, o, _c in _documented_lists()} == set(), "EXPECTED names a list the docs no longer have"


@pytest.mark.parametrize("plugin,option,choices", [entry for entry in _documented_lists() if entry[:2] in EXPECTED],
                         ids=lambda value: value if isinstance(value, str) else None)
def test_documented_choices_match_the_code(plugin, option, choices):
    assert set(choices) == EXPECTED[(plugin, option)], "%s option %s documents %s" % (plugin, option, choices)


def test_the_intent_platforms_are_the_registered_dialects():
    """The intent (model layer) names platforms from the crypto vocabulary; the CGW layer serves each of them."""
    assert set(crypto_vocab.DEVICE_PLATFORMS) == PLATFORMS
