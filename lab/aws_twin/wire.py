# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an incoming AWS request is (service, region, action) and how each protocol spells an error.

EC2 and SNS use the Query protocol (form body, ``Action=``), Logs and Secrets Manager JSON
(``X-Amz-Target``), CloudWatch Smithy RPCv2 CBOR (``/service/<svc>/operation/<Action>``).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from lab.aws_twin import query

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/[^/]+/([^/]+)/([^/]+)/")
_CBOR_PATH = re.compile(r"/service/[^/]+/operation/([A-Za-z0-9]+)$")


@dataclass
class Call:
    service: str
    region: str
    access_key: str
    action: str
    protocol: str  # ec2 | query | json | cbor | rest | rest-json
    form: dict = field(default_factory=dict)

    @property
    def dry_run(self) -> bool:
        return self.form.get("DryRun", "").lower() == "true"


def read_body(environ: dict) -> bytes:
    """The request body, put back so the wrapped application can read it again."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def identify(environ: dict, body: bytes) -> Call:
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    access_key, region, service = match.groups() if match else ("", "us-east-1", "unknown")
    form = {}
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        form = query.form_fields(body.decode("utf-8"))
    path = environ.get("PATH_INFO", "")
    cbor = _CBOR_PATH.search(path)
    if form.get("Action"):
        action, protocol = form["Action"], "ec2" if service == "ec2" else "query"
    elif environ.get("HTTP_X_AMZ_TARGET"):
        action, protocol = environ["HTTP_X_AMZ_TARGET"].rsplit(".", 1)[-1], "json"
    elif cbor:
        action, protocol = cbor.group(1), "cbor"
    else:
        action, protocol = "%s %s" % (environ.get("REQUEST_METHOD", "GET"), path), "rest"
        if service == "networkmanager":
            protocol = "rest-json"
    return Call(service, region, access_key, action, protocol, form)


def _cbor_text(text: str) -> bytes:
    data = text.encode("utf-8")
    if len(data) < 24:
        return bytes([0x60 | len(data)]) + data
    if len(data) < 256:
        return bytes([0x78, len(data)]) + data
    return bytes([0x79]) + len(data).to_bytes(2, "big") + data


def _cbor_map(values: dict) -> bytes:
    out = bytes([0xA0 | len(values)])  # small maps only (< 24 entries)
    for key, value in values.items():
        out += _cbor_text(key) + _cbor_text(value)
    return out


def error(call: Call, code: str, message: str, status: int, fields: dict = None):
    """(status line, headers, body) of an AWS error answer in the call's protocol."""
    req_id = query.request_id()
    line = "%d %s" % (status, {400: "Bad Request", 404: "Not Found", 409: "Conflict", 412: "Precondition Failed", 500: "Internal Server Error",
                               503: "Service Unavailable"}.get(status, "Error"))
    if call.protocol == "rest-json":  # Network Manager: the code in x-amzn-ErrorType, the shape's members in the body
        body = json.dumps(dict({"Message": message}, **(fields or {}))).encode("utf-8")
        return line, [("Content-Type", "application/json"), ("x-amzn-ErrorType", code), ("x-amzn-RequestId", req_id)], body
    if call.protocol == "json":
        body = json.dumps({"__type": code, "message": message}).encode("utf-8")
        return line, [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", req_id)], body
    if call.protocol == "cbor":
        return line, [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"),
                      ("x-amzn-RequestId", req_id)], _cbor_map({"__type": code, "message": message})
    if call.protocol == "query":
        root = ElementTree.Element("ErrorResponse")
        err = ElementTree.SubElement(root, "Error")
        ElementTree.SubElement(err, "Type").text = "Sender" if status < 500 else "Receiver"
        ElementTree.SubElement(err, "Code").text = code
        ElementTree.SubElement(err, "Message").text = message
        ElementTree.SubElement(root, "RequestId").text = req_id
        return line, [("Content-Type", "text/xml")], ElementTree.tostring(root, encoding="utf-8")
    return line, [("Content-Type", "text/xml")], query.render_error(code, message, req_id)
