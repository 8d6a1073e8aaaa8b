from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from selfcare.core.autosave import Revisioned
from selfcare.core.fields import EncryptedTextField


class JournalEntryQuerySet(models.QuerySet):
    def owned_by(self, user) -> JournalEntryQuerySet:
        return self.filter(owner=user)

    def visible(self) -> JournalEntryQuerySet:
        """Saved entries that are not waiting to be undeleted."""
        return self.filter(is_draft=False, deleted_at__isnull=True)

    def drafts(self) -> JournalEntryQuerySet:
        return self.filter(is_draft=True, deleted_at__isnull=True)


class JournalEntry(Revisioned):
    """One record in a person's journal timeline.

    Entries of kind "exercise" (and event-feeling-need entries written through
    the exercise) are produced by a finished practice session, which points here.
    Autosave orders its writes by `revision` (selfcare/core/autosave.py).
    """

    class Kind(models.TextChoices):
        EVENT_FEELING_NEED = "event-feeling-need", "Event, feeling, need"
        EXPRESSIVE = "expressive", "Expressive writing"
        NOTE = "note", "Note"
        EXERCISE = "exercise", "Exercise"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    # Chosen by the browser when the form opens: every autosave of one entry carries it, so a
    # retried or doubled request updates the same row instead of making a second one.
    client_id = models.UUIDField(null=True, blank=True)
    is_draft = models.BooleanField(default=False)
    # Structured tags stay readable to the database (filters, patterns); everything typed is encrypted.
    feelings = models.JSONField(default=list, blank=True, help_text="Feeling words from the vocabulary")
    needs = models.JSONField(default=list, blank=True, help_text="Needs from the needs list")
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)
    body_location = models.CharField(max_length=24, blank=True)
    event = EncryptedTextField(blank=True, default="")
    body_sensations = EncryptedTextField(blank=True, default="")
    other_feelings = EncryptedTextField(blank=True, default="")
    need_text = EncryptedTextField(blank=True, default="")
    text = EncryptedTextField(blank=True, default="")
    timer_seconds = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "journal entries"
        indexes = [
            # The timeline: one person's entries, newest first.
            models.Index(fields=["owner", "-created_at"], name="journal_entry_owner_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__isnull=True) | models.Q(intensity__lte=10),
                name="journal_entry_intensity_0_10",
            ),
            # One entry per form the browser opened, however often it autosaves.
            models.UniqueConstraint(fields=["owner", "client_id"], name="journal_entry_one_per_client_id"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def awaits_feeling(self) -> bool:
        """An event-feeling-need entry saved before the feeling had a name."""
        return self.kind == self.Kind.EVENT_FEELING_NEED and not self.feelings and not self.other_feelings
