from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfcare.checkins.forms import SupportPlanForm
from selfcare.checkins.models import SupportPlan
from selfcare.checkins.resources import crisis_resources
from selfcare.http import AuthenticatedHttpRequest, HtmxHttpRequest


@require_safe
def get_help(request: HtmxHttpRequest):
    """Crisis lines and emergency numbers. Works signed out, with no tracking."""
    support_plan = None
    if request.user.is_authenticated:
        support_plan = SupportPlan.objects.filter(owner=request.user).first()
    return render(request, "checkins/help.html", {"resources": crisis_resources(), "support_plan": support_plan})


@require_safe
@login_required
def support_plan(request: AuthenticatedHttpRequest):
    plan = SupportPlan.objects.filter(owner=request.user).first()
    return render(request, "checkins/support_plan.html", {"plan": plan, "resources": crisis_resources()})


@require_http_methods(["GET", "POST"])
@login_required
def support_plan_edit(request: AuthenticatedHttpRequest):
    plan = SupportPlan.objects.filter(owner=request.user).first() or SupportPlan(owner=request.user)
    form = SupportPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your support plan is saved.")
        return redirect("support_plan")
    return render(request, "checkins/support_plan_edit.html", {"form": form})


@require_POST
def support_plan_autosave(request: AuthenticatedHttpRequest):
    """Saves while typing, like the journal: a 401 (not a login page) once the session has ended."""
    if not request.user.is_authenticated:
        return HttpResponse(
            "You've been logged out. Your words are kept on this device: log in again and they'll be saved.",
            status=401,
        )
    plan = SupportPlan.objects.filter(owner=request.user).first() or SupportPlan(owner=request.user)
    form = SupportPlanForm(request.POST, instance=plan)
    if not form.is_valid():
        problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(f"Not saved yet: {problems}", status=422)
    form.save()
    return HttpResponse(f"Saved at {timezone.localtime(plan.updated_at):%H:%M}")
