from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from exercises import content, pictures, runner, safety
from exercises.forms import AfterForm, BeforeForm, step_form
from exercises.models import PracticeSession
from exercises.suggestions import suggest_next
from journal import wheel, wheel_svg
from journal.feelings import vocabulary
from selfcare.checkins import escalation
from selfcare.checkins.rules import exercise_distress_stop
from selfcare.core.http import AuthenticatedHttpRequest

GROUNDING_EXIT = "grounding-quick"


def _exercise_or_404(slug: str) -> content.Exercise:
    exercise = content.get(slug)
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def _session_or_404(request: AuthenticatedHttpRequest, code) -> PracticeSession:
    return get_object_or_404(PracticeSession.objects.owned_by(request.user), code=code)


def step_url(session: PracticeSession, number: int) -> str:
    return reverse("exercises:step", args=[session.code, number])


@require_safe
@login_required
def exercise_list(request: AuthenticatedHttpRequest):
    sessions = PracticeSession.objects.owned_by(request.user)
    evidence = sessions.evidence_by_exercise()
    in_progress = list(sessions.unfinished().order_by("-updated_at")[:3])
    catalogue = content.catalogue()
    paused = safety.deepening_paused(request.user)
    cards = [
        {
            "exercise": exercise,
            "helped": evidence.get(slug, (0, 0))[0],
            "runs": evidence.get(slug, (0, 0))[1],
            "paused": paused and exercise.intensity == "deepening",
        }
        for slug, exercise in catalogue.items()
    ]
    return render(request, "exercises/list.html", {"cards": cards, "in_progress": in_progress, "paused": paused})


@require_safe
@login_required
def exercise_detail(request: AuthenticatedHttpRequest, slug: str):
    exercise = _exercise_or_404(slug)
    unfinished = PracticeSession.objects.owned_by(request.user).unfinished().filter(exercise=slug).first()
    paused = exercise.intensity == "deepening" and safety.deepening_paused(request.user)
    return render(request, "exercises/detail.html", {"exercise": exercise, "unfinished": unfinished, "paused": paused})


@require_POST
@login_required
def exercise_start(request: AuthenticatedHttpRequest, slug: str):
    exercise = _exercise_or_404(slug)
    if exercise.intensity == "deepening" and safety.deepening_paused(request.user):
        messages.info(request, "This practice is resting for now. Grounding and gentle practices are here for you.")
        return redirect("exercises:detail", slug=slug)
    session = runner.start(request.user, exercise)
    return redirect(step_url(session, 0))


def _forms_for(session: PracticeSession, number: int, data=None):
    kind = runner.position_kind(session, number)
    if kind == runner.BEFORE:
        initial = {"feeling": session.feeling_before, "distress": session.distress_before}
        return kind, None, BeforeForm(data, initial=initial)
    if kind == runner.AFTER:
        initial = {"feeling": session.feeling_after, "distress": session.distress_after}
        return kind, None, AfterForm(data, initial=initial)
    step = runner.steps_of(session)[number - 1]
    return kind, step, step_form(step, data, stored=session.answers.get(step.key))


def _step_context(session: PracticeSession, number: int, kind: str, step, form) -> dict:
    total = session.after_step + 1
    exit_slug = GROUNDING_EXIT if session.snapshot.get("intensity") != "grounding" else None
    return {
        "session": session,
        "title": session.snapshot["title"],
        "number": number,
        "position": number + 1,
        "total": total,
        "kind": kind,
        "step": step,
        "form": form,
        "step_template": f"exercises/steps/{step.type}.html" if step else f"exercises/steps/{kind}.html",
        "action": step_url(session, number),
        "exit_slug": exit_slug,
        **_step_extras(session, step, form),
    }


def _step_extras(session: PracticeSession, step, form) -> dict:
    """What a few step types need beyond their form."""
    if step is None:
        return {}
    if step.type == "feelings-pick":
        return {"wheel": wheel.picker(set(form["words"].value() or [])), "wheel_segments": wheel_svg.segments()}
    if step.type == "drawing":
        palette = pictures.palette(runner.steps_of(session), session.answers)
        return {"drawing_palette": palette or [("#2c6964", "teal")]}
    if step.type == "body-map":
        return {"feeling_words": [f.word for f in vocabulary().all()]}
    if step.type == "choice":
        value = form["value"].value()
        return {"selected_values": value if isinstance(value, list) else [value]}
    return {}


@require_http_methods(["GET", "POST"])
@login_required
def exercise_step(request: AuthenticatedHttpRequest, code, number: int):
    session = _session_or_404(request, code)
    if session.is_finished:
        return redirect("exercises:summary", code=session.code)
    if number > session.furthest_step:
        messages.info(request, "Let's carry on from where you were.")
        return redirect(step_url(session, session.step))

    if request.method == "GET":
        runner.visit(session, number)
        kind, step, form = _forms_for(session, number)
        return render(request, "exercises/step.html", _step_context(session, number, kind, step, form))

    action = request.POST.get("action", "next")
    kind, step, form = _forms_for(session, number, request.POST)
    valid = form.is_valid()
    if action in {"back", "stop"}:
        # Keep whatever is complete; never block leaving a step.
        if valid:
            _save(session, number, kind, step, form, move_to=number)
        if action == "stop":
            runner.pause(session)
            messages.info(request, "Your place is saved. You can come back to it whenever you like.")
            grounding = session.snapshot.get("intensity") == "grounding"
            target = reverse("help") if grounding else reverse("exercises:detail", args=[GROUNDING_EXIT])
            return _go(request, target)
        return _next_step(request, session, max(number - 1, 0))
    if not valid:
        return _render_step(request, session, number, kind, step, form)
    _save(session, number, kind, step, form, move_to=number + 1)
    if session.is_finished:
        escalation.record(request.user, safety.recent_distress(request.user), source=f"exercise:{session.pk}")
        return _go(request, reverse("exercises:summary", args=[session.code]))
    return _next_step(request, session, number + 1)


def _save(session, number, kind, step, form, *, move_to: int) -> None:
    data = form.cleaned_data
    if kind == runner.BEFORE:
        runner.save_before(session, data["feeling"], data["distress"], move_to=move_to)
    elif kind == runner.AFTER:
        if move_to > number:
            runner.save_after(session, data["feeling"], data["distress"], data["too_much"])
    else:
        answer = form.answer()
        if step.type == "timer" and not answer.get("seconds"):
            answer["seconds"] = runner.elapsed_seconds(session, answer["minutes"])
        runner.save_answer(session, number, step.key, answer, move_to=move_to)


def _go(request, url: str):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_step(request, session, number, kind, step, form):
    context = _step_context(session, number, kind, step, form)
    template = "exercises/step.html#step" if request.htmx else "exercises/step.html"
    return render(request, template, context)


def _next_step(request, session: PracticeSession, number: int):
    runner.visit(session, number)
    if not request.htmx:
        return redirect(step_url(session, number))
    kind, step, form = _forms_for(session, number)
    return push_url(_render_step(request, session, number, kind, step, form), step_url(session, number))


@require_safe
@login_required
def exercise_summary(request: AuthenticatedHttpRequest, code):
    session = _session_or_404(request, code)
    if not session.is_finished:
        return redirect(step_url(session, session.step))
    steps = runner.steps_of(session)
    context = {
        "session": session,
        "title": session.snapshot["title"],
        # The body map lists its own regions; the answers list would only repeat them.
        "answers": pictures.answer_rows(
            steps, session.answers, skip_types=("body-map",) if session.snapshot["result"] == "body-map" else ()
        ),
        "distress_stop": exercise_distress_stop(session.distress_before, session.distress_after),
        "suggestion": suggest_next(session),
        "help_card": escalation.help_card(request.user, safety.recent_distress(request.user)),
        "body_map": pictures.body_map(steps, session.answers) if session.snapshot["result"] == "body-map" else None,
        "mood_sketch": pictures.mood_sketch(steps, session.answers, seed=session.code.int)
        if session.snapshot["result"] == "mood-sketch"
        else None,
    }
    return render(request, "exercises/summary.html", context)


@require_safe
@login_required
def exercise_history(request: AuthenticatedHttpRequest):
    sessions = (
        PracticeSession.objects.owned_by(request.user)
        .order_by("-started_at")
        .only(
            "code",
            "exercise",
            "snapshot",
            "started_at",
            "finished_at",
            "feeling_before",
            "feeling_after",
            "distress_before",
            "distress_after",
            "step",
            "paused_at",
            "updated_at",
        )
    )
    page = Paginator(sessions, 20).get_page(request.GET.get("page"))
    return render(request, "exercises/history.html", {"page": page})
