"""Changing what a person wants, and keeping every schedule's next_due_at in step with it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from selfcare.reminders import kinds, schedule
from selfcare.reminders.models import ReminderPreferences, ReminderSchedule


def for_user(user) -> ReminderPreferences:
    prefs, _ = ReminderPreferences.objects.get_or_create(owner=user)
    return prefs


def next_due_for(
    row: ReminderSchedule, prefs: ReminderPreferences, user, after: datetime.datetime
) -> datetime.datetime | None:
    """The schedule's next slot after `after`, or None while nothing should be sent."""
    if not prefs.opted_in or not row.enabled or kinds.get(row.kind) is None:
        return None
    zone = user.zone
    today = after.astimezone(zone).date()
    not_before = prefs.paused_until if prefs.is_paused(today) else None
    return schedule.next_due(row.weekday_set, row.local_time, zone, after, not_before)


def reschedule_all(user, prefs: ReminderPreferences | None = None, now: datetime.datetime | None = None) -> None:
    rows = list(ReminderSchedule.objects.owned_by(user))
    if not rows:
        return
    prefs = prefs or for_user(user)
    now = now or timezone.now()
    for row in rows:
        row.next_due_at = next_due_for(row, prefs, user, now)
    ReminderSchedule.objects.bulk_update(rows, ["next_due_at"])


@transaction.atomic
def opt_in(user) -> ReminderPreferences:
    prefs = for_user(user)
    prefs.opted_in = True
    prefs.save(update_fields=["opted_in", "updated_at"])
    reschedule_all(user, prefs)
    return prefs


@transaction.atomic
def stop_all(user) -> ReminderPreferences:
    """Opt out: nothing more is sent, and the choices are kept for if they come back."""
    prefs = for_user(user)
    prefs.opted_in = False
    prefs.save(update_fields=["opted_in", "updated_at"])
    ReminderSchedule.objects.owned_by(user).update(next_due_at=None)
    return prefs


@transaction.atomic
def pause_until(user, day: datetime.date | None) -> ReminderPreferences:
    prefs = for_user(user)
    prefs.paused_until = day
    prefs.save(update_fields=["paused_until", "updated_at"])
    reschedule_all(user, prefs)
    return prefs


@transaction.atomic
def save_schedule(user, kind: str, enabled: bool, weekdays: int, at: datetime.time) -> ReminderSchedule:
    prefs = for_user(user)
    row, _ = ReminderSchedule.objects.get_or_create(
        owner=user, kind=kind, defaults={"weekdays": weekdays, "local_time": at, "enabled": enabled}
    )
    row.enabled, row.weekdays, row.local_time = enabled, weekdays, at
    row.next_due_at = next_due_for(row, prefs, user, timezone.now())
    row.save()
    return row


@transaction.atomic
def retire_unsubscribe_links(user) -> ReminderPreferences:
    prefs = for_user(user)
    prefs.unsubscribe_nonce = ReminderPreferences._meta.get_field("unsubscribe_nonce").get_default()
    prefs.save(update_fields=["unsubscribe_nonce", "updated_at"])
    return prefs
