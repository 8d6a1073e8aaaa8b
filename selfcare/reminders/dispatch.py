"""The dispatch pass: turn due schedules into delivery rows and hand them to the send task.

Any number of passes may run at once (Celery beat every minute, the
`dispatch_reminders` command, several hosts): the database decides who does what.

1. In one transaction, lock a batch of due schedules with
   SELECT ... FOR UPDATE SKIP LOCKED, so a second pass takes the next batch
   instead of waiting for, or repeating, this one.
2. For each schedule, find the latest slot that is due now. Earlier missed slots
   (workers were down) are dropped: at most one catch-up per schedule. A slot
   older than STALE_AFTER is dropped too: a reminder hours late is noise.
3. Insert one ReminderDelivery per (schedule, slot); the unique constraint makes
   this exactly once even if two passes ever saw the same row.
4. Advance next_due_at past now, and commit.
5. After the commit, hand the new deliveries to the send task and stamp queued_at.
   If the broker is down the rows stay with queued_at NULL, and a later pass
   re-queues them (`requeue_orphans`) as long as they are not stale; so it does
   for rows queued long ago that the broker lost.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from selfcare.reminders import preferences
from selfcare.reminders.models import ReminderDelivery, ReminderPreferences, ReminderSchedule

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
# A reminder more than this late is not sent at all.
STALE_AFTER = datetime.timedelta(hours=3)
# A pending delivery whose task was handed to the broker this long ago and still is not sent is queued again
# (the broker lost it). The send task is idempotent, so an extra copy costs nothing.
REQUEUE_AFTER = datetime.timedelta(minutes=15)
# Rows younger than this may still be on their way to the broker from the pass that made them.
ORPHAN_GRACE = datetime.timedelta(minutes=1)
# At most this many missed slots are walked over for one schedule (a year of daily reminders).
_MAX_MISSED = 400

Enqueue = Callable[[Sequence[int]], Sequence[int]]


@dataclass
class PassResult:
    schedules: int = 0
    created: int = 0
    stale: int = 0
    queued: int = 0
    queue_failed: int = 0
    requeued: int = 0
    batches: int = 0
    errors: list[str] = field(default_factory=list)


def latest_due_slot(row: ReminderSchedule, prefs: ReminderPreferences, user, now: datetime.datetime):
    """(latest slot <= now, the following slot) for a due schedule, skipping over any missed ones."""
    slot = row.next_due_at
    assert slot is not None  # a due schedule has a slot
    following = preferences.next_due_for(row, prefs, user, slot)
    for _ in range(_MAX_MISSED):
        if following is None or following > now:
            break
        slot, following = following, preferences.next_due_for(row, prefs, user, following)
    else:
        following = preferences.next_due_for(row, prefs, user, now)
    return slot, following


def _claim_batch(now: datetime.datetime, batch_size: int, result: PassResult) -> tuple[int, list[int]]:
    """One transaction: lock due schedules, create deliveries, advance. Returns (schedules, new delivery ids)."""
    with transaction.atomic():
        rows = list(
            ReminderSchedule.objects.due(now)
            .select_related("owner", "owner__reminder_preferences")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("next_due_at")[:batch_size]
        )
        if not rows:
            return 0, []
        result.batches += 1
        result.schedules += len(rows)
        deliveries = []
        for row in rows:
            user = row.owner
            prefs = getattr(user, "reminder_preferences", None) or preferences.for_user(user)
            slot, following = latest_due_slot(row, prefs, user, now)
            row.next_due_at = following
            if now - slot > STALE_AFTER or not prefs.opted_in or not user.is_active:
                result.stale += 1
                continue
            deliveries.append(ReminderDelivery(schedule=row, slot=slot, created_at=now))
        ReminderSchedule.objects.bulk_update(rows, ["next_due_at"])
        created = _insert(deliveries)
    result.created += len(created)
    return len(rows), created


def _insert(deliveries: list[ReminderDelivery]) -> list[int]:
    if not deliveries:
        return []
    try:
        with transaction.atomic():
            return [d.pk for d in ReminderDelivery.objects.bulk_create(deliveries)]
    except IntegrityError:
        pass
    # Some slot already has its delivery (a pass on a clock far behind ours): keep the others, one by one.
    ids = []
    for delivery in deliveries:
        try:
            with transaction.atomic():
                delivery.save(force_insert=True)
            ids.append(delivery.pk)
        except IntegrityError:
            continue
    return ids


def _publish(ids: Sequence[int], enqueue: Enqueue, result: PassResult, *, requeue: bool = False) -> None:
    if not ids:
        return
    try:
        published = list(enqueue(ids))
    except Exception as error:  # the broker is down: the rows wait for the next pass
        log.warning("could not queue %d reminder sends: %s", len(ids), type(error).__name__)
        result.queue_failed += len(ids)
        result.errors.append(type(error).__name__)
        return
    if published:
        ReminderDelivery.objects.filter(pk__in=published).update(queued_at=timezone.now())
    result.queue_failed += len(ids) - len(published)
    if requeue:
        result.requeued += len(published)
    else:
        result.queued += len(published)


def requeue_orphans(
    now: datetime.datetime, enqueue: Enqueue, result: PassResult, batch_size: int, broker_idle: bool = True
) -> None:
    """Queue again the pending deliveries the broker never got (or lost), unless they went stale.

    "Lost" ones (queued long ago, still pending) are only looked for while the broker's queue is empty:
    with a backlog they are most likely still waiting their turn, and queueing them again would only
    make the backlog longer. An empty queue with old pending rows means the broker lost them (a Redis
    restart keeps nothing).
    """
    pending = ReminderDelivery.objects.filter(status=ReminderDelivery.Status.PENDING, slot__gte=now - STALE_AFTER)
    never = pending.filter(queued_at__isnull=True, created_at__lte=now - ORPHAN_GRACE)
    lost = pending.filter(queued_at__lte=now - REQUEUE_AFTER)
    for queryset in (never, lost) if broker_idle else (never,):
        last = 0
        while True:
            ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                break
            last = ids[-1]
            _publish(ids, enqueue, result, requeue=True)


def run_pass(
    enqueue: Enqueue,
    now: datetime.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
    broker_idle: bool = True,
) -> PassResult:
    """One dispatch pass over everything due at `now`. Safe to run in parallel with others."""
    now = now or timezone.now()
    result = PassResult()
    requeue_orphans(now, enqueue, result, batch_size, broker_idle)
    while max_batches is None or result.batches < max_batches:
        claimed, ids = _claim_batch(now, batch_size, result)
        if not claimed:
            break  # nothing due, or everything due is locked by another pass
        _publish(ids, enqueue, result)
    return result
