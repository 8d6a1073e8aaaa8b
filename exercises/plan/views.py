from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from exercises.plan import days as plan
from exercises.plan import weeks
from exercises.plan.forms import ReportForm
from exercises.plan.links import task_link
from exercises.plan.models import Enrollment
from selfcare.core.http import AuthenticatedHttpRequest


def _week_or_404(request: AuthenticatedHttpRequest, code) -> Enrollment:
    return get_object_or_404(Enrollment.objects.owned_by(request.user), code=code)


@require_safe
@login_required
def plan_home(request: AuthenticatedHttpRequest):
    week = weeks.active_week(request.user)
    earlier = list(Enrollment.objects.owned_by(request.user).filter(finished_at__isnull=False).order_by("-start_date"))
    if week is None:
        return render(request, "plan/start.html", {"earlier": earlier, "plan": plan.plan()})
    current = weeks.state(week, request.user.local_today())
    days = current.days()
    for row in days:
        for item in row["tasks"]:
            item["link"] = task_link(item["task"])
    context = {
        "week": week,
        "state": current,
        "days": days,
        "earlier": earlier,
        "pause_options": (2, 3, 7),
        "next_opens": current.opens_on(min(current.on_day + 1, plan.DAYS)),
    }
    return render(request, "plan/week.html", context)


@require_POST
@login_required
def plan_start(request: AuthenticatedHttpRequest):
    level = request.POST.get("level", Enrollment.Level.GENTLE)
    if level not in Enrollment.Level.values:
        level = Enrollment.Level.GENTLE
    weeks.start_week(request.user, level)
    return redirect("plan:home")


@require_POST
@login_required
def plan_tick(request: AuthenticatedHttpRequest, code):
    week = _week_or_404(request, code)
    try:
        day = int(request.POST.get("day", ""))
    except ValueError:
        day = 0
    try:
        new = weeks.tick(week, day, request.POST.get("task", ""), request.user.local_today())
    except weeks.PlanError as problem:
        messages.info(request, str(problem))
    else:
        messages.success(
            request, "Ticked off. Well done for looking after yourself." if new else "That one is already done."
        )
    return redirect("plan:home")


@require_http_methods(["GET", "POST"])
@login_required
def plan_report(request: AuthenticatedHttpRequest, code, day: int, task: str):
    week = _week_or_404(request, code)
    if not 1 <= day <= plan.DAYS or (plan_task := plan.plan().day(day).task(task)) is None:
        messages.info(request, "That task isn't part of the plan.")
        return redirect("plan:home")
    if plan_task.kind not in {"self-report", "therapy-topic"}:
        return redirect(task_link(plan_task))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if plan_task.kind == "therapy-topic":
                weeks.tick(week, day, task, request.user.local_today())
                weeks.save_topic(week, text)
            else:
                weeks.tick(week, day, task, request.user.local_today(), report=text)
        except weeks.PlanError as problem:
            messages.info(request, str(problem))
            return render(request, "plan/report.html", {"week": week, "task": plan_task, "day": day, "form": form})
        messages.success(request, "Saved. Thank you for doing this.")
        return redirect("plan:home")
    title = plan_task.title_for(week.level)
    return render(
        request,
        "plan/report.html",
        {"week": week, "task": plan_task, "title": title, "day": day, "form": form},
    )


@require_POST
@login_required
def plan_pause(request: AuthenticatedHttpRequest, code):
    week = _week_or_404(request, code)
    try:
        days = int(request.POST.get("days", ""))
        weeks.pause(week, days, request.user.local_today())
    except (ValueError, weeks.PlanError):
        messages.info(request, f"A pause can be 1 to {plan.MAX_PAUSE_DAYS} days.")
    else:
        messages.success(request, f"The plan is paused for {days} day{'s' if days != 1 else ''}. It will wait for you.")
    return redirect("plan:home")


@require_POST
@login_required
def plan_resume(request: AuthenticatedHttpRequest, code):
    week = _week_or_404(request, code)
    weeks.resume(week, request.user.local_today())
    messages.success(request, "Welcome back. The plan picks up where you left off.")
    return redirect("plan:home")


@require_POST
@login_required
def plan_finish(request: AuthenticatedHttpRequest, code):
    week = _week_or_404(request, code)
    if not weeks.state(week, request.user.local_today()).complete:
        messages.info(request, "There's still something left in this week. Take your time.")
        return redirect("plan:home")
    weeks.finish(week)
    return redirect("plan:week", code=week.code)


@require_safe
@login_required
def plan_week(request: AuthenticatedHttpRequest, code):
    week = _week_or_404(request, code)
    return render(request, "plan/summary.html", {"week": week, "summary": weeks.summary(week)})
