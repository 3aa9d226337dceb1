# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An estate across Regions and accounts: one EC2 client per (account, Region), the placements converged at once.

Why: an EC2 client speaks to one Region with one set of credentials, so every item of ``vpn_estate`` is placed
(its ``region``, default the module's, and its ``account_role_arn``, default the module's credentials) and each
placement is a whole estate of its own (``vpn_estate.Estate``: its reads, its pool, its waiter, its check mode and
diff). The clients are made first, in the module's thread, one ``sts:AssumeRole`` per role through the module's own
STS client (boto3 sessions are not thread-safe; each botocore client, once made, is used by one placement's
threads only); then the placements run in a thread each. A placement that fails (the role cannot be assumed,
a Describe fails) is reported with its name and does not stop the others.
"""

from __future__ import annotations

import concurrent.futures
import getpass
import re

try:
    import botocore
except ImportError:
    pass  # AnsibleAWSModule reports the missing library.

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError

from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import aws_vpn_api as api
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws import vpn_estate
from ansible_collections.hybridvpn.s2s.plugins.module_utils.aws.errors import VpnError

SESSION_NAME_MAX = 64  # AssumeRole's RoleSessionName: 2-64 of [\w+=,.@-]


class Placement:
    """The items of one (account role, Region) and, once run, their estate or the error that stopped it."""

    def __init__(self, role_arn, region):
        self.role_arn = role_arn
        self.region = region
        self.gateways, self.connections = [], []
        self.client = None
        self.estate = None
        self.error = None

    @property
    def account_id(self):
        return self.role_arn.split(":")[4] if self.role_arn else None

    @property
    def label(self) -> str:
        return "%s%s" % (self.region, " in account %s (role %s)" % (self.account_id, self.role_arn) if self.role_arn else "")


def place(gateways: list, connections: list) -> list:
    """The placements of the items (vpn_estate.parse gave each its Region), in the order they first appear."""
    by_key = {}
    for kind, items in (("gateways", gateways), ("connections", connections)):
        for item in items:
            key = (item["account_role_arn"], item["region"])
            getattr(by_key.setdefault(key, Placement(*key)), kind).append(item)
    return list(by_key.values())


def session_name(module) -> str:
    """Who and what, as CloudTrail shows it in the assumed account: the module and the local user."""
    # pylint: disable-next=protected-access
    name = "%s@%s" % (module._name.split(".")[-1], getpass.getuser())
    return re.sub(r"[^\w+=,.@-]", "-", "s2s." + name)[:SESSION_NAME_MAX]


def assumed_credentials(module, role_arn: str, region) -> dict:
    """The boto3 client arguments of the role's temporary credentials (sts:AssumeRole with the module's own)."""
    sts = module.client("sts", region=region, retry_decorator=api.retry)
    found = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name(module), aws_retry=True)["Credentials"]
    return {"aws_access_key_id": found["AccessKeyId"], "aws_secret_access_key": found["SecretAccessKey"],
            "aws_session_token": found["SessionToken"], "profile_name": None}


def make_clients(module, placements: list) -> None:
    """An EC2 client per placement (one AssumeRole per role, in this thread); a role that cannot be assumed
    fails its placements only."""
    credentials = {}
    for p in placements:
        if p.role_arn and p.role_arn not in credentials:
            try:
                credentials[p.role_arn] = assumed_credentials(module, p.role_arn, p.region)
            except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
                credentials[p.role_arn] = exc
        found = credentials.get(p.role_arn, {})
        if isinstance(found, Exception):
            p.error = "cannot assume %s: %s" % (p.role_arn, found)
            continue
        p.client = api.ec2_client(module, region=p.region, **found)


def _converge(module, p: Placement) -> None:
    p.estate = vpn_estate.Estate(module, p.client, p.gateways, p.connections)
    try:
        p.estate.run()
    except (AnsibleAWSError, VpnError) as exc:
        p.error = str(exc)


class PlacedEstate:
    """The run of every placement, concurrently, and their results merged in the order the items were given."""

    def __init__(self, module, gateways: list, connections: list):
        self.module = module
        self.order = {item["name"]: i for i, item in enumerate(gateways + connections)}
        self.placements = place(gateways, connections)
        self.failures = []

    def run(self) -> None:
        make_clients(self.module, self.placements)
        ready = [p for p in self.placements if p.client is not None]
        if ready:
            with concurrent.futures.ThreadPoolExecutor(max_workers=len(ready)) as pool:
                list(pool.map(lambda p: _converge(self.module, p), ready))
        for p in self.placements:
            where = {"region": p.region, "account_id": p.account_id}
            if p.error is not None:
                self.failures.append(dict(where, kind="placement", name=p.label, msg=p.error))
            for failure in p.estate.failures if p.estate else []:
                self.failures.append(dict(failure, msg="%s (%s)" % (failure["msg"], p.label), **where))

    def _entries(self, kind: str) -> list:
        out = [dict(e, region=p.region, account_id=p.account_id)
               for p in self.placements if p.estate for e in p.estate.results[kind]]
        return sorted(out, key=lambda e: self.order[e["name"]])

    def changed(self) -> bool:
        return any(p.estate.changed() for p in self.placements if p.estate)

    def diff(self) -> dict:
        entries = self._entries("customer_gateways") + self._entries("vpn_connections")
        return {"before": {e["name"]: e["diff"]["before"] for e in entries}, "after": {e["name"]: e["diff"]["after"] for e in entries}}

    def returned(self) -> dict:
        """Per item (with its Region and account) and per placement: what converged where."""
        out = {kind: [{k: v for k, v in e.items() if k != "diff"} for e in self._entries(kind)]
               for kind in ("customer_gateways", "vpn_connections")}
        out["placements"] = [{"region": p.region, "account_id": p.account_id, "account_role_arn": p.role_arn,
                              "customer_gateways": [g["name"] for g in p.gateways],
                              "vpn_connections": [c["name"] for c in p.connections],
                              "changed": bool(p.estate and p.estate.changed()), "failed": p.error is not None}
                             for p in self.placements]
        return out
