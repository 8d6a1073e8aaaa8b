"""What a help card says, rule by rule (SAFETY.md §3.2: plain, warm, never a diagnosis or a label).

A card shows the highest tier only, with one short reason per rule behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfcare.checkins import rules

NOT_A_DIAGNOSIS = "This is not a diagnosis, just a sign worth listening to."

REASONS = {
    # T2: talking to a professional could help.
    "R5": "Your answers suggest low mood and losing interest have been weighing on you over the last two weeks.",
    "R6": "Your answers suggest worry and tension have been hard to put down over the last two weeks.",
    "R7": "Your answers suggest there have been very few good days lately.",
    "R8": (
        "Your answers suggest that something frightening you went through may still be affecting you. "
        "Therapists who work in a trauma-informed way can help with that, at a pace that feels safe."
    ),
    "R9": "Feeling unreal, or as if you're watching yourself from outside, on many days is worth talking over.",
    "R10": "You said these problems have made daily life very hard to manage.",
    "R11": "Your recent check-ins suggest that feeling this numb has been getting in the way for a while.",
    "R12": "Your check-ins over the last few weeks suggest that feeling numb has stayed with you for a while.",
    "R13": (
        "You mentioned that a trauma, a loss or ongoing stress may be part of why you feel numb, and things "
        "have been heavy lately. Therapists trained in trauma- or grief-informed care can help with exactly this."
    ),
    "R14": (
        "Some of your recent practices brought up a lot of distress, or felt like too much. That can happen "
        "when feelings start to come back, and it's a good reason to have support alongside. For now, Thaw "
        "keeps to grounding and gentle practices."
    ),
    "R15": "Your answers show a clear change since the last time you answered these questions.",
    # T1: a gentle note.
    "R16": "Some of your answers suggest things have been a bit harder lately.",
    "R17": "You've felt very numb on several days this week.",
    "R19": "Your answers suggest things are harder than the last time you answered.",
    "R20": (
        "You mentioned that a trauma, a loss or ongoing stress may be part of why you feel numb. Some therapists "
        "specialise in exactly that, and the Get help page explains the kinds of therapy."
    ),
}


@dataclass(frozen=True)
class HelpCard:
    tier: int  # 0: nothing to show
    reasons: tuple[str, ...] = ()
    soon: bool = False  # R5 at 20 or more: "soon"
    exercises: bool = False  # R14: practices are resting


def card(outcome: rules.Outcome, tier: int | None = None, soon: bool = False) -> HelpCard:
    """The card for an outcome; `tier` is what may show now (R22 may have quietened it)."""
    shown = outcome.tier if tier is None else tier
    if shown not in (1, 2) or shown != outcome.tier:
        return HelpCard(0)
    reasons = tuple(dict.fromkeys(REASONS[rule] for rule in outcome.rules if rule in REASONS))
    return HelpCard(shown, reasons, soon=soon, exercises="R14" in outcome.rules)
