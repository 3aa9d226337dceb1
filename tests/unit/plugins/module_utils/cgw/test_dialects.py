# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One dialect per platform (issue 15): the registry is the one list of platforms, every dialect provides the whole
interface, and a platform registered once is known to every algorithm and filter without touching another file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_dialect import cgw_dialect
from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_discover import cgw_discover
from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_removal import cgw_removal
from ansible_collections.hybridvpn.s2s.plugins.filter.cgw_state_commands import cgw_state_commands
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_lock, cgw_read, cgw_state
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import base, registry
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects.junos import Junos

ROOT = Path(__file__).resolve().parents[5]


def test_the_registry_holds_the_three_platforms_and_their_variants():
    assert registry.platforms() == ("ios", "junos", "vyos")
    assert registry.config_platforms() == ("ios", "junos", "vyos", "vyos13")
    assert registry.network_os_names() == ("cisco.ios.ios", "junipernetworks.junos.junos", "vyos.vyos.vyos")


@pytest.mark.parametrize("name", registry.platforms())
def test_every_dialect_provides_the_whole_interface(name):
    dialect = registry.dialect_for(name)
    assert isinstance(dialect, base.Dialect) and type(dialect).missing() == []
    assert set(dialect.diagnosis_show) == {"ike", "ipsec", "bgp", "log", "clear"}
    # ike_admit: only where the platform's own config can drop IKE (Junos zones, Dialect.ike_refusal)
    assert set(dialect.diagnosis_fix) - {"ike_admit"} == {"psk", "ike", "ipsec", "bgp", "inside"}
    assert ("ike_admit" in dialect.diagnosis_fix) == (type(dialect).ike_refusal is not base.Dialect.ike_refusal)
    assert registry.dialect_for(dialect.network_os[0]) is dialect
    assert cgw_read.platform(dialect.network_os[0]) == name


@pytest.mark.parametrize("name", ["vyos13", "vyos.vyos.vyos", "vyos"])
def test_variants_and_network_os_names_find_their_dialect(name):
    assert registry.dialect_for(name).name == "vyos"


def test_an_incomplete_dialect_is_refused():
    class NoParser(base.Dialect):     # pylint: disable=abstract-method
        name = "half"

    class NoCommand(Junos):
        name = "half"
        config_command = None

    assert "config_command" in NoParser.missing() and "parse" in NoParser.missing()
    with pytest.raises(TypeError):
        NoParser()      # pylint: disable=abstract-class-instantiated
    with pytest.raises(base.ReadError, match="does not provide config_command"):
        registry.register(NoCommand())
    assert "half" not in registry.platforms()


class _Eos(Junos):
    """A fourth platform, defined here only: set lines like Junos, its own commands and interface names."""
    name = "eos"
    title = "Arista EOS"
    network_os = ("arista.eos.eos", "eos")
    config_command = "show running-config | section crypto"
    interface_head = r"^set interfaces Tunnel(\d+)(?:\s|$)"
    interface_description = r"^set interfaces Tunnel\d+ description\s+\"?([^\"]*)\"?$"
    prepend_line = r"^set route-map (\S+) \S+ \d+ set as-path prepend\b"
    state_commands = ("show ip security connection", "show ip bgp summary")
    lock_command = "configure session s2s"


@pytest.fixture(name="eos")
def _registered():
    dialect = registry.register(_Eos())
    yield dialect
    registry.unregister("eos")


def test_a_fourth_dialect_registered_once_is_known_everywhere(eos):
    assert registry.platforms()[-1] == "eos" and registry.dialect_for("arista.eos.eos") is eos
    assert cgw_read.platform("arista.eos.eos") == "eos"
    assert cgw_read.commands("eos") == ["show running-config | section crypto"]
    assert cgw_state.commands("eos") == cgw_state_commands("eos") == ["show ip security connection", "show ip bgp summary"]
    assert cgw_lock.lock_command("eos") == "configure session s2s"
    assert cgw_dialect("eos")["config_command"] == "show running-config | section crypto"
    text = "set interfaces Tunnel120 description \"s2s:vpn-0a:1\"\nset interfaces Tunnel7 mtu 1400\n"
    assert cgw_discover(text, "eos") == {"owned": {"s2s:vpn-0a:1": 120}, "used": [7, 120], "prepended": []}
    assert cgw_removal(text, "eos", [], {"owned": {}, "used": []}) == []
    registry.unregister("eos")
    assert "eos" not in registry.platforms()


def test_no_platform_list_outside_the_registry():
    """Product code spells no tuple of platform names: every list is derived from the registry. The model layer
    (the intent's platform check, the crypto vocabulary's dialects) may import no other layer: not yet derived."""
    literal = re.compile(r"""[(\[]\s*["']ios["']\s*,\s*["']junos["']""")
    exempt = {"plugins/module_utils/cgw/dialects/registry.py", "plugins/module_utils/model/intent.py",
              "plugins/module_utils/model/crypto_vocab.py"}
    found = [str(path.relative_to(ROOT)) for top in ("plugins", "roles", "playbooks")
             for path in (ROOT / top).rglob("*") if path.suffix in (".py", ".yml", ".j2")
             and literal.search(path.read_text(encoding="utf-8"))]
    assert sorted(set(found) - exempt) == []


def test_load_is_the_platforms_way_of_loading_lines():
    """Junos: one `load set terminal` answered with every line and Ctrl-D, no line end after it; others a line each."""
    lines = ["set system host-name a", "delete system ntp"]
    assert registry.dialect_for("vyos").load(lines) == registry.dialect_for("ios").load(lines) == lines
    assert registry.dialect_for("junos").load([]) == []
    assert registry.dialect_for("junos").load(lines) == [{
        "command": "load set terminal", "prompt": r"\[Type \^D at a new line to end input\]",
        "answer": "set system host-name a\ndelete system ntp\n\x04", "newline": False}]


@pytest.mark.parametrize("platform, output, unchanged", [
    ("vyos", "No changes between working and active configurations.", True),
    ("vyos", "[vpn ipsec]\n+ interface eth0", False),
    ("junos", "[edit]", True),
    ("junos", "", True),
    ("junos", "[edit]\n- version 21.4R1;\n+ version 22.2R1;\n[edit]", True),     # the version line alone, as the cliconf reads it
    ("junos", "[edit interfaces]\n+   st0 {\n+       unit 1;\n+   }", False),
])
def test_compare_unchanged_reads_the_compare_output_as_the_cliconf_plugins_do(platform, output, unchanged):
    dialect = registry.dialect_for(platform)
    assert bool(re.search(dialect.compare_unchanged, output)) is unchanged


@pytest.mark.parametrize("platform,shown,kept", [
    ("vyos", "[vpn ipsec authentication psk S2S-1-T2]\n- id 203.0.113.42\n- secret CgwRoles.A2_k3yTwo5b4a3f2e\n",
     "- secret <hidden>"),
    ("junos", '[edit security ike policy P]\n+    pre-shared-key ascii-text "$9$abcDEF"; ## SECRET-DATA\n',
     "+    pre-shared-key <hidden>"),
    ("ios", " peer S2S-1-T1\n  address 203.0.113.41\n  pre-shared-key local CgwRoles.A1_k3yOne9f8e7d6c\n",
     "  pre-shared-key <hidden>"),
])
def test_a_diff_the_device_prints_never_passes_a_key_on(platform, shown, kept):
    """A compare shows the keys another session committed meanwhile: no key list of the push holds those."""
    hidden = registry.dialect_for(platform).hide_secrets(shown)
    assert kept in hidden.splitlines()
    assert "k3y" not in hidden and "$9$" not in hidden
    assert hidden.splitlines()[0] == shown.splitlines()[0]
