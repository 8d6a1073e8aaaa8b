"""Saving the daily check-in, running the rules over it, and remembering how help cards were answered."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from selfcare.checkins import rules, thresholds
from selfcare.checkins.models import CheckIn, HelpResponse

QUIET_DAYS: dict[tuple[int, str], int] = {
    (2, HelpResponse.Choice.CONTACTED): thresholds.QUIET_AFTER_CONTACTED_DAYS,
    (2, HelpResponse.Choice.REMIND): thresholds.QUIET_AFTER_REMIND_DAYS,
    (2, HelpResponse.Choice.NOT_NOW): thresholds.QUIET_AFTER_NOT_NOW_DAYS,
    (1, HelpResponse.Choice.DISMISSED): thresholds.QUIET_AFTER_T1_DISMISSED_DAYS,
}


def todays_checkin(user) -> CheckIn | None:
    return CheckIn.objects.filter(owner=user, date=user.local_today()).first()


def save(user, values: dict) -> tuple[CheckIn, bool]:
    """Save today's check-in; a second one the same day updates it. Returns (check-in, updated)."""
    date = user.local_today()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                checkin, created = CheckIn.objects.update_or_create(owner=user, date=date, defaults=values)
                return checkin, not created
        except IntegrityError:
            continue  # the same form sent twice at once: the second one updates
    raise RuntimeError("could not save the check-in")


def outcome_of(checkins, today: datetime.date) -> rules.Outcome:
    """The rules over check-ins of the last 28 days (recent.gather reads them once per page)."""
    days = [
        rules.DailyCheck(c.date, c.numbness, (c.impact_work, c.impact_relationships, c.impact_selfcare))
        for c in checkins
    ]
    return rules.checkin_outcome(days, today)


def still_quiet(owner):
    """The person's answered help cards that are still quiet (R22). `owner` may be an OuterRef."""
    return HelpResponse.objects.filter(owner=owner, quiet_until__gt=timezone.now())


def quiet_tiers(user) -> frozenset[int]:
    return frozenset(still_quiet(user).values_list("tier", flat=True))


def card_to_show(user, result: rules.Outcome, quiet: frozenset[int] | None = None) -> int:
    """The tier of card to show now, or 0 when the person answered it and it is still quiet (R22)."""
    if result.tier == 0:
        return 0
    if quiet is None:
        quiet = quiet_tiers(user)
    return 0 if result.tier in quiet else result.tier


def respond(user, tier: int, choice: str) -> bool:
    days = QUIET_DAYS.get((tier, choice))
    if days is None:
        return False
    HelpResponse.objects.create(
        owner=user, tier=tier, choice=choice, quiet_until=timezone.now() + datetime.timedelta(days=days)
    )
    return True
