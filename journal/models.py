from __future__ import annotations

from django.conf import settings
from django.db import models


class JournalEntryQuerySet(models.QuerySet):
    def owned_by(self, user) -> JournalEntryQuerySet:
        return self.filter(owner=user)


class JournalEntry(models.Model):
    """One record in a person's journal timeline.

    Entries of kind "exercise" (and event-feeling-need entries written through
    the exercise) are produced by a finished practice session, which points here.
    """

    class Kind(models.TextChoices):
        EVENT_FEELING_NEED = "event-feeling-need", "Event, feeling, need"
        EXPRESSIVE = "expressive", "Expressive writing"
        NOTE = "note", "Note"
        EXERCISE = "exercise", "Exercise"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    feelings = models.JSONField(default=list, blank=True, help_text="Feeling words from the vocabulary")
    intensity = models.PositiveSmallIntegerField(null=True, blank=True)
    body_location = models.CharField(max_length=24, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"
