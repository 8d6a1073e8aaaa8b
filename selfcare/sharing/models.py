"""A read-only link a person gives their therapist, and each time it was opened (SAFETY.md §4.5)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from journal.models import JournalEntry

DEFAULT_DAYS = 14
MAX_DAYS = 90


class ShareLinkQuerySet(models.QuerySet):
    def owned_by(self, user) -> ShareLinkQuerySet:
        return self.filter(owner=user)

    def active(self, now: datetime.datetime | None = None) -> ShareLinkQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def revoke_all(self, user, now: datetime.datetime | None = None) -> int:
        """End every link the person still has open. Returns how many were open."""
        return self.owned_by(user).filter(revoked_at__isnull=True).update(revoked_at=now or timezone.now())


class ShareLink(models.Model):
    """What one therapist may read, for how long. Only a hash of the link's token is kept."""

    class Journal(models.TextChoices):
        NONE = "none", "No journal entries"
        ALL = "all", "All journal entries"
        KINDS = "kinds", "Only some kinds of entry"
        PICKED = "picked", "Only entries I pick"

    # Owner-facing address of the link (edit, revoke); never the token.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(max_length=80, help_text="Who the link is for, in the person's words")
    shown_name = models.CharField(max_length=60, blank=True, help_text="How the therapist knows the person")
    include_trends = models.BooleanField(default=True)
    include_plan = models.BooleanField(default=True)
    journal = models.CharField(max_length=8, choices=Journal.choices, default=Journal.NONE)
    journal_kinds = models.JSONField(default=list, blank=True)
    picked_entry_ids = models.JSONField(default=list, blank=True)
    start_date = models.DateField(help_text="First day shared, in the person's time zone")
    end_date = models.DateField(help_text="Last day shared, in the person's time zone")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token, hex")
    created_at = models.DateTimeField(default=timezone.now)
    # SAFETY.md §4.5: the person is told in the app when a link is first opened.
    first_open_noticed_at = models.DateTimeField(null=True, blank=True)
    # The one-time key of the preview that made it: pressing "Create" twice makes one link.
    create_key = models.CharField(max_length=32, blank=True, default="")

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "therapist share link"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")), name="share_dates_in_order"
            ),
            models.UniqueConstraint(
                fields=["owner", "create_key"], condition=~models.Q(create_key=""), name="share_link_created_once"
            ),
        ]
        indexes = [
            # The person's list of links, newest first.
            models.Index(fields=["owner", "-created_at"], name="share_link_owner_created"),
        ]

    def __str__(self) -> str:
        return f"share link for {self.label}"

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    @property
    def shares_journal(self) -> bool:
        return self.journal != self.Journal.NONE

    def kind_labels(self) -> list[str]:
        names = dict(JournalEntry.Kind.choices)
        return [str(names[kind]) for kind in self.journal_kinds if kind in names]

    def scope_summary(self) -> list[str]:
        """What the link shows, in a few words per part, for the person's own list."""
        parts = []
        if self.include_trends:
            parts.append("Check-in and questionnaire trends")
        if self.include_plan:
            parts.append("Plan progress and therapy topics")
        if self.journal == self.Journal.ALL:
            parts.append("All journal entries")
        elif self.journal == self.Journal.KINDS:
            parts.append("Journal entries: " + ", ".join(label.lower() for label in self.kind_labels()))
        elif self.journal == self.Journal.PICKED:
            count = len(self.picked_entry_ids)
            parts.append(f"{count} hand-picked journal {'entry' if count == 1 else 'entries'}")
        return parts


class ShareView(models.Model):
    """One opening of a link: when, and a coarse description of the device. Never the token or the full UA."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    opened_at = models.DateTimeField(default=timezone.now)
    device = models.CharField(max_length=60)

    class Meta:
        verbose_name = "share link opening"
        indexes = [models.Index(fields=["link", "-opened_at"], name="share_view_link_opened")]

    def __str__(self) -> str:
        return f"opened {self.opened_at:%Y-%m-%d %H:%M}"
