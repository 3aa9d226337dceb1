# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vyos_merge (issue 15): which VyOS lines go in the merge file, and the file's config.boot text and version footer."""

from __future__ import annotations

import re

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import vyos_merge

LINES = ["delete interfaces vti vti3", "set interfaces vti vti1 address '169.254.1.2/30'",
         "set interfaces vti vti1 description 'tunnel \"one\"'", "set vpn ipsec options disable-route-autoinstall",
         "set vpn ipsec ike-group S2S-T1 proposal 1 encryption 'aes256gcm128'", "set system name-server '10.0.0.1'",
         "set system name-server '10.0.0.2'"]


def test_deletions_go_before_the_file_and_valueless_leaves_after_it():
    before, in_file, after = vyos_merge.split(LINES)
    assert before == ["delete interfaces vti vti3"]
    assert after == ["set vpn ipsec options disable-route-autoinstall"]
    assert in_file == [line for line in LINES[1:] if line not in after]


def test_a_deletion_after_a_set_line_keeps_every_line_in_order_out_of_the_file():
    lines = ["set policy prefix-list P rule 10 action 'permit'", "delete policy prefix-list S2S-UNDO-1"]
    assert vyos_merge.split(lines) == (lines, [], [])


def test_the_file_is_config_boot_text_with_a_footer_that_stops_every_migration():
    text = vyos_merge.text(vyos_merge.split(LINES)[1])
    body, footer = text.split("// Warning: Do not remove the following line.\n")
    assert body == (
        'interfaces {\n    vti {\n        vti1 {\n            address "169.254.1.2/30"\n'
        '            description "tunnel \\"one\\""\n        }\n    }\n}\n'
        'vpn {\n    ipsec {\n        ike-group {\n            S2S-T1 {\n                proposal {\n                    1 {\n'
        '                        encryption "aes256gcm128"\n                    }\n                }\n            }\n        }\n'
        '    }\n}\nsystem {\n    name-server "10.0.0.1"\n    name-server "10.0.0.2"\n}\n')
    versions = re.match(r'// vyos-config-version: "([^"]+)"\n// Release version: \S+\n$', footer).group(1)
    found = dict(item.split("@") for item in versions.split(":"))
    assert found["ipsec"] == "13" and found["interfaces"] == "33" and found["zone-policy"] == "1"     # 1.4 / 1.3 tops
