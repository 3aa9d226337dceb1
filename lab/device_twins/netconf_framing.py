# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""NETCONF over SSH message framing (RFC 6242), on bytes.

Until both hellos advertise ``urn:ietf:params:netconf:base:1.1`` every message ends with ``]]>]]>`` (RFC 6242
section 4.1, the RFC 4742 end-of-message framing); from then on messages are chunked: ``\\n#<size>\\n`` then
<size> octets, repeated, and ``\\n##\\n`` ends the message (section 4.2; sizes 1 .. 4294967295, no leading zero).
A peer breaking the framing is a protocol error: the session ends (section 4.2: "terminate the NETCONF session").
"""

from __future__ import annotations

import re

EOM = b"]]>]]>"
BASE_1_1 = "urn:ietf:params:netconf:base:1.1"
_CHUNK = re.compile(rb"\n#([1-9][0-9]{0,9})\n")
_END = b"\n##\n"
_PARTIAL = re.compile(rb"(\n(#(#|[1-9][0-9]{0,9})?)?)?")
MAX_CHUNK = 4294967295


class FramingError(Exception):
    """The peer broke RFC 6242 framing."""


class Framer:
    """Splits received bytes into messages and frames outgoing ones; ``chunked`` after the 1.1 hello exchange."""

    def __init__(self):
        self.chunked = False
        self._buffer = b""
        self._message = b""        # chunks of the message being received

    def frame(self, message):
        data = message.encode("utf-8")
        if not self.chunked:
            return data + EOM
        return b"\n#%d\n" % len(data) + data + _END

    def feed(self, data):
        """Messages (str) completed by ``data``; raises FramingError on a framing violation."""
        self._buffer += data
        out = []
        while True:
            message = self._next_chunked() if self.chunked else self._next_eom()
            if message is None:
                return out
            out.append(message.decode("utf-8"))

    def _next_eom(self):
        end = self._buffer.find(EOM)
        if end < 0:
            return None
        message, self._buffer = self._buffer[:end], self._buffer[end + len(EOM):]
        return message

    def _next_chunked(self):
        while True:
            if self._buffer.startswith(_END):
                if not self._message:
                    raise FramingError("end of chunks before any chunk")
                message, self._message = self._message, b""
                self._buffer = self._buffer[len(_END):]
                return message
            header = _CHUNK.match(self._buffer)
            if header is None:
                if _PARTIAL.fullmatch(self._buffer):
                    return None          # a header (or the end marker) still arriving
                raise FramingError("not a chunk header: %r" % self._buffer[:14])
            size = int(header.group(1))
            if size > MAX_CHUNK:
                raise FramingError("chunk size %d over %d" % (size, MAX_CHUNK))
            if len(self._buffer) < header.end() + size:
                return None
            self._message += self._buffer[header.end():header.end() + size]
            self._buffer = self._buffer[header.end() + size:]
