"""Saving while typing, shared by the journal and the support plan.

- Every answer is a short JSON object with one calm sentence in "message": the browser script shows that
  sentence, never a page (an HTML answer, such as a CSRF failure page, gets a fixed sentence instead).
- Writes are ordered. Each page carries the revision of the row it last saw, a random id of its own
  ("writer") and a counter the script raises for every write it sends ("seq"). A write older than one
  already applied from the same page is ignored ("already saved"); a write from a page that has not seen
  the stored revision is a conflict, and both versions are kept for the person to put together.
- What the browser keeps is keyed by a per-person value the server gives (`draft_owner`), never the email.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

LOGGED_OUT = "You've been logged out. Your words are kept on this device: log in again and they'll be saved."
ALREADY_SAVED = "Already saved: your newest words are the ones kept."
CONFLICT = (
    "This changed in another tab or on another device while you were writing. "
    "Nothing is lost: both versions are here to put together."
)
NOT_YOURS = (
    "This page was opened by someone who is no longer logged in here, so it wasn't saved. "
    "Log in as yourself and try again."
)
# The header that tells a browser to forget what this site kept in it (local copies of drafts).
FORGET_DRAFTS_HEADER = ("Clear-Site-Data", '"storage"')
# A short-lived cookie for browsers that ignore that header: the page script clears the copies and the cookie.
FORGET_DRAFTS_COOKIE = "thaw-forget-drafts"


# --- whose browser copy is this -----------------------------------------------------------------


def draft_owner(user) -> str:
    """An opaque, stable value per person: the prefix of every copy their browser keeps."""
    return salted_hmac("thaw.autosave.draft-owner", str(user.pk), algorithm="sha256").hexdigest()[:32]


def same_person(request: HttpRequest) -> bool:
    """False when the page that posted was opened by someone else (another sign-in on this browser)."""
    posted = request.POST.get("draft_owner", "")
    return not posted or constant_time_compare(posted, draft_owner(request.user))


def forget_drafts(response: HttpResponse) -> HttpResponse:
    """Logout and account deletion: the browser drops every local copy, with or without JavaScript."""
    name, value = FORGET_DRAFTS_HEADER
    response[name] = value
    response.set_cookie(FORGET_DRAFTS_COOKIE, "1", max_age=600, samesite="Lax", httponly=False)
    return response


# --- ordering writes -----------------------------------------------------------------------------


class OrderedWriteFields(forms.Form):
    """Hidden fields every autosaved form carries. Set their initial values with `initial_for`."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    writer = forms.UUIDField(widget=forms.HiddenInput, required=False)
    seq = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    draft_owner = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    ORDER_FIELDS = ("revision", "writer", "seq", "draft_owner")


def initial_for(user, revision: int) -> dict:
    """A newly opened page: the revision it shows, an id of its own, and whose copy it keeps."""
    return {"revision": revision, "writer": uuid.uuid4(), "draft_owner": draft_owner(user)}


@dataclass(frozen=True)
class Write:
    revision: int | None  # the stored revision the page last saw (None: an old page that does not say)
    writer: uuid.UUID | None
    seq: int | None

    @classmethod
    def of(cls, cleaned_data: dict) -> Write:
        return cls(cleaned_data.get("revision"), cleaned_data.get("writer"), cleaned_data.get("seq"))


Verdict = Literal["apply", "stale", "conflict"]


class Revisioned(models.Model):
    """A row written by autosave: its revision rises by one with every write applied."""

    revision = models.PositiveIntegerField(default=0)
    writer = models.UUIDField(null=True, blank=True, editable=False)
    writer_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at: datetime.datetime  # every model that autosaves keeps when it was last written

    class Meta:
        abstract = True

    def judge(self, write: Write) -> Verdict:
        """Call with the row locked (select_for_update)."""
        if write.writer is not None and write.writer == self.writer:
            # The same page again: its counter orders its own writes, whatever it last heard back.
            if write.seq is not None and self.writer_seq is not None and write.seq <= self.writer_seq:
                return "stale"
            return "apply"
        if write.revision is None or write.revision == self.revision:
            return "apply"
        return "conflict"

    def stamp(self, write: Write) -> None:
        self.revision += 1
        self.writer = write.writer
        self.writer_seq = write.seq


Status = Literal["saved", "already-saved", "conflict", "kept-as-new"]


@dataclass
class Outcome[R: Revisioned]:
    status: Status
    row: R


def merge(mine: dict, theirs: dict) -> dict:
    """Both versions in one, nothing dropped: texts side by side, chosen words together."""
    merged: dict[str, Any] = {}
    for name, value in mine.items():
        other = theirs.get(name)
        if isinstance(value, list):
            merged[name] = value + [item for item in other or [] if item not in value]
        elif isinstance(value, str):
            other = other or ""
            if not other.strip() or other.strip() in value:
                merged[name] = value
            elif value.strip() in other:
                merged[name] = other
            else:
                merged[name] = f"{value.rstrip()}\n\n{other.lstrip()}"
        else:
            merged[name] = value if value not in (None, "") else other
    return merged


def shown(form: forms.Form, values: dict) -> list[dict]:
    """The other version, as the page shows it: each filled-in field's label and words."""
    parts = []
    for name, value in values.items():
        if value in (None, "", []):
            continue
        text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
        parts.append({"label": str(form.fields[name].label or name), "text": text})
    return parts


def as_form_values(values: dict) -> dict[str, list[str]]:
    """The shape the browser script restores a form from: every field a list of strings."""
    shaped = {}
    for name, value in values.items():
        if isinstance(value, list):
            shaped[name] = [str(item) for item in value]
        else:
            shaped[name] = ["" if value is None else str(value)]
    return shaped


# --- answers -------------------------------------------------------------------------------------


def _answer(status: str, message: str, code: int = 200, **extra) -> JsonResponse:
    return JsonResponse({"status": status, "message": message, **extra}, status=code)


def logged_out() -> HttpResponse:
    """A 401 the browser script can read (not a redirect to the login page), so it keeps its copy."""
    return _answer("logged-out", LOGGED_OUT, 401)


def not_saved(form: BaseForm) -> HttpResponse:
    problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    return _answer("invalid", f"Not saved yet: {problems}", 422)


def saved(row: Revisioned, **extra) -> HttpResponse:
    when = timezone.localtime(row.updated_at).strftime("%H:%M")
    return _answer("saved", f"Saved at {when}", revision=row.revision, **extra)


def already_saved(row: Revisioned) -> HttpResponse:
    return _answer("already-saved", ALREADY_SAVED, revision=row.revision)


def kept_as_new(row: Revisioned, message: str, **extra) -> HttpResponse:
    return _answer("kept-as-new", message, revision=row.revision, **extra)


def conflict(row: Revisioned, theirs: list[dict], merged: dict) -> HttpResponse:
    """409: not applied. `theirs` is the stored version to show ({label, text}); `merged` both in one."""
    return _answer("conflict", CONFLICT, 409, revision=row.revision, theirs=theirs, merged=as_form_values(merged))


@require_safe
@never_cache
def fresh_csrf_token(request: HttpRequest) -> HttpResponse:
    """An open page whose token went stale (a login in another tab rotates it) asks for the current one."""
    return JsonResponse({"token": get_token(request)})
