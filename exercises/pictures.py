"""Pictures drawn on the server from a session's answers: the body map and the mood sketch.

Both return plain data that a template turns into SVG, with a text alternative.
"""

from __future__ import annotations

import math
import random
import struct
from dataclasses import dataclass

from exercises.content import BODY_REGIONS, SHAPE_NAMES, Step

# Front-view shapes for each region, in a 200 x 400 viewBox: (element, attributes).
REGION_SHAPES: dict[str, list[tuple[str, dict]]] = {
    "back": [("rect", {"x": 58, "y": 90, "width": 84, "height": 108, "rx": 14})],
    "head": [("circle", {"cx": 100, "cy": 38, "r": 28})],
    "face": [("ellipse", {"cx": 100, "cy": 44, "rx": 15, "ry": 17})],
    "throat": [("rect", {"x": 91, "y": 66, "width": 18, "height": 16, "rx": 4})],
    "shoulders": [("rect", {"x": 50, "y": 80, "width": 100, "height": 16, "rx": 8})],
    "chest": [("rect", {"x": 66, "y": 98, "width": 68, "height": 48, "rx": 10})],
    "stomach": [("rect", {"x": 70, "y": 148, "width": 60, "height": 44, "rx": 10})],
    "arms": [
        ("rect", {"x": 34, "y": 98, "width": 20, "height": 100, "rx": 9}),
        ("rect", {"x": 146, "y": 98, "width": 20, "height": 100, "rx": 9}),
    ],
    "hands": [("circle", {"cx": 44, "cy": 210, "r": 11}), ("circle", {"cx": 156, "cy": 210, "r": 11})],
    "hips": [("rect", {"x": 68, "y": 194, "width": 64, "height": 26, "rx": 9})],
    "legs": [
        ("rect", {"x": 72, "y": 222, "width": 24, "height": 128, "rx": 10}),
        ("rect", {"x": 104, "y": 222, "width": 24, "height": 128, "rx": 10}),
    ],
    "feet": [
        ("ellipse", {"cx": 82, "cy": 360, "rx": 17, "ry": 9}),
        ("ellipse", {"cx": 118, "cy": 360, "rx": 17, "ry": 9}),
    ],
}
NOTHING = "nothing at all"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The drawing area is 640 x 440 (templates/exercises/steps/drawing.html); room for a sharper screen's copy.
MAX_DRAWING_SIDE = 2048


def png_size(raw: bytes) -> tuple[int, int] | None:
    """(width, height) a PNG declares in its IHDR header, read without decoding a pixel; None if it has none.

    A few kilobytes can declare a picture of billions of pixels (a decompression bomb) that every
    browser or PDF renderer showing it would try to unpack, so a drawing is judged by this, not its bytes.
    """
    # Signature, then the first chunk: length 13, type IHDR, width, height (big-endian).
    if len(raw) < 24 or not raw.startswith(PNG_SIGNATURE) or raw[8:16] != b"\x00\x00\x00\x0dIHDR":
        return None
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def drawing_fits(raw: bytes) -> bool:
    """A PNG no larger than a drawing made on the page can be."""
    size = png_size(raw)
    return size is not None and 0 < size[0] <= MAX_DRAWING_SIDE and 0 < size[1] <= MAX_DRAWING_SIDE


@dataclass(frozen=True)
class Region:
    name: str
    shapes: list[tuple[str, dict]]
    sensations: list[str]
    feeling: str

    @property
    def noticed(self) -> bool:
        return any(s != NOTHING for s in self.sensations)


def body_map(steps: list[Step], answers: dict) -> dict:
    """Regions in drawing order, each marked when something was noticed there."""
    found: dict[str, dict] = {}
    for step in steps:
        if step.type == "body-map" and isinstance(answers.get(step.key), dict):
            found[step.region] = answers[step.key]
    regions = [
        Region(
            name=name,
            shapes=REGION_SHAPES[name],
            sensations=list(found.get(name, {}).get("sensations", [])),
            feeling=found.get(name, {}).get("feeling", ""),
        )
        for name in REGION_SHAPES
    ]
    described = [r for r in sorted(regions, key=lambda r: BODY_REGIONS.index(r.name)) if r.name in found]
    noticed = [r for r in described if r.noticed]
    summary = (
        "Sensations noticed in: " + ", ".join(r.name for r in noticed) + "."
        if noticed
        else "Nothing particular was noticed this time, which is a real answer too."
    )
    return {"regions": regions, "described": described, "summary": summary}


def mood_sketch(steps: list[Step], answers: dict, seed: int) -> dict:
    """A small abstract picture from the chosen colours and shapes, the same every time for one session."""
    chosen = palette(steps, answers) or [("#9aa5ad", "quiet grey")]
    shapes = [s for s in answers.get("shapes", []) if s in SHAPE_NAMES] or ["circle"]
    rng = random.Random(seed)
    items = []
    for index, shape in enumerate(shapes):
        colour = chosen[index % len(chosen)][0]
        for _ in range(2 if shape not in {"dots", "line"} else 1):
            items.extend(_draw(shape, colour, rng))
    colour_words = [label for _, label in chosen]
    description = f"An abstract picture in {', '.join(colour_words)}, made of {', '.join(shapes)} shapes."
    drawing_step = next((s for s in steps if s.type == "drawing"), None)
    drawing = answers.get(drawing_step.key, "") if drawing_step else ""
    return {
        "background": chosen[0][0],
        "items": items,
        "description": description,
        "title": answers.get("title", ""),
        "drawing": drawing,
        "palette": [colour for colour, _ in chosen],
    }


def palette(steps: list[Step], answers: dict) -> list[tuple[str, str]]:
    """(colour, label) pairs the person chose in a colours step, for drawing with."""
    colour_step = next((s for s in steps if s.key == "colours"), None)
    if colour_step is None:
        return []
    labels = {o.value: (o.colour, o.label) for o in colour_step.options}
    return [labels[v] for v in answers.get("colours", []) if v in labels]


def _draw(shape: str, colour: str, rng: random.Random) -> list[dict]:
    x, y = rng.uniform(30, 290), rng.uniform(30, 170)
    if shape == "circle":
        return [{"kind": "circle", "cx": x, "cy": y, "r": rng.uniform(12, 34), "fill": colour}]
    if shape == "square":
        size = rng.uniform(18, 46)
        return [{"kind": "rect", "x": x - size / 2, "y": y - size / 2, "size": size, "fill": colour}]
    if shape == "cloud":
        return [
            {"kind": "circle", "cx": x + dx, "cy": y + dy, "r": r, "fill": colour}
            for dx, dy, r in ((-16, 4, 14), (0, -6, 18), (18, 4, 14))
        ]
    if shape == "dots":
        return [
            {"kind": "circle", "cx": rng.uniform(10, 310), "cy": rng.uniform(10, 190), "r": 3.5, "fill": colour}
            for _ in range(18)
        ]
    if shape == "line":
        return [{"kind": "path", "d": f"M10 {y:.1f} L310 {rng.uniform(20, 180):.1f}", "stroke": colour}]
    if shape == "wave":
        points = [f"{10 + i * 10:.1f} {y + 14 * math.sin(i / 2):.1f}" for i in range(31)]
        return [{"kind": "path", "d": "M" + " L".join(points), "stroke": colour}]
    if shape == "zigzag":
        points = [f"{x - 60 + i * 15:.1f} {y + (12 if i % 2 else -12):.1f}" for i in range(9)]
        return [{"kind": "path", "d": "M" + " L".join(points), "stroke": colour}]
    # spiral
    points = []
    for i in range(60):
        angle = i / 4
        radius = 2 + i * 0.55
        points.append(f"{x + radius * math.cos(angle):.1f} {y + radius * math.sin(angle):.1f}")
    return [{"kind": "path", "d": "M" + " L".join(points), "stroke": colour}]


def answer_rows(steps: list[Step], answers: dict, *, skip_types: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(question, answer in words) for every step that collected something, in order."""
    rows = []
    for step in steps:
        if not step.collects_answer or step.key not in answers or step.type in skip_types + ("drawing",):
            continue
        value = answers[step.key]
        text = _in_words(step, value)
        if text:
            rows.append((step.label or step.title, text))
    return rows


def _in_words(step: Step, value) -> str:
    if step.type == "timer" and isinstance(value, dict):
        seconds = value.get("seconds") or 0
        return f"{value.get('minutes')} minutes chosen, {seconds // 60} min {seconds % 60} s spent"
    if step.type == "senses-count":
        return ", ".join(value) if value else "Done"
    if step.type == "body-map" and isinstance(value, dict):
        parts = ", ".join(value.get("sensations", [])) or "nothing ticked"
        return parts + (f"; perhaps {value['feeling']}" if value.get("feeling") else "")
    if step.type == "feelings-pick" and isinstance(value, dict):
        words = list(value.get("words", [])) + ([value["free"]] if value.get("free") else [])
        text = ", ".join(words)
        if value.get("intensity") is not None:
            text += f" (strength {value['intensity']} of 10)"
        if value.get("body"):
            text += f", noticed in the {value['body']}"
        return text
    if step.type == "choice":
        labels = {o.value: o.label for o in step.options}
        values: list[str] = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values if v)
    if value is None or value == "":
        return ""
    return str(value)
