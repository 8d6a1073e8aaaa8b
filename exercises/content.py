"""Exercise definitions: one TOML file per exercise in exercises/content/.

A definition is a list of typed steps. The runner wraps every exercise in the
same before-ratings and after-ratings, so content files only hold the practice
itself. See exercises/content/README.md for the format.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from journal.body import BODY_REGIONS  # the body-map steps draw the journal's regions

CONTENT_DIR = Path(__file__).parent / "content"

STEP_TYPES = ("text", "prompt", "timer", "senses-count", "body-map", "feelings-pick", "rating", "choice", "drawing")
RESULTS = ("note", "body-map", "mood-sketch", "event-feeling-need")
INTENSITIES = ("grounding", "gentle", "deepening")
SENSES = ("see", "touch", "hear", "smell", "taste")
# The shapes a mood sketch may use; pictures.py draws each of them.
SHAPE_NAMES = ("circle", "wave", "zigzag", "spiral", "cloud", "line", "dots", "square")

_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

_EXERCISE_KEYS = {"slug", "title", "summary", "minutes", "version", "intensity", "result", "order", "intro", "steps"}
_STEP_KEYS = {
    "text": {"type", "title", "body", "record_audio"},
    "prompt": {"type", "title", "body", "key", "label", "optional", "multiline", "max_length", "placeholder"},
    "timer": {"type", "title", "body", "key", "minutes", "prompts"},
    "senses-count": {"type", "title", "body", "key", "sense", "count", "label"},
    "body-map": {"type", "title", "body", "key", "region", "sensations", "ask_feeling"},
    "feelings-pick": {"type", "title", "body", "key", "ask_intensity", "ask_body", "allow_free_words"},
    "rating": {"type", "title", "body", "key", "label", "min", "max", "min_label", "max_label", "optional"},
    "choice": {"type", "title", "body", "key", "label", "options", "multiple", "optional"},
    "drawing": {"type", "title", "body", "key"},
}
_REQUIRED = {
    "text": {"title", "body"},
    "prompt": {"title", "key", "label"},
    "timer": {"title", "key", "minutes"},
    "senses-count": {"title", "key", "sense", "count"},
    "body-map": {"title", "key", "region", "sensations"},
    "feelings-pick": {"title", "key"},
    "rating": {"title", "key", "label"},
    "choice": {"title", "key", "label", "options"},
    "drawing": {"title", "key"},
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    colour: str = ""


@dataclass(frozen=True)
class Step:
    type: str
    title: str
    body: str = ""
    key: str = ""
    label: str = ""
    optional: bool = False
    multiline: bool = False
    max_length: int = 2000
    placeholder: str = ""
    minutes: tuple[int, ...] = ()
    prompts: tuple[str, ...] = ()
    sense: str = ""
    count: int = 0
    region: str = ""
    sensations: tuple[str, ...] = ()
    ask_feeling: bool = False
    ask_intensity: bool = True
    ask_body: bool = True
    allow_free_words: bool = True
    min: int = 0
    max: int = 10
    min_label: str = ""
    max_label: str = ""
    options: tuple[Option, ...] = ()
    multiple: bool = False
    record_audio: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]

    @property
    def collects_answer(self) -> bool:
        return self.type != "text"


@dataclass(frozen=True)
class Exercise:
    slug: str
    title: str
    summary: str
    minutes: int
    version: int
    intensity: str
    result: str
    order: int
    intro: str
    steps: tuple[Step, ...] = field(default_factory=tuple)

    def step(self, number: int) -> Step:
        """Step by its 1-based number."""
        return self.steps[number - 1]


class ContentError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def validate(data: dict, source: str) -> list[str]:
    """Return every problem in one definition, each naming the file and field."""
    errors: list[str] = []

    def err(path: str, message: str) -> None:
        errors.append(f"{source}: {path} {message}")

    for key in sorted(set(data) - _EXERCISE_KEYS):
        err(key, "is not a known field")
    for key in ("slug", "title", "summary", "minutes", "version", "intensity", "steps"):
        if key not in data:
            err(key, "is required")
    if errors:
        return errors
    expected_slug = Path(source).stem
    if not isinstance(data["slug"], str) or not _SLUG.match(data["slug"]):
        err("slug", "must be lowercase letters, digits and hyphens")
    elif data["slug"] != expected_slug:
        err("slug", f"must match the file name ({expected_slug!r})")
    for key, limit in (("title", 40), ("summary", 90)):
        if not isinstance(data[key], str) or not data[key].strip():
            err(key, "must be non-empty text")
        elif len(data[key]) > limit:
            err(key, f"is longer than {limit} characters")
    if not _whole(data["minutes"]) or not 1 <= data["minutes"] <= 60:
        err("minutes", "must be a whole number from 1 to 60")
    if not _whole(data["version"]) or data["version"] < 1:
        err("version", "must be a whole number of at least 1")
    if data["intensity"] not in INTENSITIES:
        err("intensity", f"must be one of {', '.join(INTENSITIES)}")
    if "order" in data and not _whole(data["order"]):
        err("order", "must be a whole number")
    if "intro" in data and not isinstance(data["intro"], str):
        err("intro", "must be text")
    if data.get("result", "note") not in RESULTS:
        err("result", f"must be one of {', '.join(RESULTS)}")
    steps = data["steps"]
    if not isinstance(steps, list) or not steps:
        err("steps", "must be a non-empty list of [[steps]]")
        return errors
    seen_keys: set[str] = set()
    for index, step in enumerate(steps):
        _validate_step(step, f"steps[{index}]", seen_keys, err)
    result = data.get("result", "note")
    types = [s.get("type") for s in steps if isinstance(s, dict)]
    if result == "body-map" and "body-map" not in types:
        err("result", "is body-map but no step has type body-map")
    if result == "mood-sketch":
        _validate_mood_sketch(steps, err)
    if result == "event-feeling-need" and not {"event", "feelings", "need"} <= seen_keys:
        err("result", "is event-feeling-need, which needs steps with keys event, feelings and need")
    return errors


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_mood_sketch(steps: list, err) -> None:
    by_key = {s.get("key"): s for s in steps if isinstance(s, dict)}
    colours, shapes = by_key.get("colours"), by_key.get("shapes")
    if not colours or colours.get("type") != "choice" or not shapes or shapes.get("type") != "choice":
        err("result", "is mood-sketch, which needs choice steps with keys colours and shapes")
        return
    for number, option in enumerate(colours.get("options", [])):
        if isinstance(option, dict) and "colour" not in option:
            err(f"colours.options[{number}].colour", "is required for a mood-sketch colour")
    for number, option in enumerate(shapes.get("options", [])):
        if isinstance(option, dict) and option.get("value") not in SHAPE_NAMES:
            err(f"shapes.options[{number}].value", f"must be one of {', '.join(SHAPE_NAMES)}")


def _validate_step(step, path: str, seen_keys: set[str], err) -> None:
    if not isinstance(step, dict):
        err(path, "must be a table")
        return
    kind = step.get("type")
    if kind not in STEP_TYPES:
        err(f"{path}.type", f"must be one of {', '.join(STEP_TYPES)}")
        return
    for key in sorted(set(step) - _STEP_KEYS[kind]):
        err(f"{path}.{key}", f"is not a known field for a {kind} step")
    for key in sorted(_REQUIRED[kind] - set(step)):
        err(f"{path}.{key}", f"is required for a {kind} step")
    for key in (
        "optional",
        "multiline",
        "ask_feeling",
        "ask_intensity",
        "ask_body",
        "allow_free_words",
        "multiple",
        "record_audio",
    ):
        if key in step and not isinstance(step[key], bool):
            err(f"{path}.{key}", "must be true or false")
    if "max_length" in step and (not _whole(step["max_length"]) or not 1 <= step["max_length"] <= 10000):
        err(f"{path}.max_length", "must be a whole number from 1 to 10000")
    for key in ("title", "body", "label"):
        if key in step and (not isinstance(step[key], str) or not step[key].strip()):
            err(f"{path}.{key}", "must be non-empty text")
    if "title" in step and isinstance(step["title"], str) and len(step["title"]) > 70:
        err(f"{path}.title", "is longer than 70 characters")
    if "key" in step:
        key = step["key"]
        if not isinstance(key, str) or not _KEY.match(key):
            err(f"{path}.key", "must be lowercase letters, digits and underscores")
        elif key in seen_keys:
            err(f"{path}.key", f"repeats {key!r}; every answer needs its own key")
        else:
            seen_keys.add(key)
    if kind == "timer":
        minutes = step.get("minutes")
        if not isinstance(minutes, list) or not minutes or not all(_whole(m) and 1 <= m <= 30 for m in minutes):
            err(f"{path}.minutes", "must be a list of whole minutes from 1 to 30")
        prompts = step.get("prompts", [])
        if not isinstance(prompts, list) or not all(isinstance(p, str) and p.strip() for p in prompts):
            err(f"{path}.prompts", "must be a list of short texts")
    if kind == "senses-count":
        if step.get("sense") not in SENSES:
            err(f"{path}.sense", f"must be one of {', '.join(SENSES)}")
        if not _whole(step.get("count")) or not 1 <= step["count"] <= 5:
            err(f"{path}.count", "must be a whole number from 1 to 5")
    if kind == "body-map":
        if step.get("region") not in BODY_REGIONS:
            err(f"{path}.region", f"must be one of {', '.join(BODY_REGIONS)}")
        sensations = step.get("sensations")
        if not isinstance(sensations, list) or not sensations or not all(isinstance(s, str) and s for s in sensations):
            err(f"{path}.sensations", "must be a non-empty list of words")
    if kind == "rating":
        low, high = step.get("min", 0), step.get("max", 10)
        if not (_whole(low) and _whole(high) and 0 <= low < high <= 10):
            err(f"{path}.min", "and max must be whole numbers with 0 <= min < max <= 10")
    if kind == "choice":
        options = step.get("options")
        if not isinstance(options, list) or len(options) < 2:
            err(f"{path}.options", "must list at least two options")
        else:
            values = set()
            for number, option in enumerate(options):
                opath = f"{path}.options[{number}]"
                if not isinstance(option, dict) or not {"value", "label"} <= set(option):
                    err(opath, "needs a value and a label")
                    continue
                for key in sorted(set(option) - {"value", "label", "colour"}):
                    err(f"{opath}.{key}", "is not a known field for an option")
                if not isinstance(option["value"], str) or not _KEY.match(option["value"]):
                    err(f"{opath}.value", "must be lowercase letters, digits and underscores")
                    continue
                if not isinstance(option["label"], str) or not option["label"].strip():
                    err(f"{opath}.label", "must be non-empty text")
                if option["value"] in values:
                    err(f"{opath}.value", "repeats another option")
                values.add(option["value"])
                if "colour" in option and not _COLOUR.match(str(option["colour"])):
                    err(f"{opath}.colour", "must look like #rrggbb")


def _build(data: dict) -> Exercise:
    steps = []
    for raw in data["steps"]:
        fields = dict(raw)
        for key in ("minutes", "prompts", "sensations"):
            if key in fields:
                fields[key] = tuple(fields[key])
        if "options" in fields:
            fields["options"] = tuple(Option(**option) for option in fields["options"])
        steps.append(Step(**fields))
    return Exercise(
        slug=data["slug"],
        title=data["title"],
        summary=data["summary"],
        minutes=data["minutes"],
        version=data["version"],
        intensity=data["intensity"],
        result=data.get("result", "note"),
        order=data.get("order", 100),
        intro=data.get("intro", ""),
        steps=tuple(steps),
    )


def load_file(path: Path) -> Exercise:
    source = f"exercises/content/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError([f"{source}: is not valid TOML ({exc})"]) from exc
    errors = validate(data, source)
    if errors:
        raise ContentError(errors)
    return _build(data)


def load_all(directory: Path = CONTENT_DIR) -> dict[str, Exercise]:
    """Every definition in the folder, in menu order. Raises ContentError listing all problems."""
    exercises, errors = [], []
    for path in sorted(directory.glob("*.toml")):
        try:
            exercises.append(load_file(path))
        except ContentError as exc:
            errors.extend(exc.errors)
    if errors:
        raise ContentError(errors)
    exercises.sort(key=lambda e: (e.order, e.title))
    return {exercise.slug: exercise for exercise in exercises}


@cache
def catalogue() -> dict[str, Exercise]:
    return load_all()


def get(slug: str) -> Exercise | None:
    return catalogue().get(slug)
