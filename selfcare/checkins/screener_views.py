"""Questionnaires, one question per screen, with what the rules decide in the response that saved them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from selfcare.checkins import escalation, instruments, rules, screening
from selfcare.checkins.crisis import crisis_context
from selfcare.checkins.models import ScreenerResult
from selfcare.core.http import AuthenticatedHttpRequest

Status = ScreenerResult.Status


def _instrument_or_404(slug: str) -> instruments.Instrument:
    instrument = instruments.get(slug)
    if instrument is None or slug not in instruments.SCREENERS:
        raise Http404("No such questionnaire")
    return instrument


def _result_or_404(request: AuthenticatedHttpRequest, pk: int) -> ScreenerResult:
    """Only the person's own runs: anyone else's id is simply not found."""
    return get_object_or_404(ScreenerResult.objects.owned_by(request.user), pk=pk, instrument__in=instruments.SCREENERS)


@require_safe
@login_required
def screener_list(request: AuthenticatedHttpRequest):
    today = request.user.local_today()
    return render(request, "checkins/screeners.html", {"standings": screening.standings(request.user), "today": today})


@require_http_methods(["GET", "POST"])
@login_required
def screener_start(request: AuthenticatedHttpRequest, slug: str):
    """What the questionnaire asks and why, then a button to begin (or carry on)."""
    instrument = _instrument_or_404(slug)
    if request.method == "POST":
        result = screening.start(request.user, instrument)
        return redirect("screener_run", pk=result.pk)
    in_progress = (
        ScreenerResult.objects.owned_by(request.user).filter(instrument=slug, status=Status.IN_PROGRESS).first()
    )
    context = {
        "instrument": instrument,
        "in_progress": in_progress,
        "due_on": screening.due_on(request.user, instrument),
        "today": request.user.local_today(),
    }
    return render(request, "checkins/screener_start.html", context)


def _question_page(request, result, instrument, question, *, error="", outcome=rules.NONE, status=200):
    answers = result.answers or {}
    number, total, progress = screening.position(instrument, question)
    keys = [q.key for q in instrument.questions(answers)]
    index = keys.index(question.key)
    context = {
        "result": result,
        "instrument": instrument,
        "question": question,
        "chosen": answers.get(question.key),
        "number": number,
        "total": total,
        "progress": progress,
        # Whether a difficulty question follows depends on the answers, so only these are surely last.
        "last": question.key == instruments.FUNCTIONAL
        or (instrument.functional is None and question.key == instrument.items[-1].key),
        "previous_key": keys[index - 1] if index > 0 else "",
        "error": error,
        "crisis": crisis_context(request, outcome) if outcome.tier >= 3 else None,
    }
    return render(request, "checkins/screener_question.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def screener_run(request: AuthenticatedHttpRequest, pk: int):
    """One question at a time. Each answer is saved at once; a finished run goes to its result."""
    result = _result_or_404(request, pk)
    instrument = instruments.instruments()[result.instrument]
    if result.status != Status.IN_PROGRESS:
        return redirect("screener_result", pk=result.pk)
    if request.method == "GET":
        answers = result.answers or {}
        asked = request.GET.get("q", "")
        question = instrument.question(asked) if asked else None
        if question is None or question.key not in {q.key for q in instrument.questions(answers)}:
            question = screening.next_question(instrument, answers)
        if question is None:
            return _finish(request, result)
        return _question_page(request, result, instrument, question)

    key = request.POST.get("question", "")
    question = instrument.question(key)
    if question is None:
        raise Http404("No such question")
    try:
        result = screening.answer(result, key, request.POST.get("answer", ""))
    except screening.InvalidAnswer as problem:
        return _question_page(request, result, instrument, question, error=str(problem), status=422)
    if result.status != Status.IN_PROGRESS:  # a double submit after finishing
        return redirect("screener_result", pk=result.pk)
    next_one = screening.next_question(instrument, result.answers)
    if next_one is None:
        return _finish(request, result)
    # R1/R2: a non-zero answer to item 9 shows the crisis panel in this very response.
    urgent = escalation.questionnaire(result)
    if urgent.tier >= 3:
        escalation.record(request.user, urgent, source=f"screener:{result.pk}")
        escalation.show_crisis_bar(request, urgent)
        return _question_page(request, result, instrument, next_one, outcome=urgent)
    return redirect(f"{reverse('screener_run', args=[result.pk])}?q={next_one.key}")


def _finish(request, result: ScreenerResult):
    result, finished_now = screening.finish(result)
    if not finished_now:
        return redirect("screener_result", pk=result.pk)
    outcome = escalation.questionnaire(result)
    escalation.record(request.user, outcome, source=f"screener:{result.pk}")
    escalation.show_crisis_bar(request, outcome)
    return _result_page(request, result, outcome, hold=True)


def _result_page(request, result: ScreenerResult, outcome: rules.Outcome, hold: bool):
    instrument = instruments.instruments()[result.instrument]
    context = {
        "result": result,
        "instrument": instrument,
        "band": instrument.band(result.score),
        "due_on": screening.due_on(request.user, instrument),
        "crisis": crisis_context(request, outcome, hold=hold) if outcome.tier >= 3 else None,
        "help_card": escalation.help_card(request.user, outcome, soon=rules.soon(escalation.answered(result))),
        "answer_rows": [
            (
                question.text,
                next((o.label for o in question.options if o.value == result.answers.get(question.key)), ""),
            )
            for question in instrument.questions(result.answers or {})
        ],
    }
    return render(request, "checkins/screener_result.html", context)


@require_safe
@login_required
def screener_result(request: AuthenticatedHttpRequest, pk: int):
    result = _result_or_404(request, pk)
    if result.status == Status.IN_PROGRESS:
        messages.info(request, "Your answers so far are kept. Carry on whenever you're ready.")
        return redirect("screener_run", pk=result.pk)
    return _result_page(request, result, escalation.questionnaire(result), hold=False)
