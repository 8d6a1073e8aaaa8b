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
def test_r18_stops_an_exercise_when_distress_ends_high_or_jumps(before, after, stop):
    assert exercise_distress_stop(before, after) is stop
