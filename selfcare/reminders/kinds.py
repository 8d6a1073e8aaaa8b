"""The kinds of reminder, one registry entry each.

A kind says what the settings page calls it, the one neutral line its email
carries, where in the app its link goes, and when to skip it. Adding a kind is
one `register(Kind(...))` call here (and nothing else: no migration, no template).
Email lines must stay neutral (SAFETY.md §2.4): nothing the person wrote or
scored, no clinical words.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    hint: str
    # One short sentence for the email body.
    line: str
    # The button text in the email.
    action: str
    # The in-app path the email links to, for this person today.
    link: Callable[..., str]
    # A short reason to skip this reminder for this person today, or "" to send it.
    skip: Callable[..., str]
    default_time: datetime.time = datetime.time(19, 0)


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.key] = kind
    return kind


def get(key: str) -> Kind | None:
    return KINDS.get(key)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in KINDS.values()]


def _never(user) -> str:
    return ""


# Daily check-in ------------------------------------------------------------------


def _checkin_link(user) -> str:
    return reverse("checkin")


def _checkin_skip(user) -> str:
    from selfcare.checkins.daily import todays_checkin

    return "done-today" if todays_checkin(user) is not None else ""


register(
    Kind(
        key="checkin",
        label="Daily check-in",
        hint="A note to take a minute for your check-in. Skipped on days you've already checked in.",
        line="If you have a minute today, your check-in is ready whenever you are.",
        action="Open your check-in",
        link=_checkin_link,
        skip=_checkin_skip,
        default_time=datetime.time(19, 0),
    )
)


# Seven-day plan -------------------------------------------------------------------


def _plan_week_state(user):
    from exercises.plan import weeks

    week = weeks.active_week(user)
    return weeks.state(week, user.local_today()) if week else None


def _plan_link(user) -> str:
    from exercises.plan.links import task_link

    state = _plan_week_state(user)
    task = state.next_task if state and not state.paused else None
    return (task_link(task) if task else "") or reverse("plan:home")


def _plan_skip(user) -> str:
    state = _plan_week_state(user)
    if state is None:
        return "not-enrolled"
    if state.paused:
        return "plan-paused"
    if state.complete or state.day_finished_today:
        return "done-today"
    return ""


register(
    Kind(
        key="plan",
        label="Your week plan",
        hint="A note about today's small step. Only sent while you have a week running.",
        line="Today's small step in your week is waiting, whenever suits you.",
        action="Open today's step",
        link=_plan_link,
        skip=_plan_skip,
        default_time=datetime.time(9, 0),
    )
)


# Journal prompt -------------------------------------------------------------------


def _journal_link(user) -> str:
    return reverse("journal:choose")


register(
    Kind(
        key="journal",
        label="A moment to write",
        hint="An invitation to jot a few lines in your journal.",
        line="A few quiet minutes to write, if you'd like them.",
        action="Open your journal",
        link=_journal_link,
        skip=_never,
        default_time=datetime.time(20, 30),
    )
)


# A questionnaire that is due ------------------------------------------------------


def _questionnaire_due(user):
    from selfcare.checkins.screening import offer

    return offer(user)


def _questionnaire_link(user) -> str:
    instrument = _questionnaire_due(user)
    return reverse("screener_start", args=[instrument.slug]) if instrument else reverse("screeners")


def _questionnaire_skip(user) -> str:
    return "" if _questionnaire_due(user) else "none-due"


register(
    Kind(
        key="questionnaire",
        label="A questionnaire that is due",
        hint="A note when one of your two-weekly questionnaires is ready again. Skipped when none is due.",
        line="A few short questions are ready for you again, whenever suits you.",
        action="Open the questions",
        link=_questionnaire_link,
        skip=_questionnaire_skip,
        default_time=datetime.time(18, 0),
    )
)
