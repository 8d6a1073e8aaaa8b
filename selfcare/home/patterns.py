"""Patterns in a person's own journal and practice, over a range of their local days.

Pure data: no HTTP, no templates. `patterns_for(user, start, end)` reads what it needs in three
queries whatever the amount of data (the entries in the range, the distinct feeling lists written
before it, and the practice sessions finished in it) and works out every number the Patterns page
shows. Days are the person's own days, in their own time zone.

"Unnamed" answers (numb, flat, far away, can't tell) are honest data with their own series; they
are not feelings *named*, so they stay out of the most-named list and the growing vocabulary.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from exercises.models import PracticeSession
from journal.feelings import UNNAMED_WORDS
from journal.models import JournalEntry
from selfcare.core import datacache

CANT_TELL = "can't tell"
TOP = 10
MAX_DAYS = 366
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class DayValue:
    day: datetime.date
    value: int


@dataclass(frozen=True)
class Count:
    word: str
    count: int


@dataclass(frozen=True)
class SessionRatings:
    """One finished practice session, on the person's local day."""

    finished_at: datetime.datetime  # local
    exercise: str
    title: str
    feeling_before: int | None
    feeling_after: int | None
    distress_before: int | None
    distress_after: int | None

    @property
    def day(self) -> datetime.date:
        return self.finished_at.date()

    @property
    def helped(self) -> bool | None:
        if self.feeling_before is None or self.feeling_after is None:
            return None
        return self.feeling_after > self.feeling_before


@dataclass(frozen=True)
class DayRatings:
    """The mean of each rating over one day's sessions (None when no session that day gave it)."""

    day: datetime.date
    sessions: int
    feeling_before: float | None
    feeling_after: float | None
    distress_before: float | None
    distress_after: float | None


@dataclass(frozen=True)
class Evidence:
    """How often one exercise helped the person feel more: runs with both feeling ratings."""

    exercise: str
    title: str
    helped: int
    runs: int


@dataclass(frozen=True)
class Patterns:
    start: datetime.date
    end: datetime.date
    entries: int  # visible entries in the range
    feelings: tuple[Count, ...]  # most named, at most TOP
    needs: tuple[Count, ...]  # most written, at most TOP
    vocabulary_before: int  # distinct feeling words first used before the range
    vocabulary: tuple[DayValue, ...]  # distinct feeling words used so far, at the end of each day
    new_words: tuple[str, ...]  # words first used in the range, in the order they were first used
    written: tuple[DayValue, ...]  # visible entries per day
    cant_tell: tuple[DayValue, ...]  # entries per day whose feelings include "can't tell"
    unnamed: tuple[Count, ...]  # entries including each unnamed answer, in vocabulary order
    sessions: tuple[SessionRatings, ...]  # finished in the range, oldest first
    helped: tuple[Evidence, ...]  # per exercise, most runs first

    @property
    def days(self) -> tuple[datetime.date, ...]:
        return tuple(item.day for item in self.written)

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def days_written(self) -> int:
        return sum(1 for item in self.written if item.value)

    @property
    def vocabulary_now(self) -> int:
        return self.vocabulary[-1].value if self.vocabulary else self.vocabulary_before

    @property
    def cant_tell_total(self) -> int:
        return sum(item.value for item in self.cant_tell)

    @property
    def session_days(self) -> tuple[DayRatings, ...]:
        by_day: dict[datetime.date, list[SessionRatings]] = defaultdict(list)
        for session in self.sessions:
            by_day[session.day].append(session)
        return tuple(
            DayRatings(
                day=day,
                sessions=len(runs),
                feeling_before=_mean(run.feeling_before for run in runs),
                feeling_after=_mean(run.feeling_after for run in runs),
                distress_before=_mean(run.distress_before for run in runs),
                distress_after=_mean(run.distress_after for run in runs),
            )
            for day, runs in sorted(by_day.items())
        )

    def mean(self, rating: str) -> float | None:
        """The mean of one rating ("feeling_before", ...) over every session in the range that gave it."""
        return _mean(getattr(session, rating) for session in self.sessions)


def _mean(values: Iterable[int | None]) -> float | None:
    present = [value for value in values if value is not None]
    return round(fmean(present), 1) if present else None


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=offset) for offset in range((end - start).days + 1)]


def last_days(today: datetime.date, count: int) -> tuple[datetime.date, datetime.date]:
    """The `count` local days ending with (and including) today."""
    return today - datetime.timedelta(days=count - 1), today


def local_bounds(zone, start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware instants where local day `start` begins and the day after `end` begins."""
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return first, after


def words_of(raw) -> list[str]:
    """The distinct words of one stored JSON list, lower-cased and trimmed, in their order."""
    if not isinstance(raw, list):
        return []
    words: list[str] = []
    for item in raw:
        if isinstance(item, str):
            word = item.strip().lower()
            if word and word not in words:
                words.append(word)
    return words


def _top(counter: Counter[str]) -> tuple[Count, ...]:
    ranked = sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))
    return tuple(Count(word, count) for word, count in ranked[:TOP])


def patterns_for(user, start: datetime.date, end: datetime.date) -> Patterns:
    """Everything the Patterns page shows for local days start..end (inclusive): kept until the
    person's next write (core/datacache.py), else worked out in three queries."""
    if end < start:
        raise ValueError("end is before start")
    if (end - start).days + 1 > MAX_DAYS:
        raise ValueError(f"a range is at most {MAX_DAYS} days")
    return datacache.remember(user, "patterns", (start, end, user.time_zone), lambda: _work_out(user, start, end))


def _work_out(user, start: datetime.date, end: datetime.date) -> Patterns:
    zone = user.zone
    first, after = local_bounds(zone, start, end)
    days = days_between(start, end)
    unnamed = set(UNNAMED_WORDS)

    entries = JournalEntry.objects.owned_by(user).visible()
    in_range = list(
        entries.filter(created_at__gte=first, created_at__lt=after)
        .order_by("created_at")
        .values_list("created_at", "feelings", "needs")
    )
    # Only the distinct lists: enough to know every word used before, without one row per entry.
    earlier = entries.filter(created_at__lt=first).values_list("feelings", flat=True).distinct()
    known = {word for raw in earlier for word in words_of(raw) if word not in unnamed}
    vocabulary_before = len(known)

    written: Counter[datetime.date] = Counter()
    cant_tell: Counter[datetime.date] = Counter()
    unnamed_totals: Counter[str] = Counter()
    feelings: Counter[str] = Counter()
    needs: Counter[str] = Counter()
    new_by_day: dict[datetime.date, list[str]] = defaultdict(list)
    new_words: list[str] = []
    for created_at, raw_feelings, raw_needs in in_range:
        day = created_at.astimezone(zone).date()
        written[day] += 1
        words = words_of(raw_feelings)
        for word in words:
            if word in unnamed:
                unnamed_totals[word] += 1
                continue
            feelings[word] += 1
            if word not in known:
                known.add(word)
                new_words.append(word)
                new_by_day[day].append(word)
        if CANT_TELL in words:
            cant_tell[day] += 1
        needs.update(words_of(raw_needs))

    vocabulary = []
    running = vocabulary_before
    for day in days:
        running += len(new_by_day.get(day, ()))
        vocabulary.append(DayValue(day, running))

    sessions = _sessions(user, zone, first, after)
    return Patterns(
        start=start,
        end=end,
        entries=len(in_range),
        feelings=_top(feelings),
        needs=_top(needs),
        vocabulary_before=vocabulary_before,
        vocabulary=tuple(vocabulary),
        new_words=tuple(new_words),
        written=tuple(DayValue(day, written[day]) for day in days),
        cant_tell=tuple(DayValue(day, cant_tell[day]) for day in days),
        unnamed=tuple(Count(word, unnamed_totals[word]) for word in UNNAMED_WORDS),
        sessions=sessions,
        helped=_helped(sessions),
    )


def _sessions(user, zone, first: datetime.datetime, after: datetime.datetime) -> tuple[SessionRatings, ...]:
    rows = (
        PracticeSession.objects.owned_by(user)
        .finished()
        .filter(finished_at__gte=first, finished_at__lt=after)
        .order_by("finished_at")
        .values_list(
            "finished_at",
            "exercise",
            "snapshot__title",
            "feeling_before",
            "feeling_after",
            "distress_before",
            "distress_after",
        )
    )
    return tuple(
        SessionRatings(
            finished_at=finished_at.astimezone(zone),
            exercise=exercise,
            title=title if isinstance(title, str) and title else exercise,
            feeling_before=feeling_before,
            feeling_after=feeling_after,
            distress_before=distress_before,
            distress_after=distress_after,
        )
        for finished_at, exercise, title, feeling_before, feeling_after, distress_before, distress_after in rows
    )


def _helped(sessions: Sequence[SessionRatings]) -> tuple[Evidence, ...]:
    """Per exercise: runs with both feeling ratings, and how many ended feeling more (as evidence_by_exercise)."""
    titles: dict[str, str] = {}
    runs: Counter[str] = Counter()
    helped: Counter[str] = Counter()
    for session in sessions:
        titles[session.exercise] = session.title  # the newest run's title wins
        if session.helped is None:
            continue
        runs[session.exercise] += 1
        helped[session.exercise] += session.helped
    ranked = sorted(runs, key=lambda slug: (-runs[slug], titles[slug].lower()))
    return tuple(Evidence(slug, titles[slug], helped[slug], runs[slug]) for slug in ranked)
