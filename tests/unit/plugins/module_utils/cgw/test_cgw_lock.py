# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_lock and the lock wait of the cgw action plugins: a device busy with another session's lock is waited for."""

from __future__ import annotations

import pytest

from ansible_collections.hybridvpn.s2s.plugins.module_utils.cgw import cgw_lock
from ansible_collections.hybridvpn.s2s.plugins.plugin_utils import cgw_session

IOS_BUSY = "Configuration mode locked exclusively by user 'netop' process '187' from terminal '7'. Please try later."
JUNOS_BUSY = ("error: configuration database locked by:\n  admin terminal pts/2 (pid 302) on since 2026-12-07 09:45:17 UTC,"
              " idle 00:00:00\n      exclusive [edit]")
VYOS_BUSY = "Configuration system temporarily locked due to another commit in progress"


@pytest.mark.parametrize("text, who", [
    (IOS_BUSY, "user 'netop' process '187' from terminal '7'"),
    (JUNOS_BUSY, "admin terminal pts/2 (pid 302)"),
    ("error: configuration database locked by:\n  regress terminal  (pid 7527) on since 2018-08-27 01:35:08 PDT", "regress terminal  (pid 7527)"),
    (repr(JUNOS_BUSY.replace("\n", "\r\n").encode()), "admin terminal pts/2 (pid 302)"),   # as network_cli raises it
    (VYOS_BUSY, "another commit in progress"),
    ("Enter configuration commands, one per line.  End with CNTL/Z.", None),
    ("", None),
])
def test_holder_names_who_holds_the_lock(text, who):
    assert cgw_lock.holder(text) == who


@pytest.mark.parametrize("platform, prompt, config", [
    ("ios", "t-ios(config-if)#", True), ("ios", "t-ios#", False),
    ("junos", "admin@t-junos# ", True), ("junos", "admin@t-junos> ", False),
    ("vyos", "admin@t-vyos# ", True), ("vyos", "admin@t-vyos:~$ ", False),
])
def test_config_mode_from_the_prompt(platform, prompt, config):
    assert cgw_lock.in_config_mode(platform, prompt) is config


class _Device:
    """A session whose lock another session holds for the first ``busy`` tries."""

    def __init__(self, busy, text=IOS_BUSY, as_error=False):
        self.busy, self.text, self.as_error, self.sent = busy, text, as_error, []

    def run_commands(self, commands, check_rc):
        assert check_rc
        self.sent.extend(commands)
        if commands[0].startswith("configure") and self.busy:
            self.busy -= 1
            if self.as_error:
                raise cgw_session.SessionError(self.text)
            return [self.text]
        return ["ok " + commands[0]]


@pytest.fixture
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr(cgw_session.time, "sleep", slept.append)
    return slept


def test_a_refused_command_is_sent_again_until_the_lock_is_free(no_sleep):
    device = _Device(busy=2, text=JUNOS_BUSY, as_error=True)
    outputs = cgw_session.CgwSessionAction._send(device, ["configure exclusive", "set x"], "r1", 60, [])
    assert outputs == ["ok configure exclusive", "ok set x"]
    assert device.sent == ["configure exclusive"] * 3 + ["set x"] and no_sleep == [1.0, 1.0]


def test_a_lock_held_too_long_fails_naming_device_and_holder(no_sleep):
    device, outputs = _Device(busy=99), []
    with pytest.raises(cgw_session.DeviceBusy, match=r"^device busy: r1: the configuration is locked by user 'netop' "
                                                     r"process '187' from terminal '7'; gave up after 0 s"):
        cgw_session.CgwSessionAction._send(device, ["show archive", "configure terminal lock"], "r1", 0, outputs)
    assert outputs == ["ok show archive"] and no_sleep == []


def test_other_errors_are_not_waited_for(no_sleep):
    device = _Device(busy=1, text="syntax error.", as_error=True)
    with pytest.raises(cgw_session.SessionError, match="syntax error"):
        cgw_session.CgwSessionAction._send(device, ["configure exclusive"], "r1", 60, [])
    assert no_sleep == []


class _Loading:
    """A Junos session refusing a line of a bulk load: network_cli's error is the last 256 bytes, echo included."""

    def __init__(self, text):
        self.text = text

    def run_commands(self, commands, check_rc):
        raise cgw_session.SessionError(self.text)


LOAD = {"command": "load set terminal", "prompt": r"\[Type \^D", "newline": False,
        "answer": 'set a b\nset security ike policy P pre-shared-key ascii-text "Cgw.Secret_0123456789"\nset c d\n\x04'}


@pytest.mark.parametrize("text", [
    'y ascii-text "Cgw.Secret_0123456789"\r\nset c d\r\n^Dterminal:3:(4) syntax error: c\r\nload complete\r\n\r\n[edit]\r\nadmin@r1# ',
    "b'et_0123456789\\\"\\r\\nset c d\\r\\n^Dterminal:3:(4) syntax error: c\\r\\nload complete'"])
def test_a_failed_bulk_load_reports_the_error_without_the_echoed_lines(no_sleep, text):
    with pytest.raises(cgw_session.SessionError) as failed:
        cgw_session.CgwSessionAction._send(_Loading(text), [LOAD], "r1", 60, [])
    assert "terminal:3:(4) syntax error: c" in str(failed.value)
    assert "0123456789" not in str(failed.value) and "set c d" not in str(failed.value)
