"""A person's recent history as the rules read it, gathered once per page in two queries.

Today runs the check-in rules, the questionnaire rules, R13/R20's background and the questionnaire
offer; each used to ask the database for its own slice. They all need only the last 28 days of
check-ins and the latest run of each questionnaire, so those are read once here and handed round.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from selfcare.checkins import thresholds
from selfcare.checkins.models import CheckIn, ScreenerResult

Status = ScreenerResult.Status


@dataclass(frozen=True)
class Recent:
    today: datetime.date
    checkins: tuple[CheckIn, ...]  # the last R12_WINDOW_DAYS days up to today, newest first
    latest: tuple[ScreenerResult, ...]  # the latest complete and the latest unfinished run of each kind

    def todays_checkin(self) -> CheckIn | None:
        return next((c for c in self.checkins if c.date == self.today), None)

    def checkins_since(self, first: datetime.date) -> list[CheckIn]:
        return [c for c in self.checkins if first <= c.date <= self.today]

    def last_completed(self, slug: str) -> ScreenerResult | None:
        return next((r for r in self.latest if r.instrument == slug and r.status == Status.COMPLETE), None)

    def in_progress(self, slug: str) -> ScreenerResult | None:
        return next((r for r in self.latest if r.instrument == slug and r.status == Status.IN_PROGRESS), None)


def gather(user, today: datetime.date | None = None) -> Recent:
    today = today or user.local_today()
    first = today - datetime.timedelta(days=thresholds.R12_WINDOW_DAYS - 1)
    checkins = CheckIn.objects.filter(owner=user, date__gte=first, date__lte=today).order_by("-date")
    return Recent(today, tuple(checkins), latest_runs(user))


def latest_runs(user) -> tuple[ScreenerResult, ...]:
    """The latest complete and the latest unfinished run of each questionnaire, in one query.

    One row per (questionnaire, status), however many years of results: a dozen rows at most.
    """
    newest_first = Window(
        RowNumber(),
        partition_by=[F("instrument"), F("status")],
        order_by=[F("completed_at").desc(nulls_last=True), F("updated_at").desc()],
    )
    runs = (
        ScreenerResult.objects.owned_by(user)
        .filter(status__in=[Status.COMPLETE, Status.IN_PROGRESS])
        .annotate(rank=newest_first)
        .filter(rank=1)
    )
    return tuple(runs)
