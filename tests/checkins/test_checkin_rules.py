"""R11, R12, R17 and R21 as a table (SAFETY.md §2.3)."""

import datetime

import pytest

from selfcare.checkins.rules import DailyCheck, checkin_outcome

TODAY = datetime.date(2026, 11, 21)


def days(specs):
    """specs: list of (days ago, N, impairment) with impairment = the largest F value."""
    return [DailyCheck(TODAY - datetime.timedelta(days=ago), n, (f, 0, 0)) for ago, n, f in specs]


def run(n_days, n, f, *, start=0):
    return [(start + ago, n, f) for ago in range(n_days)]


@pytest.mark.parametrize(
    ("specs", "tier", "rules"),
    [
        # SAFETY.md example: 14 check-ins, all N = 8, 8 with work = 2 -> T2 via R11.
        (run(8, 8, 2) + run(6, 8, 0, start=8), 2, ("R11", "R12")),
        # Only 9 check-ins in the window: R11 is not evaluated (R21).
        (run(9, 9, 2), 1, ("R17",)),
        (run(10, 8, 2), 2, ("R11",)),
        (run(10, 8, 1), 1, ("R17",)),  # no impaired days: not R11
        (run(10, 6, 2), 0, ()),  # N 6 is not a high-N day
        (run(7, 8, 2) + run(3, 8, 0, start=7), 2, ("R11",)),
        (run(6, 8, 2) + run(4, 8, 0, start=6), 1, ("R17",)),  # only 6 impaired days
        # R12: 14 check-ins in 28 days, high on half of them.
        (run(7, 8, 0, start=14) + run(7, 2, 0, start=0), 2, ("R12",)),
        (run(6, 8, 0, start=14) + run(8, 2, 0, start=0), 0, ()),
        (run(13, 9, 0, start=15), 0, ()),  # 13 check-ins: R12 not evaluated; none in the last week
        # R17: 4 high days in the last 7.
        (run(4, 7, 0), 1, ("R17",)),
        (run(3, 10, 2), 0, ()),
        ([(0, 8, 0), (2, 8, 0), (4, 8, 0), (7, 8, 0)], 0, ()),  # the 4th is 8 days ago
        ([], 0, ()),
    ],
)
def test_R11_R12_R17_R21_check_in_windows(specs, tier, rules):
    outcome = checkin_outcome(days(specs), TODAY)
    assert (outcome.tier, outcome.rules) == (tier, rules)


def test_the_window_counts_local_calendar_days_including_today():
    specs = run(10, 8, 2, start=4)  # days 4..13 ago: inside the 14-day window
    assert checkin_outcome(days(specs), TODAY).rules == ("R11",)
    assert checkin_outcome(days(run(10, 8, 2, start=5)), TODAY).rules != ("R11",)


from selfcare.checkins.rules import ExerciseRun, repeated_exercise_distress  # noqa: E402


@pytest.mark.parametrize(
    ("runs", "fires"),
    [
        ([(1, 3, 7, False), (5, 2, 6, False)], True),  # two R18 triggers within 7 days
        ([(1, 3, 7, False), (8, 2, 6, False)], False),  # the second is 8 days ago
        ([(1, 3, 4, True), (12, 2, 2, True)], True),  # two "too much" within 14 days
        ([(1, 3, 4, True), (14, 2, 2, True)], False),  # 14 days ago is outside the window
        ([(0, 9, 9, False), (2, None, 8, None)], True),  # high "after" alone meets R18
        ([(0, 2, 3, None)], False),
        ([], False),
    ],
)
def test_R14_repeated_distress_in_practices(runs, fires):
    items = [ExerciseRun(TODAY - datetime.timedelta(days=ago), b, a, t) for ago, b, a, t in runs]
    assert (repeated_exercise_distress(items, TODAY).rules == ("R14",)) is fires
