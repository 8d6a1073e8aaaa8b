"""Work done elsewhere ticks the plan when it is saved, so reading Today or the plan never writes."""

from __future__ import annotations

from django.db.models.signals import post_save

from exercises.models import PracticeSession
from exercises.plan import weeks
from journal.models import JournalEntry


def _finished_practice(sender, instance: PracticeSession, **kwargs) -> None:
    if instance.finished_at is not None:
        weeks.credit_work_done(weeks.active_week(instance.owner))


def _saved_entry(sender, instance: JournalEntry, **kwargs) -> None:
    if not instance.is_draft and instance.deleted_at is None:
        weeks.credit_work_done(weeks.active_week(instance.owner))


def connect() -> None:
    post_save.connect(_finished_practice, sender=PracticeSession, dispatch_uid="plan-credit-practice")
    post_save.connect(_saved_entry, sender=JournalEntry, dispatch_uid="plan-credit-entry")
