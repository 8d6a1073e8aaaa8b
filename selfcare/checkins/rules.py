"""Escalation rules as pure functions (SAFETY.md §2.3). They decide what to show, never who someone is."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from selfcare.checkins import thresholds


def exercise_distress_stop(distress_before: int | None, distress_after: int | None) -> bool:
    """R18: distress after an exercise >= 8, or up by >= 4, means stop, ground, and offer help.

    Missing data never downgrades: a high "after" alone is enough.
    """
    if distress_after is None:
        return False
    if distress_after >= thresholds.EXERCISE_DISTRESS_HIGH:
        return True
    return distress_before is not None and distress_after - distress_before >= thresholds.EXERCISE_DISTRESS_RISE


@dataclass(frozen=True)
class DailyCheck:
    date: datetime.date
    numbness: int
    impacts: tuple[int, int, int]

    @property
    def high(self) -> bool:
        return self.numbness >= thresholds.HIGH_NUMBNESS

    @property
    def impaired(self) -> bool:
        return any(value >= thresholds.IMPAIRED for value in self.impacts)


@dataclass(frozen=True)
class Outcome:
    """What to show: the highest tier, and which rules put it there (never a label for the person)."""

    tier: int
    rules: tuple[str, ...]


NONE = Outcome(0, ())


def _window(days: list[DailyCheck], today: datetime.date, length: int) -> list[DailyCheck]:
    """Check-ins in the last `length` local calendar days, today included."""
    first = today - datetime.timedelta(days=length - 1)
    return [day for day in days if first <= day.date <= today]


def checkin_outcome(days: list[DailyCheck], today: datetime.date) -> Outcome:
    """R11, R12 and R17 over daily check-ins, with R21's minimum data for each."""
    t = thresholds
    fired: list[str] = []
    last14 = _window(days, today, t.R11_WINDOW_DAYS)
    if (
        len(last14) >= t.R11_MIN_CHECKIN_DAYS
        and sum(d.high for d in last14) >= t.R11_MIN_HIGH_DAYS
        and sum(d.impaired for d in last14) >= t.R11_MIN_IMPAIRED_DAYS
    ):
        fired.append("R11")
    last28 = _window(days, today, t.R12_WINDOW_DAYS)
    if len(last28) >= t.R12_MIN_CHECKIN_DAYS and sum(d.high for d in last28) >= t.R12_HIGH_SHARE * len(last28):
        fired.append("R12")
    if fired:
        return Outcome(2, tuple(fired))
    last7 = _window(days, today, t.R17_WINDOW_DAYS)
    if len(last7) >= t.R17_MIN_HIGH_DAYS and sum(d.high for d in last7) >= t.R17_MIN_HIGH_DAYS:
        return Outcome(1, ("R17",))
    return NONE


@dataclass(frozen=True)
class ExerciseRun:
    date: datetime.date
    distress_before: int | None
    distress_after: int | None
    too_much: bool | None


def repeated_exercise_distress(runs: list[ExerciseRun], today: datetime.date) -> Outcome:
    """R14: two distressing practices in 7 days, or two that felt like too much in 14 -> T2."""
    t = thresholds
    week = _window(runs, today, t.R14_DISTRESS_WINDOW_DAYS)
    fortnight = _window(runs, today, t.R14_TOO_MUCH_WINDOW_DAYS)
    distressing = sum(exercise_distress_stop(r.distress_before, r.distress_after) for r in week)
    too_much = sum(bool(r.too_much) for r in fortnight)
    if distressing >= t.R14_MIN_DISTRESS_SESSIONS or too_much >= t.R14_MIN_TOO_MUCH_SESSIONS:
        return Outcome(2, ("R14",))
    return NONE
