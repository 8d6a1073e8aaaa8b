"""The Patterns page: charts of a person's own journal and practice over a range of their days."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.views.decorators.http import require_safe

from selfcare.core import charts
from selfcare.core.charts import ChartSection
from selfcare.core.http import AuthenticatedHttpRequest
from selfcare.home.patterns import DEFAULT_DAYS, MAX_DAYS, Count, DayValue, Patterns, last_days, patterns_for

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


def _listing(counts: Sequence[Count]) -> str:
    return "; ".join(f"{item.word}, {_times(item.count)}" for item in counts)


def _rating(value: float | None) -> str:
    return "no rating" if value is None else charts.num(value)


def _or_dash(value: int | None) -> int | str:
    return "–" if value is None else value


NO_RATINGS = "No finished exercises with ratings in these days."


def _in_days(values: Sequence[DayValue]) -> tuple[tuple[str, int], ...]:
    return tuple((date_format(item.day, "D j M Y"), item.value) for item in values)


def _counted(counts: Sequence[Count]) -> tuple[tuple[str, int], ...]:
    return tuple((item.word, item.count) for item in counts)


def _card(
    key: str,
    title: str,
    kind: str,
    chart: charts.DayStrip | charts.BarChart | charts.LineChart,
    desc: str,
    caption: str,
    columns: Sequence[str],
    rows: Iterable[tuple[object, ...]],
    *,
    note: str = "",
    empty: str = "",
) -> ChartSection:
    """One Patterns card: its heading and chart ids follow from `key`."""
    return ChartSection(
        heading_id=f"{key}-heading",
        chart_id=f"{key}-chart",
        title=title,
        kind=kind,
        chart=chart,
        desc=desc,
        caption=caption,
        columns=tuple(columns),
        rows=tuple(rows),
        note=note,
        empty=empty,
    )


def _most(key: str, title: str, column: str, counts: Sequence[Count], span: str, empty: str) -> ChartSection:
    """A top list (feelings named, needs written) as bars, with how many entries named each."""
    return _card(
        key,
        title,
        "bars",
        charts.bar_chart(_counted(counts)),
        f"The {title[0].lower()}{title[1:]}, {span}: {_listing(counts)}.",
        f"{title}, with how many entries named each",
        (column, "Entries"),
        _counted(counts),
        empty="" if counts else empty,
    )


def _sections(data: Patterns) -> list[ChartSection]:
    """Every card of the Patterns page, in order, with the words, the chart and the table each one shows."""
    days = list(data.days)
    span = f"from {_day(data.start)} to {_day(data.end)}"
    nothing_written = not data.entries
    sections: list[ChartSection] = []

    title = "Days you wrote"
    sections.append(
        _card(
            "days",
            title,
            "days",
            charts.day_strip([(item.day, item.value > 0) for item in data.written]),
            f"You wrote on {data.days_written} of {_plural(data.day_count, 'day')}, {span}: "
            f"{_plural(data.entries, 'entry', 'entries')} in all. Filled squares are days you wrote.",
            f"{title}, day by day",
            ("Day", "Entries"),
            _in_days(data.written),
            note=format_html(
                "You wrote on <strong>{}</strong> of {}.", data.days_written, _plural(data.day_count, "day")
            ),
            empty="Nothing written in these days yet. When you write in your journal, the days you wrote show here. "
            "Any day is a fine day to start, and a missed day is just a day."
            if nothing_written
            else "",
        )
    )

    sections.append(
        _most(
            "feelings",
            "Feelings you named most",
            "Feeling",
            data.feelings,
            span,
            "No feelings named in these days. When you give a feeling a name, even a small one, it gathers here. "
            "Answers like “numb” or “can't tell” have their own place below.",
        )
    )

    new = len(data.new_words)
    vocabulary_desc = (
        f"Different feeling words you have used, counted day by day {span}. "
        f"Before {_day(data.start)} you had used {data.vocabulary_before}; by {_day(data.end)}, {data.vocabulary_now}"
    )
    if new:
        vocabulary_desc += f", with {_plural(new, 'new word')}: {', '.join(data.new_words)}."
    else:
        vocabulary_desc += ", with no new words in these days."
    sections.append(
        _card(
            "vocabulary",
            "Your growing vocabulary",
            "lines",
            charts.line_chart(
                days, [charts.SeriesSpec("main", "Words used so far", {i.day: i.value for i in data.vocabulary})]
            ),
            vocabulary_desc,
            "Different feeling words used so far, at the end of each day "
            f"(before these days: {data.vocabulary_before})",
            ("Day", "Words so far"),
            _in_days(data.vocabulary),
            note=format_html(
                "You have used <strong>{}</strong> different feeling word{}{}.",
                data.vocabulary_now,
                "" if data.vocabulary_now == 1 else "s",
                f", {new} of them new in these days" if new else "",
            ),
            empty=""
            if data.vocabulary_now
            else "No feeling words yet. Each new word you use will add to this line, and it only ever grows.",
        )
    )

    busiest = max(data.cant_tell, key=lambda item: item.value, default=None)
    if data.cant_tell_total and busiest is not None:
        cant_tell_desc = (
            f"Entries where you answered “can't tell”, day by day {span}: {data.cant_tell_total} in all, "
            f"on {_plural(sum(1 for i in data.cant_tell if i.value), 'day')}; "
            f"the most on one day was {busiest.value}, on {_day(busiest.day)}."
        )
        cant_tell_note: str = format_html(
            "“Can't tell” is an honest answer, and it counts. You gave it in <strong>{}</strong> {}.",
            data.cant_tell_total,
            "entry" if data.cant_tell_total == 1 else "entries",
        )
    else:
        cant_tell_desc = f"You didn't answer “can't tell” in any entry {span}: every day is 0."
        cant_tell_note = "“Can't tell” is an honest answer, and it counts. You didn't need it in these days."
    sections.append(
        _card(
            "cant-tell",
            "Times you answered “can't tell”",
            "lines",
            charts.line_chart(
                days,
                [
                    charts.SeriesSpec(
                        "main", "“Can't tell” answers", {i.day: i.value for i in data.cant_tell}, columns=True
                    )
                ],
            ),
            cant_tell_desc,
            "Entries with “can't tell”, day by day",
            ("Day", "Entries"),
            _in_days(data.cant_tell),
            note=cant_tell_note,
            empty="Nothing written in these days yet. If a feeling has no name when you write, “can't tell” is a "
            "real answer, and it will show here."
            if nothing_written
            else "",
        )
    )

    if nothing_written:
        unnamed_empty = (
            "Nothing written in these days yet. Numb, flat, far away and can't tell are all honest answers; "
            "when you use them, they are counted here."
        )
    elif not sum(item.count for item in data.unnamed):
        unnamed_empty = "None of your entries in these days used numb, flat, far away or can't tell."
    else:
        unnamed_empty = ""
    sections.append(
        _card(
            "unnamed",
            "Feelings without a name yet",
            "bars",
            charts.bar_chart(_counted(data.unnamed)),
            f"Entries with each answer for a feeling without a name, {span}: "
            + "; ".join(f"{item.word}, {item.count}" for item in data.unnamed)
            + ".",
            "Entries with each answer for a feeling without a name",
            ("Answer", "Entries"),
            _counted(data.unnamed),
            empty=unnamed_empty,
        )
    )

    sections.append(
        _most(
            "needs",
            "Needs you wrote most",
            "Need",
            data.needs,
            span,
            "No needs written in these days. When an entry names what you needed, it gathers here.",
        )
    )

    session_days = data.session_days
    for key, title, noun, zero in (
        ("feeling", "How much you could feel, before and after", "how much you could feel", "nothing at all"),
        ("distress", "Distress, before and after", "your distress", "no distress"),
    ):
        before, after = f"{key}_before", f"{key}_after"
        rated = [s for s in data.sessions if getattr(s, before) is not None or getattr(s, after) is not None]
        before_mean, after_mean = _rating(data.mean(before)), _rating(data.mean(after))
        sections.append(
            _card(
                key,
                title,
                "lines",
                charts.line_chart(
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
                f"Your ratings from {_plural(len(rated), 'finished exercise')} {span}, on a scale of 0 to 10. "
                f"On average {noun} was {before_mean} before and {after_mean} after. "
                "A day with more than one exercise shows its average.",
                f"{title}, each finished exercise, from 0 to 10",
                ("Finished", "Exercise", "Before", "After"),
                (
                    (
                        date_format(localtime(s.finished_at), "D j M, H:i"),
                        s.title,
                        _or_dash(getattr(s, before)),
                        _or_dash(getattr(s, after)),
                    )
                    for s in rated
                ),
                note=format_html(
                    "On average <strong>{}</strong> before and <strong>{}</strong> after, out of 10 (0 is {}).",
                    before_mean,
                    after_mean,
                    zero,
                ),
                empty="" if rated else f"{NO_RATINGS} After an exercise, your before and after ratings show here.",
            )
        )

    title = "Exercises that helped you feel more"
    sections.append(
        _card(
            "helped",
            title,
            "bars",
            charts.bar_chart(
                [(item.title, item.helped) for item in data.helped],
                maxima=[item.runs for item in data.helped],
                texts=[f"{item.helped} of {item.runs}" for item in data.helped],
            ),
            f"How often each exercise left you able to feel more than before, {span}: "
            + "; ".join(f"{item.title}, {item.helped} of {_plural(item.runs, 'time')}" for item in data.helped)
            + ".",
            f"{title}: runs with both ratings, and how many ended with more feeling",
            ("Exercise", "Helped", "Runs"),
            ((item.title, item.helped, item.runs) for item in data.helped),
            note="Times you could feel more after an exercise than before it. Every run counts, the quiet ones too.",
            empty=""
            if data.helped
            else format_html(
                '{} <a href="{}">The exercises</a> are here whenever you\'d like one.',
                NO_RATINGS,
                reverse("exercises:list"),
            ),
        )
    )
    return sections


@login_required
@require_safe
def patterns(request: AuthenticatedHttpRequest) -> HttpResponse:
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
