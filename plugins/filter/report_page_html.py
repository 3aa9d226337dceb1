# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_page_html
author: hybridvpn.s2s contributors
version_added: 1.0.0
short_description: The estate's report page as one self-contained HTML file
description:
  - Draws the data of P(hybridvpn.s2s.report_page#filter) - the topology (sites, customer gateways, tunnels coloured by
    each end's state, gateways, VPCs) as inline SVG, the tunnels with their crypto, prefixes and compliance findings,
    each failover drill event's loss window over time against the hold time, and the cost with its findings.
  - Inline CSS and SVG only, no script and nothing fetched from the network; every text is HTML-escaped.
options:
  _input:
    description: The data of P(hybridvpn.s2s.report_page#filter).
    type: dict
    required: true
"""

EXAMPLES = r"""
page: "{{ report_data | hybridvpn.s2s.report_page_html }}"
"""

RETURN = r"""
_value:
  description: The HTML page.
  type: str
"""

from ansible_collections.hybridvpn.s2s.plugins.module_utils.ops import report_html


def report_page_html(data):
    return report_html.page_html(data)


class FilterModule:
    def filters(self):
        return {"report_page_html": report_page_html}
