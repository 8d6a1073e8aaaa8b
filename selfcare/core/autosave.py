"""What an autosave endpoint answers when it can't save: shared by the journal and the support plan."""

from __future__ import annotations

from django.forms import BaseForm
from django.http import HttpResponse

LOGGED_OUT = "You've been logged out. Your words are kept on this device: log in again and they'll be saved."


def logged_out() -> HttpResponse:
    """A 401 the browser script can read (not a redirect to the login page), so it keeps its copy."""
    return HttpResponse(LOGGED_OUT, status=401)


def not_saved(form: BaseForm) -> HttpResponse:
    problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
    return HttpResponse(f"Not saved yet: {problems}", status=422)
