# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One module's main() run in process with a stubbed boto3 client, for the resource_module tests."""

from __future__ import annotations

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api


def run_module(monkeypatch, main, client_factory: str, client, args: dict, check: bool = False) -> tuple:
    """(``"exit"`` or ``"fail"``, the module's result) of ``main()`` with ``api.<client_factory>`` giving ``client``."""
    class Done(Exception):
        pass

    def finish(kind):
        def record(_module, **result):
            raise Done(kind, result)
        return record
    monkeypatch.setattr(api, client_factory, lambda _module: client)
    monkeypatch.setattr(AnsibleAWSModule, "exit_json", finish("exit"))
    monkeypatch.setattr(AnsibleAWSModule, "fail_json", finish("fail"))
    extra = {"_ansible_check_mode": True} if check else {}
    with patch_module_args(dict(args, region="us-east-1", **extra)), pytest.raises(Done) as done:
        main()
    return done.value.args
