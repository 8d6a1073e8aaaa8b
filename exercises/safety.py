"""The check-in rules that read exercise ratings (R14), fed from here: check-ins never import exercises."""

from __future__ import annotations

import datetime

from exercises.models import PracticeSession
from selfcare.checkins import rules, thresholds


def recent_distress(user, today: datetime.date | None = None) -> rules.Outcome:
    """R14 over the last two weeks of finished practices, in one query."""
    zone = user.zone
    today = today or user.local_now().date()
    first = today - datetime.timedelta(days=thresholds.R14_TOO_MUCH_WINDOW_DAYS - 1)
    since = datetime.datetime.combine(first, datetime.time.min, zone)
    rows = (
        PracticeSession.objects.owned_by(user)
        .finished()
        .filter(finished_at__gte=since)
        .values_list("finished_at", "distress_before", "distress_after", "too_much")
    )
    runs = [rules.ExerciseRun(at.astimezone(zone).date(), before, after, much) for at, before, after, much in rows]
    return rules.repeated_exercise_distress(runs, today)


def deepening_paused(user) -> bool:
    """While R14 is met, practices marked "deepening" wait, and grounding is offered instead."""
    return recent_distress(user).tier >= 2
