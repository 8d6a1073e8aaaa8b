"""Real workers, a real broker and a real SMTP server: exactly once, counted at the sink."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from django.utils import timezone

from selfcare.celery import app
from selfcare.reminders import dispatch, tasks
from selfcare.reminders.models import ReminderDelivery, ReminderSchedule
from tests.conftest import make_person, wait_for
from tests.reminders.conftest import Sink, free_port, make_schedule

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.worker,
    pytest.mark.usefixtures("no_worker_connections_left"),
]
ROOT = Path(__file__).resolve().parents[2]


def _people_due(count: int, kind: str = "journal") -> list[ReminderSchedule]:
    due = timezone.now() - datetime.timedelta(seconds=30)
    return [make_schedule(make_person(f"w{n}@example.com"), kind=kind, due=due) for n in range(count)]


def _assert_exactly_once(sink: Sink, count: int) -> None:
    ids = sink.ids()
    expected = {f"<reminder-{code}@127.0.0.1>" for code in ReminderDelivery.objects.values_list("code", flat=True)}
    duplicates = [mid for mid, n in Counter(ids).items() if n > 1]
    assert duplicates == [], f"sent twice: {duplicates}"
    assert set(ids) == expected
    assert len(ids) == count


@pytest.fixture
def purge_queue(redis_url):
    app.control.purge()
    yield
    app.control.purge()


@pytest.fixture
def celery_worker(redis_url, purge_queue):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def test_the_beat_task_dispatches_and_a_real_worker_sends_each_once(celery_worker, smtp_settings):
    _people_due(12)
    tasks.dispatch_due.delay()
    wait_for(lambda: len(smtp_settings.ids()) >= 12, 30, "12 emails at the sink")
    time.sleep(0.5)  # anything extra would arrive now
    _assert_exactly_once(smtp_settings, 12)
    assert ReminderDelivery.objects.filter(status="sent").count() == 12
    message = smtp_settings.messages[0]
    assert message["Subject"] == "A gentle nudge from Thaw"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/reminders/unsubscribe/")


def _env(**extra) -> dict:
    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "selfcare.settings",
        "DATABASE_URL": f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def test_redis_down_during_dispatch_then_the_next_pass_sends_everything(smtp_settings, purge_queue, redis_url):
    _people_due(5)
    down = subprocess.run(
        [sys.executable, "manage.py", "dispatch_reminders"],
        cwd=ROOT,
        env=_env(REDIS_URL=f"redis://127.0.0.1:{free_port()}/5"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert down.returncode == 2, down.stderr
    assert "waiting for the broker 5" in down.stdout
    assert ReminderDelivery.objects.filter(queued_at__isnull=True).count() == 5
    assert not ReminderSchedule.objects.filter(next_due_at__lte=timezone.now()).exists()

    # A minute later Redis is back and beat runs the next pass.
    ReminderDelivery.objects.update(created_at=timezone.now() - dispatch.ORPHAN_GRACE * 2)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        tasks.dispatch_due.delay()
        wait_for(lambda: len(smtp_settings.ids()) >= 5, 30, "5 emails at the sink")
        time.sleep(0.5)
    _assert_exactly_once(smtp_settings, 5)


def _start_worker(sink_port: int, name: str) -> subprocess.Popen:
    env = _env(
        EMAIL_URL=f"smtp://127.0.0.1:{sink_port}?timeout=5",
        CELERY_VISIBILITY_TIMEOUT="3",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "selfcare", "worker", "--pool", "solo", "-n", f"{name}@%h"]
        + ["--without-mingle", "--without-gossip", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(purge_queue):
    from aiosmtpd.controller import Controller

    # The kill lands before the ninth email is accepted. A kill in the instant between the server's
    # accept and our commit would send that one email twice, with the same Message-ID (sending.deliver).
    sink = Sink(hold_after=8)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    workers = []
    try:
        count = 40
        _people_due(count)
        result = dispatch.run_pass(tasks.queue_sends)
        assert result.queued == count

        first = _start_worker(controller.port, "first")
        workers.append(first)
        # Eight emails accepted; the ninth is mid-conversation, its row locked and its task unacknowledged.
        assert sink.holding.wait(60), "the first worker never started sending"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        sink.release()
        assert len(sink.ids()) == 8
        assert ReminderDelivery.objects.filter(status="sent").count() == 8

        # Redis hands the unacknowledged task out again once the visibility timeout (3 s here) has passed.
        second = _start_worker(controller.port, "second")
        workers.append(second)
        wait_for(
            lambda: not ReminderDelivery.objects.filter(status="pending").exists(), 90, "every delivery to be sent"
        )
        time.sleep(1)
        _assert_exactly_once(sink, count)
        assert ReminderDelivery.objects.filter(status="sent").count() == count
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(15)
                except subprocess.TimeoutExpired:
                    worker.kill()
        controller.stop()
