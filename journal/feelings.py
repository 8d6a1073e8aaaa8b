"""The feelings vocabulary: a three-ring wheel read from journal/content/feelings.toml.

Ring 1 holds the core feelings, ring 2 more specific words for each, ring 3 the most
specific words. The emotion-wheel exercise draws it; journal entries use its words as tags.
Besides the wheel, the file lists the honest "unnamed" answers (numb, flat, ...) for when a
feeling can't be named yet; they are known words too, so they can be recorded as data.

`validate()` checks every rule of the format and names the file and field for each problem;
the journal system check (journal/checks.py) runs it at start-up.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
FEELINGS_PATH = Path(__file__).resolve().parent / "content" / "feelings.toml"

SUPPORTED_VERSION = 1
UNNAMED_WORDS = ("numb", "flat", "far away", "can't tell")
CORE_COUNT = (6, 8)
SPECIFIC_COUNT = (3, 6)
MOST_SPECIFIC_COUNT = (2, 4)
MIN_WHEEL_WORDS = 130
MAX_WORD_LENGTH = 20
MAX_TEXT_LENGTH = 110
TEXT_COLOUR = "#27292b"  # the wheel's label colour; every segment colour must carry it legibly
MIN_CONTRAST = 4.5

_WORD = re.compile(r"^[a-z]+(?:[ -][a-z]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

_TOP_KEYS = {"version", "unnamed", "core"}
_UNNAMED_KEYS = {"word", "meaning"}
_CORE_KEYS = {"word", "meaning", "body", "colour", "specific"}
_SPECIFIC_KEYS = {"word", "meaning", "body", "words"}
_MOST_SPECIFIC_KEYS = {"word", "meaning", "body"}


@dataclass(frozen=True)
class Feeling:
    word: str
    meaning: str
    body: str
    ring: int  # 1 core, 2 specific, 3 most specific
    core: str  # the core word this feeling belongs to (itself for a core)
    parent: str  # the word one ring in, or "" for a core
    colour: str  # the core's colour


@dataclass(frozen=True)
class Unnamed:
    word: str
    meaning: str


class Vocabulary:
    """The loaded wheel, with lookups by word (case-insensitive)."""

    def __init__(self, version: int, cores: Iterable[Feeling], children: dict[str, tuple[Feeling, ...]], unnamed):
        self.version = version
        self.cores: tuple[Feeling, ...] = tuple(cores)
        self.unnamed: tuple[Unnamed, ...] = tuple(unnamed)
        self._children = children
        ordered: list[Feeling] = []
        for core in self.cores:
            ordered.append(core)
            for specific in self.children(core.word):
                ordered.append(specific)
                ordered.extend(self.children(specific.word))
        self._all = tuple(ordered)
        self._by_word = {feeling.word: feeling for feeling in self._all}
        self._unnamed_words = frozenset(item.word for item in self.unnamed)

    def __len__(self) -> int:
        return len(self._all)

    def __repr__(self) -> str:
        return f"<Vocabulary v{self.version}: {len(self.cores)} cores, {len(self._all)} words>"

    def all(self) -> tuple[Feeling, ...]:
        """Every wheel word in wheel order: each core, then its specifics, each followed by its own words."""
        return self._all

    def children(self, word: str) -> tuple[Feeling, ...]:
        """The feelings one ring further out from `word` (empty for the outer ring or an unknown word)."""
        return self._children.get(_key(word), ())

    def get(self, word: str) -> Feeling | None:
        return self._by_word.get(_key(word))

    def is_known(self, word: str) -> bool:
        """True for every wheel word and every unnamed answer."""
        key = _key(word)
        return key in self._by_word or key in self._unnamed_words

    def ring(self, number: int) -> tuple[Feeling, ...]:
        return tuple(feeling for feeling in self._all if feeling.ring == number)


def _key(word: str) -> str:
    return word.strip().lower() if isinstance(word, str) else ""


# --- colour contrast (WCAG 2.x) ---------------------------------------------------------------


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- validation ---------------------------------------------------------------------------------


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.errors: list[str] = []
        self.seen: dict[str, str] = {}  # lowercased word -> field path where it first appeared
        self.colours: dict[str, str] = {}
        self.wheel_words = 0

    def error(self, path: str, problem: str) -> None:
        self.errors.append(f"{self.source}: {path} {problem}")

    def table(self, value, path: str, allowed: set[str], required: Iterable[str]) -> bool:
        if not isinstance(value, dict):
            self.error(path, "must be a table")
            return False
        for key in sorted(set(value) - allowed):
            self.error(_join(path, key), f"is not a known key (expected one of: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in value:
                self.error(_join(path, key), "is missing")
        return True

    def tables(self, value, path: str, bounds: tuple[int, int] | None) -> list[dict]:
        if not isinstance(value, list):
            self.error(path, "must be a list of tables")
            return []
        if bounds is not None:
            low, high = bounds
            if not low <= len(value) <= high:
                self.error(path, f"has {len(value)} entries; it needs {low} to {high}")
        return value

    def text(self, table: dict, key: str, path: str) -> None:
        if key not in table:
            return  # reported as missing
        value, here = table[key], f"{path}.{key}"
        if not isinstance(value, str):
            self.error(here, "must be text")
        elif not value.strip():
            self.error(here, "is empty")
        elif "\n" in value or "\r" in value:
            self.error(here, "must be one line")
        elif value != value.strip():
            self.error(here, "has spaces at the start or end")
        elif len(value) > MAX_TEXT_LENGTH:
            self.error(here, f"is longer than {MAX_TEXT_LENGTH} characters")

    def word(self, table: dict, path: str, *, wheel: bool = True) -> None:
        if "word" not in table:
            return  # reported as missing
        value, here = table["word"], f"{path}.word"
        if not isinstance(value, str):
            self.error(here, "must be text")
            return
        if wheel:
            self.wheel_words += 1
            if value != value.lower():
                self.error(here, f'"{value}" must be lowercase')
            elif not _WORD.match(value):
                self.error(here, f'"{value}" may only hold letters, with single spaces or hyphens between them')
            if len(value) > MAX_WORD_LENGTH:
                self.error(here, f'"{value}" is longer than {MAX_WORD_LENGTH} characters')
        key = value.strip().lower()
        if key in self.seen:
            self.error(here, f'"{value}" is used more than once (first at {self.seen[key]})')
        else:
            self.seen[key] = here

    def colour(self, table: dict, path: str) -> None:
        if "colour" not in table:
            return  # reported as missing
        value, here = table["colour"], f"{path}.colour"
        if not isinstance(value, str) or not _COLOUR.match(value):
            self.error(here, f"{value!r} is not a colour in the form #rrggbb")
            return
        ratio = contrast_ratio(value, TEXT_COLOUR)
        if ratio < MIN_CONTRAST:
            shown = int(ratio * 100) / 100  # round down, so 4.499 never shows as 4.5
            self.error(
                here,
                f"{value} gives the text colour {TEXT_COLOUR} a contrast of only {shown}:1; it needs at least {MIN_CONTRAST}:1",
            )
        key = value.lower()
        if key in self.colours:
            self.error(here, f"{value} is already used by {self.colours[key]}")
        else:
            self.colours[key] = here


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def validate(data: dict, source: str) -> list[str]:
    """Every problem with the vocabulary `data` (as parsed from TOML), each naming `source` and the field."""
    if not isinstance(data, dict):
        return [f"{source}: the file must hold a table at the top level"]
    check = _Checker(source)
    check.table(data, "", _TOP_KEYS, ("version", "unnamed", "core"))

    if "version" in data:
        version = data["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            check.error("version", "must be a whole number")
        elif version != SUPPORTED_VERSION:
            check.error("version", f"is {version}; this code reads version {SUPPORTED_VERSION}")

    if "unnamed" in data:
        unnamed = check.tables(data["unnamed"], "unnamed", None)
        for i, item in enumerate(unnamed):
            path = f"unnamed[{i}]"
            if check.table(item, path, _UNNAMED_KEYS, ("word", "meaning")):
                check.word(item, path, wheel=False)
                check.text(item, "meaning", path)
        if isinstance(data["unnamed"], list):
            words = tuple(item.get("word") if isinstance(item, dict) else None for item in unnamed)
            if words != UNNAMED_WORDS:
                expected = ", ".join(f'"{w}"' for w in UNNAMED_WORDS)
                check.error("unnamed", f"must list exactly {expected}, in that order")

    if "core" in data:
        for i, core in enumerate(check.tables(data["core"], "core", CORE_COUNT)):
            path = f"core[{i}]"
            if not check.table(core, path, _CORE_KEYS, ("word", "meaning", "body", "colour", "specific")):
                continue
            check.word(core, path)
            check.text(core, "meaning", path)
            check.text(core, "body", path)
            check.colour(core, path)
            if "specific" not in core:
                continue
            for j, specific in enumerate(check.tables(core["specific"], f"{path}.specific", SPECIFIC_COUNT)):
                inner = f"{path}.specific[{j}]"
                if not check.table(specific, inner, _SPECIFIC_KEYS, ("word", "meaning", "body", "words")):
                    continue
                check.word(specific, inner)
                check.text(specific, "meaning", inner)
                check.text(specific, "body", inner)
                if "words" not in specific:
                    continue
                for k, word in enumerate(check.tables(specific["words"], f"{inner}.words", MOST_SPECIFIC_COUNT)):
                    outer = f"{inner}.words[{k}]"
                    if check.table(word, outer, _MOST_SPECIFIC_KEYS, ("word", "meaning", "body")):
                        check.word(word, outer)
                        check.text(word, "meaning", outer)
                        check.text(word, "body", outer)
        if check.wheel_words < MIN_WHEEL_WORDS:
            check.error(
                "core", f"holds {check.wheel_words} words across the three rings; it needs at least {MIN_WHEEL_WORDS}"
            )

    return check.errors


# --- loading ------------------------------------------------------------------------------------


def display_path(path: Path) -> str:
    """The path as people read it in messages: relative to the project when it lives there."""
    path = Path(path)
    try:
        return path.resolve().relative_to(BASE_DIR).as_posix()
    except ValueError:
        return str(path)


def read(path: Path) -> tuple[dict | None, list[str]]:
    """Parse the file at `path`: (data, []) when it is valid, (None or data, problems) when it is not."""
    source = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        return None, [f"{source}: cannot be read ({exc.strerror or exc})"]
    except UnicodeDecodeError:
        return None, [f"{source}: is not UTF-8 text"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{source}: is not valid TOML ({exc})"]
    return data, validate(data, source)


def problems(path: Path = FEELINGS_PATH) -> list[str]:
    return read(path)[1]


def build(data: dict) -> Vocabulary:
    """Turn already-validated data into a Vocabulary."""
    cores: list[Feeling] = []
    children: dict[str, tuple[Feeling, ...]] = {}
    for core_data in data["core"]:
        colour = core_data["colour"].lower()
        core = Feeling(core_data["word"], core_data["meaning"], core_data["body"], 1, core_data["word"], "", colour)
        cores.append(core)
        specifics = []
        for specific_data in core_data["specific"]:
            specific = Feeling(
                specific_data["word"], specific_data["meaning"], specific_data["body"], 2, core.word, core.word, colour
            )
            specifics.append(specific)
            children[specific.word] = tuple(
                Feeling(item["word"], item["meaning"], item["body"], 3, core.word, specific.word, colour)
                for item in specific_data["words"]
            )
        children[core.word] = tuple(specifics)
    unnamed = (Unnamed(item["word"], item["meaning"]) for item in data["unnamed"])
    return Vocabulary(data["version"], cores, children, unnamed)


def load(path: Path = FEELINGS_PATH) -> Vocabulary:
    """Read and validate the vocabulary file; raise ValueError listing every problem when it is invalid."""
    data, errors = read(path)
    if data is None or errors:  # no data comes with a problem saying why
        raise ValueError("\n".join(errors))
    return build(data)


@cache
def vocabulary() -> Vocabulary:
    """The app's vocabulary, read once per process."""
    return load(FEELINGS_PATH)
