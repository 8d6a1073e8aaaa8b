"""The feelings wheel as SVG geometry: one annular sector per vocabulary word.

Pure arithmetic over `journal.feelings.vocabulary()`; the template
`exercises/wheel.svg.html` draws the result and `static/js/wheel.js` makes it operable.

Angles are degrees, clockwise from twelve o'clock. Every most-specific word gets the same
angle; a specific word spans its own words, a core spans its specific words, so each
child's span sits inside its parent's. Labels run radially (reading outwards on the right
half of the wheel and inwards on the left, so none is upside down).
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass
from functools import cache

from journal.feelings import TEXT_COLOUR, contrast_ratio, vocabulary

SIZE = 600
CENTRE = SIZE / 2
VIEWBOX = f"0 0 {SIZE} {SIZE}"
# (inner, outer) radius of each ring, indexed by ring number (1 core, 2 specific, 3 most specific).
# The widths fit the longest word of each ring in DejaVu Sans, about the widest common sans-serif
# (the browser test measures every label).
RINGS = {1: (20.0, 120.0), 2: (120.0, 209.0), 3: (209.0, 298.0)}
FONT_SIZES = {1: 16.5, 2: 12.0, 3: 11.0}
# How much of white each ring mixes into its core colour: outer rings are paler.
LIGHTEN = {1: 0.0, 2: 0.3, 3: 0.55}
DARKEN_CHECKED = 0.12  # how much darker (HLS lightness) a chosen segment is, less if contrast needs it
MIN_CONTRAST = 4.5
MARK_INSET = 3.0  # the chosen outline sits this far inside its segment, so neighbours never cover it
ZOOM_PADDING_DEGREES = 3.0
ZOOM_MARGIN = 8.0


@dataclass(frozen=True)
class Segment:
    word: str
    meaning: str
    ring: int
    core: str
    parent: str  # "" for a core
    start: float  # degrees clockwise from twelve o'clock
    end: float
    inner: float  # radii
    outer: float
    d: str  # the annular sector
    mark: str  # the same sector, inset: the outline drawn when the word is chosen
    label_x: float
    label_y: float
    label_rotate: float
    font_size: float
    fill: str
    fill_checked: str
    up: str  # the child straight outwards (nearest the middle of this span), "" on the outer ring
    zoom: str  # for cores: a square viewBox around the core and everything outside it; "" otherwise

    @property
    def mid(self) -> float:
        return (self.start + self.end) / 2

    @property
    def label_transform(self) -> str:
        return f"rotate({_num(self.label_rotate)} {_num(self.label_x)} {_num(self.label_y)})"


# --- small helpers -------------------------------------------------------------------------------


def _num(value: float) -> str:
    """A coordinate as short SVG text: two decimals at most, no trailing zeros, never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def point(radius: float, degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return CENTRE + radius * math.sin(radians), CENTRE - radius * math.cos(radians)


def _xy(radius: float, degrees: float) -> str:
    x, y = point(radius, degrees)
    return f"{_num(x)} {_num(y)}"


def sector_path(inner: float, outer: float, start: float, end: float) -> str:
    """An annular sector: out along `start`, clockwise round the outer arc, back round the inner one."""
    return _sector(inner, outer, (start, end), (start, end))


def _sector(inner: float, outer: float, outer_span: tuple[float, float], inner_span: tuple[float, float]) -> str:
    large_outer = 1 if outer_span[1] - outer_span[0] > 180 else 0
    large_inner = 1 if inner_span[1] - inner_span[0] > 180 else 0
    r_out, r_in = _num(outer), _num(inner)
    return (
        f"M{_xy(outer, outer_span[0])}"
        f"A{r_out} {r_out} 0 {large_outer} 1 {_xy(outer, outer_span[1])}"
        f"L{_xy(inner, inner_span[1])}"
        f"A{r_in} {r_in} 0 {large_inner} 0 {_xy(inner, inner_span[0])}Z"
    )


def inset_path(inner: float, outer: float, start: float, end: float, inset: float = MARK_INSET) -> str:
    """The sector shrunk by `inset` on every side (the angular inset is worked out per radius)."""
    inner, outer = inner + inset, outer - inset
    at_outer = math.degrees(inset / outer)
    at_inner = math.degrees(inset / inner)
    return _sector(inner, outer, (start + at_outer, end - at_outer), (start + at_inner, end - at_inner))


def _mix(colour: str, other: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def ring_fill(colour: str, ring: int) -> str:
    return _mix(colour, "#ffffff", LIGHTEN[ring])


def checked_fill(colour: str) -> str:
    """A deeper shade of `colour` (same hue, darker, a little richer) that still carries the label colour."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    darker = DARKEN_CHECKED
    while darker > 0:
        rgb = colorsys.hls_to_rgb(hue, lightness - darker, min(1.0, saturation * 1.15))
        shade = "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
        if contrast_ratio(shade, TEXT_COLOUR) >= MIN_CONTRAST + 0.1 and shade != colour:
            return shade
        darker = round(darker - 0.01, 2)
    return _mix(colour, "#000000", 0.08)


def _label(ring: int, start: float, end: float) -> tuple[float, float, float]:
    inner, outer = RINGS[ring]
    mid = (start + end) / 2
    x, y = point((inner + outer) / 2, mid)
    # rotate(mid - 90) lays the text along the radius, reading outwards; on the left half that
    # would be upside down, so turn it half round (mid + 90, less a full turn) to read inwards.
    rotate = mid - 90 if mid <= 180 else mid - 270
    return x, y, rotate


def zoom_box(start: float, end: float) -> str:
    """A square viewBox holding the wedge from the centre hole to the rim between `start` and `end`."""
    start, end = start - ZOOM_PADDING_DEGREES, end + ZOOM_PADDING_DEGREES
    inner, outer = RINGS[1][0], RINGS[3][1]
    angles = [start, end] + [a for a in range(0, 721, 90) if start < a < end]
    points = [point(radius, angle) for angle in angles for radius in (inner, outer)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    side = max(right - left, bottom - top) + 2 * ZOOM_MARGIN
    x = (left + right) / 2 - side / 2
    y = (top + bottom) / 2 - side / 2
    # Slide the square back inside the picture where it can go (it is never wider than the picture).
    x = min(max(x, 0), SIZE - side) if side <= SIZE else (SIZE - side) / 2
    y = min(max(y, 0), SIZE - side) if side <= SIZE else (SIZE - side) / 2
    return " ".join(_num(v) for v in (x, y, side, side))


# --- the wheel -----------------------------------------------------------------------------------


@cache
def segments() -> tuple[Segment, ...]:
    """One segment per vocabulary word, in wheel order (each core, its specific words, their words)."""
    words = vocabulary()
    leaves = len(words.ring(3))
    step = 360 / leaves
    spans: dict[str, tuple[float, float]] = {}
    angle = 0.0
    for core in words.cores:
        core_start = angle
        for specific in words.children(core.word):
            specific_start = angle
            for finest in words.children(specific.word):
                spans[finest.word] = (angle, angle + step)
                angle += step
            spans[specific.word] = (specific_start, angle)
        spans[core.word] = (core_start, angle)

    result = []
    for feeling in words.all():
        start, end = spans[feeling.word]
        inner, outer = RINGS[feeling.ring]
        x, y, rotate = _label(feeling.ring, start, end)
        children = words.children(feeling.word)
        mid = (start + end) / 2
        up = min(children, key=lambda c: abs(sum(spans[c.word]) / 2 - mid)).word if children else ""
        result.append(
            Segment(
                word=feeling.word,
                meaning=feeling.meaning,
                ring=feeling.ring,
                core=feeling.core,
                parent=feeling.parent,
                start=start,
                end=end,
                inner=inner,
                outer=outer,
                d=sector_path(inner, outer, start, end),
                mark=inset_path(inner, outer, start, end),
                label_x=round(x, 2),
                label_y=round(y, 2),
                label_rotate=round(rotate, 2),
                font_size=FONT_SIZES[feeling.ring],
                fill=ring_fill(feeling.colour, feeling.ring),
                fill_checked=checked_fill(feeling.colour),
                up=up,
                zoom=zoom_box(start, end) if feeling.ring == 1 else "",
            )
        )
    return tuple(result)
