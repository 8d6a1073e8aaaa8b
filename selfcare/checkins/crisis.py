"""What the crisis panel (T3) shows: the person's support plan first, then the lines for their country."""

from __future__ import annotations

from selfcare.checkins import rules, thresholds
from selfcare.checkins.models import SupportPlan
from selfcare.checkins.resources import crisis_resources, regions_for

CRISIS_BAR_SESSION_KEY = "thaw_crisis_bar"


def crisis_context(request, outcome: rules.Outcome = rules.NONE, hold: bool = True, go_on: bool = True) -> dict:
    user = request.user
    signed_in = user.is_authenticated
    plan = SupportPlan.objects.filter(owner=user).first() if signed_in else None
    return {
        "self_harm": bool({"R1", "R2"} & set(outcome.rules)),
        "plan": plan if plan and not plan.is_empty else None,
        "regions": regions_for(user.country if signed_in else ""),
        "resources": crisis_resources(),
        "hold_seconds": thresholds.CRISIS_PANEL_HOLD_SECONDS if hold else 0,
        "go_on": go_on,  # a way on to the rest of the page, when there is one
    }


def crisis_bar(request) -> dict:
    """Context processor: R4's crisis bar on every page for the rest of a session with an urgent moment."""
    session = getattr(request, "session", None)
    return {"crisis_bar": bool(session and session.get(CRISIS_BAR_SESSION_KEY))}
