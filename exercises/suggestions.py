"""What to suggest when an exercise ends: kind, never pushy."""

from __future__ import annotations

from dataclasses import dataclass

from exercises.models import PracticeSession
from selfcare.checkins.rules import exercise_distress_stop


@dataclass(frozen=True)
class Suggestion:
    slug: str
    text: str


def suggest_next(session: PracticeSession) -> Suggestion:
    if exercise_distress_stop(session.distress_before, session.distress_after) or session.too_much:
        return Suggestion("grounding-quick", "A couple of minutes of grounding can help things settle.")
    if session.exercise in {"event-feeling-need", "feelings-wheel"}:
        return Suggestion("breath-awareness", "A few quiet minutes with your breath can help it all settle.")
    if session.helped:
        return Suggestion(
            "event-feeling-need", "You felt a little more. Writing down what happened can help you hold on to it."
        )
    if session.snapshot.get("intensity") == "grounding":
        return Suggestion("body-scan", "When you're ready, a gentle body scan is a next small step.")
    return Suggestion("feelings-wheel", "Looking for a word on the feelings wheel can be a gentle next step.")
