"""The joy list pages: plain forms, post-redirect-get, every lookup scoped to the signed-in person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from exercises.joy import rules as joy
from exercises.joy.forms import AddForm, PlanForm, RecordForm
from exercises.joy.models import JoyActivity, JoyRecord
from selfcare.core.http import AuthenticatedHttpRequest


def _activity_or_404(request: AuthenticatedHttpRequest, code, *, active_only: bool = False) -> JoyActivity:
    items = JoyActivity.objects.owned_by(request.user)
    return get_object_or_404(items.active() if active_only else items, code=code)


def _record_or_404(request: AuthenticatedHttpRequest, code) -> JoyRecord:
    return get_object_or_404(JoyRecord.objects.owned_by(request.user).select_related("activity"), code=code)


def _list_url(anchor: str = "") -> str:
    return reverse("joy:list") + (f"#{anchor}" if anchor else "")


def _render_list(request: AuthenticatedHttpRequest, add_form: AddForm):
    items = joy.summary(request.user)  # one query: every item with its numbers
    waiting = joy.pending(request.user)  # one query: guesses waiting for "how was it?"
    waiting_by_item = {record.activity_id: record for record in waiting}
    active = [item for item in items if not item.is_archived]
    for item in active:
        item.waiting = waiting_by_item.get(item.pk)
    context = {
        "active": active,
        "archived": [item for item in items if item.is_archived],
        "waiting": waiting,
        "totals": joy.totals(items),
        "add_form": add_form,
        "max_active": joy.MAX_ACTIVE,
    }
    return render(request, "joy/list.html", context)


@require_safe
@login_required
def joy_list(request: AuthenticatedHttpRequest):
    return _render_list(request, AddForm())


@require_POST
@login_required
def joy_add(request: AuthenticatedHttpRequest):
    form = AddForm(request.POST)
    if form.is_valid():
        try:
            activity, created = joy.add(request.user, form.cleaned_data["name"])
        except joy.JoyError as error:
            form.add_error("name", str(error))
        else:
            if created:
                messages.success(request, f"Added \u201c{activity.name}\u201d to your list.")
            else:
                messages.info(request, f"\u201c{activity.name}\u201d is already on your list.")
            return redirect(_list_url(f"item-{activity.code}"))
    return _render_list(request, form)


@require_POST
@login_required
def joy_move(request: AuthenticatedHttpRequest, code):
    activity = _activity_or_404(request, code, active_only=True)
    try:
        joy.move(request.user, activity, request.POST.get("direction", ""))
    except joy.JoyError as error:
        messages.error(request, str(error))
    return redirect(_list_url(f"item-{activity.code}"))


@require_POST
@login_required
def joy_archive(request: AuthenticatedHttpRequest, code):
    activity = _activity_or_404(request, code)
    joy.archive(activity)
    messages.success(
        request, f"\u201c{activity.name}\u201d is off your list for now. You can put it back from Archived any time."
    )
    return redirect(_list_url())


@require_POST
@login_required
def joy_restore(request: AuthenticatedHttpRequest, code):
    activity = _activity_or_404(request, code)
    try:
        joy.restore(activity)
    except joy.JoyError as error:
        messages.error(request, str(error))
        return redirect(_list_url("archived"))
    messages.success(request, f"\u201c{activity.name}\u201d is back on your list, at the bottom.")
    return redirect(_list_url(f"item-{activity.code}"))


@require_http_methods(["GET", "POST"])
@login_required
def joy_plan(request: AuthenticatedHttpRequest, code):
    activity = _activity_or_404(request, code, active_only=True)
    waiting = activity.records.pending().first()
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, initial={"expected": waiting.expected} if waiting else None)
    if form.is_valid():
        joy.plan(activity, form.cleaned_data["expected"])
        messages.success(request, "Your guess is saved. Enjoy it, then come back here and say how it went.")
        return redirect(_list_url())
    return render(request, "joy/plan.html", {"activity": activity, "form": form, "waiting": waiting})


@require_http_methods(["GET", "POST"])
@login_required
def joy_record(request: AuthenticatedHttpRequest, code):
    record = _record_or_404(request, code)
    data = request.POST if request.method == "POST" else None
    initial = {"actual": record.actual, "note": record.note} if record.is_done else None
    form = RecordForm(data, initial=initial)
    if form.is_valid():
        changing = record.is_done
        joy.record_actual(record, form.cleaned_data["actual"], form.cleaned_data["note"])
        if changing:
            messages.success(request, "Your answer is updated.")
        return redirect("joy:record", code=record.code)
    context = {"record": record, "activity": record.activity, "form": form, "outcome": joy.outcome(record)}
    return render(request, "joy/record.html", context)


@require_POST
@login_required
def joy_let_go(request: AuthenticatedHttpRequest, code):
    record = _record_or_404(request, code)
    if joy.let_go(record):
        messages.info(request, "Cleared. You can pick it again whenever you like.")
        return redirect(_list_url())
    return redirect("joy:record", code=record.code)  # already done: nothing to clear
