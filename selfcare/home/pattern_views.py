"""The Patterns page: charts of a person's own journal and practice over a range of their days."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from selfcare.core import charts
from selfcare.core.http import AuthenticatedHttpRequest
from selfcare.home.patterns import DEFAULT_DAYS, MAX_DAYS, Patterns, last_days, patterns_for

RANGES = {"7": 7, "30": 30}
CUSTOM = "custom"
EARLIEST = datetime.date(2000, 1, 1)
_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z", re.ASCII)


@dataclass(frozen=True)
class Choice:
    """The range to show, and why the one asked for could not be (empty when it could)."""

    range: str
    start: datetime.date
    end: datetime.date
    problem: str = ""


class RangeProblem(ValueError):
    pass


def _parse_day(raw: str, name: str) -> datetime.date:
    if not raw:
        raise RangeProblem(f"Please choose {name} date.")
    shown = Truncator("".join(ch for ch in raw if ch.isprintable())).chars(24)
    if not _ISO_DATE.match(raw):
        raise RangeProblem(f"“{shown}” isn't a date we can read. Please use the date picker.")
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise RangeProblem(f"“{shown}” isn't a real date. Please use the date picker.") from None


def choose_range(params, today: datetime.date) -> Choice:
    """Read ?range=7|30|custom&start=YYYY-MM-DD&end=YYYY-MM-DD; anything unusable falls back to 30 days."""
    start, end = last_days(today, DEFAULT_DAYS)
    fallback = Choice(str(DEFAULT_DAYS), start, end)
    has_dates = bool(params.get("start") or params.get("end"))
    chosen = params.get("range") or (CUSTOM if has_dates else str(DEFAULT_DAYS))
    if chosen in RANGES:
        first, last = last_days(today, RANGES[chosen])
        return Choice(chosen, first, last)
    try:
        if chosen != CUSTOM:
            raise RangeProblem("We don't know that range.")
        first = _parse_day(params.get("start", "").strip(), "a start")
        last = _parse_day(params.get("end", "").strip(), "an end")
        if first > last:
            raise RangeProblem("The start date is after the end date.")
        if first < EARLIEST or last > today:
            raise RangeProblem(f"Please choose dates between {date_format(EARLIEST, 'j F Y')} and today.")
        if (last - first).days + 1 > MAX_DAYS:
            raise RangeProblem(f"That's more than {MAX_DAYS} days. Please choose a year or less.")
    except RangeProblem as problem:
        return Choice(fallback.range, fallback.start, fallback.end, f"{problem} Showing the last 30 days instead.")
    return Choice(CUSTOM, first, last)


# --- words for the charts' descriptions ----------------------------------------------------------


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _listing(counts) -> str:
    return "; ".join(f"{item.word}, {_times(item.count)}" for item in counts)


def _rating(value: float | None) -> str:
    return "no rating" if value is None else charts.num(value)


def _sections(data: Patterns) -> dict:
    days = list(data.days)
    span = f"from {_day(data.start)} to {_day(data.end)}"
    sections: dict = {}

    written = charts.day_strip([(item.day, item.value > 0) for item in data.written])
    sections["days"] = {
        "chart": written,
        "title": "Days you wrote",
        "desc": f"You wrote on {data.days_written} of {_plural(data.day_count, 'day')}, {span}: "
        f"{_plural(data.entries, 'entry', 'entries')} in all. Filled squares are days you wrote.",
    }

    sections["feelings"] = {
        "chart": charts.bar_chart([(item.word, item.count) for item in data.feelings]),
        "title": "Feelings you named most",
        "desc": f"The feelings you named most, {span}: {_listing(data.feelings)}.",
    }

    new = len(data.new_words)
    vocabulary_desc = (
        f"Different feeling words you have used, counted day by day {span}. "
        f"Before {_day(data.start)} you had used {data.vocabulary_before}; by {_day(data.end)}, {data.vocabulary_now}"
    )
    if new:
        vocabulary_desc += f", with {_plural(new, 'new word')}: {', '.join(data.new_words)}."
    else:
        vocabulary_desc += ", with no new words in these days."
    sections["vocabulary"] = {
        "chart": charts.line_chart(
            days, [charts.SeriesSpec("main", "Words used so far", {i.day: i.value for i in data.vocabulary})]
        ),
        "title": "Your growing vocabulary",
        "desc": vocabulary_desc,
    }

    busiest = max(data.cant_tell, key=lambda item: item.value, default=None)
    if data.cant_tell_total and busiest is not None:
        cant_tell_desc = (
            f"Entries where you answered “can't tell”, day by day {span}: {data.cant_tell_total} in all, "
            f"on {_plural(sum(1 for i in data.cant_tell if i.value), 'day')}; "
            f"the most on one day was {busiest.value}, on {_day(busiest.day)}."
        )
    else:
        cant_tell_desc = f"You didn't answer “can't tell” in any entry {span}: every day is 0."
    sections["cant_tell"] = {
        "chart": charts.line_chart(
            days,
            [charts.SeriesSpec("main", "“Can't tell” answers", {i.day: i.value for i in data.cant_tell}, columns=True)],
        ),
        "title": "Times you answered “can't tell”",
        "desc": cant_tell_desc,
    }

    sections["unnamed"] = {
        "chart": charts.bar_chart([(item.word, item.count) for item in data.unnamed]),
        "title": "Feelings without a name yet",
        "desc": f"Entries with each answer for a feeling without a name, {span}: "
        + "; ".join(f"{item.word}, {item.count}" for item in data.unnamed)
        + ".",
        "total": sum(item.count for item in data.unnamed),
    }

    sections["needs"] = {
        "chart": charts.bar_chart([(item.word, item.count) for item in data.needs]),
        "title": "Needs you wrote most",
        "desc": f"The needs you wrote most, {span}: {_listing(data.needs)}.",
    }

    session_days = data.session_days
    for key, title, noun in (
        ("feeling", "How much you could feel, before and after", "how much you could feel"),
        ("distress", "Distress, before and after", "your distress"),
    ):
        before, after = f"{key}_before", f"{key}_after"
        rated = [s for s in data.sessions if getattr(s, before) is not None or getattr(s, after) is not None]
        sections[key] = {
            "chart": charts.line_chart(
                days,
                [
                    charts.SeriesSpec(
                        "before", "Before", {d.day: getattr(d, before) for d in session_days}, dashed=True
                    ),
                    charts.SeriesSpec(
                        "after", "After", {d.day: getattr(d, after) for d in session_days}, shape="square"
                    ),
                ],
                y_max=10,
            ),
            "title": title,
            "desc": f"Your ratings from {_plural(len(rated), 'finished exercise')} {span}, on a scale of 0 to 10. "
            f"On average {noun} was {_rating(data.mean(before))} before and {_rating(data.mean(after))} after. "
            "A day with more than one exercise shows its average.",
            "rated": rated,
            "before_mean": _rating(data.mean(before)),
            "after_mean": _rating(data.mean(after)),
        }

    sections["helped"] = {
        "chart": charts.bar_chart(
            [(item.title, item.helped) for item in data.helped],
            maxima=[item.runs for item in data.helped],
            texts=[f"{item.helped} of {item.runs}" for item in data.helped],
        ),
        "title": "Exercises that helped you feel more",
        "desc": f"How often each exercise left you able to feel more than before, {span}: "
        + "; ".join(f"{item.title}, {item.helped} of {_plural(item.runs, 'time')}" for item in data.helped)
        + ".",
    }
    return sections


@login_required
@require_safe
def patterns(request: AuthenticatedHttpRequest):
    today = request.user.local_now().date()
    choice = choose_range(request.GET, today)
    data = patterns_for(request.user, choice.start, choice.end)
    return render(
        request,
        "home/patterns.html",
        {
            "choice": choice,
            "patterns": data,
            "sections": _sections(data),
            "today": today,
            "max_days": MAX_DAYS,
        },
    )
