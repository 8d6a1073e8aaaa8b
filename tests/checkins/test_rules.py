import pytest

from selfcare.checkins.rules import exercise_distress_stop


@pytest.mark.parametrize(
    ("before", "after", "stop"),
    [
        (3, 7, True),  # SAFETY.md example: SUDS 3 -> 7 stops the exercise
        (0, 4, True),
        (0, 3, False),
        (5, 8, True),  # high after, whatever the rise
        (9, 8, True),
        (6, 7, False),
        (None, 8, True),  # missing "before" never downgrades
        (None, 7, False),
        (2, None, False),
        (10, 10, True),
        (7, 2, False),
    ],
)
def test_R18_stops_an_exercise_when_distress_ends_high_or_jumps(before, after, stop):
    assert exercise_distress_stop(before, after) is stop


def test_every_rule_is_listed_in_one_place_and_tested_by_its_id():
    """rules.py lists R1-R23 like SAFETY.md; each id names at least one test."""
    import re
    from pathlib import Path

    from selfcare.checkins import rules

    listed = set(re.findall(r"\bR\d+\b", rules.__doc__))
    assert listed == set(rules.RULE_IDS)
    names = set()
    for path in Path(__file__).resolve().parents[1].rglob("test_*.py"):
        for name in re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8")):
            names.update(re.findall(r"R\d+", name))
    assert set(rules.RULE_IDS) <= names, sorted(set(rules.RULE_IDS) - names)
