"""Sign-up in two steps, so the form never reveals who already has an account.

Step one takes the email address, the age attestation and consent, and always
answers "check your inbox": the email is made by a worker after the response
(selfcare/accounts/tasks.py), so the answer does not even take longer for one
kind of address. A new address gets a signed link to finish (choose a
password); a known address gets a note saying it already has an account. Nothing
is written to the database until the link is used, and the link carries no
password, so nobody can set one for an address they do not own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from selfcare.accounts.models import User
from selfcare.core import emails

_SALT = "thaw.accounts.signup"


@dataclass(frozen=True)
class PendingSignup:
    email: str
    time_zone: str
    consent_version: str
    consented_at: str  # ISO 8601, UTC
    age_attested_at: str


def make_token(pending: PendingSignup) -> str:
    return signing.dumps(asdict(pending), salt=_SALT, compress=True)


def read_token(token: str) -> PendingSignup | None:
    """Return the pending sign-up, or None when the link is broken or too old."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.SIGNUP_LINK_MAX_AGE)
        return PendingSignup(**data)
    except (signing.BadSignature, TypeError):
        return None


def email_is_registered(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def send_signup_email(pending: PendingSignup) -> None:
    """Send the right email for this address (in a worker; the person was shown the same page either way)."""
    if email_is_registered(pending.email):
        emails.send(
            "signup-existing",
            to=pending.email,
            context={
                "login_url": emails.absolute(reverse("accounts:login")),
                "reset_url": emails.absolute(reverse("accounts:password_reset")),
            },
        )
        return
    emails.send(
        "signup-finish",
        to=pending.email,
        context={
            "finish_url": emails.absolute(reverse("accounts:signup_finish", args=[make_token(pending)])),
            "hours": settings.SIGNUP_LINK_MAX_AGE // 3600,
        },
    )


def create_account(pending: PendingSignup, password: str) -> User | None:
    """Create the account; None when the address was registered in the meantime."""
    try:
        with transaction.atomic():
            return User.objects.create_user(
                pending.email,
                password,
                time_zone=pending.time_zone,
                consent_version=pending.consent_version,
                consented_at=datetime.fromisoformat(pending.consented_at),
                age_attested_at=datetime.fromisoformat(pending.age_attested_at),
            )
    except IntegrityError:
        return None
