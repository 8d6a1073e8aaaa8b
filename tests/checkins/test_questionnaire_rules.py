"""SAFETY.md §2.3 rules over questionnaires, each named by its id, at every threshold and boundary."""

import pytest

from selfcare.checkins import thresholds
from selfcare.checkins.rules import NONE, Answered, Outcome, history_outcome, questionnaire_outcome, soon


def phq9(total: int, item9: int = 0, functional: int | None = None) -> Answered:
    """A PHQ-9 with the given total, item 9 as given and the rest spread over items 1-8."""
    answers = dict.fromkeys("12345678", 0)
    answers["9"] = item9
    left = total - item9
    for key in "12345678":
        answers[key] = min(3, left)
        left -= answers[key]
    assert left == 0
    if functional is not None:
        answers["functional"] = functional
    return Answered("phq9", answers, total)


def fired(outcome: Outcome) -> set[tuple[str, int]]:
    return {(f.rule, f.tier) for f in outcome.fired}


@pytest.mark.parametrize(
    ("item9", "expected"),
    [(0, set()), (1, {("R2", 3)}), (2, {("R1", 3)}), (3, {("R1", 3)})],
)
def test_R1_R2_any_answer_but_not_at_all_to_item_9_is_urgent(item9, expected):
    outcome = questionnaire_outcome(phq9(item9, item9=item9))
    assert fired(outcome) == expected
    assert outcome.tier == (3 if item9 else 0)


def test_R2_counts_before_the_questionnaire_is_finished():
    """Missing data never downgrades: item 9 is urgent the moment it is saved."""
    partial = Answered("phq9", {"1": 0, "9": 1}, None)
    assert questionnaire_outcome(partial).rules == ("R2",)


@pytest.mark.parametrize(
    ("total", "expected", "is_soon"),
    [
        (4, set(), False),
        (5, {("R16", 1)}, False),
        (9, {("R16", 1)}, False),
        (10, {("R5", 2)}, False),
        (19, {("R5", 2)}, False),
        (20, {("R5", 2)}, True),
        (24, {("R5", 2)}, True),
    ],
)
def test_R5_R16_phq9_totals(total, expected, is_soon):
    result = phq9(total)
    assert fired(questionnaire_outcome(result)) == expected
    assert soon(result) is is_soon


@pytest.mark.parametrize(
    ("score", "expected"),
    [(4, set()), (5, {("R16", 1)}), (9, {("R16", 1)}), (10, {("R6", 2)}), (21, {("R6", 2)})],
)
def test_R6_R16_gad7(score, expected):
    assert fired(questionnaire_outcome(Answered("gad7", {}, score))) == expected


@pytest.mark.parametrize(
    ("percent", "expected"),
    [(0, {("R7", 2)}), (28, {("R7", 2)}), (29, {("R16", 1)}), (50, {("R16", 1)}), (51, set()), (100, set())],
)
def test_R7_R16_who5_percentage(percent, expected):
    assert fired(questionnaire_outcome(Answered("who5", {}, percent))) == expected


@pytest.mark.parametrize(("score", "expected"), [(0, set()), (2, set()), (3, {("R8", 2)}), (5, {("R8", 2)})])
def test_R8_pc_ptsd5_at_three(score, expected):
    assert thresholds.PCPTSD5_REFER == 3
    assert fired(questionnaire_outcome(Answered("pcptsd5", {}, score))) == expected


@pytest.mark.parametrize(("answer", "expected"), [(0, set()), (1, set()), (2, {("R9", 2)}), (3, {("R9", 2)})])
def test_R9_feeling_unreal_more_than_half_the_days(answer, expected):
    assert fired(questionnaire_outcome(Answered("d", {"1": answer}, answer))) == expected


@pytest.mark.parametrize(("instrument",), [("phq9",), ("gad7",)])
@pytest.mark.parametrize(("functional", "fires"), [(None, False), (0, False), (1, False), (2, True), (3, True)])
def test_R10_very_or_extremely_difficult(instrument, functional, fires):
    answers = {"functional": functional} if functional is not None else {}
    result = Answered(instrument, {**answers, **({"9": 0} if instrument == "phq9" else {})}, 3)
    assert (("R10", 2) in fired(questionnaire_outcome(result))) is fires


@pytest.mark.parametrize(
    ("previous", "total", "expected"),
    [
        (5, 10, {("R5", 2), ("R15", 2)}),  # up 5 to 10: the change is named
        (6, 10, {("R5", 2)}),  # up 4: R5 alone
        (None, 14, {("R5", 2)}),  # nothing to compare with
        (0, 5, {("R19", 1), ("R16", 1)}),  # up 5 but under 10
        (1, 5, {("R16", 1)}),  # up 4
        (4, 9, {("R19", 1), ("R16", 1)}),
        (12, 3, set()),  # going down never fires
    ],
)
def test_R15_R19_a_rise_of_five(previous, total, expected):
    assert fired(questionnaire_outcome(phq9(total), previous)) == expected


@pytest.mark.parametrize(
    ("flag", "high_days", "ptsd", "expected"),
    [
        (None, 14, 5, NONE),
        (False, 14, 5, NONE),
        (True, 0, None, Outcome.of(1, "R20")),
        (True, 6, 2, Outcome.of(1, "R20")),
        (True, 7, None, Outcome.of(2, "R13")),
        (True, 0, 3, Outcome.of(2, "R13")),
    ],
)
def test_R13_R20_the_history_answer(flag, high_days, ptsd, expected):
    assert history_outcome(flag, high_days, ptsd) == expected


def test_highest_tier_wins_and_every_rule_is_kept_for_the_audit():
    outcome = questionnaire_outcome(phq9(21, item9=2, functional=3), 10)
    assert outcome.tier == 3
    assert outcome.rules == ("R1",)
    assert fired(outcome) == {("R1", 3), ("R5", 2), ("R15", 2), ("R10", 2)}


def test_a_tie_between_two_tier_two_rules_shows_both_reasons():
    outcome = Outcome.of(2, "R5") + Outcome.of(2, "R6") + Outcome.of(1, "R17")
    assert (outcome.tier, outcome.rules) == (2, ("R5", "R6"))


def test_adding_the_same_rule_twice_keeps_one():
    assert (Outcome.of(2, "R5") + Outcome.of(2, "R5")).fired == Outcome.of(2, "R5").fired
