# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device twins: SSH-reachable, stateful IOS-XE, Junos and VyOS CLIs that Ansible drives.

``python -m lab.device_twins serve SPEC`` runs every twin of a spec file (see spec.py) in one
process; ``model(twin)`` reads a twin's running config (from its state file) into the
structured model by the twin's own reading (running/, shape in running/shape.py); ``ike_refusals(twin)`` says for
which IKE gateways the device drops IKE (an SRX whose external interface's zone does not admit it).
"""

from __future__ import annotations

from lab.device_twins.spec import TwinSpec, load as load_spec


def model(twin):
    """The structured model (dict, JSON-ready, PSKs as fingerprints) of a TwinSpec's running config."""
    from lab.device_twins import dialects   # pylint: disable=import-outside-toplevel
    from lab.device_twins.device import Device   # pylint: disable=import-outside-toplevel

    dialect = dialects.get(twin.platform)
    return dialect.model(Device(twin, dialect, persist=False).running, twin)


def ike_refusals(twin):
    """{IKE gateway: why the device drops IKE for it, '' if admitted} where the platform filters IKE by zone (Junos);
    {} for the others."""
    from lab.device_twins import dialects   # pylint: disable=import-outside-toplevel
    from lab.device_twins.device import Device   # pylint: disable=import-outside-toplevel

    dialect = dialects.get(twin.platform)
    judge = getattr(dialect, "ike_refusals", None)
    return judge(Device(twin, dialect, persist=False).running) if judge else {}


__all__ = ["TwinSpec", "ike_refusals", "load_spec", "model"]
