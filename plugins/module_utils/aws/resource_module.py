# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one run of a module that manages a single AWS resource with no options beyond its identity and tags
(customer_gateway, vpn_concentrator, cloudwan_vpn_attachment): its rules before any call, find, then converge to present or absent.

``manager`` is the resource's module_utils module: ``argument_spec()``, ``problems(params)``, ``find_raw(client,
params)``, ``ensure_present(client, module, params, current)`` and ``ensure_absent(client, module, current)``.
"""

from __future__ import annotations

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_request
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError


def run(manager, normalise, result_key: str, client_for=None) -> None:
    """Run the module; ``normalise(raw)`` gives the resource in the collection's shape, returned as ``result_key``;
    ``client_for(module)`` is the boto3 client the manager calls (EC2 unless said)."""
    module = AnsibleAWSModule(argument_spec=manager.argument_spec(), supports_check_mode=True)
    found = manager.problems(module.params)
    if found:
        module.fail_json(msg=vpn_request.format_problems(found), problems=vpn_request.problem_dicts(found))
    client = (client_for or api.ec2_client)(module)
    try:
        raw = manager.find_raw(client, module.params)
        current = normalise(raw) if raw else None
        if module.params["state"] == "present":
            changed, after = manager.ensure_present(client, module, module.params, current)
        else:
            changed, after = manager.ensure_absent(client, module, current)
    except VpnError as exc:
        module.fail_json(msg=exc.message, **exc.details)
    except AnsibleAWSError as exc:
        module.fail_json_aws_error(exc)
    module.exit_json(changed=changed, diff={"before": current or {}, "after": after}, **{result_key: after})
