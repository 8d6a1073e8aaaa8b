"""Every Celery task of the reminders app. Other code calls reminders work only through here."""

from __future__ import annotations

import logging
import random
import smtplib
from collections.abc import Sequence

from celery import shared_task

from selfcare.reminders import dispatch, sending

log = logging.getLogger(__name__)

MAX_RETRIES = 6
# 30 s, 1 min, 2 min, 4 min, 8 min, 16 min (plus jitter): about half an hour before giving up,
# well inside dispatch.STALE_AFTER.
BACKOFF_BASE = 30
SMTP_ERRORS = (smtplib.SMTPException, OSError)


def backoff(retries: int) -> float:
    return BACKOFF_BASE * 2**retries + random.uniform(0, BACKOFF_BASE / 2)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES, ignore_result=True)
def send_reminder(self, delivery_id: int) -> str:
    """Send one reminder. Idempotent: a delivery already sent (or skipped) is left alone."""
    try:
        return sending.deliver(delivery_id, kept_connection=not self.request.is_eager)
    except SMTP_ERRORS as error:
        if self.request.retries >= self.max_retries:
            log.warning("reminder delivery %s failed after %d tries", delivery_id, self.request.retries + 1)
            sending.mark_failed(delivery_id, type(error).__name__)
            return "failed"
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


def queue_sends(ids: Sequence[int]) -> Sequence[int]:
    """Hand one send task per delivery to the broker on one connection. Returns the ids queued."""
    queued: list[int] = []
    with send_reminder.app.producer_or_acquire() as producer:
        for delivery_id in ids:
            send_reminder.apply_async(
                (delivery_id,), producer=producer, retry=True, retry_policy={"max_retries": 2, "interval_start": 0.2}
            )
            queued.append(delivery_id)
    return queued


@shared_task(acks_late=True, ignore_result=True)
def dispatch_due() -> dict:
    """The per-minute beat task: one dispatch pass. Parallel passes are safe (dispatch.py)."""
    result = dispatch.run_pass(queue_sends)
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
