from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from selfcare import autosave
from selfcare.accounts import signup
from selfcare.accounts.deletion import data_summary, delete_account
from selfcare.accounts.forms import (
    ChoosePasswordForm,
    CrisisLinesForm,
    DeleteAccountForm,
    EmailFollowupsForm,
    SignupForm,
    TimeZoneForm,
)
from selfcare.accounts.models import User
from selfcare.http import AuthenticatedHttpRequest, HtmxHttpRequest

_SIGNUP_EMAIL_KEY = "signup_email"


@require_http_methods(["GET", "POST"])
def signup_start(request: HtmxHttpRequest):
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup.start_signup(form.pending_signup())
        request.session[_SIGNUP_EMAIL_KEY] = form.cleaned_data["email"]
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request: HtmxHttpRequest):
    return render(request, "accounts/signup_sent.html", {"email": request.session.get(_SIGNUP_EMAIL_KEY)})


@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def signup_finish(request: HtmxHttpRequest, token: str):
    pending = signup.read_token(token)
    if pending is None:
        return render(request, "accounts/signup_link_invalid.html", status=400)
    if signup.email_is_registered(pending.email):
        messages.info(request, "Your account is already set up. Log in with your email and password.")
        return redirect("accounts:login")
    form = ChoosePasswordForm(pending.email, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = signup.create_account(pending, form.cleaned_data["new_password1"])
        if user is None:
            messages.info(request, "Your account is already set up. Log in with your email and password.")
            return redirect("accounts:login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.pop(_SIGNUP_EMAIL_KEY, None)
        messages.success(request, "Welcome to Thaw. Your account is ready.")
        return redirect("today")
    return render(request, "accounts/signup_finish.html", {"form": form, "email": pending.email})


class LogoutView(auth_views.LogoutView):
    """Logging out also tells the browser to forget the copies of unsaved words it kept (works without JS)."""

    def post(self, request, *args, **kwargs):
        return autosave.forget_drafts(super().post(request, *args, **kwargs))


# The settings page has one small form per section; each posts its name in "section".
SETTINGS_SECTIONS = {
    "time_zone": TimeZoneForm,
    "crisis_lines": CrisisLinesForm,
    "email": EmailFollowupsForm,
}


def _saved_message(section: str, form, user: User) -> str:
    if section == "crisis_lines":
        if user.country:
            return f"Saved. Get help now shows the lines for {form.chosen_label()} first."
        return "Saved. Get help now shows the lines for the US, the UK and anywhere else."
    if section == "email":
        if user.email_followups:
            return "Saved. Thaw may send you a short note that only asks you to log in."
        return "Saved. Thaw won't send you these notes."
    return f"Saved. Your days now follow {user.time_zone}."


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthenticatedHttpRequest):
    forms = {section: form_class(instance=request.user) for section, form_class in SETTINGS_SECTIONS.items()}
    if request.method == "POST":
        section = request.POST.get("section", "time_zone")
        if section not in SETTINGS_SECTIONS:
            section = "time_zone"
        form = forms[section] = SETTINGS_SECTIONS[section](request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _saved_message(section, form, request.user))
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"forms": forms})


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        logout(request)
        messages.success(request, "Your account and everything in it have been deleted. Take good care.")
        return autosave.forget_drafts(redirect("landing"))
    return render(request, "accounts/delete.html", {"form": form, "summary": data_summary(request.user)})
