from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest
from selfcare.reminders import kinds, preferences, tokens
from selfcare.reminders.forms import PauseForm, ScheduleForm
from selfcare.reminders.models import ReminderSchedule, weekday_mask


def _when(moment, zone) -> str:
    local = moment.astimezone(zone)
    return f"{date_format(local, 'l j F')} at {local:%H:%M}"


def _schedule_form(kind: kinds.Kind, row: ReminderSchedule | None, data=None) -> ScheduleForm:
    if row is None:
        initial = {"enabled": False, "days": [str(day) for day in range(7)], "at": kind.default_time}
    else:
        initial = {"enabled": row.enabled, "days": [str(day) for day in sorted(row.weekday_set)], "at": row.local_time}
    return ScheduleForm(data, prefix=kind.key, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request: AuthenticatedHttpRequest):
    user = request.user
    prefs = preferences.for_user(user)
    today = user.local_today()
    rows = {row.kind: row for row in ReminderSchedule.objects.owned_by(user)}
    which = request.POST.get("form", "") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    schedule_forms = {
        key: _schedule_form(kind, rows.get(key), data if which == key else None) for key, kind in kinds.KINDS.items()
    }
    pause_form = PauseForm(data if which == "pause" else None, today=today)

    if request.method == "POST":
        if which == "opt-in":
            preferences.opt_in(user)
            messages.success(request, "Reminders are on. Choose the ones you'd like below.")
            return redirect("reminders:settings")
        if which == "stop":
            preferences.stop_all(user)
            messages.success(request, "Reminders are off. We won't email you any more reminders.")
            return redirect("reminders:settings")
        if which == "resume":
            preferences.pause_until(user, None)
            messages.success(request, "Welcome back. Your reminders are on again.")
            return redirect("reminders:settings")
        if which == "retire-links":
            preferences.retire_unsubscribe_links(user)
            messages.success(request, "Done. Unsubscribe links in earlier emails no longer work.")
            return redirect("reminders:settings")
        if which == "pause" and pause_form.is_valid():
            until = pause_form.cleaned_data["until"]
            preferences.pause_until(user, until)
            messages.success(request, f"Paused. Reminders start again on {date_format(until, 'l j F')}.")
            return redirect("reminders:settings")
        form = schedule_forms.get(which)
        if form is not None and form.is_valid():
            kind = kinds.KINDS[which]
            row = preferences.save_schedule(
                user, which, form.cleaned_data["enabled"], weekday_mask(form.weekday_numbers()), form.cleaned_data["at"]
            )
            if row.next_due_at:
                messages.success(request, f"Saved. The next one arrives {_when(row.next_due_at, user.zone)}.")
            elif not row.enabled:
                messages.success(request, f"Saved. “{kind.label}” is off.")
            else:
                messages.success(request, "Saved.")
            return redirect("reminders:settings")

    cards = []
    for key, kind in kinds.KINDS.items():
        schedule = rows.get(key)
        next_at = schedule.next_due_at if schedule else None
        cards.append(
            {
                "kind": kind,
                "form": schedule_forms[key],
                "next": _when(next_at, user.zone) if next_at else "",
                "enabled": bool(schedule and schedule.enabled),
            }
        )
    context = {
        "prefs": prefs,
        "paused": prefs.is_paused(today),
        "paused_until": prefs.paused_until,
        "cards": cards,
        "pause_form": pause_form,
        "zone": user.time_zone,
    }
    return render(request, "reminders/settings.html", context)


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Mail programs POST here without a session or CSRF token (RFC 8058 one-click), so this one view is exempt.
# The signed token is the only credential, and all it can do is turn reminders off.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str):
    prefs = tokens.read(token)
    if prefs is None:
        return _private(render(request, "reminders/unsubscribe_invalid.html", status=404))
    if request.method == "POST":
        preferences.stop_all(prefs.owner)
        return _private(render(request, "reminders/unsubscribe.html", {"done": True}))
    return _private(render(request, "reminders/unsubscribe.html", {"done": not prefs.opted_in}))
