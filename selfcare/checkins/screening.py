"""Taking a questionnaire one question at a time: start or resume, answer, finish, and when it is due.

Every answer is written as it is given, so leaving midway loses nothing. Answering the same
question twice (a double submit, the back button) overwrites it; finishing twice finishes once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from selfcare.checkins import instruments, thresholds
from selfcare.checkins.instruments import Instrument, Question
from selfcare.checkins.models import ScreenerResult
from selfcare.checkins.recent import Recent, latest_runs

Status = ScreenerResult.Status


class InvalidAnswer(ValueError):
    """An answer that is not one of the question's options, or a question that is not asked."""


def start(user, instrument: Instrument) -> ScreenerResult:
    """The person's unfinished run of this questionnaire, or a new one."""
    existing = ScreenerResult.objects.owned_by(user).filter(instrument=instrument.slug, status=Status.IN_PROGRESS)
    found = existing.first()
    if found:
        return found
    try:
        with transaction.atomic():
            return ScreenerResult.objects.create(owner=user, instrument=instrument.slug)
    except IntegrityError:  # the start button pressed twice at once: one run
        return existing.get()


def next_question(instrument: Instrument, answers: dict[str, int]) -> Question | None:
    return next((q for q in instrument.questions(answers) if q.key not in answers), None)


def position(instrument: Instrument, question: Question) -> tuple[int, int, str]:
    """(number, total, words) for the progress line. The difficulty question comes as "one last question"."""
    main = (*([instrument.exposure] if instrument.exposure else []), *instrument.items)
    total = len(main)
    if question.key == instruments.FUNCTIONAL:
        return total, total, "One last question"
    number = [q.key for q in main].index(question.key) + 1
    return number, total, f"Question {number} of {total}"


def answer(result: ScreenerResult, key: str, raw: str) -> ScreenerResult:
    """Save one answer. Raises InvalidAnswer for a question not asked or a value not offered."""
    instrument = instruments.get(result.instrument)
    question = instrument.question(key) if instrument else None
    if instrument is None or question is None or result.status != Status.IN_PROGRESS:
        raise InvalidAnswer("That question is not part of this questionnaire.")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise InvalidAnswer("Please choose one of the answers.") from None
    if value not in question.values:
        raise InvalidAnswer("Please choose one of the answers.")
    with transaction.atomic():
        locked = ScreenerResult.objects.select_for_update().get(pk=result.pk)
        if locked.status != Status.IN_PROGRESS:
            return locked
        locked.answers = {**(locked.answers or {}), key: value}
        # A "no" to the opening question of PC-PTSD-5 ends it: drop any later answers.
        asked = {q.key for q in instrument.questions(locked.answers)}
        locked.answers = {k: v for k, v in locked.answers.items() if k in asked}
        locked.save(update_fields=["answers", "updated_at"])
        return locked


def finish(result: ScreenerResult) -> tuple[ScreenerResult, bool]:
    """Score a fully answered run. Returns (result, finished now); finishing twice is a no-op."""
    instrument = instruments.instruments()[result.instrument]
    with transaction.atomic():
        locked = ScreenerResult.objects.select_for_update().get(pk=result.pk)
        if locked.status != Status.IN_PROGRESS or not instrument.is_complete(locked.answers):
            return locked, False
        previous = last_completed(locked.owner, instrument.slug)
        locked.score = instrument.score(locked.answers)
        band = instrument.band(locked.score)
        locked.band = band.key if band else ""
        locked.status = Status.COMPLETE
        locked.completed_at = timezone.now()
        locked.retaken_early = bool(
            previous and locked.completed_at - finished_at(previous) < datetime.timedelta(instrument.interval_days)
        )
        locked.save()
        return locked, True


def skip(user, instrument: Instrument) -> ScreenerResult:
    """The gentle single questions can be skipped; that is remembered so they are not asked again soon."""
    with transaction.atomic():
        ScreenerResult.objects.owned_by(user).filter(instrument=instrument.slug, status=Status.IN_PROGRESS).delete()
        return ScreenerResult.objects.create(
            owner=user, instrument=instrument.slug, status=Status.SKIPPED, completed_at=timezone.now()
        )


def finished_at(result: ScreenerResult) -> datetime.datetime:
    """When a complete (or skipped) run was finished: `finish` and `skip` always set it."""
    assert result.completed_at is not None
    return result.completed_at


def last_completed(user, slug: str) -> ScreenerResult | None:
    return ScreenerResult.objects.owned_by(user).complete().filter(instrument=slug).order_by("-completed_at").first()


def previous_score(result: ScreenerResult) -> int | None:
    """The total of the run before this one, for R15 and R19's change."""
    earlier = (
        ScreenerResult.objects.owned_by(result.owner)
        .complete()
        .filter(instrument=result.instrument, completed_at__lt=result.completed_at or timezone.now())
        .exclude(pk=result.pk)
        .order_by("-completed_at")
        .values_list("score", flat=True)
        .first()
    )
    return earlier


@dataclass(frozen=True)
class Standing:
    """Where the person is with one questionnaire, for the list page."""

    instrument: Instrument
    last: ScreenerResult | None
    in_progress: ScreenerResult | None
    due_on: datetime.date | None  # None: never taken

    def is_due(self, today: datetime.date) -> bool:
        return self.due_on is None or self.due_on <= today


def standings(user, history: Recent | None = None) -> list[Standing]:
    """Every questionnaire with its last result, unfinished run and due date, in one query."""
    runs = history.latest if history else latest_runs(user)
    zone = user.zone
    result = []
    for slug in instruments.SCREENERS:
        instrument = instruments.instruments()[slug]
        last = next((r for r in runs if r.instrument == slug and r.status == Status.COMPLETE), None)
        in_progress = next((r for r in runs if r.instrument == slug and r.status == Status.IN_PROGRESS), None)
        due_on = None
        if last:
            due_on = finished_at(last).astimezone(zone).date() + datetime.timedelta(days=instrument.interval_days)
        result.append(Standing(instrument, last, in_progress, due_on))
    return result


def offer(user, history: Recent | None = None) -> Instrument | None:
    """The questionnaire to mention on Today: WHO-5 as a gentle first one, later whichever is due again.

    Only ones the person has taken before come back; PC-PTSD-5 is never offered unasked.
    """
    today = history.today if history else user.local_today()
    standing = standings(user, history)
    taken = [s for s in standing if s.last]
    if not taken:
        return instruments.get(instruments.WHO5)
    # Taken ones always have a due date; one without would be due today.
    due = sorted((s for s in taken if s.is_due(today) and not s.in_progress), key=lambda s: s.due_on or today)
    return due[0].instrument if due else None


def due_on(user, instrument: Instrument) -> datetime.date | None:
    last = last_completed(user, instrument.slug)
    if last is None:
        return None
    return finished_at(last).astimezone(user.zone).date() + datetime.timedelta(days=instrument.interval_days)


def single_question_due(user) -> Instrument | None:
    """The biweekly unreal-feelings question (R9) or the one-time history question (R13, R20), if due.

    Asked gently alongside the daily check-in. A skip counts as an answer for the interval.
    """
    now = timezone.now()
    d_item = instruments.instruments()[instruments.D_ITEM]
    history = Q(instrument=instruments.HISTORY)
    seen = (
        ScreenerResult.objects.owned_by(user)
        .filter(instrument__in=[instruments.D_ITEM, instruments.HISTORY], status__in=[Status.COMPLETE, Status.SKIPPED])
        .aggregate(
            history_answered=Count("pk", filter=history & Q(status=Status.COMPLETE)),
            history_lately=Count(
                "pk",
                filter=history & Q(completed_at__gte=now - datetime.timedelta(days=thresholds.HISTORY_ASK_AGAIN_DAYS)),
            ),
            d_lately=Count(
                "pk",
                filter=Q(
                    instrument=instruments.D_ITEM, completed_at__gte=now - datetime.timedelta(days=d_item.interval_days)
                ),
            ),
        )
    )
    if not seen["d_lately"]:
        return d_item
    if not (seen["history_answered"] or seen["history_lately"]):
        return instruments.get(instruments.HISTORY)
    return None


def history_flag(user) -> bool | None:
    """The one-time answer: True (yes), False (no), None (not answered)."""
    last = last_completed(user, instruments.HISTORY)
    return None if last is None else bool(last.score)
