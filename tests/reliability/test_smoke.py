"""A few seconds of the reliability load against a live server: no 5xx, no acknowledged write lost.

The full runs (60 s at 50 connections, Redis stopped, PostgreSQL restarted) are `make reliability`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.reliability import load

pytestmark = pytest.mark.django_db(transaction=True)

SECONDS = 4
CONNECTIONS = 5


def test_a_short_mixed_load_loses_nothing(live_server):
    people = load.make_people(CONNECTIONS, prefix="smoke")
    address = urlsplit(live_server.url)
    result, records = load.drive((address.hostname, address.port), people, SECONDS)

    assert result.requests > 20
    assert result.server_errors == [] and result.connection_errors == 0
    assert result.by_kind["autosave"] and result.by_kind["checkin"] and result.by_kind["exercise"]
    assert result.writes_acked > 5
    assert load.verify(people, records) == []

    # The check is not vacuous: an acknowledged entry that went missing is reported.
    from journal.models import JournalEntry

    acked = next(client_id for record in records for client_id in record.drafts_acked)
    JournalEntry.objects.filter(client_id=acked).delete()
    assert any(acked in line and "missing" in line for line in load.verify(people, records))
