# -*- coding: utf-8 -*-
# Copyright (c) 2026 hybridvpn.s2s contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SQS reading both of the collection's event sources share (extensions/eda/plugins/event_source).

ansible-rulebook runs a source as ``async def main(queue, args)``; boto3 is synchronous, so each long poll runs in a
thread. A message is deleted once its event is on the rulebook's queue (or once it is known to carry nothing to act
on), so SQS redelivers whatever a crash left unread. A message that cannot be read is logged (without its body: a
body is the sender's) and deleted, rather than redelivered for ever.
"""

from __future__ import annotations

import asyncio
import logging

try:
    import boto3
except ImportError:  # pragma: no cover - the sources document boto3 as a requirement
    boto3 = None

from ansible_collections.hybridvpn.s2s.plugins.module_utils.model.errors import S2SError

LOG = logging.getLogger("hybridvpn.s2s.sqs_events")
ARGS = ("queue_name", "queue_url", "region", "endpoint_url", "wait_seconds")


def _client(args: dict):
    unknown = sorted(set(args) - set(ARGS))
    if unknown:
        raise S2SError("unknown argument(s) %s; valid: %s" % (", ".join(unknown), ", ".join(ARGS)), field=unknown[0], rule="source.args")
    if bool(args.get("queue_name")) == bool(args.get("queue_url")):
        raise S2SError("give one of queue_name or queue_url", field="queue_name", rule="source.queue")
    if boto3 is None:
        raise S2SError("the event source needs boto3", field="boto3", rule="source.requirement")
    return boto3.client("sqs", region_name=args.get("region"), endpoint_url=args.get("endpoint_url"))


async def poll(queue: asyncio.Queue, args: dict, decode) -> None:
    """Put the events ``decode(body)`` makes of every message of the SQS queue on ``queue``, for ever (an event, a
    list of events, or None: nothing to act on)."""
    client = _client(args)
    url = args.get("queue_url") or client.get_queue_url(QueueName=args["queue_name"])["QueueUrl"]
    wait = int(args.get("wait_seconds", 20))
    while True:
        answer = await asyncio.to_thread(client.receive_message, QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait)
        for message in answer.get("Messages") or []:
            try:
                found = decode(message["Body"])
            except S2SError as exc:
                LOG.warning("message %s of %s left out: %s", message.get("MessageId"), url, exc)
                found = None
            for event in found if isinstance(found, list) else [found] if found is not None else []:
                await queue.put(event)
            await asyncio.to_thread(client.delete_message, QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def source(decode):
    """An event source's ``main``: ``poll`` with the source's decoding."""
    async def main(queue: asyncio.Queue, args: dict) -> None:
        await poll(queue, args, decode)
    return main
