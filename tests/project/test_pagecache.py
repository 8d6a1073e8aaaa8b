"""Kept pages (selfcare/pagecache.py): cheap to read again, never stale, never someone else's, never in the clear."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises import content, runner
from journal.models import JournalEntry
from selfcare import pagecache, pagecache_signals
from selfcare.checkins import escalation, rules
from selfcare.checkins.models import CheckBack
from tests.sharing.conftest import make_link, open_link

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def _kept(settings, redis_url):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache._down_until = 0.0


def queries(client, url: str):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(captured)


def without_token(response) -> str:
    return TOKEN.sub("", response.content.decode())


def test_a_page_read_again_unchanged_is_kept_and_costs_only_the_sign_in(person_client):
    first, built = queries(person_client, "/today/")
    again, kept = queries(person_client, "/today/")
    assert kept <= 2 < built  # the session and the person; nothing the page is built from
    assert without_token(again) == without_token(first)
    assert again["Content-Type"] == first["Content-Type"]


def test_the_csrf_token_on_a_kept_page_is_fresh_and_works(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    client.get("/journal/")
    kept = client.get("/journal/")
    token = TOKEN.search(kept.content.decode()).group(1)
    assert token not in client.get("/journal/").content.decode()  # masked anew on every read
    response = client.post("/checkin/", {"numbness": "5", "connection": "5"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code != 403


def test_a_signed_out_page_is_kept_once_for_everybody(client):
    queries(client, "/")
    stranger = Client()
    page, _ = queries(stranger, "/")
    assert "csrftoken" in page.cookies  # a first visit still gets its own CSRF cookie
    assert TOKEN.search(page.content.decode()).group(1)


def test_a_new_entry_shows_at_once(person_client, person):
    queries(person_client, "/journal/")
    JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="the kettle sang")
    page, _ = queries(person_client, "/journal/")
    assert "the kettle sang" in page.content.decode()


def test_a_post_that_updates_in_bulk_forgets_the_pages(person_client, person):
    back = CheckBack.objects.create(owner=person, due_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "How are you doing" in queries(person_client, "/today/")[0].content.decode()
    assert person_client.post(f"/help/check-back/{back.pk}/", {"choice": "better"}).status_code == 302
    assert "How are you doing" not in queries(person_client, "/today/")[0].content.decode()


def test_a_therapist_opening_a_link_reaches_the_owners_kept_today(person_client, person):
    _, token = make_link(person)
    queries(person_client, "/today/")
    queries(person_client, "/today/")
    open_link(Client(), token)  # someone else's request writes the person's row
    assert "Your share link was opened" in queries(person_client, "/today/")[0].content.decode()


def test_any_post_forgets_the_pages_even_a_bulk_update_without_signals(person_client, person):
    _, token = make_link(person)
    open_link(Client(), token)
    assert "Your share link was opened" in queries(person_client, "/today/")[0].content.decode()
    assert person_client.post("/settings/sharing/openings-seen/").status_code == 302
    assert "Your share link was opened" not in queries(person_client, "/today/")[0].content.decode()


def test_a_nightly_finding_reaches_today(person_client, person):
    before = queries(person_client, "/today/")[0].content.decode()
    escalation.record(person, rules.Outcome.of(2, "R11"), source="nightly:test")
    after = queries(person_client, "/today/")[0].content.decode()
    assert after != before


def test_another_person_never_gets_a_kept_page(person_client, person, other_person):
    JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="only mine")
    queries(person_client, "/journal/")
    queries(person_client, "/journal/")
    other = Client()
    other.force_login(other_person)
    page, _ = queries(other, "/journal/")
    assert "only mine" not in page.content.decode()


def test_what_people_wrote_is_never_in_the_cache_in_the_clear(person_client, person):
    JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="a secret about the garden")
    assert "a secret about the garden" in queries(person_client, "/journal/")[0].content.decode()
    raw = cache._cache.get_client(write=False)
    values = [raw.get(key) for key in raw.keys("*")]
    assert any(value and len(value) > 1000 for value in values)  # the page is there
    assert not any(value and b"garden" in value for value in values)


def test_the_hour_is_part_of_the_page(person_client, person):
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert "Good morning" in queries(person_client, "/today/")[0].content.decode()
    with time_machine.travel(datetime.datetime(2026, 3, 3, 19, 0, tzinfo=datetime.UTC), tick=False):
        assert "Good evening" in queries(person_client, "/today/")[0].content.decode()


def test_a_page_with_a_message_is_not_kept(person_client, person):
    practice = runner.start(person, content.get("grounding"))
    step = f"/exercises/s/{practice.code}/0/"
    queries(person_client, step)
    shown = person_client.get(f"/exercises/s/{practice.code}/5/", follow=True)
    assert "carry on from where you were" in shown.content.decode()
    assert "carry on from where you were" not in queries(person_client, step)[0].content.decode()


def test_when_the_cache_is_unreachable_pages_are_built_as_usual(settings, person_client, person):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="still here")
    for _ in range(3):
        assert "still here" in queries(person_client, "/journal/")[0].content.decode()


def test_a_post_whose_forgetting_failed_turns_keeping_off_for_the_session(person_client, person, monkeypatch):
    entry = JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="first words")
    queries(person_client, "/journal/")
    monkeypatch.setattr(pagecache, "_new_generation", lambda owner: False)
    person_client.post("/checkin/", {"numbness": "5", "connection": "5"})
    monkeypatch.undo()
    JournalEntry.objects.filter(pk=entry.pk).update(text="second words")  # no signal: only the flag protects
    assert "second words" in queries(person_client, "/journal/")[0].content.decode()


def test_the_therapist_page_is_kept_and_follows_the_owners_writes(person):
    link, token = make_link(person, journal="all")
    therapist = Client()
    assert open_link(therapist, token).status_code == 200
    queries(therapist, "/shared/")
    JournalEntry.objects.create(owner=person, kind=JournalEntry.Kind.NOTE, text="told the doctor")
    assert "told the doctor" in queries(therapist, "/shared/")[0].content.decode()
    link.revoked_at = timezone.now()
    link.save()
    assert therapist.get("/shared/").status_code == 404


def test_every_personal_model_forgets_its_owners_pages():
    user_model = get_user_model()
    for model in pagecache_signals.personal_models():
        label = model._meta.label
        owned = model is user_model or any(field.name == "owner" for field in model._meta.fields)
        assert owned or label in pagecache_signals.OWNER_THROUGH or label in pagecache_signals.NOT_ON_PAGES, label
    assert {m._meta.app_label for m in pagecache_signals.personal_models()} == pagecache_signals.PERSONAL_APPS
    assert all(apps.get_model(label) for label in [*pagecache_signals.OWNER_THROUGH, *pagecache_signals.NOT_ON_PAGES])


def test_the_cache_backend_keeps_one_client_per_pool():
    assert cache._cache.get_client() is cache._cache.get_client()
