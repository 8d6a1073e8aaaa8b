"""Plain-words content for the Get help page (checkins/content/therapy_kinds.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_THERAPY_KINDS = Path(__file__).parent / "content" / "therapy_kinds.toml"


@dataclass(frozen=True)
class TherapyKind:
    name: str
    about: str
    sessions: str
    abbreviation: str = ""


@cache
def therapy_kinds() -> tuple[TherapyKind, ...]:
    data = tomllib.loads(_THERAPY_KINDS.read_text(encoding="utf-8"))
    return tuple(TherapyKind(**kind) for kind in data["kinds"])
