import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfcare.checkins import daily, escalation, recent, rules, screening, trends
from selfcare.checkins.crisis import crisis_context
from selfcare.checkins.forms import CheckInForm, SingleQuestionForm, SupportPlanForm
from selfcare.checkins.guide import therapy_kinds
from selfcare.checkins.models import HelpResponse, SupportPlan
from selfcare.checkins.resources import crisis_resources, emergency_numbers, other_regions, regions_for
from selfcare.core import autosave
from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest, redirect_to_local


@require_safe
def get_help(request: HtmxHttpRequest):
    """Crisis lines first, then the way to professional help. Works signed out, with no tracking."""
    support_plan = None
    country = ""
    if request.user.is_authenticated:
        support_plan = SupportPlan.objects.filter(owner=request.user).first()
        country = request.user.country
    regions = regions_for(country)
    context = {
        "resources": crisis_resources(),
        "regions": regions,
        "other_regions": other_regions(regions),
        "emergency_numbers": emergency_numbers(regions),
        "chosen_region": regions[0] if regions[0].code == country else None,
        "therapy_kinds": therapy_kinds(),
        "support_plan": support_plan if support_plan and not support_plan.is_empty else None,
        "invite_to_plan": request.user.is_authenticated and (support_plan is None or support_plan.is_empty),
    }
    return render(request, "checkins/help.html", context)


@require_safe
@never_cache
def help_now(request: HtmxHttpRequest):
    """R3: "Get help now" brings the crisis panel at once, with no questions first.

    Signed in, it is recorded (rule and time only) and keeps the crisis bar up for the session (R4).
    """
    escalation.urgent_moment(request, source=f"help-now:{timezone.now():%Y-%m-%d}")
    return render(
        request,
        "checkins/help_now.html",
        {"crisis": crisis_context(request, rules.Outcome.of(3, "R3"), hold=False, go_on=False)},
    )


@require_safe
@login_required
def support_plan(request: AuthenticatedHttpRequest):
    plan = SupportPlan.objects.filter(owner=request.user).first()
    return render(request, "checkins/support_plan.html", {"plan": plan, "resources": crisis_resources()})


def _save_plan(user, form: SupportPlanForm) -> autosave.Outcome[SupportPlan]:
    """One plan per person, written in order: an older write is ignored, a conflicting one is not applied."""
    write = autosave.Write.of(form.cleaned_data)
    sections = {name: form.cleaned_data[name] for name in SupportPlanForm.Meta.fields}
    with transaction.atomic():
        plan, _ = SupportPlan.objects.select_for_update().get_or_create(owner=user)
        verdict = plan.judge(write)
        if verdict == "stale":
            return autosave.Outcome("already-saved", plan)
        if verdict == "conflict":
            return autosave.Outcome("conflict", plan)
        for name, value in sections.items():
            setattr(plan, name, value)
        plan.stamp(write)
        plan.save()
    return autosave.Outcome("saved", plan)


def _versions(form: SupportPlanForm, stored: SupportPlan) -> tuple[dict, dict]:
    """What this page sent and what is stored, section by section."""
    names = SupportPlanForm.Meta.fields
    return {name: form.cleaned_data[name] for name in names}, {name: getattr(stored, name) for name in names}


@require_http_methods(["GET", "POST"])
@login_required
def support_plan_edit(request: AuthenticatedHttpRequest):
    plan = SupportPlan.objects.filter(owner=request.user).first()
    if request.method == "POST":
        form = SupportPlanForm(request.POST, instance=plan)
        if form.is_valid() and not autosave.same_person(request):
            form.add_error(None, autosave.NOT_YOURS)
            return render(request, "checkins/support_plan_edit.html", {"form": form}, status=403)
        if form.is_valid():
            outcome = _save_plan(request.user, form)
            if outcome.status == "conflict":
                mine, theirs = _versions(form, outcome.row)
                initial = {
                    **autosave.merge(mine, theirs),
                    **autosave.initial_for(request.user, outcome.row.revision),
                }
                context = {
                    "form": SupportPlanForm(initial=initial),
                    "conflict": {"theirs": autosave.shown(form, theirs)},
                }
                return render(request, "checkins/support_plan_edit.html", context, status=409)
            if outcome.status == "already-saved":
                messages.info(request, "Your support plan was already saved.")
            else:
                messages.success(request, "Your support plan is saved.")
            return redirect("support_plan")
    else:
        revision = plan.revision if plan else 0
        form = SupportPlanForm(instance=plan, initial=autosave.initial_for(request.user, revision))
    return render(request, "checkins/support_plan_edit.html", {"form": form})


@require_POST
def support_plan_autosave(request: AuthenticatedHttpRequest):
    """Saves while typing, like the journal: a 401 (not a login page) once the session has ended."""
    if not request.user.is_authenticated or not autosave.same_person(request):
        return autosave.logged_out()
    form = SupportPlanForm(request.POST)
    if not form.is_valid():
        return autosave.not_saved(form)
    outcome = _save_plan(request.user, form)
    if outcome.status == "already-saved":
        return autosave.already_saved(outcome.row)
    if outcome.status == "conflict":
        mine, theirs = _versions(form, outcome.row)
        return autosave.conflict(outcome.row, autosave.shown(form, theirs), autosave.merge(mine, theirs))
    return autosave.saved(outcome.row)


@require_http_methods(["GET", "POST"])
@login_required
def checkin(request: AuthenticatedHttpRequest):
    """The daily check-in. What the rules decide is in the very response that saved it.

    When due, one gentle extra question rides along (the biweekly unreal-feelings item or the
    one-time history question); leaving it blank skips it.
    """
    single = screening.single_question_due(request.user)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        extra = SingleQuestionForm(single, request.POST) if single else None
        if form.is_valid() and (extra is None or extra.is_valid()):
            saved, updated = daily.save(request.user, form.cleaned_data)
            answered = _answer_single(request, single, extra.cleaned_data["answer"]) if extra else rules.NONE
            # One read of the recent history, after the answers are saved, for both kinds of rule.
            history = recent.gather(request.user)
            result = daily.outcome_of(history.checkins, history.today) + answered
            result += escalation.background(request.user, history)
            escalation.record(request.user, result, source=f"checkin:{saved.pk}")
            context = {"checkin": saved, "updated": updated, "help_card": escalation.help_card(request.user, result)}
            return render(request, "checkins/saved.html", context)
        existing = daily.todays_checkin(request.user)
    else:
        existing = daily.todays_checkin(request.user)
        initial = {}
        if existing:
            initial = {name: getattr(existing, name) for name in CheckInForm.base_fields}
        form = CheckInForm(initial=initial)
        extra = SingleQuestionForm(single) if single else None
    return render(request, "checkins/checkin.html", {"form": form, "existing": existing, "extra": extra})


def _answer_single(request, instrument, value: int | None) -> rules.Outcome:
    if value is None:
        screening.skip(request.user, instrument)
        return rules.NONE
    run = screening.start(request.user, instrument)
    run = screening.answer(run, instrument.items[0].key, str(value))
    run, _ = screening.finish(run)
    outcome = escalation.questionnaire(run)
    escalation.record(request.user, outcome, source=f"screener:{run.pk}")
    return outcome


@require_safe
@login_required
def trends_page(request: AuthenticatedHttpRequest):
    """Check-ins and questionnaire totals over time, each chart with its table."""
    today = request.user.local_today()
    days = trends.chosen_days(request.GET.get("days"))
    start = today - datetime.timedelta(days=days - 1)
    context = {"trends": trends.trends_for(request.user, start, today), "days": days, "ranges": trends.RANGES}
    return render(request, "checkins/trends.html", context)


@require_POST
@login_required
def check_back(request: AuthenticatedHttpRequest, pk: int):
    """R4's "How are you doing?": answered once, then gone. Wanting support goes straight to it."""
    if not escalation.answer_check_back(request.user, pk):
        raise Http404("Nothing to answer")
    if request.POST.get("choice") == "support":
        return redirect("help_now")
    messages.info(request, "Thank you for letting us know. Help stays one tap away at the top of every page.")
    return redirect("today")


@require_POST
@login_required
def help_response(request: AuthenticatedHttpRequest):
    try:
        tier = int(request.POST.get("tier", ""))
    except ValueError:
        tier = 0
    choice = request.POST.get("choice", "")
    if daily.respond(request.user, tier, choice):
        if choice == HelpResponse.Choice.CONTACTED:
            messages.success(request, "That's a brave and sensible step. We won't bring this up again for a while.")
        elif choice == HelpResponse.Choice.REMIND:
            messages.info(request, "We'll mention it again in a week if things are still hard.")
        else:
            messages.info(request, "All right. Help is always one tap away at the top of every page.")
    return redirect_to_local(request, request.POST.get("next"), reverse("today"))
