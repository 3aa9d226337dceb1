# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The EC2 Query wire format, driven by botocore's own EC2 model.

Requests are parsed and responses rendered from the operation shapes botocore ships, so the
twin reads exactly what boto3 sends and answers in XML the boto3 parser accepts, without a
hand-written template per action.
"""

from __future__ import annotations

import datetime
import uuid
from urllib.parse import parse_qsl
from xml.etree import ElementTree

import botocore.session

EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/"
_MODEL = None


class ApiError(Exception):
    """An AWS error answer: code, message and HTTP status (400 client, 5xx server)."""

    def __init__(self, code: str, message: str, status: int = 400):
        self.code = code
        self.message = message
        self.status = status
        super().__init__("%s: %s" % (code, message))


def ec2_model():
    global _MODEL  # pylint: disable=global-statement
    if _MODEL is None:
        _MODEL = botocore.session.get_session().get_service_model("ec2")
    return _MODEL


def request_id() -> str:
    return str(uuid.uuid4())


def form_fields(body: str) -> dict:
    return dict(parse_qsl(body, keep_blank_values=True))


def _wire_name(shape, default: str) -> str:
    # Mirrors botocore.serialize.EC2Serializer._get_serialized_name.
    if "queryName" in shape.serialization:
        return shape.serialization["queryName"]
    if "name" in shape.serialization:
        name = shape.serialization["name"]
        return name[0].upper() + name[1:]
    return default


def _scalar(shape, raw: str, key: str):
    try:
        if shape.type_name in ("integer", "long"):
            return int(raw)
        if shape.type_name in ("float", "double"):
            return float(raw)
    except ValueError as exc:
        raise ApiError("InvalidParameterValue", "Value (%s) for parameter %s is invalid. Expected a number." % (raw, key)) from exc
    if shape.type_name == "boolean":
        if raw.lower() not in ("true", "false"):
            raise ApiError("InvalidParameterValue", "Value (%s) for parameter %s is invalid. Expected a boolean." % (raw, key))
        return raw.lower() == "true"
    return raw


def _parse(shape, form: dict, prefixes: set, key: str):
    if shape.type_name == "structure":
        out = {}
        for name, member in shape.members.items():
            child = "%s.%s" % (key, _wire_name(member, name)) if key else _wire_name(member, name)
            value = _parse(member, form, prefixes, child)
            if value is not None:
                out[name] = value
        return out if (out or not key) else None
    if shape.type_name == "list":
        items, index = [], 1
        while "%s.%d" % (key, index) in prefixes:
            items.append(_parse(shape.member, form, prefixes, "%s.%d" % (key, index)))
            index += 1
        return items or None
    if key in form:
        return _scalar(shape, form[key], key)
    return None


def parse_request(operation: str, form: dict) -> dict:
    """The boto3-style parameters of an EC2 request (PascalCase member names, typed values)."""
    shape = ec2_model().operation_model(operation).input_shape
    prefixes = set()
    for key in form:
        parts = key.split(".")
        prefixes.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return _parse(shape, form, prefixes, "")


def _text(shape, value) -> str:
    if shape.type_name == "boolean":
        return "true" if value else "false"
    if shape.type_name == "timestamp" and isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)
    return str(value)


def _render(parent, shape, value, name: str) -> None:
    elem = ElementTree.SubElement(parent, name)
    if shape.type_name == "structure":
        for member_name, member in shape.members.items():
            if value.get(member_name) is not None:
                _render(elem, member, value[member_name], member.serialization.get("name", member_name))
    elif shape.type_name == "list":
        item = shape.member.serialization.get("name", "member")
        for entry in value:
            _render(elem, shape.member, entry, item)
    else:
        elem.text = _text(shape, value)


def render_response(operation: str, result: dict, req_id: str) -> bytes:
    """EC2 XML for an operation's output, from a boto3-style result dict."""
    shape = ec2_model().operation_model(operation).output_shape
    root = ElementTree.Element("%sResponse" % operation, xmlns=EC2_XMLNS)
    ElementTree.SubElement(root, "requestId").text = req_id
    if shape is not None:
        for member_name, member in shape.members.items():
            if result.get(member_name) is not None:
                _render(root, member, result[member_name], member.serialization.get("name", member_name))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8")


def render_error(code: str, message: str, req_id: str) -> bytes:
    """EC2's error document (the Query services other than EC2 use ErrorResponse, see faults)."""
    root = ElementTree.Element("Response")
    error = ElementTree.SubElement(ElementTree.SubElement(root, "Errors"), "Error")
    ElementTree.SubElement(error, "Code").text = code
    ElementTree.SubElement(error, "Message").text = message
    ElementTree.SubElement(root, "RequestID").text = req_id
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8")
