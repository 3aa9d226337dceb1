# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The base of the action plugins that talk to a customer gateway over its network_cli session.

They run in the worker and call the platform's cliconf plugin through the session (as the vendors' modules do
from a module process): no module process per task, and none of the vendor modules' results, which pass
`warnings` to exit_json (deprecated by ansible-core 2.19, so every run printed it).
"""

from __future__ import annotations

from ansible.module_utils.connection import Connection, ConnectionError as SessionError
from ansible.plugins.action import ActionBase

__all__ = ["CgwSessionAction", "SessionError"]


class CgwSessionAction(ActionBase):
    TRANSFERS_FILES = False

    def _session(self):
        """The device's session; SessionError when the host does not use network_cli."""
        socket_path = getattr(self._connection, "socket_path", None)
        if not socket_path:
            raise SessionError("%s drives the device over ansible.netcommon.network_cli (ansible_connection)" % self._task.action)
        return Connection(socket_path)
