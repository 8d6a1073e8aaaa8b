from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from journal.models import JournalEntry
from selfcare.core.fields import EncryptedJSONField

RATING_RANGE = (
    Q(feeling_before__lte=10) & Q(distress_before__lte=10) & Q(feeling_after__lte=10) & Q(distress_after__lte=10)
)


class PracticeSessionQuerySet(models.QuerySet):
    def owned_by(self, user) -> PracticeSessionQuerySet:
        return self.filter(owner=user)

    def finished(self) -> PracticeSessionQuerySet:
        return self.filter(finished_at__isnull=False)

    def unfinished(self) -> PracticeSessionQuerySet:
        return self.filter(finished_at__isnull=True)

    def evidence_by_exercise(self) -> dict[str, tuple[int, int]]:
        """{slug: (runs that helped the person feel more, finished runs with both ratings)} in one query."""
        rows = (
            self.finished()
            .filter(feeling_before__isnull=False, feeling_after__isnull=False)
            .values("exercise")
            .annotate(runs=Count("id"), helped=Count("id", filter=Q(feeling_after__gt=models.F("feeling_before"))))
        )
        return {row["exercise"]: (row["helped"], row["runs"]) for row in rows}


class PracticeSession(models.Model):
    """One run of one exercise: where the person is, what they answered, how they felt before and after.

    Steps are numbered 0 (before-ratings), 1..N (the exercise's own steps) and
    N+1 (after-ratings). `snapshot` keeps the titles and labels of the version
    that ran, so an old session still reads well after the content changes.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions")
    exercise = models.SlugField(max_length=48)
    content_version = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    step = models.PositiveSmallIntegerField(default=0, help_text="The step the person is on")
    furthest_step = models.PositiveSmallIntegerField(default=0)
    answers = EncryptedJSONField(default=dict, blank=True)
    # "How much can you feel right now?" 0 = nothing at all (a valid, respected answer).
    feeling_before = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling_after = models.PositiveSmallIntegerField(null=True, blank=True)
    # Distress (SUDS) 0-10.
    distress_before = models.PositiveSmallIntegerField(null=True, blank=True)
    distress_after = models.PositiveSmallIntegerField(null=True, blank=True)
    too_much = models.BooleanField(null=True, blank=True, help_text="Felt like too much, or led to conflict")
    step_started_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    journal_entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="practice_session"
    )

    objects = PracticeSessionQuerySet.as_manager()

    class Meta:
        indexes = [
            # History and the per-exercise evidence: one person's sessions, newest first.
            models.Index(fields=["owner", "-started_at"], name="practice_owner_started"),
        ]
        constraints = [
            models.CheckConstraint(condition=RATING_RANGE, name="practice_ratings_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.started_at:%Y-%m-%d})"

    @property
    def content_steps(self) -> int:
        return len(self.snapshot["steps"])

    @property
    def after_step(self) -> int:
        return self.content_steps + 1

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def helped(self) -> bool | None:
        if self.feeling_before is None or self.feeling_after is None:
            return None
        return self.feeling_after > self.feeling_before
