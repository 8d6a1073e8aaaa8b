import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from selfcare.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_sends_at_once")]

SIGNUP = "/accounts/signup/"


def _signup_data(**overrides):
    data = {"email": "new@example.com", "time_zone": "Europe/Berlin", "age_confirmed": "on", "consent": "on"}
    data.update(overrides)
    return data


def _finish_link(message) -> str:
    link = re.search(r"https?://[^/\s]+(/accounts/signup/finish/[^\s]+/)", message.body)
    assert link is not None
    return link.group(1)


def test_it_explains_what_is_kept_before_asking_anything(client):
    html = client.get(SIGNUP).content.decode()
    explanation = html.index("What Thaw keeps, and why")
    assert explanation < html.index('name="email"')
    assert "Who can see it" in html
    # Consent and age boxes start unticked.
    assert re.search(r'<input[^>]*name="consent"[^>]*checked', html) is None
    assert re.search(r'<input[^>]*name="age_confirmed"[^>]*checked', html) is None


def test_it_emails_a_link_to_a_new_address_and_creates_nothing_yet(client):
    response = client.post(SIGNUP, _signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    assert not User.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert "choose your password" in mail.outbox[0].body
    assert "/accounts/signup/finish/" in mail.outbox[0].alternatives[0].content


def test_it_answers_a_known_address_exactly_like_a_new_one(client, person):
    new = client.post(SIGNUP, _signup_data())
    known = client.post(SIGNUP, _signup_data(email=person.email.upper()))
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    assert client.get("/accounts/signup/sent/").content.count(b"Check your inbox") >= 1
    assert [m.subject for m in mail.outbox] == ["Finish creating your Thaw account", "About your Thaw sign-up"]
    assert "already has one" in mail.outbox[1].body
    assert "/signup/finish/" not in mail.outbox[1].body
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "doesn&#x27;t look like an email address"),
        ({"email": ""}, "Please enter your email address."),
        ({"email": "a" * 5000 + "@example.com"}, "at most 254 characters"),
        ({"time_zone": "Mars/Olympus_Mons"}, "Please choose a time zone from the list"),
        ({"age_confirmed": ""}, "Thaw is for adults"),
        ({"consent": ""}, "Please tick this box if you agree"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(client, overrides, message):
    data = _signup_data(**overrides)
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "What you typed is still here" in html
    if data["email"] and "@" in data["email"] and len(data["email"]) < 300:
        assert f'value="{data["email"]}"' in html
    if data["time_zone"] == "Europe/Berlin":
        assert '<option value="Europe/Berlin" selected>' in html
    assert not mail.outbox


def test_it_creates_the_account_with_consent_recorded(client):
    with time_machine.travel("2026-11-20 21:30:00+00:00", tick=False):
        client.post(SIGNUP, _signup_data())
    link = _finish_link(mail.outbox[0])
    with time_machine.travel("2026-11-21 08:00:00+00:00", tick=False):
        assert client.get(link).status_code == 200
        response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response["Location"] == "/today/"
    user = User.objects.get()
    assert user.email == "new@example.com"
    assert user.time_zone == "Europe/Berlin"
    assert user.consent_version == settings.CONSENT_VERSION
    assert user.consented_at.isoformat() == "2026-11-20T21:30:00+00:00"
    assert user.age_attested_at == user.consented_at
    assert user.check_password(PASSWORD)
    assert client.get("/today/").status_code == 200


def test_it_rejects_a_weak_password_on_the_same_form(client):
    client.post(SIGNUP, _signup_data())
    link = _finish_link(mail.outbox[0])
    response = client.post(link, {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert b"This password is too common" in response.content
    assert b"new@example.com" in response.content
    assert not User.objects.exists()


def test_it_refuses_an_expired_or_tampered_link(client):
    client.post(SIGNUP, _signup_data())
    link = _finish_link(mail.outbox[0])
    later = timezone.now() + timedelta(seconds=settings.SIGNUP_LINK_MAX_AGE + 60)
    with time_machine.travel(later):
        response = client.get(link)
    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert client.get(link[:-5] + "xxxx/").status_code == 400


def test_a_used_link_sends_the_person_to_log_in(client):
    client.post(SIGNUP, _signup_data())
    link = _finish_link(mail.outbox[0])
    client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()
    response = client.post(link, {"new_password1": "another-long-phrase-9", "new_password2": "another-long-phrase-9"})
    assert response["Location"] == "/accounts/login/"
    assert User.objects.get().check_password(PASSWORD)
