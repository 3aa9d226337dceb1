# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One twin's device state: running/saved config, commit history, archive, confirm timers.

The state file is the twin's "flash": it holds raw pre-shared keys (that is the device
side), so it is written 0600 and nothing here logs its content. Timed rollbacks (Junos
``commit confirmed``, VyOS ``commit-confirm``, IOS ``configure terminal revert timer``) run
on the server's event loop; their deadline is persisted so a restarted twin still honours it.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import os
import tempfile
import time

LOG = logging.getLogger("device_twins")
HISTORY_DEPTH = 50


class Device:
    """State shared by every session of one twin; ``dialect`` knows how to (de)serialise config."""

    def __init__(self, spec, dialect, persist=True):
        self.spec = spec
        self.persist = persist
        self.dialect = dialect
        self.running = dialect.empty_config()
        self.saved = dialect.empty_config()
        self.candidate = None            # Junos shared candidate (None = same as running)
        self.history = []                # newest first; history[0] is the running config
        self.archive = {}                # IOS archive files: name -> config
        self.confirm = None              # {"deadline": epoch, "restore": config-json, "kind": str}
        self._timer = None
        # Live CLI sessions and the one holding the configuration lock (IOS-XE `configure terminal lock`,
        # Junos `configure exclusive`, a VyOS commit in progress). Not persisted: a restart ends every session.
        self.sessions = []
        self.lock_holder = None
        self._ttys = 1
        self._thaw = None                # set while a stall fault freezes the twin (faults.py)
        self.started = time.time()
        self.load()

    # -- persistence -------------------------------------------------------------------
    def load(self):
        path = self.spec.state_file
        if not os.path.exists(path):
            self.running = self.dialect.initial_config(self.spec)
            self.saved = self.running.copy()
            self.history = [self._entry(self.running, "system", "initial configuration")]
            if self.persist:
                self.save()
            return
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        load = self.dialect.config_from_json
        self.running = load(data["running"])
        self.saved = load(data.get("saved"))
        self.history = [dict(h, config=load(h["config"])) for h in data.get("history", [])]
        self.archive = {k: load(v) for k, v in data.get("archive", {}).items()}
        self.confirm = data.get("confirm")

    def save(self):
        data = {
            "platform": self.spec.platform,
            "running": self.running.to_json(),
            "saved": self.saved.to_json(),
            "history": [dict(h, config=h["config"].to_json()) for h in self.history],
            "archive": {k: v.to_json() for k, v in self.archive.items()},
            "confirm": self.confirm,
        }
        folder = os.path.dirname(os.path.abspath(self.spec.state_file))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)  # key order is config order
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.spec.state_file)

    # -- sessions and the configuration lock --------------------------------------------
    def attach(self, session):
        """Register a new CLI session; its (tty, pid), numbered like a device numbers its lines."""
        self._ttys += 1
        self.sessions.append(session)
        return self._ttys, 300 + self._ttys

    def detach(self, session):
        if session in self.sessions:
            self.sessions.remove(session)
        if self.lock_holder is session:
            self.lock_holder = None
            session.lock_released()

    # -- a frozen device (faults.py: stall) --------------------------------------------------
    def freeze(self):
        self._thaw = asyncio.Event()

    def thaw(self):
        thaw, self._thaw = self._thaw, None
        if thaw:
            thaw.set()

    async def thawed(self):
        while self._thaw is not None:
            await self._thaw.wait()

    def locked_by_other(self, session):
        """The session holding the lock when it is not ``session``, else None."""
        return self.lock_holder if self.lock_holder not in (None, session) else None

    def refused_by(self, session):
        """Like locked_by_other, for a command the lock refuses: logged (user names and ttys only)."""
        holder = self.locked_by_other(session)
        if holder:
            LOG.info("%s: configuration locked by %s (tty %d): refused %s (tty %d)", self.spec.name, holder.user, holder.tty,
                     session.user, session.tty)
        return holder

    # -- commits -----------------------------------------------------------------------
    @staticmethod
    def _entry(config, user, comment, via="cli"):
        return {"config": config.copy(), "time": time.time(), "user": user, "comment": comment or "", "via": via}

    def commit(self, config, user, comment="", confirm_minutes=None):
        """Make ``config`` the running config; with ``confirm_minutes`` arm an automatic rollback."""
        previous = self.running
        self.running = config.copy()
        self.candidate = None
        self.history.insert(0, self._entry(config, user, comment))
        del self.history[HISTORY_DEPTH:]
        if confirm_minutes is not None:
            restore = self.confirm["restore"] if self.confirm else previous.to_json()
            self.arm_confirm(confirm_minutes, restore, "commit")
        elif self.confirm and self.confirm["kind"] == "commit":
            self.cancel_confirm()     # a plain commit confirms a pending commit confirmed
        self.save()

    def apply(self, config):
        """IOS: running config changes line by line, no commit."""
        self.running = config
        self.save()

    def reboot(self, from_saved):
        """A device reload: pending timers die; IOS/VyOS boot the saved config, Junos its last commit."""
        if self.confirm:
            self.cancel_confirm()
        self.candidate = None
        if from_saved and self.running != self.saved:
            self.running = self.saved.copy()
            self.history.insert(0, self._entry(self.running, "root", "boot configuration", via="boot"))
            del self.history[HISTORY_DEPTH:]
        self.started = time.time()
        self.save()

    def rollback_config(self, index):
        """The config of ``rollback N`` (None when N is out of range)."""
        if 0 <= index < len(self.history):
            return self.history[index]["config"].copy()
        return None

    # -- timed rollback ----------------------------------------------------------------
    def arm_confirm(self, minutes, restore_json, kind):
        seconds = minutes * self.spec.minute_seconds
        self.confirm = {"deadline": time.time() + seconds, "restore": copy.deepcopy(restore_json), "kind": kind, "minutes": minutes}
        self._schedule()
        self.save()

    def cancel_confirm(self):
        if self._timer:
            self._timer.cancel()
            self._timer = None
        self.confirm = None
        self.save()

    def resume_timers(self):
        """Called once the event loop runs: re-arm (or fire) a rollback persisted before a restart."""
        if self.confirm:
            self._schedule()

    def _schedule(self):
        if self._timer:
            self._timer.cancel()
        delay = max(0.0, self.confirm["deadline"] - time.time())
        self._timer = asyncio.get_running_loop().call_later(delay, self._expire)

    def _expire(self):
        self._timer = None
        if not self.confirm:
            return
        restore = self.dialect.config_from_json(self.confirm["restore"])
        kind = self.confirm["kind"]
        self.confirm = None
        LOG.info("%s: %s not confirmed in time, rolling back", self.spec.name, kind)
        if kind == "commit":
            self.commit(restore, "root", "automatic rollback: commit not confirmed")
        else:
            self.apply(restore)

    # -- operational state -------------------------------------------------------------
    def dataplane(self):
        """What a lab attached to this twin reports (tunnels, SAs, BGP); {} = nothing attached."""
        path = self.spec.dataplane_file
        if not path or not os.path.exists(path):
            return {}
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            LOG.warning("%s: unreadable dataplane file %s", self.spec.name, path)
            return {}
