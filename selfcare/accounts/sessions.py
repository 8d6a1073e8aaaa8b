"""Sessions in the database, each row marked with the person it belongs to (accounts.BrowserSession).
The store itself lives beside its model in models.py; this module is what SESSION_ENGINE names.

Django's own database sessions cannot be found by person without reading every one. With the
person's id in a column, deleting the account ends all their sessions at once.
"""

from __future__ import annotations

from selfcare.accounts.models import SessionStore

__all__ = ["SessionStore"]
