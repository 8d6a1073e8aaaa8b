import re

import pytest
from django.core import mail

from selfcare.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_it_logs_in_with_email_in_any_case_and_goes_to_today(client, person):
    response = client.post(LOGIN, {"username": "SAM@Example.com", "password": PASSWORD})
    assert response["Location"] == "/today/"


def test_it_follows_next_after_logging_in(client, person):
    response = client.post(LOGIN, {"username": person.email, "password": PASSWORD, "next": "/accounts/settings/"})
    assert response["Location"] == "/accounts/settings/"


def test_it_says_kindly_when_the_password_is_wrong_and_keeps_the_email(client, person):
    response = client.post(LOGIN, {"username": person.email, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "don&#x27;t match an account" in html
    assert f'value="{person.email}"' in html
    assert "nope" not in html


def test_it_pauses_logins_after_repeated_failures_with_a_clear_message(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": person.email, "password": "wrong"})
    response = client.post(LOGIN, {"username": person.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"paused for 15 minutes" in response.content
    assert b"Get help now" in response.content


def test_it_logs_out_on_post_only(person_client):
    assert person_client.get("/accounts/logout/").status_code == 405
    response = person_client.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert person_client.get("/today/").status_code == 302


def test_today_needs_a_login(client):
    response = client.get("/today/")
    assert response["Location"] == "/accounts/login/?next=/today/"


def test_the_landing_page_sends_a_signed_in_person_to_today(person_client):
    assert person_client.get("/")["Location"] == "/today/"


def _reset_link(message) -> str:
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^\s]+/)", message.body)
    assert link is not None
    return link.group(1)


def test_password_reset_never_reveals_whether_an_address_is_registered(client, person, worker_sends_at_once):
    known = client.post("/accounts/password/reset/", {"email": person.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_password_reset_link_sets_a_new_password(client, person, worker_sends_at_once):
    client.post("/accounts/password/reset/", {"email": person.email})
    message = mail.outbox[0]
    assert message.subject == "Set a new Thaw password"
    assert "/help/" in message.body
    response = client.get(_reset_link(message), follow=True)
    assert b"Set a new password" in response.content
    new = "a-brand-new-calm-phrase"
    response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/password/reset/complete/"
    person.refresh_from_db()
    assert person.check_password(new)


def test_password_change_keeps_the_person_logged_in(person_client, person):
    new = "another-quiet-evening-7"
    response = person_client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response["Location"] == "/accounts/password/done/"
    assert person_client.get("/today/").status_code == 200
    person.refresh_from_db()
    assert person.check_password(new)


def test_password_change_explains_a_wrong_old_password(person_client):
    response = person_client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "x-y-z-long-1", "new_password2": "x-y-z-long-1"},
    )
    assert response.status_code == 200
    assert b"Your old password was entered incorrectly" in response.content


def test_emails_are_stored_lowercase_and_unique_regardless_of_case(person):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(
            email="SAM@EXAMPLE.COM", consented_at=person.consented_at, age_attested_at=person.age_attested_at
        )
