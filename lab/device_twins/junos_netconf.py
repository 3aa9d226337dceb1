# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos twin's NETCONF server (SSH subsystem ``netconf``): the RPCs junos_config, junos_facts, junos_command,
junos_rpc, ncclient and PyEZ send, on the same candidate, commits, rollbacks and lock as the CLI.

Each NETCONF session drives a CLI configuration session of its own (junos.Session, in configuration mode): a set line
loaded here is judged by the same grammar and YANG, shows in ``show | compare`` of a CLI session, a commit confirmed
made here is confirmed or rolled back like one made there, and ``<lock>`` is ``configure exclusive``.

Sources (read 2026-12-07): Juniper, NETCONF XML Management Protocol Developer Guide: "Exchanging <hello> Elements"
(the capabilities a Junos server advertises; session-id), "Generate Well-Formed XML Documents" (netconf-session-
generating-well-formed-xml.html: ]]>]]> framing, chunked framing only with ``rfc-compliant`` and ``version-1.1``
under [edit system services netconf] and :base:1.1 on both sides), <get-configuration> (database candidate by default,
format xml|text|set, compare="rollback" rollback="N" answering <configuration-information><configuration-output>),
<load-configuration> (action merge|replace|override|set|update, format xml|text, rollback="N",
<configuration-set>/<configuration-text>/<configuration>, results in <load-configuration-results>),
<commit-configuration> (check, confirmed, confirm-timeout in minutes, log), <lock-configuration>, <command>;
RFC 6241 (rpc-reply, rpc-error fields, <lock>/<unlock>/<discard-changes>/<close-session>, get-config/edit-config).
"""

from __future__ import annotations

import itertools
import logging
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from lab.device_twins import junos, junos_xml
from lab.device_twins.netconf_framing import BASE_1_1, Framer

NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
# A current Junos server's hello, in its order: the RFC 6241 short URNs, the older xml:ns forms, netconf-monitoring and
# Juniper's two (as captured Junos hellos in public NETCONF client test data show them, read 2026-12-07; Juniper's
# "Exchanging <hello> Elements" lists the xml:ns forms and http://xml.juniper.net/netconf/junos/1.0).
CAPABILITIES = (
    "urn:ietf:params:netconf:base:1.0",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:netconf:capability:validate:1.0",
    "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:netconf:base:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:validate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring",
    "http://xml.juniper.net/netconf/junos/1.0",
    "http://xml.juniper.net/dmi/system/1.0",
)
_SESSION_IDS = itertools.count(4000)
LOG = logging.getLogger("device_twins")


class RpcError(Exception):
    """One <rpc-error>: Junos's fields (type, tag, severity, message, path, bad element)."""

    def __init__(self, message, bad=None, path=None, tag="operation-failed", kind="protocol", severity="error"):
        super().__init__(message)
        self.fields = (kind, tag, severity, path, message, bad)

    def element(self):
        kind, tag, severity, path, message, bad = self.fields
        error = ET.Element("rpc-error")
        for name, value in (("error-type", kind), ("error-tag", tag), ("error-severity", severity), ("error-path", path)):
            if value:
                ET.SubElement(error, name).text = value
        if bad:
            ET.SubElement(ET.SubElement(error, "error-info"), "bad-element").text = bad
        ET.SubElement(error, "error-message").text = message
        return error


def _local(tag):
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element, name):
    return next((c for c in element if _local(c.tag) == name), None)


def _text_of(element, name, default=""):
    found = _child(element, name)
    return (found.text or "").strip() if found is not None else default


class NetconfSession:
    """One NETCONF session: ``hello()`` first, then ``receive(bytes)`` returns the bytes to send back."""

    def __init__(self, device, user):
        self.cli = junos.Session(device, user)
        self.cli.enter_config()
        self.framer = Framer()
        self.session_id = next(_SESSION_IDS)
        self.peer_hello = False
        self.closed = False

    @property
    def device(self):
        return self.cli.device

    def capabilities(self):
        services = self.device.running.node(["system", "services", "netconf"]) or {}
        rfc = "rfc-compliant" in services and "version-1.1" in services
        return CAPABILITIES + ((BASE_1_1,) if rfc else ())

    def hello(self):
        caps = "".join("<capability>%s</capability>" % uri for uri in self.capabilities())
        return self.framer.frame('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="%s"><capabilities>%s</capabilities>'
                                 '<session-id>%d</session-id></hello>' % (NS, caps, self.session_id))

    def end(self):
        """The channel closed: the CLI session behind it ends, releasing a lock and its uncommitted changes."""
        self.closed = True
        self.cli.end()

    def receive(self, data):
        out = b""
        for message in self.framer.feed(data):
            out += self._message(message)
            if self.closed:
                break
        return out

    def _message(self, text):
        try:
            element = ET.fromstring(text)
        except ET.ParseError as error:
            if not self.peer_hello:
                self.closed = True
                return b""
            return self.framer.frame(self._reply({}, [RpcError("xml-parser: %s" % error, tag="malformed-message")]))
        if not self.peer_hello:
            # RFC 6241 8.1: the first message is the client's hello; chunked framing once both advertise base:1.1
            if _local(element.tag) != "hello":
                self.closed = True
                return b""
            self.peer_hello = True
            theirs = {(c.text or "").strip() for c in element.iter() if _local(c.tag) == "capability"}
            self.framer.chunked = BASE_1_1 in theirs and BASE_1_1 in self.capabilities()
            return b""
        if _local(element.tag) != "rpc":
            return self.framer.frame(self._reply({}, [RpcError("syntax error", bad=_local(element.tag))]))
        operation = next((c for c in element if isinstance(c.tag, str)), None)
        try:
            body = self._dispatch(operation)
        except RpcError as error:
            body = [error]
        except Exception:  # pylint: disable=broad-except
            # a twin bug answers as an error and keeps the session (never logging the rpc: it may hold a key)
            LOG.exception("%s: internal error handling a NETCONF rpc", self.cli.spec.name)
            body = [RpcError("internal twin error (see the twin log)", kind="application")]
        return self.framer.frame(self._reply(element.attrib, body))

    def _reply(self, attributes, body):
        """<rpc-reply> echoing the rpc's attributes (message-id), in NETCONF's namespace, Junos's declared."""
        echoed = "".join(' %s="%s"' % (k, escape(v, {'"': "&quot;"})) for k, v in attributes.items()
                         if not k.startswith("{") and k not in ("xmlns", "xmlns:junos"))
        parts = "".join(ET.tostring(p.element() if isinstance(p, RpcError) else p, encoding="unicode") for p in body)
        return '<rpc-reply xmlns="%s" xmlns:junos="http://xml.juniper.net/junos/%s/junos"%s>%s</rpc-reply>' % (
            NS, self.cli.spec.version, echoed, parts)

    def _dispatch(self, operation):
        if operation is None:
            raise RpcError("syntax error, expecting <rpc> content", bad="rpc")
        name = _local(operation.tag)
        handler = getattr(self, "rpc_" + name.replace("-", "_"), None)
        if handler is None:
            raise RpcError("syntax error", bad=name)
        return handler(operation)

    @staticmethod
    def _ok():
        return [ET.Element("ok")]

    def _refuse_if_locked(self):
        holder = self.device.refused_by(self.cli)
        if holder:
            raise RpcError("configuration database locked by:\n%s" % self.cli._user_line(holder),  # pylint: disable=protected-access
                           tag="lock-denied")

    # -- sessions and locks ----------------------------------------------------------------------------------
    def rpc_close_session(self, _op):
        self.closed = True
        return self._ok()

    def rpc_lock(self, _op):
        holder = self.device.locked_by_other(self.cli)
        if holder:
            raise RpcError("configuration database locked by:\n%s" % self.cli._user_line(holder),  # pylint: disable=protected-access
                           tag="lock-denied")
        # Junos refuses the lock over a candidate someone changed and did not commit ("configuration database modified")
        candidate = self.device.candidate
        if self.device.lock_holder is None and candidate is not None and candidate != self.device.running:
            raise RpcError("configuration database modified", tag="lock-denied")
        self.device.lock_holder = self.cli
        return self._ok()

    rpc_lock_configuration = rpc_lock

    def rpc_unlock(self, _op):
        if self.device.lock_holder is not self.cli:
            raise RpcError("configuration database is not locked by this session", tag="operation-failed")
        self.device.lock_holder = None
        return self._ok()

    rpc_unlock_configuration = rpc_unlock

    def rpc_discard_changes(self, _op):
        self._refuse_if_locked()
        self.cli.set_candidate(self.device.running.copy())
        return self._ok()

    def rpc_open_configuration(self, op):
        if _child(op, "private") is not None or _child(op, "dynamic") is not None or _child(op, "ephemeral") is not None:
            raise RpcError("the device twin has only the shared candidate database", bad=_local(op[0].tag))
        return self._ok()

    def rpc_close_configuration(self, _op):
        return self._ok()

    # -- reading the configuration ---------------------------------------------------------------------------
    def rpc_get_configuration(self, op):
        fmt = op.get("format", "xml")
        tree = self.device.running if op.get("database") == "committed" else self.cli.get_candidate()
        if op.get("compare") == "rollback":
            old = self.device.rollback_config(int(op.get("rollback", "0")))
            if old is None:
                raise RpcError("rollback %s does not exist" % op.get("rollback"), kind="application")
            info = ET.Element("configuration-information")
            diff = self.cli.diff_text(old)
            ET.SubElement(info, "configuration-output").text = "\n%s\n" % diff if diff else "\n"   # "\n": no change
            return [info]
        scope = _child(op, "configuration")
        return [self._configuration(tree, fmt, scope)]

    def rpc_get_config(self, op):
        source = _child(op, "source")
        tree = self.cli.get_candidate() if source is not None and _child(source, "candidate") is not None else self.device.running
        scope = _child(op, "filter")
        scope = _child(scope, "configuration") if scope is not None else None
        data = ET.Element("data")
        data.append(self._configuration(tree, "xml", scope))
        return [data]

    def _configuration(self, tree, fmt, scope):
        words = [w for _verb, w in junos_xml.set_lines(scope)] if scope is not None and len(scope) else []
        if fmt == "xml":
            element = junos_xml.to_xml(tree)
            last = self.device.history[0]
            element.set("junos:commit-seconds", str(int(last["time"])))
            element.set("junos:commit-localtime", time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(last["time"])))
            element.set("junos:commit-user", last["user"])
            if words:
                _prune(element, scope)
            return element
        if fmt == "set":
            lines = self.cli._set_lines(tree)  # pylint: disable=protected-access
            if words:
                prefixes = ["set " + " ".join(w) for w in words]
                lines = [line for line in lines if any(line == p or line.startswith(p + " ") for p in prefixes)]
            out = ET.Element("configuration-set")
            out.text = "\n" + "\n".join(lines) + "\n"
            return out
        if fmt == "text":
            nodes = [(w, tree.node(w)) for w in words] or [((), tree.root)]
            lines = []
            for path, node in nodes:
                if node is not None:
                    lines += tree.curly(";", junos._quote, junos.BLOCK_TAGS, {path[-1]: node} if path else node,  # pylint: disable=protected-access
                                        tuple(path[:-1]))
            out = ET.Element("configuration-text")
            out.text = "\n".join(["## Last changed: %s" % time.strftime("%Y-%m-%d %H:%M:%S UTC"),
                                  "version %s;" % self.cli.spec.version] + lines) + "\n"
            return out
        raise RpcError("the device twin does not render format %r" % fmt, bad=fmt, kind="application")

    # -- changing the candidate ------------------------------------------------------------------------------
    def rpc_load_configuration(self, op):
        self._refuse_if_locked()
        results = ET.Element("load-configuration-results")
        if op.get("rollback") is not None:
            index = int(op.get("rollback"))
            if not self.cli.load_rollback(index):
                raise RpcError("rollback %d does not exist" % index, kind="application")
            results.append(ET.Element("ok"))
            return [results]
        action, fmt = op.get("action", "merge"), op.get("format", "xml")
        errors = self._load(action, fmt, op)
        for error in errors:
            results.append(error.element())
        if any(e.fields[2] == "error" for e in errors):
            ET.SubElement(results, "load-error-count").text = str(sum(e.fields[2] == "error" for e in errors))
        else:
            results.append(ET.Element("ok"))
        return [results]

    def rpc_edit_config(self, op):
        """RFC 6241 edit-config on the candidate: <config><configuration> (xml) or <config-text> (curly text)."""
        self._refuse_if_locked()
        target = _child(op, "target")
        if target is None or _child(target, "candidate") is None:
            raise RpcError("edit-config takes only the candidate target", bad="target", tag="invalid-value")
        action = {"replace": "replace", "none": "merge"}.get(_text_of(op, "default-operation"), "merge")
        config, text = _child(op, "config"), _child(op, "config-text")
        if config is not None:
            errors = self._load(action, "xml", config)
        elif text is not None:
            errors = self._load(action, "text", text)
        else:
            raise RpcError("edit-config without <config>", bad="edit-config", tag="missing-element")
        failed = [e for e in errors if e.fields[2] == "error"]
        if failed:
            raise failed[0]
        return self._ok()

    def _load(self, action, fmt, op):
        """Load into the candidate; the RpcErrors (and warnings) of the statements it refused."""
        if action == "set":
            lines = [line.strip() for line in _text_of(op, "configuration-set").splitlines()]
            return self._load_lines(lines)
        if fmt == "text":
            try:
                statements = junos_xml.curly_set_lines(_text_of(op, "configuration-text"))
            except ValueError as error:
                return [RpcError("syntax error: %s" % error, bad="configuration-text")]
        elif fmt == "xml":
            configuration = _child(op, "configuration")
            if configuration is None:
                return [RpcError("syntax error, expecting <configuration>", bad=_local(op.tag))]
            statements = junos_xml.set_lines(configuration)
        else:
            return [RpcError("the device twin does not load format %r" % fmt, bad=fmt)]
        if action not in ("merge", "update", "replace", "override"):
            return [RpcError("syntax error", bad=action)]
        if action == "override":
            self.cli.set_candidate(junos.empty_config())
        # Junos honours replace="replace" (text: "replace:") only under action="replace": what the element held goes
        for words in (w for verb, w in statements if verb == "replace" and action == "replace"):
            tree = self.cli.get_candidate()
            tree.delete(words)
            self.cli.set_candidate(tree)
        return self._load_lines(["%s %s" % (verb, " ".join(junos._quote(w) for w in words))  # pylint: disable=protected-access
                                 for verb, words in statements if verb != "replace"])

    def _load_lines(self, lines):
        errors = []
        for line in lines:
            if not line or line.startswith("#"):
                continue
            words, bad, said = self.cli.load_line(line)
            if bad is not None:
                errors.append(RpcError("syntax error", bad=words[bad], path="[edit]"))
            elif said.startswith("warning:"):
                errors.append(RpcError(said[len("warning: "):], bad=" ".join(words[1:]), path="[edit]", severity="warning"))
        return errors

    # -- committing ------------------------------------------------------------------------------------------
    def rpc_commit_configuration(self, op):
        self._refuse_if_locked()
        problems = self.cli.problems(self.cli.get_candidate())
        if problems:
            results = ET.Element("commit-results")
            for path, keyword, name, message in problems:
                results.append(RpcError(message, bad="%s %s" % (keyword, name), path="[edit %s]" % " ".join(path),
                                        kind="application", tag="invalid-value").element())
            results.append(RpcError("configuration check-out failed", kind="application").element())
            return [results]
        results = ET.Element("commit-results")
        engine = ET.SubElement(results, "routing-engine", {"junos:style": "normal"})
        ET.SubElement(engine, "name").text = "re0"
        if _child(op, "check") is not None:
            ET.SubElement(engine, "commit-check-success")
            return [results]
        confirm = None
        if _child(op, "confirmed") is not None:
            minutes = _text_of(op, "confirm-timeout", "10")
            if not minutes.isdigit() or not 1 <= int(minutes) <= 65535:
                raise RpcError("confirm-timeout: %r is not 1 .. 65535 minutes" % minutes, bad=minutes, tag="invalid-value")
            confirm = int(minutes)
        self.cli.commit_candidate(_text_of(op, "log"), confirm)
        ET.SubElement(engine, "commit-success")
        ET.SubElement(engine, "commit-revision").text = "re0-%d-%d" % (int(time.time()), len(self.device.history))
        return [results]

    def rpc_commit(self, op):
        """RFC 6241 <commit> (confirm-timeout in seconds, rounded up to Junos's minutes)."""
        commit = ET.Element("commit-configuration")
        if _child(op, "confirmed") is not None:
            ET.SubElement(commit, "confirmed")
            seconds = _text_of(op, "confirm-timeout", "600")
            ET.SubElement(commit, "confirm-timeout").text = str(max(1, -(-int(seconds) // 60))) if seconds.isdigit() else seconds
        results = self.rpc_commit_configuration(commit)[0]
        errors = [e for e in results if _local(e.tag) == "rpc-error"]
        return errors or self._ok()

    def rpc_validate(self, _op):
        """RFC 6241 <validate> of the candidate: Junos's commit check."""
        check = ET.Element("commit-configuration")
        ET.SubElement(check, "check")
        results = self.rpc_commit_configuration(check)[0]
        return [e for e in results if _local(e.tag) == "rpc-error"] or self._ok()

    # -- operational RPCs ------------------------------------------------------------------------------------
    def rpc_get_software_information(self, _op):
        info = ET.Element("software-information")
        for name, value in (("host-name", self.cli._hostname()), ("product-model", "vsrx"), ("product-name", "vsrx"),  # pylint: disable=protected-access
                            ("junos-version", self.cli.spec.version)):
            ET.SubElement(info, name).text = value
        package = ET.SubElement(info, "package-information")
        ET.SubElement(package, "name").text = "junos"
        ET.SubElement(package, "comment").text = "JUNOS Software Release [%s]" % self.cli.spec.version
        return [info]

    def rpc_get_chassis_inventory(self, _op):
        inventory = ET.Element("chassis-inventory")
        chassis = ET.SubElement(inventory, "chassis", {"junos:style": "inventory"})
        for name, value in (("name", "Chassis"), ("serial-number", "TWIN%s" % self.cli.spec.name.upper()),
                            ("description", "VSRX")):
            ET.SubElement(chassis, name).text = value
        return [inventory]

    def rpc_get_system_information(self, _op):
        info = ET.Element("system-information")
        for name, value in (("hardware-model", "vsrx"), ("os-name", "junos"), ("os-version", self.cli.spec.version),
                            ("serial-number", "TWIN%s" % self.cli.spec.name.upper()), ("host-name", self.cli._hostname())):  # pylint: disable=protected-access
            ET.SubElement(info, name).text = value
        return [info]

    def rpc_command(self, op):
        """A CLI operational command: ``show`` commands only (anything else would change the session's mode). Junos
        answers ``show configuration`` in <configuration-information><configuration-output> (text) or
        <configuration-set> (format="set"), other text output in <output>."""
        line, fmt = (op.text or "").strip(), op.get("format", "xml")
        words = line.split("|")[0].split()
        if words[:1] != ["show"]:
            raise RpcError("syntax error", bad=words[0] if words else "command")
        if words[:2] == ["show", "configuration"] and fmt in ("set", "xml"):
            if fmt == "xml" and len(words) == 2:
                return [self._configuration(self.device.running, "xml", None)]
            if fmt == "set":
                answer = ET.Element("configuration-set")
                answer.text = "\n%s\n" % self._show(line + " | display set")
                return [answer]
        if fmt != "text":
            if words[:2] == ["show", "version"]:
                return self.rpc_get_software_information(op)
            raise RpcError("the device twin answers %r only in text (format=\"text\")" % line, bad=line)
        if words[:2] == ["show", "configuration"]:
            info = ET.Element("configuration-information")
            ET.SubElement(info, "configuration-output").text = "\n%s\n" % self._show(line)
            return [info]
        output = ET.Element("output")
        output.text = "\n%s\n" % self._show(line)
        return [output]

    def _show(self, line):
        text = self.cli.run_op(line, self.cli.op_unknown)
        if "unknown command." in text or text.lstrip().startswith("error:"):
            raise RpcError("syntax error", bad=line)
        return text


def _prune(element, scope):
    """Keep only what the subtree filter ``scope`` names (RFC 6241 subtree filtering, containment and selection)."""
    for child in list(element):
        want = [s for s in scope if _local(s.tag) == child.tag]
        if not want:
            element.remove(child)
        elif all(len(s) for s in want):
            for sub in want:
                _prune(child, sub)
