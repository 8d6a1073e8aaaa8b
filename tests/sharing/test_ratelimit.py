"""Requests to the share paths are limited per client address; the limiter fails open without Redis."""

import pytest

from tests.sharing.conftest import make_link


def test_it_limits_requests_per_address(client, person, settings):
    settings.SHARE_RATE_LIMIT = 5
    _, token = make_link(person)
    answers = [client.get(f"/s/{token}").status_code for _ in range(5)]
    assert answers == [302] * 5
    limited = client.get(f"/s/{token}")
    assert limited.status_code == 429
    assert "Please wait a moment" in limited.content.decode()
    assert limited["Retry-After"] == "60"
    assert limited["X-Robots-Tag"] == "noindex, nofollow" and limited["Referrer-Policy"] == "no-referrer"
    assert client.get("/shared/").status_code == 429  # the token-free page counts too
    # Another address is not affected.
    assert client.get(f"/s/{token}", REMOTE_ADDR="198.51.100.7").status_code == 302
    # Other pages are not limited.
    assert client.get("/help/").status_code == 200


def test_wrong_guesses_are_limited_too(client, db, settings):
    settings.SHARE_RATE_LIMIT = 3
    answers = [client.get(f"/s/{'x' * 43}{n}").status_code for n in range(4)]
    assert answers == [404, 404, 404, 429]


@pytest.fixture
def redis_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    # Changing CACHES through the settings fixture makes Django drop its cache connections.
    yield


def test_it_fails_open_when_the_cache_is_down(client, person, redis_is_down, settings, caplog):
    settings.SHARE_RATE_LIMIT = 1
    _, token = make_link(person)
    assert client.get(f"/s/{token}").status_code == 302
    assert client.get("/shared/").status_code == 200
    assert "rate limit cache unavailable" in caplog.text
