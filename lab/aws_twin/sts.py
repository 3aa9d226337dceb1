# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""sts:AssumeRole as AWS judges the role's ARN; moto takes any string and makes an account id of its fifth field.

Sources (the twin's own, never the collection's rules):
- botocore 1.44.8 ``data/sts/2011-06-15/service-2.json``: ``RoleArn`` is an ``arnType``, 20-2048 characters;
  ``RoleSessionName`` 2-64 of ``[\\w+=,.@-]*``.
- What AWS answers for a malformed ARN: ``ValidationError`` "Request ARN is invalid" (HTTP 400), as reported in
  physera/onelogin-aws-cli issue 12 (2017-10-17) and checked by LocalStack's STS parity change
  (localstack/localstack pull request 12885, 2025-07-21).
- An IAM role ARN: ``arn:<partition>:iam::<12-digit account id>:role/<path/name>`` (IAM User Guide, "IAM identifiers",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html, its "IAM ARNs" section):
  IAM is global, so the Region field is empty; an account id is 12 digits.
"""

from __future__ import annotations

import re

ARN_LENGTH = (20, 2048)
SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
_ROLE_ARN = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/\S+$")


def refusal(action: str, form: dict):
    """(code, message) of AWS's refusal of an AssumeRole request, None when AWS would take it."""
    if action != "AssumeRole":
        return None
    arn, session = form.get("RoleArn", ""), form.get("RoleSessionName", "")
    if not ARN_LENGTH[0] <= len(arn) <= ARN_LENGTH[1]:
        return ("ValidationError", "1 validation error detected: Value '%s' at 'roleArn' failed to satisfy constraint: "
                "Member must have length between %d and %d" % ((arn,) + ARN_LENGTH))
    if not SESSION_NAME.match(session):
        return ("ValidationError", "1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" % session)
    if not _ROLE_ARN.match(arn):
        return "ValidationError", "Request ARN is invalid"
    return None
