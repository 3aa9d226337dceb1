# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SSH side: one asyncssh listener per twin, all twins in one process and event loop.

Each interactive channel gets a dialect Session. Input is split into lines the way a router's
tty does (CR, LF or CRLF end a line) and echoed back, because network_cli strips the echoed
command from the response. Commands are never logged: they may carry pre-shared keys.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import signal

import asyncssh

from lab.device_twins import dialects, faults, files, junos_netconf
from lab.device_twins.netconf_framing import FramingError
from lab.device_twins import session as base
from lab.device_twins.device import Device

LOG = logging.getLogger("device_twins")
EOT = "\x04"
# The platforms whose twin serves the SSH subsystem "netconf" (RFC 6242, spec.NETCONF_PLATFORMS), and the session class.
NETCONF = {"junos": junos_netconf.NetconfSession}


class Twin:
    """A running twin: spec + device state + the dialect that drives its sessions."""

    def __init__(self, spec):
        self.spec = spec
        self.dialect = dialects.get(spec.platform)
        self.device = Device(spec, self.dialect)
        self.authorized = asyncssh.import_authorized_keys("\n".join(spec.authorized_keys)) if spec.authorized_keys else None
        self.server = None

    def scp_enabled(self):
        """IOS-XE: whether the running config turns its SCP server on (files.SCP_ENABLE)."""
        return any(line == files.SCP_ENABLE for line, _children in self.device.running.nodes)

    def new_session(self, user):
        session = self.dialect.Session(self.device, user)
        session.file_line_refusal = lambda line: faults.file_line_refusal(session, line)
        return session

    async def handle(self, process):
        if process.subsystem is not None:
            await self.subsystem(process)
            return
        session = self.new_session(process.get_extra_info("username"))
        try:
            if process.command:      # "ssh twin show version": one command, no prompt
                out = session.execute(process.command.strip())
                process.stdout.write(_crlf(out if isinstance(out, str) else out.text))
                process.exit(0)
                return
            await _interact(process, session)
        except (asyncssh.BreakReceived, asyncssh.TerminalSizeChanged, asyncssh.DisconnectError, ConnectionError):
            pass
        finally:
            session.end()    # a dropped session releases its configuration lock, as on the devices
            if not process.is_closing():
                process.exit(0)

    async def subsystem(self, process):
        """NETCONF where the platform serves it; any other subsystem (netconf on IOS-XE/VyOS) is refused (sftp is
        files.DeviceFiles's, before this)."""
        serve = NETCONF.get(self.spec.platform) if process.subsystem == "netconf" else None
        if serve is None:
            process.exit(1)
            return
        session = serve(self.device, process.get_extra_info("username"))
        try:
            # the channel speaks UTF-8 text (the listener's encoding); the framing counts octets (RFC 6242 chunk sizes)
            process.stdout.write(session.hello().decode("utf-8"))
            while not session.closed:
                data = await process.stdin.read(65536)
                if not data:
                    return
                await self.device.thawed()
                process.stdout.write(session.receive(data.encode("utf-8")).decode("utf-8"))
        except FramingError:
            LOG.info("%s: NETCONF framing error, session closed", self.spec.name)
        except (asyncssh.BreakReceived, asyncssh.DisconnectError, ConnectionError):
            pass
        finally:
            session.end()
            if not process.is_closing():
                process.exit(0)


async def _interact(process, session):
    process.stdout.write(_crlf(session.greeting()))
    buffered, skip_lf = "", False
    while not session.closed:
        data = await process.stdin.read(4096)
        if not data:
            return
        if skip_lf and data.startswith("\n"):
            data = data[1:]
        skip_lf = data.endswith("\r")
        buffered += data
        *lines, buffered = _lines(buffered)
        for line in lines:
            await session.device.thawed()           # a frozen twin (a stall fault) answers no session
            fault = faults.check(session.spec, line)
            if fault and fault.action == "drop":
                process.channel.get_extra_info("connection").abort()
                return
            if fault and fault.action == "stall":
                session.device.freeze()
                await asyncio.sleep(fault.seconds)
            try:
                # the line runs before anything is written: after a stall the client may be gone, the line still runs
                if fault and fault.action == "refuse":
                    out = session.feed_refused(faults.refusal(session, line), line)
                else:
                    out = _feed(session, line)
                while isinstance(out, base.Later):      # a command that takes time (a VyOS commit) holds its lock meanwhile
                    await asyncio.sleep(out.seconds)
                    out = _feed(session, line, out.then)
                # Ctrl-D (the end of a Junos terminal load) echoes as "^D", the device's answer right after it
                process.stdout.write(("^D" if line == EOT else line + "\r\n") + _crlf(out))
            finally:
                if fault and fault.action == "stall":
                    session.device.thaw()            # the line it held is done: the other sessions go on
            if session.closed:
                return


def _feed(session, line, then=None):
    """A twin bug must not kill the session: log it (never the line, it may hold a key), answer as a device would."""
    try:
        return then() if then else session.feed(line)
    except Exception:  # pylint: disable=broad-except
        LOG.exception("%s: internal error handling a command", session.spec.name)
        session.pending = None
        return "%% Internal twin error (see the twin log)\n" + session.prompt()


def _lines(text):
    """Split on CRLF, CR or LF; the last element is the unfinished line. Ctrl-D (EOT) is a line of its own: it ends a
    terminal load without a line end after it."""
    out, begin, i = [], 0, 0
    while i < len(text):
        if text[i] == EOT:
            if i > begin:
                out.append(text[begin:i])
            out.append(EOT)
            begin = i + 1
        elif text[i] in "\r\n":
            out.append(text[begin:i])
            if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
            begin = i + 1
        i += 1
    out.append(text[begin:])
    return out


def _crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


class _SSHServer(asyncssh.SSHServer):
    def __init__(self, twin):
        self.twin = twin
        self.conn = None

    def connection_made(self, conn):
        self.conn = conn

    def begin_auth(self, username):
        if self.twin.authorized is not None and username == self.twin.spec.username:
            self.conn.set_authorized_keys(self.twin.authorized)
        return True

    def password_auth_supported(self):
        return bool(self.twin.spec.password)

    def validate_password(self, username, password):
        spec = self.twin.spec
        good = username == spec.username and hmac.compare_digest(password.encode(), spec.password.encode())
        if not good:
            LOG.info("%s: password authentication failed for %r", spec.name, username)
        return good

    def public_key_auth_supported(self):
        return self.twin.authorized is not None


def host_key(folder):
    """One persistent ed25519 host key per state folder, so restarts keep the fingerprint."""
    path = os.path.join(folder, "ssh_host_ed25519_key")
    if os.path.exists(path):
        return asyncssh.read_private_key(path)
    os.makedirs(folder, exist_ok=True)
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(path)
    os.chmod(path, 0o600)
    return key


async def start(specs):
    """Listen for every twin; returns the Twin objects (ports resolved when the spec said 0)."""
    twins = []
    for spec in specs:
        twin = Twin(spec)
        key = host_key(os.path.dirname(os.path.abspath(spec.state_file)))
        twin.server = await asyncssh.create_server(
            lambda twin=twin: _SSHServer(twin), spec.host, spec.port,
            server_host_keys=[key], process_factory=twin.handle, line_editor=False,
            # a config file copied to the device (IOS-XE `copy flash:<file> running-config`, VyOS `merge`)
            sftp_factory=lambda chan, twin=twin: files.DeviceFiles(chan, twin), allow_scp=True,
            encoding="utf-8", keepalive_interval=0, login_timeout=30)
        spec.port = twin.server.sockets[0].getsockname()[1]
        twin.device.resume_timers()
        twins.append(twin)
        LOG.info("%s (%s %s) listening on %s:%d", spec.name, spec.platform, spec.version, spec.host, spec.port)
    return twins


def serve(specs, ready_file=None):
    """Run until SIGTERM/SIGINT; ``ready_file`` gets the listening ports as JSON once up."""
    async def main():
        twins = await start(specs)
        if ready_file:
            tmp = ready_file + ".tmp"
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump({t.spec.name: t.spec.public() for t in twins}, handle, indent=1)
            os.replace(tmp, ready_file)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        for twin in twins:
            twin.server.close()
            twin.device.save()
        LOG.info("device twins stopped")

    asyncio.run(main())
