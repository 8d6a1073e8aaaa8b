"""The joy list: things that used to bring joy, a guess before doing one, and how it really was.

The rules (ordering, planning, recording, the summary) live in exercises/joy/rules.py.
The tables keep the names they had when these models lived in the exercises app.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from selfcare.core.fields import EncryptedTextField


class JoyActivityQuerySet(models.QuerySet):
    def owned_by(self, user) -> JoyActivityQuerySet:
        return self.filter(owner=user)

    def active(self) -> JoyActivityQuerySet:
        return self.filter(archived_at__isnull=True)


class JoyActivity(models.Model):
    """One thing on a person's list. Active items keep dense positions 0..n-1; 0 is the favourite."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="joy_activities")
    name = EncryptedTextField(help_text="Up to 120 characters (checked by the form); encrypted at rest")
    position = models.PositiveIntegerField(default=0, help_text="0 is the favourite, at the top")
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JoyActivityQuerySet.as_manager()

    class Meta:
        db_table = "exercises_joyactivity"
        verbose_name = "joy list item"
        verbose_name_plural = "joy list items"
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["owner", "position"], name="joy_activity_owner_position")]

    def __str__(self) -> str:
        return f"joy list item {self.code}"  # never the name: it is private

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class JoyRecordQuerySet(models.QuerySet):
    def owned_by(self, user) -> JoyRecordQuerySet:
        return self.filter(owner=user)

    def pending(self) -> JoyRecordQuerySet:
        return self.filter(done_at__isnull=True)

    def done(self) -> JoyRecordQuerySet:
        return self.filter(done_at__isnull=False)


class JoyRecord(models.Model):
    """One go at an activity: the guess before (`expected`), then how it was (`actual`)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(JoyActivity, on_delete=models.CASCADE, related_name="records")
    # Denormalised from activity.owner so every query can be scoped by owner directly.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="joy_records")
    expected = models.PositiveSmallIntegerField(help_text="How much they expected to enjoy it, 0-10")
    actual = models.PositiveSmallIntegerField(null=True, blank=True, help_text="How much they did, 0-10")
    note = EncryptedTextField(blank=True, default="")
    planned_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = JoyRecordQuerySet.as_manager()

    class Meta:
        db_table = "exercises_joyrecord"
        verbose_name = "joy record"
        verbose_name_plural = "joy records"
        ordering = ["-planned_at", "-id"]
        indexes = [models.Index(fields=["owner", "done_at"], name="joy_record_owner_done")]
        constraints = [
            models.CheckConstraint(condition=Q(expected__gte=0, expected__lte=10), name="joy_expected_0_10"),
            models.CheckConstraint(
                condition=Q(actual__isnull=True) | Q(actual__gte=0, actual__lte=10), name="joy_actual_0_10"
            ),
            # Done means rated: the two are filled together.
            models.CheckConstraint(
                condition=Q(actual__isnull=True, done_at__isnull=True) | Q(actual__isnull=False, done_at__isnull=False),
                name="joy_done_has_actual",
            ),
            # At most one "I'm going to do this" waiting per activity: a second tap updates it.
            models.UniqueConstraint(
                fields=["activity"], condition=Q(done_at__isnull=True), name="joy_one_pending_per_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"joy record {self.code}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
