# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos XML configuration (``<configuration>``) and the curly text, both to and from the twin's set lines.

Junos XML is its configuration YANG written as elements (Juniper, "Mapping Configuration Statements to Junos XML
Tag Elements", Junos XML management protocol guide): a container or a leaf is an element named after the statement;
a list entry is an element named after the list holding its keys as child elements (``<proposal><name>P1</name>``,
``<policy><from-zone-name>A</from-zone-name><to-zone-name>B</to-zone-name>``); a leaf-list value repeats its element;
an ``empty`` leaf is an empty element. Where the statement lies in Juniper's YANG fixture (yangtree.SCHEMA) the element
and key names come from there (``interfaces st0`` is ``<interface><name>st0</name>``, ``autonomous-system 65011`` is
``<autonomous-system><as-number>65011</as-number>``); outside it, each keyword is an element and a value word the
twin's tree marks as a value is a ``<name>`` key when statements follow it, else the element's text.

The curly text (``load-configuration format="text"``) is read back into set lines by prefixing each statement with
the blocks around it (``security { ike { proposal P1 { dh-group group14; } } }``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from lab.device_twins import yangtree

SCHEMA = yangtree.Schema.load()


def _keyword(key):
    return key[:-len("-name")] if key.endswith("-name") else key


# -- set tree -> XML ---------------------------------------------------------------------------------------------------
def chains(path, is_value):
    """Element chains for one tree path: [[(tag, ((key, value), ...), text), ...], ...], one chain per leaf value."""
    node, i, prefix, out = SCHEMA.root, 0, [], []
    while i < len(path):
        kids = {n: c for n, c in node["children"].items() if n not in node.get("key", ())} if node else {}
        name, child, width = SCHEMA._statement(kids, path[i]) if kids else (None, None, 0)  # pylint: disable=protected-access
        if child is None:
            out.extend(_generic(prefix, path[i:], path[:i], is_value))
            return out
        i += width
        if child["kind"] == "list":
            keys = []
            for n, key in enumerate(child["key"]):
                i += 1 if n else 0          # "to-zone B": the keyword of a second key
                keys.append((key, path[i]))
                i += 1
            prefix = prefix + [(name, tuple(keys), None)]
            node = child
        elif child["kind"] == "container":
            prefix = prefix + [(name, (), None)]
            node = child
        elif child["type"].get("base") == "empty":
            out.append(prefix + [(name, (), None)])
        else:
            # a leaf takes one value; a leaf-list the rest (the tree keeps "proposals [ A B ]" as the path A -> B)
            values = path[i:] if child["kind"] == "leaf-list" else path[i:i + 1]
            out.extend(prefix + [(name, (), value)] for value in values)
            i += len(values)
    if not out:
        out.append(prefix)
    return out


def _generic(prefix, rest, before, is_value):
    """Outside the fixture: keywords are elements, a value is a <name> key (statements follow) or the element's text."""
    chain, i = list(prefix), 0
    while i < len(rest):
        word = rest[i]
        if is_value(tuple(before) + tuple(rest[:i + 1])) and chain:
            tag, keys, _text = chain[-1]
            if i + 1 < len(rest):
                chain[-1] = (tag, keys + (("name", word),), None)
            else:
                chain[-1] = (tag, keys, word)
        else:
            chain.append((word, (), None))
        i += 1
    return [chain]


def to_xml(tree, root_tag="configuration"):
    """The ``<configuration>`` element of a SetTree."""
    root = ET.Element(root_tag)
    for path in tree.paths():
        for chain in chains(path, tree.is_value):
            _insert(root, chain)
    return root


def _insert(parent, chain):
    for tag, keys, text in chain:
        found = None
        for child in parent.findall(tag):
            if text is None and [(k.tag, k.text) for k in child[:len(keys)]] == list(keys):
                found = child
                break
            if text is not None and child.text == text:
                found = child
                break
        if found is None:
            found = ET.SubElement(parent, tag)
            for key, value in keys:
                ET.SubElement(found, key).text = value
            if text is not None:
                found.text = text
        parent = found


# -- XML -> set lines --------------------------------------------------------------------------------------------------
def set_lines(configuration):
    """(verb, words) for every statement of a ``<configuration>`` element: "set"; "delete" for an element carrying
    Junos's ``delete="delete"`` (RFC 6241 ``operation="delete"``); "replace" before the statements of one carrying
    ``replace="replace"`` (Junos XML: "Deleting Configuration Elements", "Replacing Configuration Elements")."""
    out = []
    for child in _elements(configuration):
        if child.tag not in ("version",):
            _walk(child, SCHEMA.root, [], out)
    return out


def _elements(element):
    return [child for child in element if isinstance(child.tag, str)]


def _local(tag):
    return tag.split("}", 1)[-1]


def _walk(element, node, words, out):
    tag = _local(element.tag)
    child = node.get("children", {}).get(tag) if node else None
    kids = _elements(element)
    text = (element.text or "").strip()
    if child is not None and child["kind"] == "list":
        keys = child["key"]
        values = {_local(k.tag): (k.text or "").strip() for k in kids if _local(k.tag) in keys}
        head = [] if child.get("hidden") else [tag]
        for n, key in enumerate(keys):
            head += ([_keyword(key)] if n else []) + ([values[key]] if key in values else [])
        mine = words + head
        kids = [k for k in kids if _local(k.tag) not in keys]
    elif child is None and kids and _local(kids[0].tag) == "name":
        mine = words + [tag, (kids[0].text or "").strip()]       # a list outside the fixture: its <name> key
        kids = kids[1:]
    else:
        nokeyword = child is not None and child.get("nokeyword")
        mine = words + ([] if nokeyword else [tag]) + ([text] if text and not kids else [])
    if element.get("delete") == "delete" or element.get("operation") == "delete":
        out.append(("delete", mine))
        return
    if element.get("replace") == "replace" or element.get("operation") == "replace":
        out.append(("replace", mine))
    if not kids:
        out.append(("set", mine))
    for kid in kids:
        _walk(kid, child, mine, out)


# -- curly text -> set lines -------------------------------------------------------------------------------------------
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{};]|\[|\]|#[^\n]*|/\*.*?\*/|[^\s{};\[\]"]+', re.S)


def curly_set_lines(text):
    """(verb, words) of the statements in Junos curly text: "set"; "delete" for a statement after ``delete:``;
    "replace" (drop what the statement holds, under action="replace") for one after ``replace:``."""
    stack, words, out = [], [], []
    for token in _TOKEN.findall(text):
        if token.startswith(("#", "/*")) or token in ("[", "]"):     # comments; "[ a b ]" is the words a b
            continue
        if token in ("{", ";", "}") and words:
            marker = words[0] if words[0] in ("delete:", "replace:") else ""
            path = [w for frame in stack for w in frame] + words[1 if marker else 0:]
            if marker == "replace:":
                out.append(("replace", path))
            if token == "{":
                stack.append(words[1 if marker else 0:])
            else:
                out.append(("delete" if marker == "delete:" else "set", path))
            words = []
        elif token == "{":
            raise ValueError("a block without a statement")
        if token == "}":
            if not stack:
                raise ValueError("unbalanced '}'")
            stack.pop()
        elif token not in ("{", ";"):
            words.append(token[1:-1] if token.startswith('"') else token)
    if stack or words:
        raise ValueError("missing '}' or ';' at the end")
    return out
