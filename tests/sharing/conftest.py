from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from journal.models import JournalEntry
from selfcare.sharing import links
from selfcare.sharing.models import ShareLink
from selfcare.sharing.scope import Scope


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def make_entry(owner, *, days_ago: int = 0, kind: str = JournalEntry.Kind.NOTE, **fields) -> JournalEntry:
    fields.setdefault("created_at", timezone.now() - datetime.timedelta(days=days_ago))
    return JournalEntry.objects.create(owner=owner, kind=kind, **fields)


def make_link(owner, *, days: int = 14, label: str = "Dr. Rivera", **scope_fields) -> tuple[ShareLink, str]:
    today = owner.local_today()
    scope_fields.setdefault("start_date", today - datetime.timedelta(days=29))
    scope_fields.setdefault("end_date", today)
    scope = Scope(owner=owner, **scope_fields)
    return links.create(scope, label, "Sam", timezone.now() + datetime.timedelta(days=days))


def open_link(client, token: str):
    """Open /s/<token> and follow to the shared page, as a therapist's browser would."""
    first = client.get(f"/s/{token}")
    assert first.status_code == 302, first.status_code
    assert first["Location"] == "/shared/"
    return client.get("/shared/")


@pytest.fixture
def therapist_link(person):
    return make_link(person, journal=ShareLink.Journal.ALL)
