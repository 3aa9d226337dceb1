# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VyOS's config.boot syntax read as set paths, for the twin's ``merge <file>``.

The syntax as vyos/libvyosconfig parses it and vyos-1x writes it (python/vyos/configtree.py to_string, the
config.boot files of its smoke tests): a node ``name {`` ... ``}``, a tag node ``name tag {`` ... ``}``, a leaf
``name value`` (a value in double quotes when it holds blanks, ``\\"`` and ``\\\\`` escaped), a valueless leaf ``name``;
``/* */`` comments and the ``//`` version footer lines. Anything else fails the parse, as ConfigTree does
("Failed to parse config").
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([{}])|([^\s{}"]+))')


class ParseError(ValueError):
    """The text is not config.boot syntax; the message names the line."""


def _tokens(line, number):
    out, pos, line = [], 0, line.rstrip()
    while pos < len(line):
        match = _TOKEN.match(line, pos)
        if not match or match.end() == pos:
            raise ParseError("Syntax error on line %d" % number)
        quoted, brace, word = match.groups()
        out.append(("value", re.sub(r"\\(.)", r"\1", quoted)) if quoted is not None else ("brace", brace) if brace else ("word", word))
        pos = match.end()
    return out


def paths(text):
    """[(path words, value or None)] of every leaf in ``text``, in order."""
    text = re.sub(r"/\*.*?\*/", "", text or "", flags=re.S)
    stack, out = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith("//"):
            continue
        tokens = _tokens(line, number)
        kinds = [kind for kind, _word in tokens]
        words = [word for _kind, word in tokens]
        if not tokens:
            continue
        if kinds == ["brace"] and words == ["}"]:
            if not stack:
                raise ParseError("Syntax error on line %d: unbalanced '}'" % number)
            stack.pop()
        elif kinds[-1:] == ["brace"] and words[-1] == "{" and 1 <= len(tokens) - 1 <= 2 and "brace" not in kinds[:-1]:
            stack.append(words[:-1])
        elif kinds == ["word"]:
            out.append(([w for frame in stack for w in frame] + words, None))
        elif len(tokens) == 2 and kinds[0] == "word" and kinds[1] in ("word", "value"):
            out.append(([w for frame in stack for w in frame] + words[:1], words[1]))
        else:
            raise ParseError("Syntax error on line %d" % number)
    if stack:
        raise ParseError("Syntax error: unexpected end of file, '{' not closed")
    return out
