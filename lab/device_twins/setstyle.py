# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What Junos and VyOS share: a candidate set-tree edited with set/delete, compared and committed.

Dialects supply the grammar, reference checks run at commit, prompt and error texts, how a
diff is printed, and which configuration-mode commands exist (``CONFIG_COMMANDS``).
"""

from __future__ import annotations

from lab.device_twins import grammar
from lab.device_twins import session as base
from lab.device_twins.settree import SetTree


def empty_config():
    return SetTree()


def config_from_json(data):
    return SetTree.from_json(data)


def tree_from_lines(lines, patterns, dialect):
    """Build a tree from ``set`` lines (initial configs); a bad line is a programming error."""
    tree = SetTree()
    for line in lines:
        found = grammar.match(patterns, base.Session.split(line)[1:], dialect)
        if not found.ok:
            raise ValueError("initial config line does not parse: %s" % line)
        tree.set(found.words, found.key_words(), found.value_positions())
    return tree


class Reference:
    """``source`` path (``*`` any word, ``$`` the referenced name) must name an existing ``target`` path."""

    def __init__(self, source, target, what):
        self.source = source.split()
        self.target = target
        self.what = what

    def broken(self, tree):
        for path in tree.paths():
            if len(path) < len(self.source):
                continue
            name = None
            for want, word in zip(self.source, path):
                if want == "$":
                    name = word
                elif want not in ("*", word):
                    break
            else:
                target = self.target(name) if callable(self.target) else self.target.replace("$", name).split()
                if tree.node(target) is None:
                    cut = len(self.source) - 2
                    yield path[:cut], path[cut], name, self.what


class SetSession(base.Session):
    DIALECT = ""
    GRAMMAR = ()
    REFERENCES = ()
    CONFIG_COMMANDS = {}     # first word -> method name

    def __init__(self, device, user):
        super().__init__(device, user)
        self.edit_path = []
        self.grammar, self.references = self.GRAMMAR, self.REFERENCES

    # -- hooks -----------------------------------------------------------------------------
    def get_candidate(self):
        raise NotImplementedError

    def set_candidate(self, tree):
        raise NotImplementedError

    def set_error(self, words, found):
        raise NotImplementedError

    def config_unknown(self, words):
        raise NotImplementedError

    def op_unknown(self, words, index):
        raise NotImplementedError

    def delete_missing(self, words):
        raise NotImplementedError

    def render_diff(self, changes):
        raise NotImplementedError

    def commit_failed(self, problems):
        raise NotImplementedError

    # -- dispatch ------------------------------------------------------------------------
    def execute(self, line):
        if not line:
            return ""
        if not self.modes:
            return self.run_op(line, self.op_unknown)
        words = self.split(line.split("|")[0])
        method = self.CONFIG_COMMANDS.get(words[0])
        if method is None:
            return self.config_unknown(words)
        return getattr(self, method)(words[1:], line)

    def enter_config(self):
        self.modes = ["configure"]
        self.edit_path = []
        self.get_candidate()

    # -- editing ---------------------------------------------------------------------------
    def cfg_set(self, args, _line):
        words = self.edit_path + args
        found = grammar.match(self.grammar, words, self.DIALECT)
        if not (found.ok or found.tag_prefix):      # a bare tag node ("set policy prefix-list X") is valid too
            return self.set_error(words, found)
        tree = self.get_candidate()
        tree.set(self.stored_words(found.words), found.key_words() if found.ok else len(found.words), found.value_positions())
        self.set_candidate(tree)
        return ""

    def stored_words(self, words):
        """The words as the device stores them (a dialect may re-encode secrets)."""
        return words

    def cfg_delete(self, args, _line):
        words = self.edit_path + args
        found = grammar.match(self.grammar, words, self.DIALECT)
        if not words or not (found.ok or found.incomplete):
            return self.set_error(words, found)
        tree = self.get_candidate()
        if not tree.delete(words):
            return self.delete_missing(words)
        self.set_candidate(tree)
        return ""

    def cfg_edit(self, args, _line):
        found = grammar.match(self.grammar, self.edit_path + args, self.DIALECT)
        if not (found.ok or found.incomplete):
            return self.set_error(self.edit_path + args, found)
        self.edit_path = self.edit_path + args
        return ""

    def cfg_top(self, _args, _line):
        self.edit_path = []
        return ""

    def cfg_up(self, args, _line):
        count = int(args[0]) if args and args[0].isdigit() else 1
        self.edit_path = self.edit_path[:max(0, len(self.edit_path) - count)]
        return ""

    def cfg_run(self, _args, line):
        return self.run_op(line.split(None, 1)[1] if len(line.split()) > 1 else "", self.op_unknown)

    # -- comparing and committing -----------------------------------------------------------
    def diff_text(self, old=None):
        new = self.get_candidate()
        return self.render_diff(new.diff(old if old is not None else self.device.running))

    def problems(self, tree):
        return [problem for ref in self.references for problem in ref.broken(tree)]

    def commit_candidate(self, comment="", confirm_minutes=None):
        """None on success, else the dialect's failure text (the candidate stays as it is)."""
        tree = self.get_candidate()
        found = self.problems(tree)
        if found:
            return self.commit_failed(found)
        self.device.commit(tree, self.user, comment, confirm_minutes)
        self.set_candidate(self.device.running.copy())
        return None

    def load_rollback(self, index):
        config = self.device.rollback_config(index)
        if config is None:
            return False
        self.set_candidate(config)
        return True
