"""Saving, autosaving, deleting and listing journal entries: the rules, away from the views."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone

from journal.models import JournalEntry
from selfcare.core.autosave import Outcome, Status, Write

UNDO_WINDOW = timedelta(minutes=10)
SEARCHED_FIELDS = ("event", "body_sensations", "other_feelings", "need_text", "text")
# What a timeline row shows: three of the five encrypted fields are read (and decrypted), and of a
# practice only its link and ratings (its title comes from the snapshot as `practice_title`).
TIMELINE_FIELDS = (
    "code", "kind", "created_at", "event", "text", "other_feelings", "feelings", "needs",
    "practice_session__code", "practice_session__feeling_before", "practice_session__feeling_after",
)  # fmt: skip


def upsert(
    user, client_id: uuid.UUID, kind: str, fields: dict, *, draft: bool, write: Write | None = None
) -> Outcome[JournalEntry]:
    """Create or update the entry this browser form belongs to. Safe to repeat, in any order.

    A retried or doubled autosave lands on the same row (unique owner + client_id). A write older than one
    already applied from the same page is ignored ("already-saved"), so an autosave arriving after the final
    save neither brings back older words nor turns the entry back into a draft. A write from a page that has
    not seen the stored revision is not applied ("conflict"): the caller offers both versions. Words for an
    entry deleted meanwhile become a new entry ("kept-as-new"); the deleted one can still be restored.
    """
    write = write or Write(None, None, None)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                moved, target = False, client_id
                while True:
                    entry = JournalEntry.objects.select_for_update().filter(owner=user, client_id=target).first()
                    if entry is None or entry.deleted_at is None:
                        break
                    # Deleted in another tab: these words go to a new entry, the same one however often they come.
                    moved, target = True, successor(target)
                saved_status: Status = "kept-as-new" if moved else "saved"
                if entry is None:
                    entry = JournalEntry(owner=user, client_id=target, kind=kind, is_draft=draft, **fields)
                    entry.stamp(write)
                    entry.save(force_insert=True)
                    return Outcome(saved_status, entry)
                verdict = entry.judge(write)
                if verdict == "stale":
                    return Outcome("already-saved", entry)
                if verdict == "conflict":
                    return Outcome("conflict", entry)
                for name, value in fields.items():
                    setattr(entry, name, value)
                if not draft:
                    entry.is_draft = False
                entry.stamp(write)
                entry.save()
                return Outcome(saved_status, entry)
        except IntegrityError:
            continue  # a simultaneous request created it first: judge against that row instead
    raise RuntimeError("could not save the entry")


def successor(client_id: uuid.UUID) -> uuid.UUID:
    """The client_id of the new entry that keeps words written for a deleted one."""
    return uuid.uuid5(client_id, "kept-as-new")


def stored_values(entry: JournalEntry, names) -> dict:
    return {name: getattr(entry, name) for name in names}


def soft_delete(entry: JournalEntry) -> None:
    entry.deleted_at = timezone.now()
    entry.save(update_fields=["deleted_at", "updated_at"])


def restore(entry: JournalEntry) -> bool:
    """Undo a delete made within the undo window."""
    if entry.deleted_at is None or timezone.now() - entry.deleted_at > UNDO_WINDOW:
        return False
    entry.deleted_at = None
    entry.save(update_fields=["deleted_at", "updated_at"])
    return True


def purge_deleted(now: datetime.datetime | None = None) -> int:
    """Remove entries whose undo window has passed. Returns how many went."""
    cutoff = (now or timezone.now()) - UNDO_WINDOW
    deleted, _ = JournalEntry.objects.filter(deleted_at__lt=cutoff).delete()
    return deleted


@dataclass
class Day:
    date: datetime.date
    entries: list[JournalEntry] = field(default_factory=list)


def timeline(user, *, kind="", feeling="", need="", start=None, end=None, q=""):
    """The person's saved entries, newest first, filtered, as a queryset to paginate."""
    entries = (
        JournalEntry.objects.owned_by(user)
        .visible()
        .select_related("practice_session")
        .only(*TIMELINE_FIELDS)
        .annotate(practice_title=KeyTextTransform("title", "practice_session__snapshot"))
        .order_by("-created_at", "-id")
    )
    zone = user.zone
    if kind:
        entries = entries.filter(kind=kind)
    if start:
        entries = entries.filter(created_at__gte=datetime.datetime.combine(start, datetime.time.min, zone))
    if end:
        entries = entries.filter(
            created_at__lt=datetime.datetime.combine(end + timedelta(days=1), datetime.time.min, zone)
        )
    in_database = connection.features.supports_json_field_contains
    if feeling and in_database:
        entries = entries.filter(feelings__contains=[feeling])
    if need and in_database:
        entries = entries.filter(needs__contains=[need])
    if not in_database and (feeling or need):
        rows = entries.values_list("id", "feelings", "needs")
        entries = entries.filter(
            id__in=[
                pk
                for pk, feelings, needs in rows
                if (not feeling or feeling in feelings) and (not need or need in needs)
            ]
        )
    if q:
        # Text is encrypted at rest, so search decrypts this person's own entries here. Only the
        # searched columns are read (no model objects); the page then loads the matching rows.
        needle = q.casefold()
        matches = [
            row[0]
            for row in entries.values_list("id", *SEARCHED_FIELDS)
            if any(needle in (value or "").casefold() for value in row[1:])
        ]
        entries = entries.filter(id__in=matches)
    return entries


def group_by_day(entries: list[JournalEntry], zone) -> list[Day]:
    days: list[Day] = []
    for entry in entries:
        date = entry.created_at.astimezone(zone).date()
        if not days or days[-1].date != date:
            days.append(Day(date))
        days[-1].entries.append(entry)
    return days


def recently_deleted(user) -> list[JournalEntry]:
    cutoff = timezone.now() - UNDO_WINDOW
    return list(
        JournalEntry.objects.owned_by(user)
        .filter(deleted_at__gte=cutoff)
        .order_by("-deleted_at")
        .only("code", "kind", "deleted_at", "created_at")[:5]
    )
