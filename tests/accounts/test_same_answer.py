"""Password reset and sign-up do the same work, and take the same time, whether or not the address has an account.

The email is built and sent by a worker after the response, so the request itself never looks the
address up. The tests compare the work each request does (its queries, the task it queues, the
email it sends itself: none) and measure the time of 30 interleaved requests for each path.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selfcare.celery import app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

ROUNDS = 30


@pytest.fixture
def published(redis_url) -> Iterator[list[str]]:
    """The names of the tasks handed to the (real) broker, in order."""
    names: list[str] = []

    def record(sender=None, **_):
        names.append(sender)

    before_task_publish.connect(record, weak=False)
    yield names
    before_task_publish.disconnect(record)
    app.control.purge()  # nobody runs these here; leave the queue empty for the next test


@pytest.fixture
def no_throttle(settings):
    settings.ACCOUNT_MAIL_PER_ADDRESS = 10_000
    settings.ACCOUNT_MAIL_PER_CLIENT = 10_000


def _one(client, path: str, data: dict, published: list[str]):
    before, sent_before = len(published), len(mail.outbox)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(path, data)
        elapsed = time.perf_counter() - started
    return response, elapsed, len(queries), published[before:], len(mail.outbox) - sent_before


def _compare(client, path: str, known: dict, unknown: dict, published: list[str], label: str):
    _one(client, path, known, published)  # warm both paths (templates, connections)
    _one(client, path, unknown, published)
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    work: dict[str, set] = {"known": set(), "unknown": set()}
    answers: dict[str, set] = {"known": set(), "unknown": set()}
    for round_number in range(ROUNDS):
        pair = [("known", known), ("unknown", unknown)]
        for name, data in pair if round_number % 2 else pair[::-1]:  # either may go first: no order bias
            response, elapsed, queries, tasks, sent = _one(client, path, data, published)
            times[name].append(elapsed)
            work[name].add((queries, tuple(tasks), sent))
            answers[name].add((response.status_code, response.get("Location")))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"\n{label}: median known {medians['known']:.2f} ms, unknown {medians['unknown']:.2f} ms ({ROUNDS} each)")
    return medians, work, answers


def test_password_reset_does_the_same_work_for_a_known_and_an_unknown_address(client, person, published, no_throttle):
    medians, work, answers = _compare(
        client,
        "/accounts/password/reset/",
        {"email": person.email},
        {"email": "nobody@example.com"},
        published,
        "password reset",
    )

    assert answers["known"] == answers["unknown"] == {(302, "/accounts/password/reset/sent/")}
    # One way through each: the same number of queries, one task queued, no email sent by the request.
    assert len(work["known"]) == 1 and work["known"] == work["unknown"], work
    ((_, tasks, sent),) = work["known"]
    assert tasks == ("selfcare.accounts.tasks.send_password_reset",) and sent == 0
    # Measured for the record; bounds generous enough for a busy machine (the gap was 3.5 times).
    ratio = medians["known"] / medians["unknown"]
    assert 0.5 < ratio < 2, medians


def test_sign_up_does_the_same_work_for_a_known_and_an_unknown_address(client, person, published, no_throttle):
    base = {"time_zone": "Europe/Berlin", "age_confirmed": "on", "consent": "on"}
    medians, work, answers = _compare(
        client,
        "/accounts/signup/",
        {**base, "email": person.email},
        {**base, "email": "new@example.com"},
        published,
        "sign-up",
    )

    assert answers["known"] == answers["unknown"] == {(302, "/accounts/signup/sent/")}
    assert len(work["known"]) == 1 and work["known"] == work["unknown"], work
    ((_, tasks, sent),) = work["known"]
    assert tasks == ("selfcare.accounts.tasks.send_signup_email",) and sent == 0
    ratio = medians["known"] / medians["unknown"]
    assert 0.5 < ratio < 2, medians


def test_without_a_broker_the_email_is_sent_in_the_request(client, person, broker_unreachable, caplog):
    """Redis away: the person still gets their link (the timing hides nothing then, the email matters more)."""
    response = client.post("/accounts/password/reset/", {"email": person.email})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "the broker did not take it" in caplog.text
