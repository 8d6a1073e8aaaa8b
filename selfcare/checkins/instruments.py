"""Questionnaires as content (checkins/content/instruments.toml) and their scoring, as pure functions.

Answers are a dict from question key to the chosen option's value: "1".."9" for items,
"functional" for the PHQ-9/GAD-7 difficulty question, "exposure" for PC-PTSD-5's opening question.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_SOURCE = Path(__file__).parent / "content" / "instruments.toml"

PHQ9, GAD7, WHO5, PCPTSD5, D_ITEM, HISTORY = "phq9", "gad7", "who5", "pcptsd5", "d", "history"
SCREENERS = (PHQ9, GAD7, WHO5, PCPTSD5)
FUNCTIONAL, EXPOSURE = "functional", "exposure"


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: tuple[Option, ...]
    scored: bool = True

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.options)


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    key: str
    label: str
    meaning: str = ""  # what a result in this band suggests, in plain words


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    title: str
    about: str
    stem: str
    items: tuple[Question, ...]
    functional: Question | None
    exposure: Question | None
    interval_days: int
    bands: tuple[Band, ...]
    attribution: str = ""
    not_meaning: str = ""  # what a result can't tell
    score_multiplier: int = 1
    opt_in: bool = False
    self_check: bool = False

    @property
    def max_score(self) -> int:
        return sum(max(q.values) for q in self.items) * self.score_multiplier

    def questions(self, answers: dict[str, int]) -> tuple[Question, ...]:
        """The questions to ask, in order, given the answers so far.

        PC-PTSD-5 stops after a "no" to its opening question; the difficulty question is asked
        only when some problem was checked off, as its wording says.
        """
        if self.exposure is not None:
            if answers.get(EXPOSURE) == 0:
                return (self.exposure,)
            return (self.exposure, *self.items)
        if self.functional is not None and any(answers.get(q.key, 0) > 0 for q in self.items):
            return (*self.items, self.functional)
        return self.items

    def question(self, key: str) -> Question | None:
        return next((q for q in (self.exposure, *self.items, self.functional) if q and q.key == key), None)

    def is_complete(self, answers: dict[str, int]) -> bool:
        return all(q.key in answers for q in self.questions(answers))

    def score(self, answers: dict[str, int]) -> int | None:
        """The total (WHO-5 as a 0-100 percentage), or None while any scored question is unanswered."""
        if self.exposure is not None and answers.get(EXPOSURE) == 0:
            return 0
        if any(q.key not in answers for q in self.items):
            return None
        return sum(answers[q.key] for q in self.items) * self.score_multiplier

    def band(self, score: int | None) -> Band | None:
        if score is None:
            return None
        return next((band for band in self.bands if band.low <= score <= band.high), None)


def _options(labels: list[str], high_first: bool = False) -> tuple[Option, ...]:
    options = tuple(Option(value, label) for value, label in enumerate(labels))
    return tuple(reversed(options)) if high_first else options


def _instrument(slug: str, data: dict) -> Instrument:
    options = _options(data["options"], data.get("options_high_first", False))
    items = tuple(Question(str(n), text, options) for n, text in enumerate(data["items"], start=1))
    functional = None
    if "functional" in data:
        functional = Question(FUNCTIONAL, data["functional"], _options(data["functional_options"]), scored=False)
    exposure = None
    if "exposure" in data:
        exposure = Question(EXPOSURE, data["exposure"], _options(data["exposure_options"]), scored=False)
    return Instrument(
        slug=slug,
        name=data["name"],
        title=data["title"],
        about=data["about"],
        stem=data["stem"],
        items=items,
        functional=functional,
        exposure=exposure,
        interval_days=data["interval_days"],
        bands=tuple(Band(**band) for band in data["bands"]),
        attribution=data.get("attribution", ""),
        not_meaning=data.get("not_meaning", ""),
        score_multiplier=data.get("score_multiplier", 1),
        opt_in=data.get("opt_in", False),
        self_check=data.get("self_check", False),
    )


@cache
def instruments() -> dict[str, Instrument]:
    data = tomllib.loads(_SOURCE.read_text(encoding="utf-8"))
    return {slug: _instrument(slug, entry) for slug, entry in data.items()}


def get(slug: str) -> Instrument | None:
    return instruments().get(slug)
