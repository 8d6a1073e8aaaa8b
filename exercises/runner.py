"""Moving through an exercise: start, save each step, pause, finish.

Positions in a session: 0 is the before-ratings, 1..N the exercise's own steps,
N+1 the after-ratings. The session runs from its own snapshot of the steps, so a
content change never shifts someone mid-exercise.
"""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.utils import timezone

from exercises.content import Exercise, Option, Step
from exercises.models import PracticeSession
from journal.models import JournalEntry

BEFORE = "before"
CONTENT = "content"
AFTER = "after"


def snapshot_of(exercise: Exercise) -> dict:
    return {
        "title": exercise.title,
        "result": exercise.result,
        "intensity": exercise.intensity,
        "steps": [dataclasses.asdict(step) for step in exercise.steps],
    }


def steps_of(session: PracticeSession) -> list[Step]:
    steps = []
    for raw in session.snapshot["steps"]:
        fields = dict(raw)
        for key in ("minutes", "prompts", "sensations"):
            fields[key] = tuple(fields.get(key, ()))
        fields["options"] = tuple(Option(**option) for option in fields.get("options", ()))
        steps.append(Step(**fields))
    return steps


def position_kind(session: PracticeSession, number: int) -> str:
    if number == 0:
        return BEFORE
    if number == session.after_step:
        return AFTER
    return CONTENT


def start(user, exercise: Exercise) -> PracticeSession:
    return PracticeSession.objects.create(
        owner=user,
        exercise=exercise.slug,
        content_version=exercise.version,
        snapshot=snapshot_of(exercise),
        step_started_at=timezone.now(),
    )


def visit(session: PracticeSession, number: int) -> None:
    """Remember where the person is, so any device resumes here."""
    if session.step != number or session.paused_at:
        session.step = number
        session.paused_at = None
        session.step_started_at = timezone.now()
        session.save(update_fields=["step", "paused_at", "step_started_at", "updated_at"])


def elapsed_seconds(session: PracticeSession, minutes: int) -> int:
    """Seconds since the step was shown, capped a little above the chosen length (for timers without JS)."""
    if session.step_started_at is None:
        return 0
    seconds = int((timezone.now() - session.step_started_at).total_seconds())
    return max(0, min(seconds, minutes * 60 + 120))


def save_answer(session: PracticeSession, number: int, key: str, value, *, move_to: int) -> None:
    if key:
        session.answers[key] = value
    _move(session, move_to)


def save_before(session: PracticeSession, feeling: int, distress: int, *, move_to: int) -> None:
    session.feeling_before, session.distress_before = feeling, distress
    _move(session, move_to)


def save_after(session: PracticeSession, feeling: int, distress: int, too_much: bool) -> None:
    session.feeling_after, session.distress_after, session.too_much = feeling, distress, too_much
    finish(session)


def _move(session: PracticeSession, number: int) -> None:
    session.step = number
    session.furthest_step = max(session.furthest_step, number)
    session.step_started_at = timezone.now()
    session.paused_at = None
    session.save()


def pause(session: PracticeSession) -> None:
    session.paused_at = timezone.now()
    session.save(update_fields=["paused_at", "updated_at"])


@transaction.atomic
def finish(session: PracticeSession) -> None:
    """Close the session and leave its record in the journal timeline."""
    session.finished_at = session.finished_at or timezone.now()
    if session.journal_entry_id is None:
        session.journal_entry = JournalEntry.objects.create(owner=session.owner, **journal_fields(session))
    session.step = session.after_step
    session.furthest_step = session.after_step
    session.save()


def journal_fields(session: PracticeSession) -> dict:
    """What the journal entry carries: its kind and any feelings named along the way."""
    words, intensity, body = [], None, ""
    for step in steps_of(session):
        answer = session.answers.get(step.key)
        if step.type == "feelings-pick" and isinstance(answer, dict):
            words += [w for w in answer.get("words", []) if w not in words]
            intensity = answer.get("intensity") if answer.get("intensity") is not None else intensity
            body = answer.get("body") or body
        feeling = answer.get("feeling") if step.type == "body-map" and isinstance(answer, dict) else ""
        if feeling and feeling not in words:
            words.append(feeling)
    fields = {"feelings": words, "intensity": intensity, "body_location": body}
    if session.snapshot.get("result") == "event-feeling-need":
        # The entry carries the words themselves, so the timeline and search find them.
        free = session.answers.get("feelings", {})
        return {
            **fields,
            "kind": JournalEntry.Kind.EVENT_FEELING_NEED,
            "event": session.answers.get("event", ""),
            "need_text": session.answers.get("need", ""),
            "other_feelings": free.get("free", "") if isinstance(free, dict) else "",
        }
    return {**fields, "kind": JournalEntry.Kind.EXERCISE}
