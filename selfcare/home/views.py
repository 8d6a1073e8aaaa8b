from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from exercises import safety
from exercises.plan import weeks
from journal.models import JournalEntry
from selfcare.checkins import escalation, recent, screening
from selfcare.core import health
from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest, from_this_site
from selfcare.home.today import greeting
from selfcare.home.today import notices as today_notices
from selfcare.sharing import links

# Fields never echoed back after a failed CSRF check.
_SECRET_FIELD_WORDS = ("password", "token", "csrf")


@require_safe
def landing(request: HtmxHttpRequest):
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "home/landing.html")


@require_safe
@login_required
def today(request: AuthenticatedHttpRequest):
    """Eight queries whatever the history: the session and the person, two for the rules' history, the
    recent practice ratings, the plan week with its ticks, the latest entries, and one for the notices."""
    user = request.user
    now = user.local_now()
    history = recent.gather(user, now.date())
    notices = today_notices(user)
    week_state = weeks.active_week_state(user, now.date())
    next_task = week_state.next_task if week_state else None
    latest = list(
        JournalEntry.objects.owned_by(user).visible().only("kind", "created_at", "feelings").order_by("-created_at")[:3]
    )
    result = escalation.current(user, extra=safety.recent_distress(user, now.date()), history=history)
    context = {
        "checked_in": history.todays_checkin(),
        "help_card": escalation.help_card(user, result, quiet=notices.quiet_tiers),
        "check_back_id": notices.check_back_id,
        "questionnaire_due": screening.offer(user, history),
        "first_openings": links.first_openings(user) if notices.links_opened else [],
        "now": now,
        "greeting": greeting(now),
        "unfinished": notices.waiting,
        "week": week_state.enrollment if week_state else None,
        "week_state": week_state,
        "next_task": next_task,
        "next_task_title": next_task.title_for(week_state.enrollment.level) if week_state and next_task else "",
        "latest": latest,
    }
    return render(request, "home/today.html", context)


@require_safe
@never_cache
def livez(request: HtmxHttpRequest):
    """The process is up. Touches nothing else, so it is also the benchmarks' baseline view."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@never_cache
def healthz(request: HtmxHttpRequest):
    database = health.database_ok()
    broker = health.broker_ok()
    body = {
        "status": "ok" if database and broker else ("degraded" if database else "down"),
        "database": "ok" if database else "unavailable",
        "broker": "ok" if broker else "unavailable",
    }
    # Without the database nothing works; without the broker pages still serve.
    return JsonResponse(body, status=200 if database else 503)


@requires_csrf_token
def csrf_failure(request: HtmxHttpRequest, reason: str = ""):
    """A form that failed the CSRF check.

    Sent from one of Thaw's own pages (a token that expired while the page was open), it is offered
    again with what was typed and a fresh token. Sent from anywhere else (another site posting to
    Thaw), nothing of it comes back: no field, no token, no button, or one press would send it.
    """
    if not from_this_site(request):
        # Overrides the context processor's token: this page offers nothing to send.
        return render(request, "errors/csrf.html", {"foreign": True, "csrf_token": ""}, status=403)
    kept: list[tuple[str, str]] = []
    for name, values in request.POST.lists() if request.method == "POST" else ():
        if any(word in name.lower() for word in _SECRET_FIELD_WORDS):
            continue
        kept.extend((name, value) for value in values)
    return render(request, "errors/csrf.html", {"kept": kept, "action": request.get_full_path()}, status=403)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No request context: the database may be the thing that failed.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
