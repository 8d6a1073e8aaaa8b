"""Every Celery task of the accounts app. Other code calls accounts work only through here.

Sign-up and password-reset emails are built and sent by a worker after the response, so the
request does the same work (one task queued) whether or not the address has an account, and
takes the same time. The worker looks the address up and makes the link; no token travels
through the broker or a task's arguments.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import asdict

from celery import shared_task
from django.core import management
from django.db import transaction

from selfcare.accounts import reset, signup

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task
def clear_expired_sessions() -> None:
    """Drop expired sessions so signed-out devices leave nothing behind."""
    management.call_command("clearsessions")


@shared_task(acks_late=True, ignore_result=True, autoretry_for=MAIL_ERRORS, retry_backoff=30, max_retries=5)
def send_signup_email(pending: dict) -> None:
    signup.send_signup_email(signup.PendingSignup(**pending))


@shared_task(acks_late=True, ignore_result=True, autoretry_for=MAIL_ERRORS, retry_backoff=30, max_retries=5)
def send_password_reset(email: str) -> None:
    reset.send_reset_links(email)


def queue_signup_email(pending: signup.PendingSignup) -> None:
    _after_commit(send_signup_email, asdict(pending))


def queue_password_reset(email: str) -> None:
    _after_commit(send_password_reset, email)


def _after_commit(task, *args) -> None:
    """Hand the task to a worker once the request's writes are in; without a broker, do it here."""

    def hand_over() -> None:
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - any broker failure: the person still needs their email
            logger.warning("%s sent in the request: the broker did not take it", task.name)
            task.apply(args=args)

    transaction.on_commit(hand_over)
