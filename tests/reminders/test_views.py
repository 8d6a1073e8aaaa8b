"""The reminder settings page and the unsubscribe link."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from selfcare.reminders import preferences, tokens
from selfcare.reminders.models import ReminderPreferences, ReminderSchedule
from tests.reminders.conftest import make_schedule

UTC = datetime.UTC
URL = "/settings/reminders/"
# Monday 2 November 2026, 10:00 UTC = 10:00 in London.
MONDAY = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def _save(client, kind="checkin", enabled=True, days=("0", "2"), at="08:30"):
    data = {"form": kind, f"{kind}-at": at, f"{kind}-days": list(days)}
    if enabled:
        data[f"{kind}-enabled"] = "on"
    return client.post(URL, data, follow=True)


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_settings_page_links_to_reminders(person_client):
    assert URL in person_client.get("/accounts/settings/").content.decode()


def test_reminders_are_off_until_the_person_turns_them_on(person_client, person):
    page = person_client.get(URL).content.decode()
    assert "Reminders are off" in page and "Turn on reminders" in page
    response = person_client.post(URL, {"form": "opt-in"}, follow=True)
    assert "Reminders are on" in response.content.decode()
    assert ReminderPreferences.objects.get(owner=person).opted_in


@time_machine.travel(MONDAY, tick=False)
def test_choosing_days_and_a_time_shows_the_next_arrival_in_their_zone(person_client, person):
    person_client.post(URL, {"form": "opt-in"})
    response = _save(person_client, days=("2",), at="08:30")  # Wednesdays
    page = response.content.decode()
    assert "Saved. The next one arrives Wednesday 4 November at 08:30." in page
    assert "Next one: <strong>Wednesday 4 November at 08:30</strong>" in page
    row = ReminderSchedule.objects.get(owner=person, kind="checkin")
    assert row.next_due_at == datetime.datetime(2026, 11, 4, 8, 30, tzinfo=UTC)
    assert row.weekday_set == {2}


@time_machine.travel(MONDAY, tick=False)
def test_a_new_time_zone_moves_the_next_arrival(person_client, person):
    person_client.post(URL, {"form": "opt-in"})
    _save(person_client, days=("2",), at="08:30")
    person_client.post("/accounts/settings/", {"time_zone": "Asia/Kolkata"})
    row = ReminderSchedule.objects.get(owner=person, kind="checkin")
    assert row.next_due_at == datetime.datetime(2026, 11, 4, 3, 0, tzinfo=UTC)  # 08:30 IST


@pytest.mark.parametrize(
    ("days", "at", "message"),
    [
        ((), "08:30", "Choose at least one day"),
        (("1",), "25:99", "Please enter a time as hours and minutes"),
        (("1",), "", "Please choose a time"),
        (("9",), "08:30", "Please choose days from the list"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(person_client, person, days, at, message):
    person_client.post(URL, {"form": "opt-in"})
    response = _save(person_client, days=days, at=at)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReminderSchedule.objects.filter(owner=person).exists()


def test_turning_one_reminder_off_keeps_its_choices(person_client, person):
    person_client.post(URL, {"form": "opt-in"})
    _save(person_client, days=("0", "1"))
    response = _save(person_client, enabled=False, days=("0", "1"))
    assert "“Daily check-in” is off" in response.content.decode()
    row = ReminderSchedule.objects.get(owner=person)
    assert not row.enabled and row.next_due_at is None and row.weekday_set == {0, 1}


@time_machine.travel(MONDAY, tick=False)
def test_pause_until_a_date_then_resume(person_client, person):
    person_client.post(URL, {"form": "opt-in"})
    _save(person_client, days=tuple(str(d) for d in range(7)), at="08:30")
    response = person_client.post(URL, {"form": "pause", "pause-until": "", "until": "2026-11-10"}, follow=True)
    page = response.content.decode()
    assert "Reminders start again on Tuesday 10 November" in page
    row = ReminderSchedule.objects.get(owner=person)
    assert row.next_due_at == datetime.datetime(2026, 11, 10, 8, 30, tzinfo=UTC)

    person_client.post(URL, {"form": "resume"})
    row.refresh_from_db()
    assert row.next_due_at == datetime.datetime(2026, 11, 3, 8, 30, tzinfo=UTC)


@time_machine.travel(MONDAY, tick=False)
def test_a_pause_must_end_after_today(person_client):
    person_client.post(URL, {"form": "opt-in"})
    response = person_client.post(URL, {"form": "pause", "until": "2026-11-02"})
    assert "Please choose a day after today." in response.content.decode()


def test_stop_all_turns_every_reminder_off(person_client, person):
    make_schedule(person, kind="checkin")
    make_schedule(person, kind="journal")
    person_client.post(URL, {"form": "stop"})
    assert not ReminderPreferences.objects.get(owner=person).opted_in
    assert not ReminderSchedule.objects.filter(owner=person, next_due_at__isnull=False).exists()


def test_the_page_only_touches_the_persons_own_reminders(person_client, person, other_person):
    theirs = make_schedule(other_person, kind="checkin", at=datetime.time(7, 0))
    person_client.post(URL, {"form": "opt-in"})
    _save(person_client, days=("3",), at="21:00")
    person_client.post(URL, {"form": "stop"})
    theirs.refresh_from_db()
    assert theirs.local_time == datetime.time(7, 0) and theirs.next_due_at is not None
    assert ReminderPreferences.objects.get(owner=other_person).opted_in
    assert "07:00" not in person_client.get(URL).content.decode()


def test_the_settings_page_still_checks_csrf(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.post(URL, {"form": "opt-in"}).status_code == 403


# Unsubscribe ------------------------------------------------------------------------


def _token(person) -> str:
    make_schedule(person)
    return tokens.make(preferences.for_user(person))


def test_the_link_shows_a_confirmation_first_and_changes_nothing(client, person):
    token = _token(person)
    response = client.get(f"/reminders/unsubscribe/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop reminder emails?" in page and 'method="post"' in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert ReminderPreferences.objects.get(owner=person).opted_in


def test_one_button_unsubscribes_without_logging_in_and_again_is_harmless(person):
    token = _token(person)
    client = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = client.post(f"/reminders/unsubscribe/{token}/")
        assert response.status_code == 200
        assert "You won't get reminder emails" in response.content.decode()
    assert not ReminderPreferences.objects.get(owner=person).opted_in
    assert not ReminderSchedule.objects.filter(owner=person, next_due_at__isnull=False).exists()


def test_the_rfc_8058_one_click_post_works(person):
    token = _token(person)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/reminders/unsubscribe/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not ReminderPreferences.objects.get(owner=person).opted_in


def test_it_also_works_when_logged_in(person_client, person):
    token = _token(person)
    assert person_client.post(f"/reminders/unsubscribe/{token}/").status_code == 200
    assert not ReminderPreferences.objects.get(owner=person).opted_in


def test_a_tampered_token_changes_nothing(client, person, other_person):
    token = _token(person)
    _token(other_person)
    value, signature = token.split(":")
    owner_id, nonce = value.split(".")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    attempts = [
        f"{value}:{flipped}",  # signature changed
        f"{other_person.pk}.{nonce}:{signature}",  # someone else's id with this signature
        f"{value}x:{signature}",  # value changed
        value,  # no signature
        "nonsense",
    ]
    for bad in attempts:
        response = client.post(f"/reminders/unsubscribe/{bad}/")
        assert response.status_code == 404, bad
        assert "This link doesn't work any more" in response.content.decode()
    assert ReminderPreferences.objects.filter(opted_in=True).count() == 2


def test_retired_links_stop_working_and_new_ones_work(person_client, person, client):
    old = _token(person)
    person_client.post(URL, {"form": "retire-links"})
    assert client.post(f"/reminders/unsubscribe/{old}/").status_code == 404
    assert ReminderPreferences.objects.get(owner=person).opted_in
    new = tokens.make(preferences.for_user(person))
    assert client.post(f"/reminders/unsubscribe/{new}/").status_code == 200
    assert not ReminderPreferences.objects.get(owner=person).opted_in


def test_the_page_costs_the_same_queries_with_no_reminders_or_all_of_them(
    person_client, person, django_assert_num_queries
):
    person_client.post(URL, {"form": "opt-in"})
    person_client.get(URL)
    with CaptureQueriesContext(connection) as empty:
        person_client.get(URL)
    for kind in ("checkin", "plan", "journal"):
        make_schedule(person, kind=kind)
    with django_assert_num_queries(len(empty)):
        assert person_client.get(URL).status_code == 200
