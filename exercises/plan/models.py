"""Models of the seven-day plan: a week someone is taking, the tasks they ticked, their therapy topics.

The tables keep the names they had when these models lived in the exercises app.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from selfcare.core.fields import EncryptedTextField


class EnrollmentQuerySet(models.QuerySet):
    def owned_by(self, user) -> EnrollmentQuerySet:
        return self.filter(owner=user)

    def active(self) -> EnrollmentQuerySet:
        return self.filter(finished_at__isnull=True)


class Enrollment(models.Model):
    """One week of the plan, started on a date in the person's own calendar."""

    class Level(models.TextChoices):
        GENTLE = "gentle", "A gentle week"
        DEEPER = "deeper", "A step deeper"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_weeks")
    week_number = models.PositiveSmallIntegerField(default=1)
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.GENTLE)
    content_version = models.PositiveSmallIntegerField()
    start_date = models.DateField(help_text="Day 1, in the person's time zone")
    paused_days = models.PositiveSmallIntegerField(default=0, help_text="Days of earlier pauses, not counted")
    paused_from = models.DateField(null=True, blank=True)
    paused_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        db_table = "exercises_enrollment"
        verbose_name = "plan week"
        constraints = [
            # One week at a time: starting twice (a double tap) cannot make two.
            models.UniqueConstraint(
                fields=["owner"], condition=models.Q(finished_at__isnull=True), name="plan_one_active_week"
            ),
        ]

    def __str__(self) -> str:
        return f"week {self.week_number} from {self.start_date}"


class TaskDone(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="done")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_tasks_done")
    day = models.PositiveSmallIntegerField()
    task = models.CharField(max_length=32)
    report = EncryptedTextField(blank=True, default="")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "exercises_taskdone"
        verbose_name = "plan task done"
        verbose_name_plural = "plan tasks done"
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "day", "task"], name="plan_task_done_once"),
            models.CheckConstraint(condition=models.Q(day__gte=1, day__lte=7), name="plan_task_day_1_7"),
        ]

    def __str__(self) -> str:
        return f"day {self.day}: {self.task}"


class TherapyTopic(models.Model):
    """A topic or question the person chose to bring to therapy (shareable later, if they choose)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_topics")
    enrollment = models.ForeignKey(Enrollment, null=True, blank=True, on_delete=models.SET_NULL, related_name="topics")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "exercises_therapytopic"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"therapy topic ({self.created_at:%Y-%m-%d})"
