# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Junos twin's NETCONF server, judged by the real clients: ncclient's manager and Juniper's PyEZ (issue 17).

One twin per module runs on an event loop in a background thread (in-process, no subprocess); CLI sessions of the
same twin check that NETCONF and the CLI share one candidate, one commit history and one lock.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
import threading
import time

import pytest
from jnpr.junos import Device as PyEZDevice
from jnpr.junos.exception import CommitError, ConfigLoadError, LockError
from jnpr.junos.utils.config import Config
from ncclient import manager
from ncclient.operations.rpc import RPCError
from ncclient.transport.session import NetconfBase
from ncclient.xml_ import to_ele

from lab.device_twins import dialects, junos, junos_xml, server, setstyle, spec
from lab.device_twins.netconf_framing import Framer, FramingError

PASSWORD = "nc-test-pw"
MINUTE = 0.5      # seconds per commit-confirmed "minute"
PROPOSAL = "set security ike proposal NC-P1 dh-group group14"


class LoopTwin:
    """A Junos twin served on its own event loop thread; ``cli(lines)`` runs CLI lines on that loop."""

    def __init__(self, folder):
        self.spec = spec.build({"name": "nc-junos", "platform": "junos", "port": 0},
                               {"password": PASSWORD, "state_dir": str(folder), "minute_seconds": MINUTE}, str(folder))
        self.loop = asyncio.new_event_loop()
        self.twins = None
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.twins = self.loop.run_until_complete(server.start([self.spec]))
            ready.set()
            self.loop.run_forever()
        threading.Thread(target=run, daemon=True).start()
        ready.wait(30)

    @property
    def device(self):
        return self.twins[0].device

    def on_loop(self, function):
        async def call():
            return function()
        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(30)

    def cli(self, *lines, session=None):
        """Outputs of CLI lines in one session (a new one unless given; it stays open, as a user's would)."""
        session = session or self.on_loop(lambda: dialects.get("junos").Session(self.device, "cli-user"))
        return session, [self.on_loop(lambda line=line: session.feed(line)) for line in lines]

    def running_lines(self):
        return self.cli("show configuration | display set")[1][0].splitlines()

    def stop(self):
        for twin in self.twins:
            self.loop.call_soon_threadsafe(twin.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture(scope="module")
def twin(tmp_path_factory):
    lab = LoopTwin(tmp_path_factory.mktemp("netconf-twin"))
    yield lab
    lab.stop()


def _ncclient(twin):
    return manager.connect(host="127.0.0.1", port=twin.spec.port, username="admin", password=PASSWORD,
                           hostkey_verify=False, look_for_keys=False, allow_agent=False,
                           device_params={"name": "junos"}, timeout=30)


def _pyez(twin):
    return PyEZDevice(host="127.0.0.1", port=twin.spec.port, user="admin", passwd=PASSWORD, gather_facts=False).open()


def _wait_for(predicate, seconds=30):
    """Poll the twin state until ``predicate`` holds (a commit-confirmed timer fires on the twin's loop)."""
    deadline = time.time() + seconds
    while not predicate():
        if time.time() > deadline:
            return False
        time.sleep(0.05)
    return True


# -- framing --------------------------------------------------------------------------------------------------------
def test_framing_end_of_message_then_chunked():
    framer = Framer()
    assert framer.frame("<a/>") == b"<a/>]]>]]>"
    assert framer.feed(b"<hello/>]]>]]><r") == ["<hello/>"] and framer.feed(b"pc/>]]>]]>") == ["<rpc/>"]
    framer.chunked = True
    assert framer.frame("<ok/>") == b"\n#5\n<ok/>\n##\n"
    assert framer.feed(b"\n#4\n<rpc\n#3\n/>\xc3") == [] and framer.feed(b"\n#") == []
    assert framer.feed(b"1\n\xa9\n##\n") == ["<rpc/>\u00e9"]     # sizes count octets; a character may span chunks
    with pytest.raises(FramingError):
        framer.feed(b"\n#07\n")                                 # RFC 6242 4.2: no leading zero


# -- ncclient ---------------------------------------------------------------------------------------------------------
def test_ncclient_hello_get_config_and_a_refused_line(twin):
    with _ncclient(twin) as nc:
        assert "http://xml.juniper.net/netconf/junos/1.0" in nc.server_capabilities
        # no rfc-compliant in the config: end-of-message framing
        assert nc._session._base == NetconfBase.BASE_10       # pylint: disable=protected-access
        data = nc.get_config(source="running")
        assert data.findtext(".//system/host-name") == "nc-junos"
        assert [e.text for e in data.findall(".//interfaces/interface/name")] == ["ge-0/0/0"]
        with pytest.raises(RPCError) as refused:
            nc.load_configuration(action="set", config=[PROPOSAL, "set security ike proposal NC-P1 dh-group group99"])
        assert refused.value.message == "syntax error" and "group99" in refused.value.info
        nc.discard_changes()
    assert "set security ike proposal NC-P1 dh-group group14" not in twin.running_lines()


def test_ncclient_lock_load_commit_confirmed_visible_on_the_cli_and_rolled_back(twin):
    with _ncclient(twin) as nc:
        nc.lock(target="candidate")
        _session, [refused] = twin.cli("configure exclusive")
        assert refused.startswith("error: configuration database locked by:")
        nc.load_configuration(action="set", config=[PROPOSAL])
        diff = nc.compare_configuration(rollback=0).findtext(".//configuration-output")
        assert "[edit security ike proposal NC-P1]" in diff and "+    dh-group group14;" in diff
        nc.commit(confirmed=True, timeout="60", comment="netconf test")          # 60 s = 1 Junos minute
        nc.unlock(target="candidate")
    assert PROPOSAL in twin.running_lines()
    history = twin.on_loop(lambda: twin.device.history[0])
    assert (history["user"], history["comment"]) == ("admin", "netconf test")
    assert _wait_for(lambda: PROPOSAL not in twin.running_lines())          # not confirmed: rolled back


def test_cli_changes_show_over_netconf_and_cli_exclusive_refuses_the_netconf_lock(twin):
    session, outputs = twin.cli("configure exclusive", "set system services netconf ssh", "commit")
    assert outputs[-1].startswith("commit complete")
    with _ncclient(twin) as nc:
        text = nc.get_configuration(format="set").findtext(".//configuration-set")
        assert "set system services netconf ssh" in text.splitlines()
        twin.cli("set system domain-name example.net", session=session)
        with pytest.raises(RPCError) as locked:
            nc.lock(target="candidate")
        assert "configuration database locked by" in locked.value.message
        twin.cli("exit", session=session)         # leaving exclusive mode discards its change and the lock
        nc.lock(target="candidate")
        nc.unlock(target="candidate")


def test_chunked_framing_once_rfc_compliant(twin):
    _session, outputs = twin.cli("configure", "set system services netconf rfc-compliant",
                                 "set system services netconf version-1.1", "commit and-quit")
    assert "commit complete" in outputs[-1]
    with _ncclient(twin) as nc:
        assert "urn:ietf:params:netconf:base:1.1" in nc.server_capabilities
        assert nc._session._base == NetconfBase.BASE_11       # pylint: disable=protected-access
        text = nc.get_configuration(format="text").findtext(".//configuration-text")
        assert "rfc-compliant;" in text and "version-1.1;" in text


# -- PyEZ -------------------------------------------------------------------------------------------------------------
def test_pyez_facts_load_diff_commit_confirm_and_rollback(twin):
    dev = _pyez(twin)
    try:
        assert (dev.facts["hostname"], dev.facts["model"]) == ("nc-junos", "VSRX")
        assert dev.facts["version"] == twin.spec.version
        config = Config(dev)
        config.lock()
        config.load(PROPOSAL, format="set")
        assert "+    dh-group group14;" in config.diff()
        assert config.commit_check() is True
        assert config.commit(confirm=2, comment="pyez") is True
        assert config.commit() is True           # confirms: no rollback comes
        assert PROPOSAL in twin.running_lines()
        config.rollback(2)                       # 0: the confirming commit, 1: the commit confirmed
        assert "-    dh-group group14;" in config.diff()
        config.commit(comment="pyez rollback")
        config.unlock()
    finally:
        dev.close()
    assert PROPOSAL not in twin.running_lines()
    assert twin.on_loop(lambda: twin.device.confirm) is None


def test_pyez_refusals_raise(twin):
    dev = _pyez(twin)
    try:
        config = Config(dev)
        with pytest.raises(ConfigLoadError):
            config.load("set security ike proposal NC-P2 lifetime-seconds 7", format="set")   # YANG range 180..86400
        config.load("set security ike policy NC-POL proposals NC-MISSING", format="set")
        with pytest.raises(CommitError) as failed:
            config.commit()
        assert "Referenced ike proposal NC-MISSING is not defined" in str(failed.value)
        config.load("<configuration><security><ike><proposal><name>NC-P3</name><dh-group>group19</dh-group>"
                    "</proposal></ike></security></configuration>", format="xml")
        assert "+    dh-group group19;" in config.diff()
        config.rollback(0)
        assert config.diff() is None
        holder, [locked] = twin.cli("configure exclusive")
        assert locked.startswith("warning: uncommitted changes will be discarded on exit")
        with pytest.raises(LockError):
            config.lock()
        twin.cli("exit", session=holder)
    finally:
        dev.close()


# -- the XML and curly views of the set tree ------------------------------------------------------------------------
def _cgw_tree():
    from tests.integration.device_twins.cgw_configs import JUNOS, PSK   # pylint: disable=import-outside-toplevel
    lines = [line for line in JUNOS.format(psk=PSK["junos"]).splitlines() if line.startswith("set ")]
    return setstyle.tree_from_lines([junos.INITIAL[0].format(hostname="nc-junos")] + lines, junos.GRAMMAR, junos.DIALECT)


def test_xml_and_curly_text_load_back_into_the_same_tree():
    tree = _cgw_tree()
    element = junos_xml.to_xml(tree)
    assert element.find("interfaces/interface[name='st0']/unit[name='1']/family/inet/address/name").text == "169.254.10.6/30"
    for statements in (junos_xml.set_lines(element),
                       junos_xml.curly_set_lines("\n".join(tree.curly(";", junos._quote, junos.BLOCK_TAGS)))):  # pylint: disable=protected-access
        assert {verb for verb, _words in statements} == {"set"}
        back = setstyle.tree_from_lines(["set " + " ".join(words) for _verb, words in statements], junos.GRAMMAR, junos.DIALECT)
        assert back == tree


def test_replace_markers_in_xml_and_curly_text():
    element = ET.fromstring('<configuration><security><ike><proposal replace="replace"><name>P1</name><dh-group>group19</dh-group>'
                            '</proposal><proposal delete="delete"><name>P2</name></proposal></ike></security></configuration>')
    assert junos_xml.set_lines(element) == [
        ("replace", ["security", "ike", "proposal", "P1"]), ("set", ["security", "ike", "proposal", "P1", "dh-group", "group19"]),
        ("delete", ["security", "ike", "proposal", "P2"])]
    text = "security { ike { replace: proposal P1 { dh-group group19; } delete: proposal P2; } }"
    assert junos_xml.curly_set_lines(text) == junos_xml.set_lines(element)
    with pytest.raises(ValueError):
        junos_xml.curly_set_lines("security { ike {")


def test_load_replace_drops_what_a_replaced_proposal_held(twin):
    with _ncclient(twin) as nc:
        nc.load_configuration(action="set", config=[PROPOSAL, "set security ike proposal NC-P1 lifetime-seconds 3600"])
        nc.load_configuration(action="replace", format="text",
                              config="security { ike { replace: proposal NC-P1 { dh-group group19; } } }")
        text = nc.get_configuration(format="set").findtext(".//configuration-set")
        assert [line for line in text.splitlines() if "NC-P1" in line] == ["set security ike proposal NC-P1 dh-group group19"]
        nc.discard_changes()


def test_rfc6241_edit_config_validate_commit_and_system_information(twin):
    config = ('<config><configuration><security><ike><proposal><name>NC-RFC</name><dh-group>group20</dh-group></proposal>'
              '</ike></security></configuration></config>')
    with _ncclient(twin) as nc:
        nc.edit_config(target="candidate", config=config)
        assert len(nc.validate(source="candidate").xpath("//ok")) == 1
        nc.dispatch(to_ele('<commit><confirmed/><confirm-timeout>90</confirm-timeout></commit>'))   # seconds
        assert twin.on_loop(lambda: twin.device.confirm["minutes"]) == 2           # rounded up to Junos's minutes
        nc.dispatch(to_ele("<commit/>"))
        assert "set security ike proposal NC-RFC dh-group group20" in twin.running_lines()
        with pytest.raises(RPCError) as refused:
            nc.edit_config(target="running", config=config)
        assert refused.value.tag == "invalid-value"
    dev = _pyez(twin)
    try:
        info = dev.rpc.get_system_information()
        assert (info.findtext("host-name"), info.findtext("os-version")) == ("nc-junos", twin.spec.version)
        with pytest.raises(Exception, match="shared candidate"):
            dev.rpc.open_configuration(private=True)
    finally:
        dev.close()
