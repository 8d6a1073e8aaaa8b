"""What a share link lets a therapist read, as querysets.

Every query here filters by the owner, the date range and the chosen parts
before anything reaches a template: the shared page and its PDF render only
what these functions return.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exercises.plan import days as plan
from exercises.plan.models import Enrollment, TaskDone, TherapyTopic
from journal.entries import group_by_day
from journal.models import JournalEntry
from selfcare.checkins.trends import Trends, trends_for
from selfcare.sharing.models import ShareLink

if TYPE_CHECKING:
    from selfcare.accounts.models import User


@dataclass(frozen=True)
class Scope:
    """A link's scope, saved or not yet saved (the preview)."""

    owner: User
    start_date: datetime.date
    end_date: datetime.date
    include_trends: bool = True
    include_plan: bool = True
    journal: str = ShareLink.Journal.NONE
    journal_kinds: tuple[str, ...] = ()
    picked_entry_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, link: ShareLink) -> Scope:
        return cls(
            owner=link.owner,
            start_date=link.start_date,
            end_date=link.end_date,
            include_trends=link.include_trends,
            include_plan=link.include_plan,
            journal=link.journal,
            journal_kinds=tuple(link.journal_kinds),
            picked_entry_ids=tuple(link.picked_entry_ids),
        )

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start_date, datetime.time.min, self.owner.zone)

    @property
    def ends_before(self) -> datetime.datetime:
        """Midnight after the last shared day, in the owner's zone (exclusive)."""
        return datetime.datetime.combine(self.end_date + datetime.timedelta(days=1), datetime.time.min, self.owner.zone)


def journal_entries(scope: Scope):
    """Saved, undeleted entries of the owner, inside the dates, of the chosen kinds or picks; oldest first."""
    if scope.journal == ShareLink.Journal.NONE:
        return JournalEntry.objects.none()
    entries = (
        JournalEntry.objects.owned_by(scope.owner)
        .visible()
        .filter(created_at__gte=scope.starts_at, created_at__lt=scope.ends_before)
    )
    if scope.journal == ShareLink.Journal.KINDS:
        entries = entries.filter(kind__in=list(scope.journal_kinds))
    elif scope.journal == ShareLink.Journal.PICKED:
        entries = entries.filter(id__in=list(scope.picked_entry_ids))
    elif scope.journal != ShareLink.Journal.ALL:
        return JournalEntry.objects.none()
    return entries.select_related("practice_session").order_by("created_at", "id")


def therapy_topics(scope: Scope):
    if not scope.include_plan:
        return TherapyTopic.objects.none()
    return TherapyTopic.objects.filter(
        owner=scope.owner, created_at__gte=scope.starts_at, created_at__lt=scope.ends_before
    ).order_by("created_at", "id")


@dataclass
class WeekProgress:
    enrollment: Enrollment
    days: list[dict] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(day["done"] for day in self.days)

    @property
    def total(self) -> int:
        return sum(day["total"] for day in self.days)


def plan_progress(scope: Scope) -> list[WeekProgress]:
    """Plan weeks that overlap the dates, with the steps ticked inside the dates. Two queries.

    Only counts and the plan's own task titles: what someone wrote in a
    self-report task stays private.
    """
    if not scope.include_plan:
        return []
    weeks = list(
        Enrollment.objects.filter(
            owner=scope.owner,
            start_date__lte=scope.end_date,
            start_date__gt=scope.start_date - datetime.timedelta(days=plan.DAYS),
        ).order_by("start_date", "id")
    )
    if not weeks:
        return []
    done: dict[int, set[tuple[int, str]]] = {week.pk: set() for week in weeks}
    ticked = TaskDone.objects.filter(
        owner=scope.owner,
        enrollment__in=weeks,
        done_at__gte=scope.starts_at,
        done_at__lt=scope.ends_before,
    ).values_list("enrollment_id", "day", "task")
    for enrollment_id, day_number, task_key in ticked:
        done[enrollment_id].add((day_number, task_key))
    progress = []
    for week in weeks:
        row = WeekProgress(week)
        for day in plan.plan().days:
            tasks = [
                {"title": task.title_for(week.level), "done": (day.number, task.key) in done[week.pk]}
                for task in day.tasks
            ]
            row.days.append(
                {
                    "number": day.number,
                    "title": day.title,
                    "tasks": tasks,
                    "done": sum(task["done"] for task in tasks),
                    "total": len(tasks),
                }
            )
        progress.append(row)
    return progress


def trends(scope: Scope) -> Trends | None:
    """Check-in and questionnaire charts for the owner and the dates (checkins.trends filters both)."""
    if not scope.include_trends:
        return None
    return trends_for(scope.owner, scope.start_date, scope.end_date)


def shared_content(scope: Scope) -> dict:
    """Everything the shared page, its preview and its PDF show, worked out in a fixed number of queries."""
    entries = list(journal_entries(scope))
    return {
        "scope": scope,
        "trends": trends(scope),
        "weeks": plan_progress(scope),
        "topics": list(therapy_topics(scope)),
        "days": group_by_day(entries, scope.owner.zone),
        "entry_count": len(entries),
    }
