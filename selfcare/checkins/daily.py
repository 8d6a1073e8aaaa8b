"""Saving the daily check-in, running the rules over it, and remembering how help cards were answered."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from selfcare.checkins import rules, thresholds
from selfcare.checkins.models import CheckIn, HelpResponse

QUIET_DAYS = {
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


def outcome(user, today: datetime.date | None = None) -> rules.Outcome:
    """The rules over the last 28 days of check-ins, in one query."""
    today = today or user.local_today()
    first = today - datetime.timedelta(days=thresholds.R12_WINDOW_DAYS - 1)
    rows = CheckIn.objects.filter(owner=user, date__gte=first, date__lte=today).values_list(
        "date", "numbness", "impact_work", "impact_relationships", "impact_selfcare"
    )
    days = [rules.DailyCheck(date, n, (w, r, s)) for date, n, w, r, s in rows]
    return rules.checkin_outcome(days, today)


def card_to_show(user, result: rules.Outcome) -> int:
    """The tier of card to show now, or 0 when the person answered it and it is still quiet (R22)."""
    if result.tier == 0:
        return 0
    quiet = HelpResponse.objects.filter(owner=user, tier=result.tier, quiet_until__gt=timezone.now()).exists()
    return 0 if quiet else result.tier


def respond(user, tier: int, choice: str) -> bool:
    days = QUIET_DAYS.get((tier, choice))
    if days is None:
        return False
    HelpResponse.objects.create(
        owner=user, tier=tier, choice=choice, quiet_until=timezone.now() + datetime.timedelta(days=days)
    )
    return True
