# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twin's knobs: state-transition delays (short by default, for tests) and address pools."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, fields, asdict


@dataclass
class TwinSettings:
    pending_seconds: float = 0.5  # pending -> available after CreateVpnConnection
    modifying_seconds: float = 0.5  # modifying -> available after a Modify* call / tunnel replacement
    deleting_seconds: float = 0.5  # deleting -> deleted
    deleted_retention_seconds: float = 300.0  # deleted connections stay visible in Describe this long
    metrics_interval_seconds: float = 60.0  # AWS/VPN metrics are published this often (and on reports)
    outside_pool: str = "203.0.113.0/24"  # tunnel outside IPs, OutsideIpAddressType=PublicIpv4
    private_outside_pool: str = "10.255.0.0/24"  # PrivateIpv4
    ipv6_outside_pool: str = "2001:db8:ffff::/64"  # Ipv6

    def update(self, changes: dict) -> dict:
        known = {f.name: f.type for f in fields(self)}
        unknown = set(changes) - set(known)
        if unknown:
            raise ValueError("unknown setting(s) %s; valid: %s" % (", ".join(sorted(unknown)), ", ".join(sorted(known))))
        for name, value in changes.items():
            if name.endswith("_pool"):
                ipaddress.ip_network(value)  # raises ValueError on a bad pool
                setattr(self, name, str(value))
            else:
                if float(value) < 0:
                    raise ValueError("%s must be >= 0" % name)
                setattr(self, name, float(value))
        return self.as_dict()

    def as_dict(self) -> dict:
        return asdict(self)
