# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A twin's file system as SCP sees it: where a file copied to the device lands, and what the device refuses.

IOS-XE (Cisco, "Secure Copy", Security Configuration Guide: Secure Shell, IOS XE 17.x): the SCP server answers only
when the running config holds ``ip scp server enable``; a destination names a file system (``flash:``,
``bootflash:``; on the routers the twin plays ``flash:`` is an alias of ``bootflash:``) and a file name. The twin
keeps one flat ``bootflash:``. VyOS (a Linux with OpenSSH): the login user may write ``/tmp`` and ``/config`` (group
``vyattacfg``), nothing else the twin plays. Junos is driven without files. Files live in
``<state_dir>/<name>.files/`` (the twin's flash); nothing here logs a file's content.
"""

from __future__ import annotations

import os
import re

import asyncssh

# (regex on the destination, the folder under the twin's flash it maps to)
_IOS = re.compile(r"^(?:bootflash|flash):/?([^/:\s]+)$")
_VYOS = re.compile(r"^/(tmp|config)/([^/\s]+)$")
SCP_ENABLE = "ip scp server enable"


def root(spec):
    """The twin's flash: a folder beside its state file."""
    return os.path.splitext(os.path.splitext(spec.state_file)[0])[0] + ".files"


def local_path(spec, name):
    """The twin's file for a device path (``flash:x.cfg``, ``/tmp/x``); None when the device has no such place."""
    if spec.platform == "ios":
        match = _IOS.match(name)
        return os.path.join(root(spec), "bootflash", match.group(1)) if match else None
    if spec.platform in ("vyos", "vyos13"):
        match = _VYOS.match(name)
        return os.path.join(root(spec), match.group(1), match.group(2)) if match else None
    return None


def read(spec, name):
    """The text of a device file, None when there is none."""
    path = local_path(spec, name)
    if path is None or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def remove(spec, name):
    """Delete a device file; whether there was one."""
    path = local_path(spec, name)
    if path is None or not os.path.isfile(path):
        return False
    os.remove(path)
    return True


class DeviceFiles(asyncssh.SFTPServer):
    """The SCP (and SFTP) server of one twin: a write lands in the twin's flash, anywhere else is refused. IOS-XE
    serves SCP only, and only with ``ip scp server enable`` in its running config."""

    def __init__(self, chan, twin):
        self._twin = twin
        self._sftp = chan.get_subsystem() == "sftp"
        super().__init__(chan)

    def map_path(self, path):
        spec = self._twin.spec
        name = path.decode("utf-8", "replace")
        if spec.platform == "ios" and (self._sftp or not self._twin.scp_enabled()):
            raise asyncssh.SFTPPermissionDenied("%s: Permission denied" % name)
        local = local_path(spec, name)
        if local is None:
            raise asyncssh.SFTPPermissionDenied("%s: Permission denied" % name)
        os.makedirs(os.path.dirname(local), mode=0o700, exist_ok=True)
        return local.encode("utf-8")
