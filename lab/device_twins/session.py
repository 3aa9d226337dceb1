# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The line-oriented CLI engine every dialect builds on.

A Session receives whole input lines and returns the text to print, ending with the next
prompt. It owns what is common to the three CLIs: the mode stack, questions that take the
next line as their answer ("Proceed? [confirm]"), operational-command dispatch by the
longest matching keyword prefix, and output pipes. Dialects (ios.py, junos.py, vyos.py)
supply prompts, grammars, error texts and the command tables.
"""

from __future__ import annotations

import re
import shlex
import time
from dataclasses import dataclass

# A pipe needs a space before it: "| section ^ip prefix-list|^ipv6 prefix-list" is one filter with a regex.
_PIPE = re.compile(r"\s+\|\s*")


@dataclass
class Ask:
    """A command that asks a question: ``text`` is printed, the next line goes to ``answer``."""
    text: str
    answer: object


@dataclass
class Later:
    """A command that takes ``seconds`` (a VyOS commit): the server waits, then prints what ``then()`` returns."""
    seconds: float
    then: object


class Session:
    OP_COMMANDS = ()     # ((keyword, ...), method name)
    PIPES = {}           # pipe keyword -> method name (text, argument) -> text

    def __init__(self, device, user):
        self.device = device
        self.user = user
        self.modes = []          # dialect-defined mode stack; [] = operational / exec
        self.pending = None
        self.closed = False
        self.tty, self.pid = device.attach(self)     # what lock messages and "status" name the session by
        self.since = time.time()

    def end(self):
        """The SSH channel closed (or the session was cleared): whatever the session held is released."""
        self.closed = True
        self.device.detach(self)

    @staticmethod
    def file_line_refusal(_line):
        """Hook (the server sets it, faults.py): the refusal to print instead of running a line of a loaded file."""
        return None

    def lock_released(self):
        """Hook: the device took the configuration lock away from this session (it ended or was cleared)."""

    # -- what the server calls ---------------------------------------------------------
    def greeting(self):
        return self.banner() + self.prompt()

    def feed(self, line):
        """Run one input line; the text to send back (command output then prompt)."""
        if self.pending:
            answer, self.pending = self.pending, None
            out = answer(line.strip())
        else:
            out = self.execute(line.strip())
        return self._reply(out)

    def feed_refused(self, error, line=None):  # pylint: disable=unused-argument
        """A line the device refuses (a fault): its error text, then the prompt (``line``: the line, for a dialect
        that reports it another way, e.g. inside a Junos load)."""
        return self._reply(error)

    def _reply(self, out):
        if isinstance(out, Later):
            return Later(out.seconds, lambda: self._reply(out.then()))
        if isinstance(out, Ask):
            self.pending = out.answer
            return out.text
        if self.closed:
            return out
        return self._block(out) + self.prompt()

    @staticmethod
    def _block(text):
        if not text:
            return ""
        return text if text.endswith("\n") else text + "\n"

    # -- for dialects ------------------------------------------------------------------
    @property
    def spec(self):
        return self.device.spec

    def banner(self):
        return ""

    def prompt(self):
        raise NotImplementedError

    def execute(self, line):
        raise NotImplementedError

    # Operational commands every dialect has: accepted with no output (terminal settings), and leaving.
    def op_nothing(self, _args):
        return ""

    def op_exit(self, _args):
        self.closed = True
        return ""

    @staticmethod
    def split(line):
        """Words of a line; quoted strings stay one word (their quotes removed)."""
        try:
            return shlex.split(line, comments=False, posix=True)
        except ValueError:
            return line.split()

    def find_op(self, words):
        """(method, rest of words) for the longest keyword prefix in OP_COMMANDS, or (None, words).

        Keywords may be abbreviated to any unambiguous prefix (``conf t``, ``sh run``), as on the devices.
        """
        commands = list(self.OP_COMMANDS)
        resolved = []
        best, best_len = None, 0
        for i, word in enumerate(words):
            choices = {keys[i] for keys, _m in commands if len(keys) > i}
            exact = word if word in choices else None
            prefixed = [c for c in choices if c.startswith(word)]
            keyword = exact or (prefixed[0] if len(prefixed) == 1 else None)
            if keyword is None:
                break
            resolved.append(keyword)
            commands = [(keys, m) for keys, m in commands if len(keys) > i and keys[i] == keyword]
            for keys, method in commands:
                if len(keys) == i + 1:
                    best, best_len = method, i + 1
        if best is None:
            return None, words
        return getattr(self, best), words[best_len:]

    def run_op(self, line, unknown):
        """Operational command with ``| pipe`` filters; ``unknown(words, index)`` spells the error."""
        parts = [p.strip() for p in _PIPE.split(line)]
        words = self.split(parts[0])
        handler, rest = self.find_op(words)
        if handler is None:
            return unknown(words, self._first_unknown(words))
        text = handler(rest)
        if isinstance(text, Ask):
            return text
        for pipe in parts[1:]:
            pipe_words = pipe.split(None, 1)
            name = pipe_words[0] if pipe_words else ""
            method = self.PIPES.get(name)
            if method is None:
                return unknown(words + ["|"] + pipe.split(), len(words) + 1)
            text = getattr(self, method)(text, pipe_words[1] if len(pipe_words) > 1 else "")
        return text

    def _first_unknown(self, words):
        """Index of the first word no command in OP_COMMANDS accepts (for the error marker)."""
        depth = 0
        for keywords, _method in self.OP_COMMANDS:
            n = 0
            while n < min(len(keywords), len(words)) and keywords[n] == words[n]:
                n += 1
            depth = max(depth, n)
        return min(depth, max(len(words) - 1, 0))

    # -- pipes shared by the dialects ----------------------------------------------------
    @staticmethod
    def pipe_include(text, pattern):
        regex = re.compile(pattern.strip().strip('"'))
        return "\n".join(line for line in text.splitlines() if regex.search(line))

    @staticmethod
    def pipe_exclude(text, pattern):
        regex = re.compile(pattern.strip().strip('"'))
        return "\n".join(line for line in text.splitlines() if not regex.search(line))

    @staticmethod
    def pipe_count(text, _arg):
        return "Count: %d lines" % len([line for line in text.splitlines() if line.strip()])

    @staticmethod
    def pipe_nothing(text, _arg):
        return text
