"""Taking the seven-day plan: starting a week, ticking tasks, pausing, finishing, going again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Avg, CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from exercises.models import PracticeSession
from exercises.plan import days as plan
from exercises.plan.models import Enrollment, TaskDone, TherapyTopic
from journal.models import JournalEntry


class PlanError(Exception):
    """Something the person tried that the plan can't do; the message says why, kindly."""


def active_week(user) -> Enrollment | None:
    week = Enrollment.objects.owned_by(user).active().first()
    if week is not None:
        week.owner = user  # the same person: spares reading them again for their time zone
    return week


def active_week_state(user, today: datetime.date) -> WeekState | None:
    """The running week and where it stands, in one query (the ticked tasks come along as one string)."""
    ticked = (
        TaskDone.objects.filter(enrollment=OuterRef("pk"))
        .values("enrollment")
        .annotate(keys=StringAgg(Concat(Cast("day", CharField()), Value(":"), "task"), delimiter=Value(",")))
        .values("keys")
    )
    week = Enrollment.objects.owned_by(user).active().annotate(ticked=Subquery(ticked)).first()
    if week is None:
        return None
    week.owner = user
    done = {(int(day), task) for day, _, task in (key.partition(":") for key in (week.ticked or "").split(",") if key)}
    return state(week, today, done)


def start_week(user, level: str = Enrollment.Level.GENTLE) -> Enrollment:
    """Start a week today; a second tap returns the week already running."""
    existing = active_week(user)
    if existing:
        return existing
    number = Enrollment.objects.owned_by(user).count() + 1
    try:
        with transaction.atomic():
            week = Enrollment.objects.create(
                owner=user,
                week_number=number,
                level=level,
                content_version=plan.plan().version,
                start_date=user.local_today(),
            )
    except IntegrityError:  # a second tap at the same moment started it: that week is the one
        running = active_week(user)
        if running is None:  # not that: the error was something else
            raise
        return running
    credit_work_done(week)  # what was already done today counts for day 1
    return week


@dataclass
class WeekState:
    """Everything the plan page and Today need, worked out once."""

    enrollment: Enrollment
    today: datetime.date
    not_counted: int
    reached: int
    on_day: int
    done: set[tuple[int, str]] = field(default_factory=set)

    @property
    def paused(self) -> bool:
        e = self.enrollment
        return e.paused_until is not None and self.today < e.paused_until

    @property
    def waiting(self) -> bool:
        """The calendar moved on but the person has not: the plan kindly waits."""
        return self.on_day < self.reached

    @property
    def complete(self) -> bool:
        return plan.week_complete(self.done)

    @property
    def next_task(self) -> plan.Task | None:
        day = plan.plan().day(self.on_day)
        return next((task for task in day.tasks if (self.on_day, task.key) not in self.done), None)

    @property
    def day_finished_today(self) -> bool:
        return self.next_task is None and not self.complete

    def is_open(self, number: int) -> bool:
        return 1 <= number <= self.reached and not self.paused

    def opens_on(self, number: int) -> datetime.date:
        return plan.opens_on(self.enrollment.start_date, number, self.not_counted)

    def days(self) -> list[dict]:
        level = self.enrollment.level
        rows = []
        for day in plan.plan().days:
            tasks = [
                {"task": task, "title": task.title_for(level), "done": (day.number, task.key) in self.done}
                for task in day.tasks
            ]
            rows.append(
                {
                    "day": day,
                    "tasks": tasks,
                    "open": self.is_open(day.number),
                    "current": day.number == self.on_day,
                    "all_done": all(t["done"] for t in tasks),
                    "opens_on": self.opens_on(day.number),
                }
            )
        return rows


def state(enrollment: Enrollment, today: datetime.date, done: set[tuple[int, str]] | None = None) -> WeekState:
    """Where the week stands today. Only reads: a pause that has ended is already counted by
    plan.paused_days, and work done elsewhere is ticked when it is saved (credit_work_done)."""
    not_counted = plan.paused_days(
        enrollment.start_date, enrollment.paused_days, enrollment.paused_from, enrollment.paused_until, today
    )
    reached = plan.calendar_day(enrollment.start_date, today, not_counted)
    if done is None:
        done = set(TaskDone.objects.filter(enrollment=enrollment).values_list("day", "task"))
    return WeekState(enrollment, today, not_counted, reached, plan.day_person_is_on(reached, done), done)


def credit_work_done(enrollment: Enrollment | None) -> None:
    """Tick exercise and journal tasks the person did from the Exercises or Journal pages.

    Run when a practice is finished or an entry saved (plan_signals.py), when a week starts and when
    it resumes; never while a page is read. Each finished exercise or saved entry counts once, for the
    earliest open day it was done on or after, so running it again changes nothing.
    """
    if enrollment is None or enrollment.finished_at is not None:
        return
    today = enrollment.owner.local_today()
    current = state(enrollment, today)
    if current.paused:
        return
    _credit(enrollment, current.reached, current.not_counted, current.done)


def _credit(enrollment: Enrollment, reached: int, not_counted: int, done: set) -> None:
    zone = enrollment.owner.zone
    start = datetime.datetime.combine(enrollment.start_date, datetime.time.min, zone)
    evidence: dict[str, list[datetime.date]] = {}
    sessions = PracticeSession.objects.owned_by(enrollment.owner).finished().filter(finished_at__gte=start)
    for slug, finished_at in sessions.values_list("exercise", "finished_at"):
        evidence.setdefault(f"exercise:{slug}", []).append(finished_at.astimezone(zone).date())
    entries = JournalEntry.objects.owned_by(enrollment.owner).visible().filter(created_at__gte=start)
    for kind, created_at in entries.values_list("kind", "created_at"):
        evidence.setdefault(f"journal:{kind}", []).append(created_at.astimezone(zone).date())
    if not evidence:
        return
    for dates in evidence.values():
        dates.sort()
    used = dict.fromkeys(evidence, 0)
    for number in range(1, reached + 1):
        opened = plan.opens_on(enrollment.start_date, number, not_counted)
        for task in plan.plan().day(number).tasks:
            if task.kind not in {"exercise", "journal"} or (number, task.key) in done:
                continue
            key = f"{task.kind}:{task.target}"
            dates = evidence.get(key, [])
            while used.get(key, 0) < len(dates) and dates[used[key]] < opened:
                used[key] += 1
            if used.get(key, 0) < len(dates):
                used[key] += 1
                TaskDone.objects.get_or_create(
                    enrollment=enrollment, day=number, task=task.key, defaults={"owner": enrollment.owner}
                )
                done.add((number, task.key))


def _settle_pause(enrollment: Enrollment, today: datetime.date) -> None:
    """Fold a pause that has ended into the days not counted."""
    if enrollment.paused_until is not None and today >= enrollment.paused_until:
        assert enrollment.paused_from is not None  # `pause` sets both, `resume` needs a start
        enrollment.paused_days += (enrollment.paused_until - enrollment.paused_from).days
        enrollment.paused_from = enrollment.paused_until = None
        enrollment.save(update_fields=["paused_days", "paused_from", "paused_until"])


def tick(enrollment: Enrollment, day: int, task_key: str, today: datetime.date, report: str = "") -> bool:
    """Mark a task done. Returns False when it was already done (a second tap changes nothing)."""
    current = state(enrollment, today)
    if not 1 <= day <= plan.DAYS or plan.plan().day(day).task(task_key) is None:
        raise PlanError("That task isn't part of the plan.")
    if current.paused:
        raise PlanError("The plan is paused. Resume it whenever you're ready.")
    if not current.is_open(day):
        raise PlanError(f"Day {day} opens on {current.opens_on(day):%A %-d %B}. There's no rush.")
    try:
        with transaction.atomic():
            TaskDone.objects.create(
                enrollment=enrollment, owner=enrollment.owner, day=day, task=task_key, report=report
            )
    except IntegrityError:
        return False
    return True


def save_topic(enrollment: Enrollment, text: str) -> TherapyTopic:
    topic, _ = TherapyTopic.objects.update_or_create(
        owner=enrollment.owner, enrollment=enrollment, defaults={"text": text}
    )
    return topic


def pause(enrollment: Enrollment, days: int, today: datetime.date) -> None:
    if not 1 <= days <= plan.MAX_PAUSE_DAYS:
        raise PlanError(f"A pause can be 1 to {plan.MAX_PAUSE_DAYS} days.")
    _settle_pause(enrollment, today)
    if enrollment.paused_from is None:
        enrollment.paused_from = today
    enrollment.paused_until = today + datetime.timedelta(days=days)
    enrollment.save(update_fields=["paused_from", "paused_until"])


def resume(enrollment: Enrollment, today: datetime.date) -> None:
    if enrollment.paused_from is None:
        return
    enrollment.paused_until = max(today, enrollment.paused_from)
    enrollment.save(update_fields=["paused_until"])
    _settle_pause(enrollment, today)
    credit_work_done(enrollment)


def finish(enrollment: Enrollment) -> None:
    if enrollment.finished_at is None:
        enrollment.finished_at = timezone.now()
        enrollment.save(update_fields=["finished_at"])


def summary(enrollment: Enrollment) -> dict:
    """What the week held: tasks done, before/after ratings of exercises in its dates, the therapy topic."""
    zone = enrollment.owner.zone
    start = datetime.datetime.combine(enrollment.start_date, datetime.time.min, zone)
    end_date = enrollment.finished_at or timezone.now()
    ratings = (
        PracticeSession.objects.owned_by(enrollment.owner)
        .finished()
        .filter(finished_at__gte=start, finished_at__lte=end_date)
        .aggregate(
            feeling_before=Avg("feeling_before"),
            feeling_after=Avg("feeling_after"),
            distress_before=Avg("distress_before"),
            distress_after=Avg("distress_after"),
        )
    )
    done = list(TaskDone.objects.filter(enrollment=enrollment).order_by("day", "done_at"))
    titles = {(d.number, t.key): t.title_for(enrollment.level) for d in plan.plan().days for t in d.tasks}
    return {
        "done": [
            {"day": row.day, "title": titles.get((row.day, row.task), row.task), "report": row.report} for row in done
        ],
        "total": sum(len(d.tasks) for d in plan.plan().days),
        "ratings": ratings,
        "topic": TherapyTopic.objects.filter(enrollment=enrollment).first(),
    }
