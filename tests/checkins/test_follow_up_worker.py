"""A real Celery worker on Redis delivers exactly one neutral follow-up to a local SMTP sink."""

import re
import socket
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from selfcare.checkins.models import FollowUp
from tests.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield sink
    controller.stop()


def test_an_escalation_queues_exactly_one_follow_up_with_nothing_sensitive(
    smtp_sink, celery_worker, person, person_client
):
    person.email_followups = True
    person.save()
    for _ in range(2):  # two escalations in one episode
        start = person_client.post("/checkin/questionnaires/phq9/")
        run = start.url
        for key, value in zip("123456789", [2, 2, 2, 2, 2, 1, 1, 0, 0], strict=True):
            person_client.post(run, {"question": key, "answer": str(value)})
        response = person_client.post(run, {"question": "functional", "answer": "2"})
        assert "Talking to a professional could help" in response.content.decode()

    wait_for(lambda: smtp_sink.messages, 90, "the worker to deliver the follow-up")
    time.sleep(1)  # anything else would have arrived by now
    assert len(smtp_sink.messages) == 1
    assert FollowUp.objects.get(owner=person).sent_at is not None

    message = smtp_sink.messages[0]
    assert message["To"] == person.email
    assert message["Subject"] == "You have a new message"
    text = "\n".join(
        part.get_payload(decode=True).decode() for part in message.walk() if part.get_content_maintype() == "text"
    )
    assert "Log in to see your check-in" in text
    visible = text.replace("http://127.0.0.1:8000", "")
    assert not re.search(r"\b(12|16)\b", visible)
    for word in ("PHQ", "GAD", "depress", "suicide", "crisis", "trauma", "numb", "therapist", "score"):
        assert word.lower() not in visible.lower(), word
