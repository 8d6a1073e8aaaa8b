"""Test settings: the real settings on PostgreSQL and Redis, with fast password hashing."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thaw")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")


def _cache_url(redis_url: str) -> str:
    """Tests clear the cache (Redis FLUSHDB): keep it in another database than the Celery broker's."""
    base, _, number = redis_url.rpartition("/")
    return f"{base}/{(int(number or 0) + 8) % 16}" if number.isdigit() else redis_url


os.environ.setdefault("CACHE_URL", _cache_url(os.environ["REDIS_URL"]))

from selfcare.settings import *  # noqa: E402, F403

# Argon2 is what production uses (a test checks it); tests hash thousands of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S105 - test-only speed
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# A separate name lets two test runs share one PostgreSQL server without meeting.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("THAW_TEST_DB", "test_thaw")}  # noqa: F405
