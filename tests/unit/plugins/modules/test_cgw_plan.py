# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cgw_plan (issue 14): the IOS-XE change worked out from a read already made, with no device session."""

from __future__ import annotations

from unittest import mock

import pytest
from ansible_collections.cisco.ios.plugins.cliconf import ios
from ansible_collections.junipernetworks.junos.plugins.cliconf import junos

from ansible_collections.hybridvpn.s2s.plugins.action import cgw_plan

RUNNING = "hostname r1\n!\ninterface Tunnel1\n ip mtu 1436\n!\nntp server 10.0.0.1\nend\n"
CANDIDATE = "interface Tunnel1\n ip mtu 1400\nntp server 10.0.0.1"


# The vendors' own cliconf plugins, as the loader hands them out in a playbook run (there: by ansible_network_os).
CLICONF = {"cisco.ios.ios": ios.Cliconf, "junipernetworks.junos.junos": junos.Cliconf}


@pytest.fixture(autouse=True)
def _vendor_cliconf():
    with mock.patch.object(cgw_plan.cliconf_loader, "get", side_effect=lambda name, connection: CLICONF[name](connection)):
        yield


def _run(network_os, config=CANDIDATE, diff=True, diff_match="line"):
    task = mock.Mock(args=dict(config=config, running_config=RUNNING, network_os=network_os, diff_match=diff_match),
                     async_val=0, check_mode=False, diff=diff)
    action = cgw_plan.ActionModule(task=task, connection=mock.Mock(), play_context=mock.Mock(), loader=None, templar=None,
                                   shared_loader_obj=None)
    return action.run(task_vars={})


def test_needs_no_device_session():
    # ansible-core starts no persistent-connection helper process for an action that says so
    assert cgw_plan.ActionModule._requires_connection is False   # pylint: disable=protected-access


def test_ios_change_is_the_cliconf_difference_to_the_running_config():
    result = _run("cisco.ios.ios")
    assert result["changed"] and result["commands"] == ["interface Tunnel1", "ip mtu 1400"]
    assert result["diff"] == {"prepared": "interface Tunnel1\nip mtu 1400"}


def test_nothing_to_do_when_the_running_config_has_every_line():
    result = _run("cisco.ios.ios", config="interface Tunnel1\n ip mtu 1436", diff=False)
    assert not result["changed"] and result["commands"] == [] and "diff" not in result


def test_diff_match_none_sends_every_line():
    assert _run("cisco.ios.ios", config="ntp server 10.0.0.1", diff_match="none")["commands"] == ["ntp server 10.0.0.1"]


def test_platforms_that_compare_on_the_box_are_refused_by_name():
    result = _run("junipernetworks.junos.junos")
    assert result["failed"] and "network_os: junipernetworks.junos.junos" in result["msg"] and "cgw_config" in result["msg"]
