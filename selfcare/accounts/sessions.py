"""Sessions in the database, each row marked with the person it belongs to (accounts.BrowserSession).

Django's own database sessions cannot be found by person without reading every one. With the
person's id in a column, deleting the account ends all their sessions at once.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from selfcare.accounts.models import BrowserSession

        return BrowserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session
