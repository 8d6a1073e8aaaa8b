"""Encryption at rest for what people write (journal text, exercise answers).

Keys come from FIELD_ENCRYPTION_KEYS (comma-separated Fernet keys). The first
key encrypts; every key decrypts, so a new key can be put first and
`manage.py reencrypt` moves old rows onto it before the old key is removed.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _keys() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key: {exc}") from exc


def reset_keys() -> None:
    """Forget cached keys (after the setting changes, e.g. in tests)."""
    _keys.cache_clear()


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("A stored value could not be decrypted with any FIELD_ENCRYPTION_KEYS") from exc


class UnreadableError(ValueError):
    """Bytes that none of the current keys can open (kept under a key since retired)."""


def encrypt_bytes(data: bytes) -> bytes:
    return _keys().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _keys().decrypt(token)
    except InvalidToken as exc:
        raise UnreadableError("no current key opens these bytes") from exc


def rotate(token: str) -> str:
    """Re-encrypt a stored value with the newest key."""
    return _keys().rotate(token.encode()).decode()


def generate_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Not searchable in SQL: filter in Python after decrypting."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


class EncryptedJSONField(models.TextField):
    """A JSON value stored as one Fernet token."""

    # What the model attribute holds, for django-stubs: the decoded value, any JSON (as for JSONField).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value, expression, connection):
        return json.loads(decrypt(value)) if value else None

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))
