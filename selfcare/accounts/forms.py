from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from selfcare.accounts import tasks
from selfcare.accounts.models import User
from selfcare.accounts.sections import SectionForm
from selfcare.accounts.signup import PendingSignup
from selfcare.accounts.timezones import validate_time_zone, zone_choices

EMAIL_MAX_LENGTH = 254


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", zone_choices)
        kwargs.setdefault("label", "Your time zone")
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "Please choose a time zone from the list, such as Europe/London.",
                "required": "Please choose a time zone from the list, such as Europe/London.",
            },
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        validate_time_zone(value)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "That doesn't look like an email address. It should look like name@example.com.",
            "max_length": "That's longer than an email address can be (at most 254 characters).",
        },
    )
    time_zone = TimeZoneField(initial="UTC")
    age_confirmed = forms.BooleanField(
        label="I am 18 or older",
        error_messages={"required": "Thaw is for adults. Please confirm you are 18 or older."},
    )
    consent = forms.BooleanField(
        label="I have read what Thaw keeps and who can see it, and I agree",
        error_messages={"required": "Please tick this box if you agree, so we can keep your entries for you."},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def pending_signup(self) -> PendingSignup:
        now = timezone.now().isoformat()
        return PendingSignup(
            email=self.cleaned_data["email"],
            time_zone=self.cleaned_data["time_zone"],
            consent_version=settings.CONSENT_VERSION,
            consented_at=now,
            age_attested_at=now,
        )


class ChoosePasswordForm(auth_forms.SetPasswordForm):
    """Step two of sign-up: the user does not exist yet, so validate against an unsaved one."""

    def __init__(self, email: str, *args, **kwargs):
        super().__init__(User(email=email), *args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password1"].help_text = "At least 10 characters. A few unrelated words work well."
        self.fields["new_password2"].label = "Type it again"


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "That email and password don't match an account. Check them and try again.",
        "inactive": "This account is not active.",
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, *args, **kwargs) -> None:
        """Queue the email for a worker (selfcare/accounts/reset.py): the request never looks the address up."""
        tasks.queue_password_reset(self.cleaned_data["email"])


class TimeZoneForm(SectionForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ["time_zone"]

    def saved_message(self) -> str:
        return f"Saved. Your days now follow {self.instance.time_zone}."


class EmailFollowupsForm(SectionForm):
    email_followups = forms.BooleanField(
        required=False,
        label="Email me a short note when there's something for me in Thaw",
        help_text=(
            "The email never says why. It never contains scores or anything you wrote: "
            "it only invites you to log in. You can turn it off here at any time."
        ),
    )

    class Meta:
        model = User
        fields = ["email_followups"]

    def saved_message(self) -> str:
        if self.instance.email_followups:
            return "Saved. Thaw may send you a short note that only asks you to log in."
        return "Saved. Thaw won't send you these notes."


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password to confirm."},
    )
    confirm = forms.BooleanField(
        label="I understand this deletes everything and cannot be undone",
        error_messages={"required": "Please tick the box to confirm."},
    )

    def __init__(self, user: User, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("That password isn't right. Your account has not been deleted.")
        return password
