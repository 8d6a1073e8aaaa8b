"""Sign-up and reset mail have a budget per address and per client, and the page that says so reveals nothing."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.usefixtures("worker_sends_at_once")

RESET = "/accounts/password/reset/"
SIGNUP = "/accounts/signup/"


def _signup(email: str) -> dict:
    return {"email": email, "time_zone": "Europe/Berlin", "age_confirmed": "on", "consent": "on"}


def _page_text(response) -> str:
    """The page without its per-request CSRF tokens."""
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", response.content.decode())


@pytest.fixture
def budget(settings):
    settings.ACCOUNT_MAIL_PER_ADDRESS = 2
    settings.ACCOUNT_MAIL_PER_CLIENT = 100


def test_an_address_gets_a_few_emails_then_a_calm_page(client, person, budget):
    answers = [client.post(RESET, {"email": person.email}).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2
    throttled = client.post(RESET, {"email": person.email.upper()})  # the same address, however typed
    assert throttled.status_code == 429 and len(mail.outbox) == 2
    text = throttled.content.decode()
    assert "We&#x27;ve sent one recently" in text or "We've sent one recently" in text
    assert "ask again in about an hour" in text
    assert throttled["Retry-After"] == "3600"


def test_the_page_is_the_same_for_an_address_with_and_without_an_account(client, person, budget):
    for _ in range(2):
        client.post(RESET, {"email": person.email})
        client.post(RESET, {"email": "nobody@example.com"})
    known = client.post(RESET, {"email": person.email})
    unknown = client.post(RESET, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 429
    assert _page_text(known) == _page_text(unknown)
    assert [m.to for m in mail.outbox] == [[person.email]] * 2

    for _ in range(2):
        client.post(SIGNUP, _signup("new@example.com"))
    new = client.post(SIGNUP, _signup("new@example.com"))
    existing = client.post(SIGNUP, _signup(person.email))  # its budget went on the resets above
    assert new.status_code == existing.status_code == 429
    assert _page_text(new) == _page_text(existing)


def test_sign_up_and_reset_share_one_budget_per_address(client, person, budget):
    assert client.post(SIGNUP, _signup(person.email)).status_code == 302
    assert client.post(RESET, {"email": person.email}).status_code == 302
    assert client.post(SIGNUP, _signup(person.email)).status_code == 429
    assert client.post(RESET, {"email": person.email}).status_code == 429
    assert len(mail.outbox) == 2


def test_one_client_gets_a_budget_across_addresses(client, db, settings):
    settings.ACCOUNT_MAIL_PER_ADDRESS = 100
    settings.ACCOUNT_MAIL_PER_CLIENT = 3
    answers = [client.post(RESET, {"email": f"someone{n}@example.com"}).status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    # Another connection is not affected.
    assert client.post(RESET, {"email": "someone9@example.com"}, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_without_the_cache_the_emails_still_go(client, person, budget, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    answers = [client.post(RESET, {"email": person.email}).status_code for _ in range(3)]
    assert answers == [302, 302, 302]
    assert len(mail.outbox) == 3
    assert "rate limit cache unavailable" in caplog.text
