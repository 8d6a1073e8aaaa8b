"""Password-reset links, made and sent by a worker (selfcare/accounts/tasks.py) after the request answered."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from selfcare.core import emails


def send_reset_links(email: str) -> int:
    """Email a reset link to each active account with this address (usually one, often none)."""
    sent = 0
    # Django's own rules: active accounts with a usable password, the address compared as Unicode says.
    for user in auth_forms.PasswordResetForm().get_users(email):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        path = reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
        emails.send("password-reset", to=user.email, context={"reset_url": emails.absolute(path)})
        sent += 1
    return sent
