"""Reminder preferences, schedules and deliveries.

A schedule's next_due_at is the single source of truth for the dispatcher: it is
NULL whenever nothing should be sent (not opted in, reminder turned off, no
days chosen), and otherwise the next moment, in UTC, the reminder is due. Every
change of preferences, pause or time zone recomputes it (preferences.py).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EVERY_DAY = 0b1111111


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class ReminderPreferences(models.Model):
    """One row per person who ever opened reminder settings. Reminders are off until they opt in."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    opted_in = models.BooleanField(default=False)
    # Reminders come back on this date (in the person's zone); None means not paused.
    paused_until = models.DateField(null=True, blank=True)
    # Part of every unsubscribe link; replacing it makes links in earlier emails stop working.
    unsubscribe_nonce = models.CharField(max_length=32, default=new_nonce)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reminder preferences of {self.owner_id}"

    def is_paused(self, local_today) -> bool:
        return self.paused_until is not None and local_today < self.paused_until


class ReminderScheduleQuerySet(models.QuerySet):
    def owned_by(self, user) -> ReminderScheduleQuerySet:
        return self.filter(owner=user)

    def due(self, now) -> ReminderScheduleQuerySet:
        return self.filter(next_due_at__lte=now)


class ReminderSchedule(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_schedules")
    # A key of kinds.KINDS; validated there, so adding a kind needs no migration.
    kind = models.CharField(max_length=32)
    # Bit 0 is Monday ... bit 6 is Sunday, in the person's own zone.
    weekdays = models.PositiveSmallIntegerField(default=EVERY_DAY)
    local_time = models.TimeField()
    enabled = models.BooleanField(default=True)
    next_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReminderScheduleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind"], name="reminders_schedule_one_per_kind"),
            models.CheckConstraint(condition=Q(weekdays__lte=EVERY_DAY), name="reminders_schedule_weekdays_bits"),
        ]
        indexes = [
            # The dispatcher's query: due schedules, oldest first. Inactive ones (NULL) stay out of it.
            models.Index(fields=["next_due_at"], name="reminders_schedule_due", condition=Q(next_due_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder of {self.owner_id}"

    @property
    def weekday_set(self) -> set[int]:
        return {day for day in range(7) if self.weekdays & (1 << day)}


def weekday_mask(days) -> int:
    mask = 0
    for day in days:
        mask |= 1 << int(day)
    return mask


class ReminderDelivery(models.Model):
    """One reminder for one schedule and one slot. The unique constraint is what makes it exactly once."""

    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"
        SKIPPED = "skipped"
        FAILED = "failed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    schedule = models.ForeignKey(ReminderSchedule, on_delete=models.CASCADE, related_name="deliveries")
    # The moment (UTC) this reminder was due: the schedule's next_due_at when it was dispatched.
    slot = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # Why it was skipped (a short code such as "done-today"), never anything the person wrote.
    reason = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the send task was last handed to the broker; NULL means it still has to be.
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "slot"], name="reminders_delivery_once_per_slot"),
        ]
        indexes = [
            # The dispatcher re-queues pending deliveries whose task never reached the broker.
            models.Index(fields=["queued_at"], name="reminders_delivery_pending", condition=Q(status="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.status} reminder {self.code}"
