"""Every Celery task of the reminders app. Other code calls reminders work only through here."""

from __future__ import annotations

import logging
import random
import smtplib
from collections.abc import Sequence

from celery import shared_task
from django.db import DatabaseError, close_old_connections

from selfcare.reminders import dispatch, sending

log = logging.getLogger(__name__)

MAX_RETRIES = 6
# 30 s, 1 min, 2 min, 4 min, 8 min, 16 min (plus jitter): about half an hour before giving up,
# well inside dispatch.STALE_AFTER.
BACKOFF_BASE = 30
SMTP_ERRORS = (smtplib.SMTPException, OSError)
# Deliveries per send task: enough to spread the task overhead, few enough to share out among workers.
SEND_CHUNK = 20


def backoff(retries: int) -> float:
    return BACKOFF_BASE * 2**retries + random.uniform(0, BACKOFF_BASE / 2)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES, ignore_result=True)
def send_reminders(self, delivery_ids: list[int]) -> dict[str, int]:
    """Send a handful of reminders, each in its own transaction. Idempotent: sent ones are left alone.

    On an SMTP error the task is retried with backoff for the ones not yet done;
    after MAX_RETRIES those are marked failed. A database error is retried the same way.
    """
    if not self.request.is_eager:
        # What Django does around each request: drop a connection that broke (the database restarted)
        # or outlived CONN_MAX_AGE, since workers keep theirs between tasks (CELERY_DB_REUSE_MAX).
        close_old_connections()
    outcome: dict[str, int] = {}
    for position, delivery_id in enumerate(delivery_ids):
        try:
            status = sending.deliver(delivery_id, kept_connection=not self.request.is_eager)
        except DatabaseError as error:
            # The database went away (a restart, a failover). Try this one and the rest again later; the
            # row was not marked sent, so if the error hit the commit after the SMTP accept, that one
            # email goes out again (sending.deliver). Past the last retry, the dispatcher re-queues them.
            close_old_connections()
            remaining = list(delivery_ids[position:])
            raise self.retry(args=(remaining,), exc=error, countdown=backoff(self.request.retries)) from error
        except SMTP_ERRORS as error:
            remaining = list(delivery_ids[position:])
            if self.request.retries >= self.max_retries:
                log.warning("%d reminder deliveries failed after %d tries", len(remaining), self.request.retries + 1)
                for failed_id in remaining:
                    sending.mark_failed(failed_id, type(error).__name__)
                outcome["failed"] = outcome.get("failed", 0) + len(remaining)
                return outcome
            raise self.retry(args=(remaining,), exc=error, countdown=backoff(self.request.retries)) from error
        outcome[status] = outcome.get(status, 0) + 1
    return outcome


def queue_sends(ids: Sequence[int]) -> Sequence[int]:
    """Hand the deliveries to the broker, SEND_CHUNK per task, on one connection. Returns the ids queued."""
    queued: list[int] = []
    with send_reminders.app.producer_or_acquire() as producer:
        for start in range(0, len(ids), SEND_CHUNK):
            chunk = list(ids[start : start + SEND_CHUNK])
            send_reminders.apply_async(
                (chunk,), producer=producer, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2}
            )
            queued.extend(chunk)
    return queued


def broker_idle() -> bool:
    """Whether the send queue is empty (True when the broker cannot say)."""
    try:
        with send_reminders.app.connection_for_read() as connection:
            queue = send_reminders.app.conf.task_default_queue
            return connection.default_channel.queue_declare(queue=queue, passive=True).message_count == 0
    except Exception:  # unknown: let the pass look for lost deliveries; sends are idempotent
        return True


def dispatch_pass(batch_size: int = dispatch.BATCH_SIZE) -> dispatch.PassResult:
    """One dispatch pass, run here and now (the beat task and the management command)."""
    return dispatch.run_pass(queue_sends, batch_size=batch_size, broker_idle=broker_idle())


@shared_task(acks_late=True, ignore_result=True)
def dispatch_due() -> dict:
    """The per-minute beat task: one dispatch pass. Parallel passes are safe (dispatch.py)."""
    result = dispatch_pass()
    if result.schedules or result.requeued or result.queue_failed:
        log.info(
            "reminders: %d due, %d queued, %d dropped, %d re-queued, %d waiting for the broker",
            result.schedules,
            result.queued,
            result.stale,
            result.requeued,
            result.queue_failed,
        )
    return {"due": result.schedules, "queued": result.queued, "requeued": result.requeued}
