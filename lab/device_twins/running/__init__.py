# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A twin's running config -> the structured model, by the twin's own reading (issue 15 item 4).

One builder per platform (ios.py, junos.py, vyos.py) walks the twin's own config tree (iostree / settree); the
meaning of each vendor word comes from words.py, which takes it from the vendor definitions in
tests/fixtures/vendor/<platform>/ and the vendors' documents it cites. Nothing here imports the collection: the
collection's config readers are what these builders are compared with (tests/unit/lab/test_twin_model_vs_product.py).
"""
