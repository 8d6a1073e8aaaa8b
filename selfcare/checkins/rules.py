"""Escalation rules as pure functions (SAFETY.md §2.3). They decide what to show, never who someone is.

Every rule, by its SAFETY.md id, and where it lives (thresholds are all in thresholds.py):

    T3  R1   PHQ-9 item 9 is 2 or 3                          self_harm_item
    T3  R2   PHQ-9 item 9 is 1 (copy never presumes intent)   self_harm_item
    T3  R3   "Get help now", from any page                    escalation.urgent_moment
    --  R4   after R1-R3: crisis bar for the session, a       escalation.show_crisis_bar, _act,
             "How are you doing?" at next login and in 7 days  check_back_due, logged_in
    T2  R5   PHQ-9 total >= 10 ("soon" wording at >= 20)      questionnaire_outcome, soon
    T2  R6   GAD-7 total >= 10                                questionnaire_outcome
    T2  R7   WHO-5 percentage <= 28                           questionnaire_outcome
    T2  R8   PC-PTSD-5 >= 3                                   questionnaire_outcome
    T2  R9   unreal feelings (D) >= 2                         questionnaire_outcome
    T2  R10  PHQ-9/GAD-7 difficulty "Very" or "Extremely"     questionnaire_outcome
    T2  R11  14 days: >= 10 check-ins, 10 high-N, 7 impaired  checkin_outcome
    T2  R12  28 days: >= 14 check-ins, half of them high-N    checkin_outcome
    T2  R13  history yes, and 7 high-N days or PC-PTSD-5 >= 3 history_outcome
    T2  R14  2 distressing practices in 7 days, or 2 "too     repeated_exercise_distress
             much" in 14 (deepening practices rest)
    T2  R15  PHQ-9 up >= 5 to >= 10 (names the change)        questionnaire_outcome
    T1  R16  PHQ-9 5-9, GAD-7 5-9, WHO-5 29-50                questionnaire_outcome
    T1  R17  >= 4 high-N days in 7 (no T2 met)                checkin_outcome
    T1  R18  one practice ends at distress >= 8 or up >= 4    exercise_distress_stop
    T1  R19  PHQ-9 up >= 5 but under 10                       questionnaire_outcome
    T1  R20  history yes alone                                history_outcome
    --  R21  window rules only with their minimum check-ins   checkin_outcome
    --  R22  answered cards stay quiet (T3 never)             daily.card_to_show, daily.respond
    --  R23  an audit row per firing, never free text         escalation.record
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from selfcare.checkins import thresholds

RULE_IDS = tuple(f"R{number}" for number in range(1, 24))


def exercise_distress_stop(distress_before: int | None, distress_after: int | None) -> bool:
    """R18: distress after an exercise >= 8, or up by >= 4, means stop, ground, and offer help.

    Missing data never downgrades: a high "after" alone is enough.
    """
    if distress_after is None:
        return False
    if distress_after >= thresholds.EXERCISE_DISTRESS_HIGH:
        return True
    return distress_before is not None and distress_after - distress_before >= thresholds.EXERCISE_DISTRESS_RISE


@dataclass(frozen=True)
class DailyCheck:
    date: datetime.date
    numbness: int
    impacts: tuple[int, int, int]

    @property
    def high(self) -> bool:
        return self.numbness >= thresholds.HIGH_NUMBNESS

    @property
    def impaired(self) -> bool:
        return any(value >= thresholds.IMPAIRED for value in self.impacts)


@dataclass(frozen=True)
class Fired:
    rule: str  # its SAFETY.md id, "R1" ... "R23"
    tier: int


@dataclass(frozen=True)
class Outcome:
    """Every rule that fired, with its tier. What shows is the highest tier: one consolidated message.

    It decides what to show, never a label for the person.
    """

    fired: tuple[Fired, ...] = ()

    @classmethod
    def of(cls, tier: int, *rules: str) -> Outcome:
        return cls(tuple(Fired(rule, tier) for rule in rules))

    @property
    def tier(self) -> int:
        return max((fired.tier for fired in self.fired), default=0)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules behind what shows: those at the highest tier."""
        return tuple(fired.rule for fired in self.fired if fired.tier == self.tier)

    def __add__(self, other: Outcome) -> Outcome:
        seen = {fired.rule for fired in self.fired}
        return Outcome(self.fired + tuple(fired for fired in other.fired if fired.rule not in seen))

    def __bool__(self) -> bool:
        return bool(self.fired)


NONE = Outcome()


def _window[Dated: (DailyCheck, ExerciseRun)](days: list[Dated], today: datetime.date, length: int) -> list[Dated]:
    """Check-ins (or practice runs) in the last `length` local calendar days, today included."""
    first = today - datetime.timedelta(days=length - 1)
    return [day for day in days if first <= day.date <= today]


def checkin_outcome(days: list[DailyCheck], today: datetime.date) -> Outcome:
    """R11, R12 and R17 over daily check-ins, with R21's minimum data for each."""
    t = thresholds
    fired: list[str] = []
    last14 = _window(days, today, t.R11_WINDOW_DAYS)
    if (
        len(last14) >= t.R11_MIN_CHECKIN_DAYS
        and sum(d.high for d in last14) >= t.R11_MIN_HIGH_DAYS
        and sum(d.impaired for d in last14) >= t.R11_MIN_IMPAIRED_DAYS
    ):
        fired.append("R11")
    last28 = _window(days, today, t.R12_WINDOW_DAYS)
    if len(last28) >= t.R12_MIN_CHECKIN_DAYS and sum(d.high for d in last28) >= t.R12_HIGH_SHARE * len(last28):
        fired.append("R12")
    if fired:
        return Outcome.of(2, *fired)
    last7 = _window(days, today, t.R17_WINDOW_DAYS)
    if len(last7) >= t.R17_MIN_HIGH_DAYS and sum(d.high for d in last7) >= t.R17_MIN_HIGH_DAYS:
        return Outcome.of(1, "R17")
    return NONE


@dataclass(frozen=True)
class ExerciseRun:
    date: datetime.date
    distress_before: int | None
    distress_after: int | None
    too_much: bool | None


def repeated_exercise_distress(runs: list[ExerciseRun], today: datetime.date) -> Outcome:
    """R14: two distressing practices in 7 days, or two that felt like too much in 14 -> T2."""
    t = thresholds
    week = _window(runs, today, t.R14_DISTRESS_WINDOW_DAYS)
    fortnight = _window(runs, today, t.R14_TOO_MUCH_WINDOW_DAYS)
    distressing = sum(exercise_distress_stop(r.distress_before, r.distress_after) for r in week)
    too_much = sum(bool(r.too_much) for r in fortnight)
    if distressing >= t.R14_MIN_DISTRESS_SESSIONS or too_much >= t.R14_MIN_TOO_MUCH_SESSIONS:
        return Outcome.of(2, "R14")
    return NONE


@dataclass(frozen=True)
class Answered:
    """One questionnaire as the rules see it: its answers so far and its total, if complete."""

    instrument: str
    answers: dict[str, int]
    score: int | None


def _in(value: int | None, bounds: tuple[int, int]) -> bool:
    return value is not None and bounds[0] <= value <= bounds[1]


def self_harm_item(answers: dict[str, int]) -> Outcome:
    """R1 and R2: any answer but "Not at all" to PHQ-9 item 9 -> T3, the moment it is saved."""
    value = answers.get(thresholds.PHQ9_SELF_HARM_ITEM)
    if value is None or value == 0:
        return NONE
    return Outcome.of(3, "R1" if value >= 2 else "R2")


def questionnaire_outcome(result: Answered, previous_phq9: int | None = None) -> Outcome:
    """R1, R2, R5-R10, R15, R16 and R19 for one questionnaire (partly answered ones too)."""
    t = thresholds
    fired = NONE
    score = result.score
    if result.instrument == "phq9":
        fired += self_harm_item(result.answers)
        rise = score - previous_phq9 if score is not None and previous_phq9 is not None else None
        if score is not None and score >= t.PHQ9_REFER:
            fired += Outcome.of(2, "R5")
            if rise is not None and rise >= t.PHQ9_CHANGE:
                fired += Outcome.of(2, "R15")
        elif rise is not None and rise >= t.PHQ9_CHANGE:
            fired += Outcome.of(1, "R19")
        if _in(score, t.PHQ9_NUDGE):
            fired += Outcome.of(1, "R16")
    elif result.instrument == "gad7":
        if score is not None and score >= t.GAD7_REFER:
            fired += Outcome.of(2, "R6")
        elif _in(score, t.GAD7_NUDGE):
            fired += Outcome.of(1, "R16")
    elif result.instrument == "who5":
        if score is not None and score <= t.WHO5_REFER_AT_MOST:
            fired += Outcome.of(2, "R7")
        elif _in(score, t.WHO5_NUDGE):
            fired += Outcome.of(1, "R16")
    elif result.instrument == "pcptsd5" and score is not None and score >= t.PCPTSD5_REFER:
        fired += Outcome.of(2, "R8")
    elif result.instrument == "d" and score is not None and score >= t.D_REFER:
        fired += Outcome.of(2, "R9")
    if result.instrument in {"phq9", "gad7"} and (result.answers.get("functional") or 0) >= t.FUNCTIONAL_REFER:
        fired += Outcome.of(2, "R10")
    return fired


def history_outcome(flag: bool | None, high_days_14: int, pcptsd5: int | None) -> Outcome:
    """R13 and R20: the one-time history answer. Only the yes/no is ever kept."""
    if not flag:
        return NONE
    if high_days_14 >= thresholds.R13_MIN_HIGH_DAYS or (pcptsd5 is not None and pcptsd5 >= thresholds.PCPTSD5_REFER):
        return Outcome.of(2, "R13")
    return Outcome.of(1, "R20")


def soon(result: Answered) -> bool:
    """R5's stronger wording: a PHQ-9 of 20 or more suggests talking to someone soon."""
    return result.instrument == "phq9" and result.score is not None and result.score >= thresholds.PHQ9_REFER_SOON
