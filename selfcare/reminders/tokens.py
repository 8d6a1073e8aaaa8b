"""Unsubscribe links: signed, with no expiry, revocable by replacing the person's nonce.

The token is `<user id>.<nonce>` signed with SECRET_KEY under its own salt. It
opens nothing but the unsubscribe page. Replacing the nonce
(preferences.retire_unsubscribe_links) makes every earlier link stop working.
"""

from __future__ import annotations

import hmac

from django.core import signing

from selfcare.reminders.models import ReminderPreferences

_SALT = "thaw.reminders.unsubscribe"


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT, algorithm="sha256")


def make(prefs: ReminderPreferences) -> str:
    return _signer().sign(f"{prefs.owner_id}.{prefs.unsubscribe_nonce}")


def read(token: str) -> ReminderPreferences | None:
    """The preferences a token belongs to, or None for a tampered, malformed or retired token."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        return None
    owner_id, _, nonce = value.partition(".")
    if not owner_id.isdigit() or not nonce:
        return None
    prefs = ReminderPreferences.objects.select_related("owner").filter(owner_id=int(owner_id)).first()
    if prefs is None or not hmac.compare_digest(prefs.unsubscribe_nonce, nonce):
        return None
    return prefs
