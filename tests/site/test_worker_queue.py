"""One malformed message on the queue does not stop the worker: it is refused and logged, and the
task queued behind it runs. A real worker on the real Redis broker."""

from __future__ import annotations

import datetime
import logging

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from selfcare.accounts import tasks
from selfcare.accounts.models import BrowserSession as Session
from selfcare.celery import app
from tests.conftest import wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.worker,
    pytest.mark.usefixtures("no_worker_connections_left"),
]

MALFORMED = {
    "not JSON": b"this is not a task",
    "a JSON list": b"[1, 2, 3]",
    "an envelope without properties": b'{"body": "e30=", "headers": {"task": "x"}}',
    "a body that is not text": b'{"body": 5, "properties": {"delivery_tag": "t1", "body_encoding": "base64"}}',
}


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def refusals():
    handler = Lines()
    logger = logging.getLogger("selfcare.core.broker")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


@pytest.fixture
def queue(redis_url):
    app.control.purge()
    yield redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.control.purge()


def test_a_malformed_message_is_refused_and_the_next_task_runs(queue, refusals):
    expired = Session.objects.create(
        session_key="e" * 32, session_data="", expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        for raw in MALFORMED.values():
            queue.lpush("celery", raw)  # straight onto the list, as a stray producer would
        tasks.clear_expired_sessions.delay()
        wait_for(lambda: not Session.objects.filter(pk=expired.pk).exists(), 60, "the good task to run")
    assert len(refusals) == len(MALFORMED), refusals
    assert all("could not be read" in line for line in refusals)
    assert queue.llen("celery") == 0
