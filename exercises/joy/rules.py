"""The joy list's rules, as plain functions.

A person lists things that used to bring them joy, favourite first. Before doing one they
guess how much they will enjoy it (0-10); afterwards they say how much they did. Seeing the
real number beat the guess is the point: a flat mood predicts less joy than things give.

Positions of active items stay dense (0..n-1). Every write that touches the order locks the
person's active rows first, so two tabs can't leave a gap or a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from exercises.joy.models import JoyActivity, JoyRecord

MAX_NAME_LENGTH = 120
MAX_ACTIVE = 50
UP, DOWN = "up", "down"


class JoyError(ValueError):
    """A request the list can't carry out; the message is safe to show to the person."""


def _locked_active(user) -> list[JoyActivity]:
    """The person's active items in order, locked for this transaction (`user` may be a user or an id)."""
    return list(JoyActivity.objects.owned_by(user).active().select_for_update().order_by("position", "id"))


def _renumber(items: list[JoyActivity]) -> None:
    """Give `items` the positions 0..n-1 in list order, writing only the rows that change."""
    changed = []
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index
            changed.append(item)
    if changed:
        JoyActivity.objects.bulk_update(changed, ["position"])


def _normalise(name: str) -> str:
    return " ".join(name.split())


@transaction.atomic
def add(user, name: str) -> tuple[JoyActivity, bool]:
    """Put `name` at the bottom of the list. Returns (activity, created).

    The same name twice (a double tap, or forgetting it's there) returns the existing item.
    """
    name = _normalise(name)
    if not name:
        raise JoyError("Write a few words about what it is.")
    if len(name) > MAX_NAME_LENGTH:
        raise JoyError(f"Please keep it under {MAX_NAME_LENGTH} characters.")
    items = _locked_active(user)
    for item in items:  # names are encrypted, so they are compared here, not in SQL
        if item.name.casefold() == name.casefold():
            return item, False
    if len(items) >= MAX_ACTIVE:
        raise JoyError(f"Your list already has {MAX_ACTIVE} things on it. Archive one to make room.")
    _renumber(items)
    return JoyActivity.objects.create(owner=user, name=name, position=len(items)), True


@transaction.atomic
def move(user, activity: JoyActivity, direction: str) -> bool:
    """Move an active item one place up (towards the favourite) or down. False if it can't go further."""
    if direction not in {UP, DOWN}:
        raise JoyError("That move wasn't clear. Please use the Move up or Move down buttons.")
    items = _locked_active(user)
    index = next((i for i, item in enumerate(items) if item.pk == activity.pk), None)
    if index is None:
        raise JoyError("That item isn't on your list any more.")
    target = index - 1 if direction == UP else index + 1
    moved = 0 <= target < len(items)
    if moved:
        items[index], items[target] = items[target], items[index]
    _renumber(items)
    activity.position = target if moved else index
    return moved


@transaction.atomic
def archive(activity: JoyActivity) -> None:
    """Take an item off the list (kept, and can be put back); the rest close up."""
    items = _locked_active(activity.owner_id)
    if activity.pk not in {item.pk for item in items}:
        return  # already archived: nothing to do
    activity.archived_at = timezone.now()
    activity.save(update_fields=["archived_at"])
    _renumber([item for item in items if item.pk != activity.pk])


@transaction.atomic
def restore(activity: JoyActivity) -> None:
    """Put an archived item back, at the bottom of the list."""
    items = _locked_active(activity.owner_id)
    if activity.pk in {item.pk for item in items}:
        return
    if len(items) >= MAX_ACTIVE:
        raise JoyError(f"Your list already has {MAX_ACTIVE} things on it. Archive one to make room.")
    _renumber(items)
    activity.archived_at = None
    activity.position = len(items)
    activity.save(update_fields=["archived_at", "position"])


def _check_scale(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise JoyError(f"Please choose a number from 0 to 10 for {what}.")
    return value


def plan(activity: JoyActivity, expected: int) -> JoyRecord:
    """ "I'm going to do this": note the guess. A second tap updates the waiting record, never adds one."""
    _check_scale(expected, "how much you expect to enjoy it")
    if activity.is_archived:
        raise JoyError("That item is archived. Put it back on your list first.")
    pending = JoyRecord.objects.filter(activity=activity, done_at__isnull=True)
    try:
        with transaction.atomic():
            record, created = pending.get_or_create(
                activity=activity, defaults={"owner_id": activity.owner_id, "expected": expected}
            )
    except IntegrityError:  # a parallel tap won the race for the one waiting record
        record, created = pending.get(), False
    if not created and record.expected != expected:
        record.expected = expected
        record.save(update_fields=["expected"])
    return record


@transaction.atomic
def record_actual(record: JoyRecord, actual: int, note: str = "") -> JoyRecord:
    """Afterwards: how much they enjoyed it. Saying it again updates the same record, never adds one."""
    _check_scale(actual, "how much you enjoyed it")
    locked = JoyRecord.objects.select_for_update().get(pk=record.pk)
    locked.actual = actual
    locked.note = (note or "").strip()
    locked.done_at = locked.done_at or timezone.now()  # the first "how was it?" is when it was done
    locked.save(update_fields=["actual", "note", "done_at"])
    record.actual, record.note, record.done_at = locked.actual, locked.note, locked.done_at
    return record


def let_go(record: JoyRecord) -> bool:
    """Clear a guess that never turned into doing it. Done records stay; returns whether one was cleared."""
    deleted, _ = JoyRecord.objects.filter(pk=record.pk, done_at__isnull=True).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Totals:
    done: int
    beat: int
    matched: int


def summary(user):
    """Every list item (active first by position, then archived) with its numbers, in one query.

    Each item carries `times_done`, `avg_expected`, `avg_actual` (None until done once) and
    `times_beat` (how often it was better than expected). Only finished records count.
    """
    done = Q(records__done_at__isnull=False)
    return list(
        JoyActivity.objects.owned_by(user)
        .annotate(
            times_done=Count("records", filter=done),
            avg_expected=Avg("records__expected", filter=done),
            avg_actual=Avg("records__actual", filter=done),
            times_beat=Count("records", filter=done & Q(records__actual__gt=F("records__expected"))),
            times_matched=Count("records", filter=done & Q(records__actual=F("records__expected"))),
        )
        .order_by(F("archived_at").asc(nulls_first=True), "position", "id")
    )


def totals(items) -> Totals:
    """Across a summary: how many goes, and how many beat or matched the guess."""
    return Totals(
        done=sum(item.times_done for item in items),
        beat=sum(item.times_beat for item in items),
        matched=sum(item.times_matched for item in items),
    )


def pending(user) -> list[JoyRecord]:
    """Guesses waiting for "how was it?", oldest first, with their items (one query)."""
    return list(JoyRecord.objects.owned_by(user).pending().select_related("activity").order_by("planned_at", "id"))


def outcome(record: JoyRecord) -> str:
    """How the real number compares with the guess: "better", "same" or "less"."""
    if record.actual is None:
        return ""
    if record.actual > record.expected:
        return "better"
    if record.actual == record.expected:
        return "same"
    return "less"
