"""Aggregates kept per person (selfcare/core/datacache.py): a write shows at once, junk is a miss."""

import datetime

import pytest
from django.core.cache import cache

from selfcare.checkins.models import CheckIn
from selfcare.core import datacache

pytestmark = pytest.mark.django_db


def _trends(client) -> str:
    return client.get("/checkin/trends/?days=30").content.decode()


EMPTY = "Nothing to show for these days yet"


def _check_in(person, numbness: int) -> None:
    person.refresh_from_db()
    CheckIn.objects.update_or_create(
        owner=person,
        date=person.local_today(),
        defaults={"numbness": numbness, "connection": 4, "impact_work": 0, "impact_relationships": 0,
                  "impact_selfcare": 0},
    )  # fmt: skip


def test_a_write_shows_at_once(person_client, person):
    assert EMPTY in _trends(person_client)
    assert EMPTY in _trends(person_client)  # read twice: now it is kept
    version = type(person).objects.get(pk=person.pk).data_version
    _check_in(person, 9)
    assert type(person).objects.get(pk=person.pk).data_version > version
    assert EMPTY not in _trends(person_client)
    kept = person_client.get("/checkin/trends/?days=30").context["trends"]
    _check_in(person, 2)
    assert person_client.get("/checkin/trends/?days=30").context["trends"] != kept


def test_the_same_data_is_worked_out_once(person, monkeypatch):
    calls = []

    def work() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    person.refresh_from_db()
    assert datacache.remember(person, "test", (1,), work) == [1, 2, 3]
    assert datacache.remember(person, "test", (1,), work) == [1, 2, 3]
    assert len(calls) == 1
    _check_in(person, 5)
    person.refresh_from_db()
    datacache.remember(person, "test", (1,), work)
    assert len(calls) == 2


def test_a_value_that_cannot_be_read_is_a_miss(person_client, person):
    person.refresh_from_db()
    key = datacache._key(person, "trends", (person.local_today(), person.local_today(), person.time_zone))
    today = person.local_today()
    start = today - datetime.timedelta(days=29)
    for name, parts in (("trends", (start, today, person.time_zone)), ("patterns", (start, today, person.time_zone))):
        cache.set(datacache._key(person, name, parts), b"not a value we wrote")
    cache.set(key, "junk of another type")
    assert person_client.get("/checkin/trends/?days=30").status_code == 200
    assert person_client.get("/patterns/?range=30").status_code == 200


def test_kept_values_are_not_in_the_clear(person, settings):
    person.refresh_from_db()
    datacache.remember(person, "secret", (), lambda: "words only the person wrote")
    raw = cache.get(datacache._key(person, "secret", ()))
    assert isinstance(raw, bytes) and b"words only the person wrote" not in raw


def test_a_draft_autosave_leaves_the_data_version_alone(person):
    """Drafts are on no page that keeps data: typing (an autosave a second) writes only the entry."""
    from journal.models import JournalEntry

    person.refresh_from_db()
    version = person.data_version
    draft = JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="a draft", is_draft=True)
    person.refresh_from_db()
    assert person.data_version == version
    draft.is_draft = False
    draft.save()
    person.refresh_from_db()
    assert person.data_version > version
