# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VyOS twin accepts what VyOS's command tree accepts and refuses the rest with VyOS's words (issue 16).

Lines are generated from the vendor fixture (tests/fixtures/vendor/vyos): a leaf path of the subtrees the twin
judges from the tree, each tag and leaf value drawn from that node's own rules (its regexes, its validators'
arguments, 1.3 enums, ranges and types). The twin, a configure session of lab/device_twins, must take them; a
mutated line - a keyword that is not in the tree, a number outside the node's range, a word outside its enum -
must fail with VyOS's message. Value strategies here read the fixture's facts; they share no code with the
twin's judge (lab/device_twins/vyosvalues.py).
"""

from __future__ import annotations

import ipaddress
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.device_twins import server
from lab.device_twins.spec import build
from lab.device_twins.vyostree import CommandTree

PLATFORMS = ("vyos", "vyos13")
TREES = {p: CommandTree.load(p) for p in PLATFORMS}
# Words the twin's line splitter and VyOS's value rules both take plainly (no quotes, pipes or spaces).
ALPHABET = string.ascii_letters + string.digits + "-_.:/"
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])

_V4 = st.ip_addresses(v=4).map(str)
_V6 = st.ip_addresses(v=6).map(str)


def _prefix(version, host):
    """Network prefixes (host=False) or a host address with its length (host=True: the network's first host)."""
    top = 32 if version == 4 else 128

    def make(args):
        address, length = args
        net = ipaddress.ip_network("%s/%d" % (address, length), strict=False)
        if not host:
            return str(net)
        return "%s/%d" % (net.network_address + (1 if length < top - 1 else 0), length)
    source = _V4 if version == 4 else _V6
    return st.tuples(source, st.integers(8, top)).map(make)


# vyos-1x validator name -> values it takes (from the validators' documented meaning, src/validators/*)
def _numeric(argument):
    ranges = re.findall(r"--range (\d+)-(\d+)", argument)
    if ranges:
        return st.one_of([st.integers(int(lo), int(hi)) for lo, hi in ranges]).map(str)
    return st.integers(0 if "--non-negative" in argument else 1, 65535).map(str)


VALIDATOR_VALUES = {
    "numeric": _numeric,
    "ipv4-address": lambda a: _V4, "ipv6-address": lambda a: _V6, "ip-address": lambda a: st.one_of(_V4, _V6),
    "ipv4-prefix": lambda a: _prefix(4, False), "ipv6-prefix": lambda a: _prefix(6, False),
    "ip-prefix": lambda a: st.one_of(_prefix(4, False), _prefix(6, False)),
    "ip-host": lambda a: st.one_of(_prefix(4, True), _prefix(6, True)), "ipv4-host": lambda a: _prefix(4, True),
    "as-number-list": lambda a: st.lists(st.integers(1, 4294967294).map(str), min_size=1, max_size=4).map(" ".join),
    "fqdn": lambda a: st.from_regex(r"[A-Za-z0-9][-.A-Za-z0-9]{0,20}", fullmatch=True),
}
# 1.3 external checks -> values they take (vyatta-cfg-system valid_address, ipaddrcheck, vyatta-bgp.pl)
CHECK_VALUES = {
    "/valid_address": _prefix(4, True),
    "--is-ipv4-net": _prefix(4, False),
    "--is-ipv6-net": _prefix(6, False),
    "--is-any-net": _prefix(4, False),
    "--check-peergroup-name": st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True),
    "--check-remote-as": st.one_of(st.integers(1, 4294967294).map(str), st.sampled_from(["external", "internal"])),
    "ipv4-prefix": _prefix(4, False),
    "--check-neighbor-ip": _V4,
    "vyatta-check-as-prepend.pl": VALIDATOR_VALUES["as-number-list"](""),
}
TYPE_VALUES = {"u32": st.integers(0, 4294967295).map(str), "ipv4": _V4, "ipv4net": _prefix(4, False),
               "ipv6": _V6, "ipv6net": _prefix(6, False), "txt": st.text(ALPHABET, min_size=1, max_size=12)}


def _regex(pattern):
    """Values of a regex in ALPHABET; None for a regex that needs other characters."""
    strategy = st.from_regex(pattern, fullmatch=True, alphabet=ALPHABET)
    try:
        strategy.validate()
    except Exception:  # pylint: disable=broad-except  # hypothesis: IncompatibleWithAlphabet and kin
        return None
    return strategy


_STRATEGIES = {}


def values(node):
    """A strategy for the values ``node`` takes, from the fixture's rules; None when no rule here says how."""
    if id(node) not in _STRATEGIES:
        _STRATEGIES[id(node)] = _values(node)
    return _STRATEGIES[id(node)]


def _values(node):
    if node.get("enum"):
        return st.sampled_from(node["enum"])
    if node.get("ranges"):
        return st.one_of([st.integers(lo, hi) for lo, hi in node["ranges"]]).map(str)
    if node.get("checks"):
        found = [s for key, s in CHECK_VALUES.items() if any(key in c for c in node["checks"])]
        return found[0] if len(found) == len(node["checks"]) == 1 else None
    if node.get("patterns"):
        # a whole-value match of the pattern is one of the values its search accepts
        pattern = node["patterns"][0].replace("[:print:]", " -~").lstrip("^").rstrip("$")
        return st.from_regex(pattern, fullmatch=True, alphabet=ALPHABET).filter(bool)
    if node.get("regex") or node.get("validators"):
        options = [found for found in (_regex(r) for r in node.get("regex", ())) if found is not None]
        options += [VALIDATOR_VALUES[name](arg) for name, arg in node.get("validators", ()) if name in VALIDATOR_VALUES]
        return st.one_of(options).filter(bool) if options else None
    types = [t for t in node.get("types", ["txt"]) if t in TYPE_VALUES]
    return st.one_of([TYPE_VALUES[t] for t in types]) if types else None


def generable(platform):
    """Leaf paths whose every tag and leaf value has a strategy."""
    out = []
    for steps in TREES[platform].leaves():
        nodes = [node for _name, node in steps if node.get("kind") == "tag"]
        leaf = steps[-1][1]
        if not leaf.get("valueless"):
            nodes.append(leaf)
        if all(values(node) is not None for node in nodes):
            out.append(steps)
    return out


PATHS = {p: generable(p) for p in PLATFORMS}


@st.composite
def lines(draw, platform):
    """(words, [(index of a value, node)]) for one valid set line under the tree's subtrees."""
    steps = draw(st.sampled_from(PATHS[platform]))
    words, value_at = [], []
    for name, node in steps:
        words.append(name)
        if node.get("kind") == "tag":
            value_at.append((len(words), node))
            words.append(draw(values(node)))
    leaf = steps[-1][1]
    if not leaf.get("valueless"):
        value_at.append((len(words), leaf))
        words.append(draw(values(leaf)))
    return words, value_at


def _line(words):
    return "set " + " ".join("'%s'" % w if " " in w else w for w in words)


@pytest.fixture(scope="module", params=PLATFORMS)
def session(request, tmp_path_factory):
    entry = {"name": "t1", "platform": request.param, "port": 0, "password": "pw",
             "state_dir": str(tmp_path_factory.mktemp(request.param))}
    twin_session = server.Twin(build(entry, {}, entry["state_dir"])).new_session("admin")
    twin_session.feed("configure")
    twin_session.platform = request.param
    return twin_session


def _set(session, words):
    """What the twin answers to the set line, without the prompt that follows."""
    return session.feed(_line(words)).split("\n[edit]")[0]


def test_most_of_the_tree_is_generated():
    for platform in PLATFORMS:
        assert len(PATHS[platform]) > 0.8 * len(TREES[platform].leaves()), platform


@SETTINGS
@given(data=st.data())
def test_the_twin_accepts_lines_the_tree_accepts(session, data):
    words = data.draw(lines(session.platform))[0]
    assert _set(session, words) == "", _line(words)


@SETTINGS
@given(data=st.data())
def test_a_keyword_outside_the_tree_is_not_a_valid_path(session, data):
    words, value_at = data.draw(lines(session.platform))
    values_here = {i for i, _node in value_at}
    keyword = data.draw(st.sampled_from([i for i in range(len(words)) if i not in values_here and i >= 2]))
    words[keyword] += "x"
    assert _set(session, words) == "\n  Configuration path: [%s] is not valid\n  Set failed\n" % " ".join(words)


def _ranged(platform):
    """(words, value index, node, a value outside the node's numeric range)."""
    out = []
    for steps in PATHS[platform]:
        leaf = steps[-1][1]
        bounds = leaf.get("ranges") or [tuple(map(int, r)) for name, arg in leaf.get("validators", ())
                                        if name == "numeric" for r in re.findall(r"--range (\d+)-(\d+)", arg)]
        if not bounds or leaf.get("regex") or any(name != "numeric" for name, _arg in leaf.get("validators", ())):
            continue
        # outside every range, and still a u32 where the node is typed (the type is checked first)
        lowest, highest = min(lo for lo, _hi in bounds), max(hi for _lo, hi in bounds)
        outside = [n for n in (highest + 1, lowest - 1) if 0 <= n <= 4294967295]
        if outside:
            out.append((steps, outside[0]))
    return out


def _enumerated(platform):
    """Leaves whose value is one word of a list (1.3 enum, 1.4 completion list that is the whole constraint)."""
    out = []
    for steps in PATHS[platform]:
        leaf = steps[-1][1]
        listed = leaf.get("enum") or (leaf.get("completion") if leaf.get("regex") == ["(%s)" % "|".join(leaf.get("completion", []))] else None)
        if listed and not leaf.get("validators"):
            out.append(steps)
    return out


def _expected_refusal(node, value):
    message = (node.get("error") or "Invalid value").replace("$VAR(@)", value)
    return "\n  %s\n  Value validation failed\n  Set failed\n" % message


@SETTINGS
@given(data=st.data())
def test_a_number_outside_the_range_is_refused_with_the_nodes_message(session, data):
    steps, too_big = data.draw(st.sampled_from(_ranged(session.platform)))
    words = _words_for(steps, data) + [str(too_big)]
    assert _set(session, words) == _expected_refusal(steps[-1][1], str(too_big))


@SETTINGS
@given(data=st.data())
def test_a_word_outside_the_enum_is_refused_with_the_nodes_message(session, data):
    steps = data.draw(st.sampled_from(_enumerated(session.platform)))
    words = _words_for(steps, data) + ["bogus-value"]
    assert _set(session, words) == _expected_refusal(steps[-1][1], "bogus-value")


def _words_for(steps, data):
    """The valid words of a path up to (not including) its leaf's value."""
    words = []
    for name, node in steps:
        words.append(name)
        if node.get("kind") == "tag":
            words.append(data.draw(values(node)))
    return words


def test_every_subtree_has_ranged_and_enumerated_leaves_to_mutate():
    for platform in PLATFORMS:
        paths = [steps for steps, _value in _ranged(platform)] + _enumerated(platform)
        mutated = {" ".join(name for name, _node in steps[:2]) for steps in paths}
        assert {"vpn ipsec", "protocols bgp", "policy route-map"} <= mutated, (platform, mutated)
