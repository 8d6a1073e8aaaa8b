"""Check-ins and questionnaire totals over time, as charts with shaded bands and a table for each.

Used by the person's own Trends page and by the therapist's shared page; both hand in the owner
and the dates, and everything here is read for that owner and those dates only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from selfcare.checkins import instruments, thresholds
from selfcare.checkins.models import CheckIn, ScreenerResult
from selfcare.core import charts, datacache

IMPACT_WORDS = {0: "none", 1: "a little", 2: "a lot"}
RANGES = (30, 90, 365)  # days to look back on the Trends page
DEFAULT_RANGE = 90  # questionnaires come every two weeks: a season shows a shape


def chosen_days(raw: str | None) -> int:
    """?days=30|90|365; anything else is the default."""
    return int(raw) if raw in {str(days) for days in RANGES} else DEFAULT_RANGE


@dataclass(frozen=True)
class Trend:
    key: str  # an id for the chart's title and description
    title: str
    description: str  # what the chart shows, in words (its SVG <desc>)
    chart: charts.LineChart
    columns: tuple[str, ...]  # the table alternative
    rows: tuple[tuple[str, ...], ...]
    note: str = ""

    @property
    def section(self) -> charts.ChartSection:
        """This trend as a chart card (components/chart_section.html), under a page's second-level heading."""
        return charts.ChartSection(
            heading_id=f"trend-{self.key}-heading",
            chart_id=f"trend-{self.key}",
            title=self.title,
            kind="lines",
            chart=self.chart,
            desc=self.description,
            caption=self.title,
            columns=self.columns,
            rows=self.rows,
            note=self.note,
            heading_level=3,
        )


@dataclass(frozen=True)
class Trends:
    start: datetime.date
    end: datetime.date
    items: tuple[Trend, ...]

    @property
    def is_empty(self) -> bool:
        return not self.items


def _day(day: datetime.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _checkin_trend(days: list[datetime.date], checkins: list[CheckIn]) -> Trend:
    numbness = {c.date: c.numbness for c in checkins}
    connection = {c.date: c.connection for c in checkins}
    chart = charts.line_chart(
        days,
        [
            charts.SeriesSpec("numbness", "Numbness", numbness),
            charts.SeriesSpec("connection", "Connection to people", connection, dashed=True, shape="square"),
        ],
        y_max=10,
        bands=[
            charts.BandSpec(thresholds.HIGH_NUMBNESS, 10, "high", "Very numb (7 and up)"),
        ],
    )
    high = sum(c.numbness >= thresholds.HIGH_NUMBNESS for c in checkins)
    description = (
        f"{len(checkins)} check-ins between {_day(days[0])} and {_day(days[-1])}. "
        f"Numbness was 7 or more on {high} of them. The table below lists every check-in."
    )
    rows = tuple(
        (
            _day(c.date),
            str(c.numbness),
            str(c.connection),
            IMPACT_WORDS[c.impact_work],
            IMPACT_WORDS[c.impact_relationships],
            IMPACT_WORDS[c.impact_selfcare],
        )
        for c in checkins
    )
    return Trend(
        key="checkins",
        title="Daily check-ins: numbness and connection (0 to 10)",
        description=description,
        chart=chart,
        columns=("Day", "Numbness", "Connection", "Work or study", "Relationships", "Looking after yourself"),
        rows=rows,
        note="A self-check, not a clinical test. The shaded stretch marks very numb days.",
    )


def _band_specs(instrument: instruments.Instrument) -> list[charts.BandSpec]:
    bands = instrument.bands
    top = instrument.max_score
    specs = []
    for index, band in enumerate(bands):
        high = bands[index + 1].low if index + 1 < len(bands) else top
        specs.append(charts.BandSpec(band.low, high, band.key, band.label))
    return specs


def _band_label(instrument: instruments.Instrument, score: int | None) -> str:
    band = instrument.band(score)
    return band.label if band else ""


def _questionnaire_trend(
    instrument: instruments.Instrument, days: list[datetime.date], results: list[tuple[datetime.date, ScreenerResult]]
) -> Trend:
    values = {day: result.score for day, result in results}  # the latest of a day wins
    chart = charts.line_chart(
        days,
        [charts.SeriesSpec(instrument.slug, instrument.name, values)],
        y_max=instrument.max_score,
        bands=_band_specs(instrument),
    )
    latest_day, latest = results[-1]
    latest_band = instrument.band(latest.score)
    description = (
        f"{len(results)} {instrument.name} results between {_day(days[0])} and {_day(days[-1])}, "
        f"on a scale of 0 to {instrument.max_score}. The latest, on {_day(latest_day)}, was {latest.score}"
        f"{f' ({latest_band.label.lower()})' if latest_band else ''}."
    )
    rows = tuple(
        (
            _day(day),
            str(result.score),
            _band_label(instrument, result.score),
            "Retaken early" if result.retaken_early else "",
        )
        for day, result in results
    )
    return Trend(
        key=instrument.slug,
        title=f"{instrument.name}: {instrument.title.lower()} (0 to {instrument.max_score})",
        description=description,
        chart=chart,
        columns=("Day", "Total", "Band", ""),
        rows=rows,
        note=(
            "Higher means better well-being."
            if instrument.slug == instruments.WHO5
            else "A screening result, not a diagnosis. The shaded bands show where each range begins."
        ),
    )


def trends_for(user, start: datetime.date, end: datetime.date) -> Trends:
    """Every chart with data between start and end (the owner's local dates): kept until the
    person's next write (core/datacache.py), else worked out in two queries."""
    return datacache.remember(user, "trends", (start, end, user.time_zone), lambda: _work_out(user, start, end))


def _work_out(user, start: datetime.date, end: datetime.date) -> Trends:
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    checkins = list(CheckIn.objects.filter(owner=user, date__gte=start, date__lte=end).order_by("date"))
    zone = user.zone
    first = datetime.datetime.combine(start, datetime.time.min, zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    completed = (
        ScreenerResult.objects.owned_by(user)
        .complete()
        .filter(
            instrument__in=(*instruments.SCREENERS, instruments.D_ITEM),
            completed_at__gte=first,
            completed_at__lt=after,
        )
        .only("id", "instrument", "score", "completed_at", "retaken_early")
        .order_by("completed_at")
    )
    by_instrument: dict[str, list[tuple[datetime.date, ScreenerResult]]] = {}
    for result in completed:
        by_instrument.setdefault(result.instrument, []).append((result.completed_at.astimezone(zone).date(), result))
    items = []
    if checkins:
        items.append(_checkin_trend(days, checkins))
    for slug in (*instruments.SCREENERS, instruments.D_ITEM):
        if slug in by_instrument:
            items.append(_questionnaire_trend(instruments.instruments()[slug], days, by_instrument[slug]))
    return Trends(start, end, tuple(items))
