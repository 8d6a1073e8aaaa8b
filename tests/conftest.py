from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "quiet-river-stones-42"


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=2):
            return True
    except OSError:
        return False


def require_service(name: str, url: str) -> None:
    """Skip locally when a service is missing; in CI a missing service is a failure."""
    if _reachable(url):
        return
    message = f"{name} is not reachable at {url}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def _postgres_is_there():
    require_service("PostgreSQL", os.environ["DATABASE_URL"])
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture(scope="session")
def _cache_reachable() -> bool:
    return _reachable(os.environ["REDIS_URL"])


@pytest.fixture(autouse=True)
def _fresh_cache(_cache_reachable):
    """Each test starts with an empty cache (its own Redis database), so rate limits never carry over."""
    from django.core.cache import cache

    if _cache_reachable:  # without Redis locally, the tests that need it say so themselves
        with contextlib.suppress(Exception):
            cache.clear()


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ["REDIS_URL"]
    require_service("Redis", url)
    return url


def make_person(email: str = "sam@example.com", **fields):
    from django.utils import timezone

    from selfcare.accounts.models import User

    now = timezone.now()
    fields.setdefault("time_zone", "Europe/London")
    fields.setdefault("consent_version", settings.CONSENT_VERSION)
    fields.setdefault("consented_at", now)
    fields.setdefault("age_attested_at", now)
    return User.objects.create_user(email, PASSWORD, **fields)


@pytest.fixture
def person(db):
    return make_person()


@pytest.fixture
def other_person(db):
    return make_person("alex@example.com", time_zone="America/New_York")


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


def wait_for(condition, cap: float, what: str) -> None:
    """Wait for the event (a row, an email); the cap only ends a hung test, it is never a speed target."""
    deadline = time.monotonic() + cap
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def no_worker_connections_left():
    """Workers keep their database connection between tasks; the ones in finished worker threads and
    killed processes would keep the test database from being dropped at the end of the run."""
    yield
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def celery_worker(redis_url):
    """A real worker on the Redis broker, for the length of a test. The queue is emptied first: earlier
    tests may have queued tasks with no worker running, and a worker would be busy with those first."""
    from celery.contrib.testing.worker import start_worker

    from selfcare.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.control.purge()


@pytest.fixture
def broker_unreachable(settings):
    """Point Celery at a port where nothing listens, as if Redis were down; restore it afterwards."""
    from selfcare.celery import app

    def use(url: str) -> None:
        # kombu keeps one pool per broker URL; dropping the app's references makes the next
        # send look up (or build) the pool for this URL, and the original one is left intact.
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    use("redis://127.0.0.1:1/0")
    yield
    use(settings.CELERY_BROKER_URL)


@pytest.fixture
def worker_sends_at_once(transactional_db):
    """Sign-up and reset emails leave through the task queue once the request commits: run each task
    right there, as a worker would (tests/accounts/test_same_answer.py uses the real broker)."""
    from selfcare.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False


def at_once(*calls):
    """Run the calls at the same moment, each in its own thread and database connection; return their results."""
    barrier = threading.Barrier(len(calls))
    responses: list = [None] * len(calls)
    errors: list = []

    def run(index, call):
        try:
            barrier.wait()
            responses[index] = call()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return responses
