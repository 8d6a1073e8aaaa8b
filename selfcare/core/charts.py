"""Small SVG chart builders: plain data (coordinates as short strings) for templates to draw.

Generic on purpose: they know nothing about journals or exercises. Every builder returns a
frozen dataclass; `templates/components/chart_*.svg.html` turn them into SVG, and
`static/css/patterns.css` colours them through classes (no style attributes, for the CSP).

Sizes are in SVG user units. The charts are drawn about as wide as a phone's content column,
so one unit is close to one CSS pixel there and text stays legible; wider screens scale them
up a little, up to the cap patterns.css sets.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 320


def num(value: float) -> str:
    """A coordinate as short SVG text: one decimal at most, never "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


# --- horizontal bars ---------------------------------------------------------------------------

BAR_HEIGHT = 14
BAR_ROW = 46  # a label line above each bar, then the bar, then breathing room
BAR_TEXT_ROOM = 64  # right of the track, for the value ("3 of 4")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as words on the chart ("4", "2 of 3")
    label_y: str
    bar_y: str
    width: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    track: str  # the full length a bar could have
    bar_height: int
    bars: tuple[Bar, ...]

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    max_value: float | None = None,
    texts: Sequence[str] | None = None,
    maxima: Sequence[float] | None = None,
) -> BarChart:
    """One bar per (label, value), longest possible at `max_value` (default: the largest value).

    `maxima` gives each bar its own full length instead (a share: "2 of 3"); `texts` replaces
    the number written beside each bar.
    """
    track = WIDTH - BAR_TEXT_ROOM
    top = max((value for _, value in items), default=0)
    scale_max = max_value if max_value is not None else top
    bars = []
    for index, (label, value) in enumerate(items):
        full = maxima[index] if maxima is not None else scale_max
        share = value / full if full else 0.0
        length = track * min(max(share, 0.0), 1.0)
        if value > 0:
            length = max(length, 4.0)  # a small count still shows
        row = index * BAR_ROW
        bar_y = row + 24
        bars.append(
            Bar(
                label=label,
                value=value,
                text=texts[index] if texts is not None else num(value),
                label_y=num(row + 16),
                bar_y=num(bar_y),
                width=num(length),
                text_x=num(track + 8),
                text_y=num(bar_y + BAR_HEIGHT - 2),
            )
        )
    height = max(len(bars) * BAR_ROW, BAR_ROW)
    return BarChart(width=WIDTH, height=height, track=num(track), bar_height=BAR_HEIGHT, bars=tuple(bars))


# --- lines over dates ----------------------------------------------------------------------------

LINE_HEIGHT = 196
PLOT_LEFT = 30
PLOT_RIGHT = WIDTH - 14
PLOT_TOP = 12
PLOT_BOTTOM = LINE_HEIGHT - 30
MARKERS_UP_TO = 14  # a line through more points than this is drawn without a mark on each...
# ...unless it is sparse (a point on at most half the days), where the marks show where the data is.
COLUMN_WIDTH = 12  # at most; narrower when many days share the width
MIN_COUNT_TOP = 4
DAY_LABEL_HALF = 20  # about half the width of "30 Sep" at the axis font size


@dataclass(frozen=True)
class SeriesSpec:
    """What to draw: `key` names the CSS class (series-<key>); missing days are simply not drawn."""

    key: str
    label: str
    values: Mapping[datetime.date, float | None]
    dashed: bool = False
    shape: str = "circle"  # or "square": the series differ in more than colour
    columns: bool = False  # a column per day instead of a line: for counts, where 0 is a value too


@dataclass(frozen=True)
class Point:
    day: datetime.date
    value: float
    x: str
    y: str
    # the square marker's corner
    corner_x: str
    corner_y: str


@dataclass(frozen=True)
class Column:
    day: datetime.date
    value: float
    x: str
    y: str
    width: str
    height: str
    zero: bool  # drawn as a low stub: a counted 0, not a gap


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    dashed: bool
    shape: str
    path: str
    points: tuple[Point, ...]
    markers: bool
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class Tick:
    label: str
    position: str  # y for a value tick, x for a day tick
    anchor: str = "middle"
    day: datetime.date | None = None


@dataclass(frozen=True)
class BandSpec:
    """A shaded stretch of the value scale, e.g. a questionnaire's "moderate" band from 10 to 15."""

    low: float
    high: float
    key: str
    label: str


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    y: str
    height: str
    label_y: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    x_label_y: int
    series: tuple[Series, ...]
    bands: tuple[Band, ...] = ()

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def plot_width(self) -> int:
        return self.right - self.left


def nice_step(value: float) -> int:
    """The smallest whole 1, 2 or 5 x 10^n at or above value (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def count_scale(largest: float) -> tuple[int, list[int]]:
    """A whole-number scale from 0 that holds `largest`: (top, ticks), at most five intervals, evenly spaced."""
    if largest <= 5:
        # Never shorter than 0-4, so a single 1 reads as the small number it is.
        top = max(math.ceil(largest), MIN_COUNT_TOP)
        return top, list(range(top + 1))
    step = nice_step(largest / 5)
    top = math.ceil(largest / step) * step
    return top, list(range(0, top + 1, step))


def line_chart(
    days: Sequence[datetime.date],
    series: Sequence[SeriesSpec],
    *,
    y_max: float | None = None,
    bands: Sequence[BandSpec] = (),
) -> LineChart:
    """Lines (or columns) across consecutive days. With `y_max` (e.g. 10 for a 0-10 rating) the scale is
    fixed; otherwise it is a whole-number count scale that holds the largest value. `bands` shade
    stretches of the scale, and their edges become the value ticks."""
    if not days:
        raise ValueError("a line chart needs at least one day")
    top: float
    tick_values: Sequence[float]
    if y_max is None:
        largest = max((v for spec in series for v in spec.values.values() if v is not None), default=0)
        top, tick_values = count_scale(largest)
    elif bands:
        top, tick_values = y_max, sorted({0, y_max, *(band.low for band in bands)})
    else:
        top, tick_values = y_max, [0, y_max / 2, y_max]
    height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(days)

    def x_of(index: int) -> float:
        return PLOT_LEFT + slot * (index + 0.5)

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - height * (min(max(value, 0), top) / top if top else 0)

    column_width = min(COLUMN_WIDTH, max(slot * 0.7, 1.0))
    drawn = []
    for spec in series:
        points, columns = [], []
        for index, day in enumerate(days):
            value = spec.values.get(day)
            if value is None:
                continue
            x, y = x_of(index), y_of(value)
            points.append(Point(day, value, num(x), num(y), num(x - 4), num(y - 4)))
            if spec.columns:
                top_y = min(y, PLOT_BOTTOM - 2)
                columns.append(
                    Column(
                        day,
                        value,
                        num(x - column_width / 2),
                        num(top_y),
                        num(column_width),
                        num(PLOT_BOTTOM - top_y),
                        value == 0,
                    )
                )
        path = "" if spec.columns else " ".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(points))
        sparse = len(points) * 2 <= len(days)
        drawn.append(
            Series(
                key=spec.key,
                label=spec.label,
                dashed=spec.dashed,
                shape=spec.shape,
                path=path,
                points=tuple(points),
                markers=not spec.columns and (len(points) <= MARKERS_UP_TO or sparse),
                columns=tuple(columns),
            )
        )
    y_ticks = tuple(Tick(num(value), num(y_of(value))) for value in tick_values)
    shaded = tuple(
        Band(
            key=band.key,
            label=band.label,
            y=num(y_of(band.high)),
            height=num(y_of(band.low) - y_of(band.high)),
            label_y=num((y_of(band.low) + y_of(band.high)) / 2),
        )
        for band in bands
    )
    return LineChart(
        width=WIDTH,
        height=LINE_HEIGHT,
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        top=PLOT_TOP,
        bottom=PLOT_BOTTOM,
        y_ticks=y_ticks,
        x_ticks=_day_ticks(days, x_of),
        x_label_y=PLOT_BOTTOM + 22,
        series=tuple(drawn),
        bands=shaded,
    )


def _day_ticks(days: Sequence[datetime.date], x_of) -> tuple[Tick, ...]:
    """The first and last day, and up to two between, spread evenly (labels never collide)."""
    last = len(days) - 1
    if last == 0:
        picks = [0]
    elif last < 3:
        picks = list(range(last + 1))
    else:
        picks = sorted({0, round(last / 3), round(2 * last / 3), last})
    ticks = []
    for index in picks:
        x = x_of(index)
        # Centred under its day, unless that would run past an edge of the picture.
        anchor = "start" if x - DAY_LABEL_HALF < 0 else "end" if x + DAY_LABEL_HALF > WIDTH else "middle"
        ticks.append(Tick(label=f"{days[index].day} {days[index]:%b}", position=num(x), anchor=anchor, day=days[index]))
    return tuple(ticks)


# --- a calendar-like strip of days ---------------------------------------------------------------

WEEK_CELL, WEEK_GAP, WEEK_HEAD = 38, 6, 24
WEEKDAYS = ("M", "T", "W", "T", "F", "S", "S")
# A month to a column, days 1-31 down: 13 columns (the most a year of days can touch) fit a phone.
MONTH_CELL_W, MONTH_CELL_H, MONTH_PITCH_X, MONTH_PITCH_Y = 20, 10, 24, 13
MONTH_LABEL, MONTH_HEAD = 22, 34
CALENDAR_UP_TO = 62  # longer ranges are drawn a month to a column


@dataclass(frozen=True)
class DayCell:
    day: datetime.date
    filled: bool
    x: str
    y: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class DayStrip:
    width: int
    height: int
    cell_width: int
    cell_height: int
    radius: int
    layout: str  # "weeks" (a week to a row, Monday first) or "months" (a month to a column)
    cells: tuple[DayCell, ...]
    columns: tuple[Tick, ...]  # headings over the columns (weekdays, or months)
    column_y: int
    years: tuple[Tick, ...]  # a second heading line: the year, over the first month and each January
    rows: tuple[Tick, ...]  # headings beside the rows (days of the month, months layout)
    numbers: bool  # day-of-month numbers inside the squares

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"


def day_strip(days: Sequence[tuple[datetime.date, bool]]) -> DayStrip:
    """One square per day, filled when `True`. Up to CALENDAR_UP_TO days: a calendar with a week
    to a row and the date in each square; more: a month to a column, so even a year fits a phone."""
    if not days:
        raise ValueError("a day strip needs at least one day")
    if len(days) <= CALENDAR_UP_TO:
        return _weeks(days)
    return _months(days)


def _weeks(days: Sequence[tuple[datetime.date, bool]]) -> DayStrip:
    first = days[0][0]
    monday = first - datetime.timedelta(days=first.weekday())
    pitch = WEEK_CELL + WEEK_GAP
    cells = []
    for day, filled in days:
        row = (day - monday).days // 7
        x, y = day.weekday() * pitch, WEEK_HEAD + row * pitch
        cells.append(DayCell(day, filled, num(x), num(y), num(x + WEEK_CELL / 2), num(y + WEEK_CELL / 2 + 5)))
    rows = (days[-1][0] - monday).days // 7 + 1
    columns = tuple(Tick(label, num(index * pitch + WEEK_CELL / 2)) for index, label in enumerate(WEEKDAYS))
    return DayStrip(
        width=7 * pitch - WEEK_GAP,
        height=WEEK_HEAD + rows * pitch - WEEK_GAP,
        cell_width=WEEK_CELL,
        cell_height=WEEK_CELL,
        radius=8,
        layout="weeks",
        cells=tuple(cells),
        columns=columns,
        column_y=16,
        years=(),
        rows=(),
        numbers=True,
    )


def _months(days: Sequence[tuple[datetime.date, bool]]) -> DayStrip:
    months: list[tuple[int, int]] = []
    cells = []
    for day, filled in days:
        key = (day.year, day.month)
        if not months or months[-1] != key:
            months.append(key)
        x = MONTH_LABEL + (len(months) - 1) * MONTH_PITCH_X
        y = MONTH_HEAD + (day.day - 1) * MONTH_PITCH_Y
        cells.append(DayCell(day, filled, num(x), num(y), num(x + MONTH_CELL_W / 2), num(y + MONTH_CELL_H / 2)))
    columns, years = [], []
    for index, (year, month) in enumerate(months):
        first = datetime.date(year, month, 1)
        centre = num(MONTH_LABEL + index * MONTH_PITCH_X + MONTH_CELL_W / 2)
        columns.append(Tick(f"{first:%b}", centre, day=first))
        if index == 0 or month == 1:
            years.append(Tick(str(year), centre, day=first))
    rows = tuple(
        Tick(str(number), num(MONTH_HEAD + (number - 1) * MONTH_PITCH_Y + MONTH_CELL_H), anchor="end")
        for number in (1, 10, 20, 31)
    )
    return DayStrip(
        width=MONTH_LABEL + len(months) * MONTH_PITCH_X - (MONTH_PITCH_X - MONTH_CELL_W),
        height=MONTH_HEAD + 31 * MONTH_PITCH_Y - (MONTH_PITCH_Y - MONTH_CELL_H),
        cell_width=MONTH_CELL_W,
        cell_height=MONTH_CELL_H,
        radius=2,
        layout="months",
        cells=tuple(cells),
        columns=tuple(columns),
        column_y=12,
        years=tuple(years),
        rows=rows,
        numbers=False,
    )


# --- a chart card: heading, chart, its table, or one kind sentence instead -------------------------


@dataclass(frozen=True)
class ChartSection:
    """Everything `templates/components/chart_section.html` draws for one chart card: a heading, an
    optional note, the chart (described in words), and the same numbers as a table; or, when `empty`
    is set, that sentence instead of the chart and the table."""

    heading_id: str
    chart_id: str  # the SVG's title and desc ids start with it
    title: str
    kind: str  # "days", "bars" or "lines": which components/chart_<kind>.svg.html draws `chart`
    chart: DayStrip | BarChart | LineChart
    desc: str  # the chart in words (its SVG <desc>)
    caption: str
    columns: tuple[str, ...]  # an empty header is read out as "Note"
    rows: tuple[tuple[object, ...], ...]  # the first cell heads its row
    note: str = ""  # plain text, or markup made with format_html
    empty: str = ""  # plain text, or markup made with format_html
    heading_level: int = 2

    @property
    def chart_template(self) -> str:
        return f"components/chart_{self.kind}.svg.html"
