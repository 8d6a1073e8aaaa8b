from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from journal import entries, wheel, wheel_svg
from journal.feelings import vocabulary
from journal.forms import EntryForm, TimelineFilterForm
from journal.models import JournalEntry
from selfcare.core import autosave
from selfcare.core.http import AuthenticatedHttpRequest

Kind = JournalEntry.Kind
WRITABLE_KINDS = {Kind.EVENT_FEELING_NEED.value, Kind.EXPRESSIVE.value, Kind.NOTE.value}
KIND_INTROS = {
    Kind.EVENT_FEELING_NEED: "What happened, what you felt, and what you needed. If the feeling has no name yet, leave it: you can come back to it.",
    Kind.EXPRESSIVE: "Write freely about something hard: what happened, what you noticed in your body, and what it means to you. Nobody else will read this.",
    Kind.NOTE: "A few words, for yourself.",
}


DELETED_ELSEWHERE = (
    "This entry was deleted in another tab, so your words are now kept as a new entry. "
    "The deleted one can still be restored from your journal for a few minutes."
)
DELETED_ELSEWHERE_SAVED = (
    "That entry had been deleted in another tab, so your words are saved as a new entry. "
    "The deleted one can still be restored below for a few minutes."
)


def _entry_or_404(request: AuthenticatedHttpRequest, code) -> JournalEntry:
    return get_object_or_404(JournalEntry.objects.owned_by(request.user).filter(deleted_at__isnull=True), code=code)


@require_safe
@login_required
def timeline(request: AuthenticatedHttpRequest):
    filters = TimelineFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    rows = entries.timeline(request.user, **{k: v for k, v in criteria.items() if v})
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "days": entries.group_by_day(list(page.object_list), request.user.zone),
        "drafts": list(
            JournalEntry.objects.owned_by(request.user)
            .drafts()
            .only("code", "kind", "updated_at")
            .order_by("-updated_at")[:5]
        ),
        "recently_deleted": entries.recently_deleted(request.user),
        "feeling_words": [f.word for f in vocabulary().all()] + [u.word for u in vocabulary().unnamed],
        "filtered": bool(criteria and any(criteria.values())),
        "saved_client_id": request.session.pop("journal_saved_client_id", ""),
    }
    return render(request, "journal/timeline.html", context)


@require_safe
@login_required
def choose_kind(request: AuthenticatedHttpRequest):
    return render(request, "journal/choose.html")


def _form_context(request, form: EntryForm, kind: str, entry: JournalEntry | None, **extra) -> dict:
    selected = set(form["feelings"].value() or []) if "feelings" in form.fields else set()
    return {
        "form": form,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "intro": KIND_INTROS[Kind(kind)],
        "entry": entry,
        "wheel": wheel.picker(selected) if "feelings" in form.fields else None,
        "wheel_segments": wheel_svg.segments() if "feelings" in form.fields else None,
        "autosave_url": reverse("journal:autosave", args=[kind]),
        **extra,
    }


def _save(
    request: AuthenticatedHttpRequest, form: EntryForm, kind: str, entry: JournalEntry | None, saved_message: str
):
    """The final Save, with or without JavaScript. A conflict shows both versions put together (409)."""
    if not autosave.same_person(request):
        form.add_error(None, autosave.NOT_YOURS)
        return render(request, "journal/write.html", _form_context(request, form, kind, entry), status=403)
    client_id = form.cleaned_data["client_id"]
    outcome = entries.upsert(
        request.user, client_id, kind, form.entry_fields(), draft=False, write=autosave.Write.of(form.cleaned_data)
    )
    if outcome.status == "conflict":
        return _conflict_page(request, form, kind, entry, outcome.row)
    # The timeline tells the browser to forget its copy: the one this form kept, and the entry's own.
    request.session["journal_saved_client_id"] = f"{client_id} {outcome.row.client_id}"
    if outcome.status == "kept-as-new":
        messages.success(request, DELETED_ELSEWHERE_SAVED)
    elif outcome.status == "already-saved":
        messages.info(request, "Already saved in your journal.")
    else:
        messages.success(request, saved_message)
    return redirect("journal:timeline")


def _conflict_page(request, form: EntryForm, kind: str, entry: JournalEntry | None, stored: JournalEntry):
    mine = form.entry_fields()
    theirs = entries.stored_values(stored, mine)
    initial = {
        **autosave.merge(mine, theirs),
        "client_id": stored.client_id,
        "revision": stored.revision,
        "writer": uuid.uuid4(),
        "draft_owner": autosave.draft_owner(request.user),
    }
    merged_form = EntryForm(kind, initial=initial)
    context = _form_context(request, merged_form, kind, entry, conflict={"theirs": autosave.shown(form, theirs)})
    return render(request, "journal/write.html", context, status=409)


@require_http_methods(["GET", "POST"])
@login_required
def write(request: AuthenticatedHttpRequest, kind: str):
    if kind not in WRITABLE_KINDS:
        raise Http404("No such kind of entry")
    if request.method == "POST":
        form = EntryForm(kind, request.POST)
        if form.is_valid():
            return _save(request, form, kind, None, "Saved in your journal.")
    else:
        form = EntryForm(kind, initial={"client_id": uuid.uuid4(), **autosave.initial_for(request.user, 0)})
    return render(request, "journal/write.html", _form_context(request, form, kind, None))


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthenticatedHttpRequest, code):
    entry = get_object_or_404(JournalEntry.objects.owned_by(request.user), code=code)
    if entry.deleted_at is not None and request.method != "POST":
        raise Http404("This entry was deleted")
    if entry.kind not in WRITABLE_KINDS:
        messages.info(request, "Exercise records can't be edited, but you can add a note about them.")
        return redirect("journal:timeline")
    if entry.client_id is None:
        entry.client_id = uuid.uuid4()
        entry.save(update_fields=["client_id"])
    if request.method == "POST":
        # Deleted in another tab meanwhile: the words are still saved, as a new entry.
        form = EntryForm(entry.kind, request.POST)
        if form.is_valid() and form.cleaned_data["client_id"] in (entry.client_id, entries.successor(entry.client_id)):
            return _save(request, form, entry.kind, entry, "Your changes are saved.")
        if form.is_valid():
            raise Http404("This form belongs to another entry")
    else:
        initial = {name: getattr(entry, name, None) for name in EntryForm.FIELDS_BY_KIND[Kind(entry.kind)]}
        form = EntryForm(
            entry.kind,
            initial={**initial, "client_id": entry.client_id, **autosave.initial_for(request.user, entry.revision)},
        )
    return render(request, "journal/write.html", _form_context(request, form, entry.kind, entry))


@require_POST
def autosave_view(request: AuthenticatedHttpRequest, kind: str):
    """Debounced saves while typing. Answers 401 (not a login page) when the session has ended,
    so the browser keeps its copy and says so; every answer is one sentence in JSON."""
    if not request.user.is_authenticated or not autosave.same_person(request):
        return autosave.logged_out()
    if kind not in WRITABLE_KINDS:
        raise Http404("No such kind of entry")
    form = EntryForm(kind, request.POST, draft=True)
    if not form.is_valid():
        return autosave.not_saved(form)
    client_id = form.cleaned_data["client_id"]
    existing = JournalEntry.objects.filter(client_id=client_id).exclude(owner=request.user).exists()
    if existing:
        raise Http404("Not your entry")
    fields = form.entry_fields()
    outcome = entries.upsert(
        request.user, client_id, kind, fields, draft=True, write=autosave.Write.of(form.cleaned_data)
    )
    entry = outcome.row
    if outcome.status == "already-saved":
        return autosave.already_saved(entry)
    if outcome.status == "conflict":
        theirs = entries.stored_values(entry, fields)
        return autosave.conflict(entry, autosave.shown(form, theirs), autosave.merge(fields, theirs))
    if outcome.status == "kept-as-new":
        return autosave.kept_as_new(
            entry,
            DELETED_ELSEWHERE,
            client_id=str(entry.client_id),
            action=reverse("journal:edit", args=[entry.code]),
        )
    return autosave.saved(entry)


@require_http_methods(["GET", "POST"])
@login_required
def delete(request: AuthenticatedHttpRequest, code):
    entry = _entry_or_404(request, code)
    if request.method == "POST":
        entries.soft_delete(entry)
        messages.info(request, "Entry deleted. You can undo this for 10 minutes.")
        return redirect("journal:timeline")
    return render(request, "journal/delete.html", {"entry": entry})


@require_POST
@login_required
def undo_delete(request: AuthenticatedHttpRequest, code):
    entry = get_object_or_404(JournalEntry.objects.owned_by(request.user), code=code)
    if entries.restore(entry):
        messages.success(request, "Entry restored.")
    else:
        messages.info(request, "That entry can no longer be restored.")
    return redirect("journal:timeline")
