"""Sending one reminder, idempotently."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from selfcare.core import emails
from selfcare.reminders import kinds, tokens
from selfcare.reminders.dispatch import STALE_AFTER
from selfcare.reminders.models import ReminderDelivery, ReminderPreferences

log = logging.getLogger(__name__)

EMAIL_NAME = "reminder"


def message_id(delivery: ReminderDelivery) -> str:
    """Stable per delivery, so a receiver can drop the rare second copy (see `deliver`)."""
    host = urlsplit(settings.SITE_URL).hostname or "thaw.localhost"
    return f"<reminder-{delivery.code}@{host}>"


def why_not(delivery: ReminderDelivery, prefs: ReminderPreferences | None, now) -> str:
    """A short reason not to send this delivery now, or "" to send it."""
    row = delivery.schedule
    user = row.owner
    kind = kinds.get(row.kind)
    if kind is None:
        return "unknown-kind"
    if not user.is_active:
        return "inactive"
    if prefs is None or not prefs.opted_in:
        return "opted-out"
    if not row.enabled:
        return "turned-off"
    if prefs.is_paused(user.local_today()):
        return "paused"
    if now - delivery.slot > STALE_AFTER:
        return "stale"
    return kind.skip(user)


def build(delivery: ReminderDelivery, prefs: ReminderPreferences):
    """The email for a delivery: neutral words, absolute links, one-click unsubscribe headers."""
    row = delivery.schedule
    user = row.owner
    kind = kinds.KINDS[row.kind]  # `why_not` has ruled out an unknown kind
    unsubscribe_url = settings.SITE_URL + reverse("reminders:unsubscribe", args=[tokens.make(prefs)])
    context = {
        "line": kind.line,
        "action": kind.action,
        "link_url": settings.SITE_URL + kind.link(user),
        "manage_url": settings.SITE_URL + reverse("reminders:settings"),
        "unsubscribe_url": unsubscribe_url,
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": message_id(delivery),
        "Auto-Submitted": "auto-generated",
    }
    return emails.build(EMAIL_NAME, user.email, context, headers)


def deliver(delivery_id: int, kept_connection: bool = False) -> str:
    """Send one delivery unless it was already sent or should be skipped. Returns its status.

    The delivery row stays locked (SELECT ... FOR UPDATE) from the check to the
    commit, so two copies of the task never both send. The row is marked sent in
    the same transaction, right after the SMTP server accepted the message. If
    the process dies in the short window between that accept and the commit, the
    row is still pending and the task runs again: that one email goes out twice.
    We accept that rare duplicate over the alternative (marking it sent before the
    accept), which could lose a reminder for good. Both copies carry the same
    Message-ID, derived from the delivery, so mail systems can fold them into one.
    Workers pass kept_connection=True to reuse one SMTP connection across tasks.
    An SMTP error propagates (the transaction rolls back, the row stays pending)
    and the task retries it.
    """
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            ReminderDelivery.objects.select_for_update(of=("self",))
            .select_related("schedule__owner__reminder_preferences")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "gone"  # the account was deleted
        if delivery.status != ReminderDelivery.Status.PENDING:
            return delivery.status
        try:
            prefs = delivery.schedule.owner.reminder_preferences
        except ReminderPreferences.DoesNotExist:
            prefs = None
        reason = why_not(delivery, prefs, now)
        if reason:
            delivery.status, delivery.reason = ReminderDelivery.Status.SKIPPED, reason
            delivery.save(update_fields=["status", "reason"])
            return delivery.status
        assert prefs is not None  # without them `why_not` says "opted-out"
        message = build(delivery, prefs)
        if kept_connection:
            emails.send_kept(message)
        else:
            emails.send_built(message)
        delivery.status, delivery.sent_at = ReminderDelivery.Status.SENT, timezone.now()
        delivery.save(update_fields=["status", "sent_at"])
        return delivery.status


def mark_failed(delivery_id: int, reason: str) -> None:
    ReminderDelivery.objects.filter(pk=delivery_id, status=ReminderDelivery.Status.PENDING).update(
        status=ReminderDelivery.Status.FAILED, reason=reason[:32]
    )
