"""Celery's Redis transport, refusing a message it cannot read instead of stopping the worker.

kombu's Redis transport reads each message off the queue as JSON and builds a message from its
envelope. Anything else on the list (text that is not JSON, JSON that is not an envelope) raises out
of the worker's event loop: "Unrecoverable error", the worker stops, and every task queued behind the
bad message waits until someone restarts it. Here such a message is dropped with an error in the log
(it has already been taken off the list; it was never handed to Celery, so there is nothing to ack),
and the worker carries on with the next one. A readable envelope with a bad body or an unknown task
is left to Celery, which already logs and rejects those.

Configured in settings as CELERY_BROKER_TRANSPORT when the broker is Redis.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging

from kombu.transport import redis
from kombu.transport.virtual import Empty

logger = logging.getLogger(__name__)


def _problem(raw) -> str | None:
    """Why kombu could not build a message from this envelope, or None if it can."""
    if not isinstance(raw, dict):
        return f"a JSON {type(raw).__name__}, not an envelope"
    properties = raw.get("properties")
    if not isinstance(properties, dict):
        return "no properties"
    if not isinstance(properties.get("delivery_tag"), str | int):
        return "no delivery tag"
    body = raw.get("body")
    if body is not None and not isinstance(body, str):
        return "a body that is not text"
    if properties.get("body_encoding") == "base64" and body:
        try:
            base64.b64decode(body)
        except (binascii.Error, ValueError):
            return "a body that is not base64"
    elif properties.get("body_encoding") not in (None, "base64"):
        return "an unknown body encoding"
    return None


def _refuse(queue: str | None, why: str) -> None:
    # The message itself is not logged: what it holds is unknown.
    where = f"the {queue!r} queue" if queue else "a queue"
    logger.error("Refused a message on %s that could not be read (%s); the worker carries on", where, why)


class Channel(redis.Channel):
    def _brpop_read(self, **options):
        try:
            return super()._brpop_read(**options)
        except json.JSONDecodeError as error:
            # Raised by the loads() of the item just popped; Celery's own decoding of a body
            # happens later, guarded, in its consumer.
            _refuse(None, f"not JSON: {error.msg}")
            return True

    def _get(self, queue):
        try:
            return super()._get(queue)
        except json.JSONDecodeError as error:
            _refuse(queue, f"not JSON: {error.msg}")
            raise Empty() from error


class Transport(redis.Transport):
    Channel = Channel

    def _deliver(self, message, queue):
        why = _problem(message)
        if why is not None:
            _refuse(queue, why)
            return
        super()._deliver(message, queue)
