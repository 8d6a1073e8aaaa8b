"""Escalation rules as pure functions (SAFETY.md §2.3). They decide what to show, never who someone is."""

from __future__ import annotations

from selfcare.checkins import thresholds


def exercise_distress_stop(distress_before: int | None, distress_after: int | None) -> bool:
    """R18: distress after an exercise >= 8, or up by >= 4, means stop, ground, and offer help.

    Missing data never downgrades: a high "after" alone is enough.
    """
    if distress_after is None:
        return False
    if distress_after >= thresholds.EXERCISE_DISTRESS_HIGH:
        return True
    return distress_before is not None and distress_after - distress_before >= thresholds.EXERCISE_DISTRESS_RISE
