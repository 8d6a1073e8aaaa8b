from __future__ import annotations

import datetime
import socket
import threading
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from selfcare.reminders import preferences
from selfcare.reminders.models import EVERY_DAY, ReminderSchedule

UTC = datetime.UTC


def make_schedule(user, kind: str = "journal", at=datetime.time(9, 0), weekdays: int = EVERY_DAY, due=None):
    """A schedule for an opted-in person; `due` forces next_due_at (else it is computed)."""
    prefs = preferences.for_user(user)
    if not prefs.opted_in:
        preferences.opt_in(user)
    row = preferences.save_schedule(user, kind, True, weekdays, at)
    if due is not None:
        ReminderSchedule.objects.filter(pk=row.pk).update(next_due_at=due)
        row.refresh_from_db()
    return row


class Collector:
    """Stands in for the broker in dispatch tests: remembers what would have been queued."""

    def __init__(self, fail: bool = False):
        self.ids: list[int] = []
        self.fail = fail

    def __call__(self, ids):
        if self.fail:
            raise ConnectionError("broker unreachable")
        self.ids.extend(ids)
        return list(ids)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """An aiosmtpd handler that counts what it accepts, by Message-ID.

    With hold_after=N, the recipient of message N+1 is left unanswered until
    `release()`: the sender is then stuck mid-conversation, before the message
    is accepted, which is where a test can kill it.
    """

    def __init__(self, delay: float = 0.0, hold_after: int | None = None):
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.delay = delay
        self.hold_after = hold_after
        self.holding = threading.Event()
        self.released = threading.Event()

    def release(self) -> None:
        self.released.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        if self.hold_after is not None and len(self.ids()) >= self.hold_after and not self.released.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "timeout": 5},
        }
    }
    return smtp_sink
