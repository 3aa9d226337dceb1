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

import contextlib
import os
import secrets
import tempfile

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_read
from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw.dialects import registry
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils.cgw_session import SessionError

# network_cli's copy_file waits this long for the transfer (a few kilobytes)
_COPY_TIMEOUT = 30


@contextlib.contextmanager
def on_device(session, task_vars, lines):
    """Copy ``lines`` (a list; None or []: nothing) to a file named after the platform's ``load_file`` (with a token of
    its own: two pushes at once get two files) as its ``file_text``; the block gets the file's name (None: no file),
    then the file is deleted there."""
    if not lines:
        yield None
        return
    dialect = registry.dialect_for(cgw_read.platform(task_vars.get("ansible_network_os", "")))
    if dialect.load_file is None:
        raise SessionError("%s has no load from a file here" % dialect.title)
    name = dialect.load_file.format(secrets.token_hex(4))
    _copy(session, dialect.file_text(lines), name, task_vars.get("inventory_hostname", "the device"), dialect.name)
    try:
        yield name
    finally:
        try:
            session.run_commands(commands=dialect.remove_file(name), check_rc=True)
        except SessionError:
            pass    # the session is gone: the file (no key in it) stays until the next push overwrites it


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
