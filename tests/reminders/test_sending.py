"""What a reminder email says, when it is skipped, and that it is sent once."""

import datetime
import email.policy as email_policy
import re

import pytest
import time_machine
from django.conf import settings

from exercises.plan import weeks
from selfcare.checkins.models import CheckIn
from selfcare.reminders import dispatch, kinds, preferences, sending, tasks
from selfcare.reminders.models import ReminderDelivery
from tests.reminders.conftest import Collector, free_port, make_schedule

UTC = datetime.UTC
pytestmark = pytest.mark.django_db

FORBIDDEN = re.compile(
    r"depress|suicid|crisis|trauma|numb|therapist|phq|gad-?7|who-5|pc-ptsd|score|diagnos", re.IGNORECASE
)


def _pending(person, kind="journal") -> ReminderDelivery:
    now = datetime.datetime.now(UTC)
    row = make_schedule(person, kind=kind, due=now - datetime.timedelta(minutes=1))
    dispatch.run_pass(Collector(), now=now)
    return ReminderDelivery.objects.get(schedule=row)


def test_it_sends_a_neutral_email_with_one_click_unsubscribe(person, mailoutbox):
    delivery = _pending(person)
    assert sending.deliver(delivery.pk) == "sent"
    [email] = mailoutbox
    assert email.subject == "A gentle nudge from Thaw"
    assert email.to == [person.email]
    headers = email.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"]).group(1)
    assert unsubscribe.startswith(settings.SITE_URL + "/reminders/unsubscribe/")
    assert headers["Message-ID"] == f"<reminder-{delivery.code}@127.0.0.1>"
    # On the wire the URL stays readable: one line, not folded into encoded words.
    wire = email.message(policy=email_policy.SMTP).as_bytes().decode()
    assert f"List-Unsubscribe: <{unsubscribe}>\r\n" in wire
    html = email.alternatives[0].content
    for body in (email.body, html):
        assert settings.SITE_URL + "/journal/new/" in body
        assert settings.SITE_URL + "/settings/reminders/" in body
        assert unsubscribe in body
        assert settings.SITE_URL + "/help/" in body
        assert not FORBIDDEN.search(body)
        assert "&#x27;" not in body or body is html
    assert "<img" not in html
    # Every link is a plain absolute link to Thaw itself: no tracking redirects.
    assert all(url.startswith(settings.SITE_URL) for url in re.findall(r'href="([^"]+)"', html))
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.sent_at is not None


def test_a_delivery_already_sent_is_not_sent_again(person, mailoutbox):
    delivery = _pending(person)
    sending.deliver(delivery.pk)
    assert sending.deliver(delivery.pk) == "sent"
    tasks.send_reminders.apply(args=[[delivery.pk]])
    assert len(mailoutbox) == 1


def test_every_kind_writes_neutral_words():
    for kind in kinds.KINDS.values():
        for text in (kind.line, kind.action):
            assert not FORBIDDEN.search(text), kind.key


def test_the_check_in_reminder_is_skipped_once_they_checked_in_today(person, mailoutbox):
    delivery = _pending(person, kind="checkin")
    CheckIn.objects.create(
        owner=person,
        date=person.local_today(),
        numbness=5,
        impact_work=0,
        impact_relationships=0,
        impact_selfcare=0,
        connection=5,
    )
    assert sending.deliver(delivery.pk) == "skipped"
    delivery.refresh_from_db()
    assert delivery.reason == "done-today"
    assert mailoutbox == []


def test_the_check_in_reminder_links_to_the_check_in(person, mailoutbox):
    sending.deliver(_pending(person, kind="checkin").pk)
    assert settings.SITE_URL + "/checkin/" in mailoutbox[0].body


def test_the_plan_reminder_waits_for_a_week_and_then_links_to_todays_step(person, mailoutbox):
    delivery = _pending(person, kind="plan")
    assert sending.deliver(delivery.pk) == "skipped"
    assert ReminderDelivery.objects.get(pk=delivery.pk).reason == "not-enrolled"

    week = weeks.start_week(person)
    ReminderDelivery.objects.all().delete()
    delivery = _pending(person, kind="plan")
    assert sending.deliver(delivery.pk) == "sent"
    state = weeks.state(week, person.local_today())
    from exercises.plan.links import task_link

    expected = task_link(state.next_task) or "/exercises/plan/"
    assert settings.SITE_URL + expected in mailoutbox[0].body


def test_the_questionnaire_reminder_links_to_the_one_due_and_waits_while_none_is(person, mailoutbox):
    from django.utils import timezone

    from selfcare.checkins.models import ScreenerResult

    delivery = _pending(person, kind="questionnaire")
    assert sending.deliver(delivery.pk) == "sent"  # nothing taken yet: the gentle first one
    assert settings.SITE_URL + "/checkin/questionnaires/who5/" in mailoutbox[0].body
    ScreenerResult.objects.create(
        owner=person, instrument="who5", status="complete", score=60, completed_at=timezone.now()
    )
    ReminderDelivery.objects.all().delete()
    delivery = _pending(person, kind="questionnaire")
    assert sending.deliver(delivery.pk) == "skipped"
    assert ReminderDelivery.objects.get(pk=delivery.pk).reason == "none-due"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: preferences.stop_all(p), "opted-out"),
        (lambda p: preferences.pause_until(p, p.local_today() + datetime.timedelta(days=3)), "paused"),
    ],
)
def test_a_reminder_queued_before_a_change_of_mind_is_not_sent(person, mailoutbox, change, reason):
    delivery = _pending(person)
    change(person)
    assert sending.deliver(delivery.pk) == "skipped"
    assert ReminderDelivery.objects.get(pk=delivery.pk).reason == reason
    assert mailoutbox == []


def test_a_send_that_comes_hours_late_is_skipped_as_stale(person, mailoutbox):
    delivery = _pending(person)
    with time_machine.travel(delivery.slot + datetime.timedelta(hours=4)):
        assert sending.deliver(delivery.pk) == "skipped"
    assert ReminderDelivery.objects.get(pk=delivery.pk).reason == "stale"


def test_smtp_errors_are_retried_and_then_the_delivery_is_marked_failed(person, settings):
    delivery = _pending(person)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 1},
        }
    }
    result = tasks.send_reminders.apply(args=[[delivery.pk]])
    assert result.get() == {"failed": 1}
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.reason == "ConnectionRefusedError"


def test_the_backoff_grows_and_stays_bounded():
    waits = [tasks.backoff(n) for n in range(tasks.MAX_RETRIES)]
    assert waits == sorted(waits)
    assert sum(waits) < dispatch.STALE_AFTER.total_seconds()


def test_a_new_kind_is_one_registry_entry(person, mailoutbox):
    kind = kinds.register(
        kinds.Kind(
            key="breathe",
            label="A slow breath",
            hint="",
            line="A slow breath, whenever suits you.",
            action="Open Thaw",
            link=lambda user: "/today/",
            skip=lambda user: "",
        )
    )
    try:
        sending.deliver(_pending(person, kind=kind.key).pk)
        assert settings.SITE_URL + "/today/" in mailoutbox[0].body
    finally:
        del kinds.KINDS[kind.key]
