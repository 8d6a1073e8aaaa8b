from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from exercises import safety
from exercises.models import PracticeSession
from exercises.plan import weeks
from journal.models import JournalEntry
from selfcare import pagecache
from selfcare.checkins import daily, escalation, screening
from selfcare.core import health
from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from selfcare.home.today import greeting
from selfcare.sharing import links

# Fields never echoed back after a failed CSRF check.
_SECRET_FIELD_WORDS = ("password", "token", "csrf")


@require_safe
@pagecache.kept
def landing(request: HtmxHttpRequest):
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "home/landing.html")


@require_safe
@login_required
@pagecache.kept
def today(request: AuthenticatedHttpRequest):
    now = request.user.local_now()
    unfinished = PracticeSession.objects.owned_by(request.user).unfinished().order_by("-updated_at").first()
    week = weeks.active_week(request.user)
    week_state = weeks.state(week, now.date()) if week else None
    next_task = week_state.next_task if week_state else None
    latest = list(
        JournalEntry.objects.owned_by(request.user)
        .visible()
        .select_related("practice_session")
        .order_by("-created_at")[:3]
    )
    result = escalation.current(request.user, extra=safety.recent_distress(request.user))
    context = {
        "checked_in": daily.todays_checkin(request.user),
        "help_card": escalation.help_card(request.user, result),
        "check_back": escalation.check_back_due(request.user),
        "questionnaire_due": screening.offer(request.user),
        "first_openings": links.first_openings(request.user),
        "now": now,
        "greeting": greeting(now),
        "unfinished": unfinished,
        "week": week,
        "week_state": week_state,
        "next_task": next_task,
        "next_task_title": next_task.title_for(week.level) if next_task else "",
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
    """Offer to send the form again with a fresh token, keeping what was typed."""
    kept = []
    if request.method == "POST":
        for name, values in request.POST.lists():
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
