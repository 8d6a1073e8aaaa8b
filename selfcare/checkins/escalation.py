"""Running the rules after every check-in, questionnaire and practice, and acting on what they decide.

The rules themselves are pure functions in rules.py. This module gathers a person's history for
them, records each firing (R23), and does what a tier asks for: the crisis bar for the rest of
the session and the check-backs (R4), and at most one neutral follow-up email per episode. All of
it is written to the database in the request; nothing here waits for Celery, Redis or email.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from selfcare.checkins import daily, instruments, recent, rules, screening, thresholds, wording
from selfcare.checkins.crisis import CRISIS_BAR_SESSION_KEY
from selfcare.checkins.models import CheckBack, EscalationEvent, FollowUp, ScreenerResult

# Sent after the commit for a follow-up that is due at once, with its `pk`. apps.py connects tasks.py
# to it, which hands the follow-up to a worker: the task module calls this one, never the other way.
follow_up_due = Signal()


def answered(result: ScreenerResult) -> rules.Answered:
    return rules.Answered(result.instrument, result.answers or {}, result.score)


def questionnaire(result: ScreenerResult) -> rules.Outcome:
    """The rules over one questionnaire run (partly answered runs too: item 9 counts at once)."""
    previous = screening.previous_score(result) if result.instrument == instruments.PHQ9 and result.score else None
    outcome = rules.questionnaire_outcome(answered(result), previous)
    if result.instrument in {instruments.HISTORY, instruments.PCPTSD5}:
        outcome += background(result.owner)
    return outcome


def background(user, history: recent.Recent | None = None) -> rules.Outcome:
    """R13 and R20 from the one-time history answer, the last two weeks and the latest PC-PTSD-5."""
    history = history or recent.gather(user)
    answer = history.last_completed(instruments.HISTORY)
    if answer is None or not answer.score:
        return rules.NONE
    first = history.today - datetime.timedelta(days=thresholds.R13_WINDOW_DAYS - 1)
    high = sum(1 for c in history.checkins_since(first) if c.numbness >= thresholds.HIGH_NUMBNESS)
    ptsd = history.last_completed(instruments.PCPTSD5)
    return rules.history_outcome(True, high, ptsd.score if ptsd else None)


def standing_questionnaires(user, history: recent.Recent | None = None) -> rules.Outcome:
    """Score rules still met: each questionnaire's latest result while it is within its recall window."""
    history = history or recent.gather(user)
    now = timezone.now()
    outcome = rules.NONE
    for slug in (*instruments.SCREENERS, instruments.D_ITEM):
        result = history.last_completed(slug)
        window = datetime.timedelta(days=instruments.instruments()[slug].interval_days)
        if result and now - screening.finished_at(result) < window:
            outcome += rules.questionnaire_outcome(answered(result))
    return outcome


def current(user, extra: rules.Outcome = rules.NONE, history: recent.Recent | None = None) -> rules.Outcome:
    """Everything still met now, for Today's banner and the nightly pass (T3 is never re-derived here:
    it belongs to the moment it was answered)."""
    history = history or recent.gather(user)
    outcome = (
        daily.outcome_of(history.checkins, history.today)
        + standing_questionnaires(user, history)
        + background(user, history)
        + extra
    )
    return rules.Outcome(tuple(f for f in outcome.fired if f.tier < 3))


def record(user, outcome: rules.Outcome, source: str) -> list[str]:
    """R23: one audit row per rule that fired on this submission, never twice for the same source.

    Returns the rules that are new for this source.
    """
    if not outcome:
        return []
    with transaction.atomic():
        seen = set(EscalationEvent.objects.filter(owner=user, source=source).values_list("rule", flat=True))
        new = [fired for fired in outcome.fired if fired.rule not in seen]
        EscalationEvent.objects.bulk_create(
            EscalationEvent(owner=user, rule=fired.rule, tier=fired.tier, source=source) for fired in new
        )
        if new:
            _act(user, max(fired.tier for fired in new))
    return [fired.rule for fired in new]


def urgent_moment(request, source: str, rule: str = "R3") -> None:
    """R3: "I need help now", and R4's crisis bar for the rest of this session."""
    request.session[CRISIS_BAR_SESSION_KEY] = True
    if request.user.is_authenticated:
        record(request.user, rules.Outcome.of(3, rule), source)


def show_crisis_bar(request, outcome: rules.Outcome) -> None:
    if outcome.tier >= 3:
        request.session[CRISIS_BAR_SESSION_KEY] = True


def _act(user, tier: int) -> None:
    now = timezone.now()
    if tier >= 3:
        # R4: ask again at the next login, and a week on. Only when to ask is stored.
        CheckBack.objects.bulk_create(
            [
                CheckBack(owner=user, due_at=now, waits_for_login=True),
                CheckBack(owner=user, due_at=now + datetime.timedelta(days=thresholds.CHECK_BACK_AFTER_DAYS)),
            ]
        )
    if tier >= 2:
        _follow_up(user, urgent=tier >= 3, now=now)


def _follow_up(user, urgent: bool, now: datetime.datetime) -> None:
    """At most one follow-up email per episode, and only for people who asked for email."""
    if not user.email_followups:
        return
    episode = now - datetime.timedelta(days=thresholds.FOLLOW_UP_EPISODE_DAYS)
    if FollowUp.objects.filter(owner=user, episode_started_at__gte=episode).exists():
        return
    hours = thresholds.FOLLOW_UP_AFTER_T3_HOURS if urgent else thresholds.FOLLOW_UP_AFTER_T2_HOURS
    follow_up = FollowUp.objects.create(owner=user, urgent=urgent, send_after=now + datetime.timedelta(hours=hours))
    if hours == 0:
        transaction.on_commit(lambda: follow_up_due.send(sender=FollowUp, pk=follow_up.pk))


def help_card(
    user, outcome: rules.Outcome, soon: bool = False, quiet: frozenset[int] | None = None
) -> wording.HelpCard:
    """The card to show for an outcome now, unless the person answered it and it is still quiet (R22)."""
    return wording.card(outcome, daily.card_to_show(user, outcome, quiet), soon)


def check_backs_due(owner):
    """R4's "How are you doing?" prompts due now, oldest first. `owner` may be an OuterRef."""
    return CheckBack.objects.filter(
        owner=owner, answered_at__isnull=True, waits_for_login=False, due_at__lte=timezone.now()
    ).order_by("due_at")


def check_back_due(user) -> CheckBack | None:
    return check_backs_due(user).first()


def logged_in(user) -> None:
    """R4's "at next login": the prompt waiting for a login becomes due."""
    CheckBack.objects.filter(owner=user, waits_for_login=True, answered_at__isnull=True).update(waits_for_login=False)


def answer_check_back(user, pk: int) -> bool:
    return bool(
        CheckBack.objects.filter(owner=user, pk=pk, answered_at__isnull=True).update(answered_at=timezone.now())
    )
