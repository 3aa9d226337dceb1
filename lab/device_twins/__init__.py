# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device twins: SSH-reachable, stateful IOS-XE, Junos and VyOS CLIs that Ansible drives.

``python -m lab.device_twins serve SPEC`` runs every twin of a spec file (see spec.py) in one
process; ``model(twin)`` reads a twin's running config (from its state file) into the
structured model described in plugins/module_utils/cgw/config_read/shape.py.
"""

from __future__ import annotations

from lab.device_twins.spec import TwinSpec, load as load_spec


def model(twin):
    """The structured model (dict, JSON-ready, PSKs as fingerprints) of a TwinSpec's running config."""
    from lab.device_twins import dialects   # pylint: disable=import-outside-toplevel
    from lab.device_twins.device import Device   # pylint: disable=import-outside-toplevel

    dialect = dialects.get(twin.platform)
    return dialect.model(Device(twin, dialect, persist=False).running, twin)


__all__ = ["TwinSpec", "load_spec", "model"]
