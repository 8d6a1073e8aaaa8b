from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from selfcare.accounts import sections, signup, tasks
from selfcare.accounts.deletion import data_summary, delete_account
from selfcare.accounts.forms import ChoosePasswordForm, DeleteAccountForm, SignupForm
from selfcare.core import autosave, ratelimit
from selfcare.core.http import AuthenticatedHttpRequest, HtmxHttpRequest

_SIGNUP_EMAIL_KEY = "signup_email"


def _mail_allowed(request, email: str) -> bool:
    """Sign-up and reset mail share one budget per client and one per address, known or not."""
    window = settings.ACCOUNT_MAIL_WINDOW
    return ratelimit.allow(request, "account-mail", settings.ACCOUNT_MAIL_PER_CLIENT, window) and ratelimit.allow_key(
        "account-mail-to", email.strip().lower(), settings.ACCOUNT_MAIL_PER_ADDRESS, window
    )


def _mail_throttled(request, kind: str):
    """The same calm page whether or not the address has an account."""
    response = render(request, "accounts/mail_throttled.html", {"kind": kind}, status=429)
    response["Retry-After"] = str(settings.ACCOUNT_MAIL_WINDOW)
    return response


@require_http_methods(["GET", "POST"])
def signup_start(request: HtmxHttpRequest):
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _mail_allowed(request, form.cleaned_data["email"]):
            return _mail_throttled(request, "signup")
        # The worker looks the address up and sends the right email, after this answer.
        tasks.queue_signup_email(form.pending_signup())
        request.session[_SIGNUP_EMAIL_KEY] = form.cleaned_data["email"]
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request: HtmxHttpRequest):
    return render(request, "accounts/signup_sent.html", {"email": request.session.get(_SIGNUP_EMAIL_KEY)})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the mail budget; the form queues the email for a worker (forms.PasswordResetForm.save)."""

    def form_valid(self, form):
        if not _mail_allowed(self.request, form.cleaned_data["email"]):
            return _mail_throttled(self.request, "reset")
        return super().form_valid(form)


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


# A post without a known section is read as the time zone's (the page's first form).
DEFAULT_SECTION = "time_zone"


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthenticatedHttpRequest):
    editable = sections.with_forms()
    forms = {key: form(instance=request.user) for key, form in editable.items()}
    if request.method == "POST":
        key = request.POST.get("section", DEFAULT_SECTION)
        if key not in editable:
            key = DEFAULT_SECTION
        form = forms[key] = editable[key](request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, form.saved_message())
            return redirect("accounts:settings")
    page = [(section, forms.get(section.key)) for section in sections.ordered()]
    return render(request, "accounts/settings.html", {"sections": page})


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
