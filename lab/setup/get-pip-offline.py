# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for ansible-test's pip bootstrap script, which it downloads from a host CI cannot reach.

ansible-test runs it inside each fresh sanity venv with get-pip.py's arguments (``pip==X``,
``--no-setuptools``, ...). We bootstrap the pip bundled with Python (ensurepip) and let it
install the requested pip from the package index, which is reachable.
"""

from __future__ import annotations

import ensurepip
import os
import subprocess
import sys

# ensurepip blanks pip's configuration in os.environ; the real install needs it (index, CA bundle).
environment = dict(os.environ)
ensurepip.bootstrap(upgrade=True)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + args, env=environment)
