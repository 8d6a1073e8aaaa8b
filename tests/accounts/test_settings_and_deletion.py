import pytest
from axes.models import AccessAttempt

from selfcare.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_changes_the_time_zone(person_client, person):
    response = person_client.post("/accounts/settings/", {"time_zone": "Asia/Tokyo"})
    assert response["Location"] == "/accounts/settings/"
    person.refresh_from_db()
    assert person.time_zone == "Asia/Tokyo"
    assert b"Your days now follow Asia/Tokyo" in person_client.get("/accounts/settings/").content


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "Europe/London<script>", "x" * 500])
def test_it_refuses_a_zone_that_is_not_iana(person_client, person, zone):
    response = person_client.post("/accounts/settings/", {"time_zone": zone})
    assert response.status_code == 200
    assert b"Please choose a time zone from the list" in response.content
    person.refresh_from_db()
    assert person.time_zone == "Europe/London"


def test_settings_need_a_login(client):
    assert client.get("/accounts/settings/")["Location"] == "/accounts/login/?next=/accounts/settings/"


def test_it_shows_what_will_be_deleted_first(person_client, person):
    html = person_client.get("/accounts/delete/").content.decode()
    assert "What will be deleted" in html
    assert person.email in html
    assert "cannot be undone" in html


def test_a_wrong_password_deletes_nothing(person_client, person):
    response = person_client.post("/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert b"Your account has not been deleted" in response.content
    assert User.objects.filter(pk=person.pk).exists()


def test_it_needs_the_confirmation_box_too(person_client, person):
    response = person_client.post("/accounts/delete/", {"password": PASSWORD})
    assert b"Please tick the box to confirm" in response.content
    assert User.objects.filter(pk=person.pk).exists()


def test_it_deletes_the_account_and_everything_with_it(person_client, person, other_person):
    AccessAttempt.objects.create(username=person.email, ip_address="127.0.0.1", failures_since_start=1)
    response = person_client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=person.pk).exists()
    assert User.objects.filter(pk=other_person.pk).exists()
    assert not AccessAttempt.objects.filter(username=person.email).exists()
    follow = person_client.get("/")
    assert follow.status_code == 200
    assert b"Your account and everything in it have been deleted" in follow.content
    assert person_client.get("/today/").status_code == 302


def test_the_summary_counts_each_kind_of_data_the_person_owns(person, other_person):
    from selfcare.accounts.deletion import data_summary

    # Only the account itself exists so far; every model that belongs to a person is counted here.
    assert data_summary(person) == []


def test_deletion_lists_and_removes_sessions_and_journal_entries(person_client, person, other_person):
    from exercises import content, runner
    from exercises.models import PracticeSession
    from journal.models import JournalEntry

    runner.finish(runner.start(person, content.get("grounding")))
    runner.start(person, content.get("body-scan"))
    runner.finish(runner.start(other_person, content.get("grounding")))
    html = person_client.get("/accounts/delete/").content.decode()
    assert "2 practice sessions" in html
    assert "1 journal entry" in html
    person_client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not PracticeSession.objects.filter(owner_id=person.pk).exists()
    assert not JournalEntry.objects.filter(owner_id=person.pk).exists()
    assert PracticeSession.objects.filter(owner=other_person).count() == 1


def test_deleting_the_account_ends_every_session_of_that_person(person, other_person):
    from importlib import import_module

    from django.conf import settings
    from django.test import Client

    store = import_module(settings.SESSION_ENGINE).SessionStore
    phone, laptop, theirs = Client(), Client(), Client()
    phone.force_login(person)
    laptop.force_login(person)
    theirs.force_login(other_person)
    laptop_key = laptop.cookies[settings.SESSION_COOKIE_NAME].value
    assert store().exists(laptop_key)

    phone.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})

    assert not store().exists(laptop_key), "the laptop's session outlived the account"
    assert laptop.get("/today/")["Location"].startswith("/accounts/login/")
    assert theirs.get("/today/").status_code == 200  # someone else's session is untouched


def test_logging_out_and_deleting_the_account_tell_the_browser_to_forget_its_copies(person_client, person):
    """Works with JavaScript off: the header (and a short-lived cookie thaw.js reads) on the response itself."""
    response = person_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
    assert response.cookies["thaw-forget-drafts"].value == "1"
    person_client.force_login(person)
    response = person_client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response["Location"] == "/"
    assert response["Clear-Site-Data"] == '"storage"'
    assert response.cookies["thaw-forget-drafts"].value == "1"
