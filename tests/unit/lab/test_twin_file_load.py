# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A config file copied to a twin (lab/device_twins/files.py) and IOS-XE's `copy <file> running-config` / `delete`:
where SCP may write, what the copy merges, how it reports a line it refuses, and what it refuses outright."""

from __future__ import annotations

import json
import os

import asyncssh
import pytest

from lab.device_twins import dialects, faults, files, spec
from lab.device_twins.device import Device

CONFIG = "crypto ikev2 proposal P1\n encryption aes-cbc-256\n integrity sha256\n group 14\n"


def _session(tmp_path, platform="ios"):
    twin = spec.build({"name": "l-" + platform, "platform": platform, "port": 0}, {"password": "pw", "state_dir": str(tmp_path)},
                      str(tmp_path))
    session = dialects.get(platform).Session(Device(twin, dialects.get(platform), persist=False), "admin")
    session.file_line_refusal = lambda line: faults.file_line_refusal(session, line)
    return twin, session


def _put(twin, name, text):
    path = files.local_path(twin, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _feed(session, *lines):
    return [session.feed(line) for line in lines]


@pytest.mark.parametrize("platform, name, where", [
    ("ios", "flash:s2s.cfg", "bootflash/s2s.cfg"), ("ios", "bootflash:/s2s.cfg", "bootflash/s2s.cfg"),
    ("ios", "nvram:s2s.cfg", None), ("ios", "flash:dir/s2s.cfg", None), ("ios", "s2s.cfg", None),
    ("vyos", "/tmp/s2s.cfg", "tmp/s2s.cfg"), ("vyos", "/config/s2s.cfg", "config/s2s.cfg"), ("vyos", "/etc/passwd", None),
    ("vyos13", "/tmp/../etc/passwd", None), ("junos", "/var/tmp/s2s.cfg", None),
])
def test_scp_lands_in_the_twins_flash_and_nowhere_else(tmp_path, platform, name, where):
    twin, _session_ = _session(tmp_path, platform)
    found = files.local_path(twin, name)
    assert found == (os.path.join(files.root(twin), where) if where else None)


def test_copy_merges_the_file_into_the_running_config_under_the_sessions_lock(tmp_path):
    twin, session = _session(tmp_path)
    _put(twin, "flash:s2s.cfg", CONFIG)
    out = _feed(session, "configure terminal lock", "do copy flash:s2s.cfg running-config")
    assert out[1].endswith("Destination filename [running-config]? ")
    done = session.feed("")
    assert "bytes copied in" in done and "%" not in done and done.endswith("(config)#")
    assert session.device.lock_holder is session            # the copy keeps the session's mode and lock
    running = session.op_show_running([])
    assert "crypto ikev2 proposal P1\n encryption aes-cbc-256\n integrity sha256\n group 14" in running
    _feed(session, "end")
    assert session.device.lock_holder is None


def test_copy_reports_a_refused_line_as_ios_does_and_goes_on(tmp_path):
    twin, session = _session(tmp_path)
    _put(twin, "flash:s2s.cfg", "interface Tunnel9\n tunnel bogus 1\n description kept\n")
    session.feed("copy flash:s2s.cfg running-config")
    done = session.feed("")
    # the caret and message, not the line (it may be long, or carry what nobody should read back)
    assert "^\n% Invalid input detected at '^' marker." in done and "bogus" not in done
    assert "bytes copied in" in done
    assert "interface Tunnel9\n description kept" in session.op_show_running([])


def test_a_refuse_fault_fires_on_a_line_of_the_file(tmp_path):
    twin, session = _session(tmp_path)
    _put(twin, "flash:s2s.cfg", CONFIG)
    with open(twin.faults_file, "w", encoding="utf-8") as handle:
        json.dump([{"match": "^group 14$", "action": "refuse"}, {"match": "^integrity", "action": "stall"}], handle)
    session.feed("copy flash:s2s.cfg running-config")
    assert "% Invalid input detected at '^' marker." in session.feed("")
    assert "group 14" not in session.op_show_running([]) and "integrity sha256" in session.op_show_running([])
    with open(twin.faults_file, encoding="utf-8") as handle:
        assert [rule["action"] for rule in json.load(handle)] == ["stall"]     # a stall waits for a typed line


def test_copy_and_delete_refuse_what_ios_refuses(tmp_path):
    twin, session = _session(tmp_path)
    session.feed("copy flash:none.cfg running-config")
    assert session.feed("") .startswith("%Error opening flash:none.cfg (No such file or directory)")
    assert "% Invalid input" in session.feed("copy flash:none.cfg nvram:startup-config")
    _put(twin, "flash:s2s.cfg", CONFIG)
    assert session.feed("delete flash:s2s.cfg").endswith("Delete filename [s2s.cfg]? ")
    assert session.feed("").endswith("Delete flash:s2s.cfg? [confirm]")
    session.feed("")
    assert files.read(twin, "flash:s2s.cfg") is None
    assert session.feed("delete /force flash:s2s.cfg").startswith("%Error deleting flash:s2s.cfg (No such file or directory)")


def test_ios_serves_scp_only_with_its_scp_server_on(tmp_path):
    """`ip scp server enable` is in the twin's initial config (a router made ready for the collection); without it the
    SCP server refuses every path."""
    from lab.device_twins.server import Twin     # pylint: disable=import-outside-toplevel

    twin = Twin(spec.build({"name": "s-ios", "platform": "ios", "port": 0}, {"password": "pw", "state_dir": str(tmp_path)},
                           str(tmp_path)))
    server = files.DeviceFiles.__new__(files.DeviceFiles)     # its path rules without an SSH channel
    server._twin, server._sftp = twin, False                   # pylint: disable=protected-access
    assert twin.scp_enabled() and server.map_path(b"flash:s2s.cfg").endswith(b"/bootflash/s2s.cfg")
    with pytest.raises(asyncssh.SFTPPermissionDenied):
        server.map_path(b"nvram:startup-config")
    server._sftp = True                                        # pylint: disable=protected-access
    with pytest.raises(asyncssh.SFTPPermissionDenied):
        server.map_path(b"flash:s2s.cfg")                      # IOS-XE serves no SFTP
    server._sftp = False                                       # pylint: disable=protected-access
    _feed(twin.new_session("admin"), "configure terminal", "no ip scp server enable", "end")
    assert not twin.scp_enabled()
    with pytest.raises(asyncssh.SFTPPermissionDenied):
        server.map_path(b"flash:s2s.cfg")


# -- VyOS: `merge <file>` (vyos-1x src/helpers/vyos-merge-config.py) and the operational shell's `rm` ----------------
MERGE = """interfaces {
    vti {
        vti7 {
            address "169.254.7.2/30"
            description "tunnel seven"
        }
    }
}
vpn {
    ipsec {
        options {
            disable-route-autoinstall
        }
    }
}
// Warning: Do not remove the following line.
// vyos-config-version: "interfaces@33:ipsec@13"
// Release version: 1.4.3
"""


def test_vyos_merge_sets_what_the_running_config_lacks_and_reports_a_refused_line(tmp_path):
    twin, session = _session(tmp_path, "vyos")
    _put(twin, "/tmp/s2s.config", MERGE.replace("vti7 {", "vti7 {\n            mtu \"99999\""))
    session.feed("configure")
    out = session.feed("merge /tmp/s2s.config")
    # the refused line is reported as vyos.utils.process.cmd's OSError; the merge goes on with the others
    assert "[Errno 1] failed to run command: /opt/vyatta/sbin/my_set interfaces vti vti7 mtu '99999'\nreturned: \nexit code: 1" in out
    assert "Merge complete. Use 'commit' to make changes effective." in out
    compare = session.feed("compare")
    assert "+ address 169.254.7.2/30" in compare and "+ description 'tunnel seven'" in compare
    assert "disable-route-autoinstall" in compare and "99999" not in compare


def test_vyos_merge_refuses_what_vyos_refuses(tmp_path):
    twin, session = _session(tmp_path, "vyos")
    session.feed("configure")
    assert "[Errno 2] No such file or directory: '/config//tmp/none'" in session.feed("merge /tmp/none")
    _put(twin, "/tmp/bad.config", "set interfaces vti vti7 address '169.254.7.2/30'\n")     # set commands: not config.boot
    assert "Failed to parse config" in session.feed("merge /tmp/bad.config")
    _put(twin, "/tmp/open.config", "interfaces {\n")
    assert "Failed to parse config" in session.feed("merge /tmp/open.config")
    _put(twin, "/config/here.config", "system {\n    host-name \"r9\"\n}\n")     # a bare name is looked for in /config first
    assert "Merge complete" in session.feed("merge here.config")
    session.feed("commit")
    assert "No configuration changes to commit." in session.feed("merge here.config")     # nothing the running config lacks


def test_vyos_rm_removes_the_users_files_only(tmp_path):
    twin, session = _session(tmp_path, "vyos")
    _put(twin, "/tmp/s2s.config", MERGE)
    assert session.feed("rm -f /tmp/s2s.config").strip().endswith("$")
    assert files.read(twin, "/tmp/s2s.config") is None
    assert "rm: cannot remove '/tmp/s2s.config': No such file or directory" in session.feed("rm /tmp/s2s.config")
    assert "rm: cannot remove '/etc/passwd': Permission denied" in session.feed("rm -f /etc/passwd")
