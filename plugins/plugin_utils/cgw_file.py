# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A change's lines as a file on the device, for the platform's load in one command (IOS-XE ``copy <file>
running-config``): a round trip for all lines instead of one per line.

The file goes over the device's own SSH by SCP (network_cli's ``copy_file``, as ``ansible.netcommon.net_put`` does),
from a controller file only its owner reads, removed at once; on the device it is deleted after the commands, also
when they fail. The roles never put a key in it.
"""

from __future__ import annotations

import os
import secrets
import tempfile

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import SessionError

# network_cli's copy_file waits this long for the transfer (a few kilobytes)
_COPY_TIMEOUT = 30


class DeviceFile:
    """``with DeviceFile(session, task_vars, lines) as name``: ``lines`` (a list; empty: no file, ``name`` None) copied to
    a file named after the platform's ``load_file`` (a token of its own: two pushes at once get two files) as its
    ``file_text``; deleted there when the block ends. ``left``: the file's name when the block failed or the delete did:
    after a failure the session may be stuck or out of step (a timeout), so what it answered to the delete proves
    nothing, and the rescue deletes the file again on a fresh session (cgw_restore ``remove_file``)."""

    def __init__(self, session, task_vars, lines):
        self._session, self._task_vars, self._lines = session, task_vars, lines
        self._dialect, self.name, self.left = None, None, None

    def __enter__(self):
        if not self._lines:
            return None
        self._dialect = registry.dialect_for(cgw_read.platform(self._task_vars.get("ansible_network_os", "")))
        if self._dialect.load_file is None:
            raise SessionError("%s has no load from a file here" % self._dialect.title)
        name = self._dialect.load_file.format(secrets.token_hex(4))
        _copy(self._session, self._dialect.file_text(self._lines), name,
              self._task_vars.get("inventory_hostname", "the device"), self._dialect.name)
        self.name = name
        return name

    def __exit__(self, exc_type, *_exc):
        if self.name:
            try:
                self._session.run_commands(commands=self._dialect.remove_file(self.name), check_rc=True)
            except SessionError:
                exc_type = exc_type or SessionError
            if exc_type is not None:
                self.left = self.name     # the file holds no key; the rescue deletes it on a fresh session
        return False


def _copy(session, text, destination, host, platform):
    handle, path = tempfile.mkstemp(prefix="s2s-load-", suffix=".cfg")    # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        session.copy_file(source=path, destination=destination, proto="scp", timeout=_COPY_TIMEOUT)
    except SessionError as exc:
        raise SessionError("%s: copying the change to %s by SCP failed (%s); the device's SCP server must be on "
                           "(IOS-XE: ip scp server enable), or load line by line (cgw_%s_load: lines)"
                           % (host, destination, exc, platform)) from None
    finally:
        os.remove(path)
