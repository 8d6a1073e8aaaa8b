"""The dispatch pass: exactly once per slot, one catch-up at most, stale skipped, safe in parallel."""

import datetime
import threading

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from selfcare.reminders import dispatch, preferences
from selfcare.reminders.models import ReminderDelivery, ReminderSchedule
from tests.conftest import make_person
from tests.reminders.conftest import Collector, make_schedule

UTC = datetime.UTC
# 1 June 2026, 07:00 UTC = 08:00 in London (BST); the person's reminder is at 09:00 London = 08:00 UTC.
EARLY = datetime.datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
SLOT = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(person):
    with time_machine.travel(EARLY, tick=False):
        row = make_schedule(person, at=datetime.time(9, 0))
    assert row.next_due_at == SLOT
    return row


def test_it_creates_one_delivery_and_advances_to_the_next_slot(due):
    queue = Collector()
    result = dispatch.run_pass(queue, now=SLOT + datetime.timedelta(seconds=20))
    delivery = ReminderDelivery.objects.get()
    assert (delivery.schedule_id, delivery.slot, delivery.status) == (due.pk, SLOT, "pending")
    assert queue.ids == [delivery.pk]
    assert delivery.queued_at is not None
    due.refresh_from_db()
    assert due.next_due_at == SLOT + DAY
    assert (result.schedules, result.created, result.queued) == (1, 1, 1)


def test_a_second_pass_in_the_same_minute_sends_nothing(due):
    now = SLOT + datetime.timedelta(seconds=20)
    dispatch.run_pass(Collector(), now=now)
    again = Collector()
    result = dispatch.run_pass(again, now=now + datetime.timedelta(seconds=30))
    assert again.ids == [] and result.created == 0
    assert ReminderDelivery.objects.count() == 1


def test_nothing_is_due_before_its_time(due):
    result = dispatch.run_pass(Collector(), now=SLOT - datetime.timedelta(seconds=1))
    assert result.schedules == 0 and not ReminderDelivery.objects.exists()


def test_after_an_hour_of_outage_the_missed_reminder_still_goes_once(due):
    dispatch.run_pass(Collector(), now=SLOT + datetime.timedelta(hours=1))
    assert list(ReminderDelivery.objects.values_list("slot", flat=True)) == [SLOT]


def test_after_days_of_outage_only_one_catch_up_is_sent(due):
    now = SLOT + 3 * DAY + datetime.timedelta(minutes=30)
    queue = Collector()
    dispatch.run_pass(queue, now=now)
    assert list(ReminderDelivery.objects.values_list("slot", flat=True)) == [SLOT + 3 * DAY]
    due.refresh_from_db()
    assert due.next_due_at == SLOT + 4 * DAY


def test_a_reminder_hours_late_is_dropped_as_stale(due):
    result = dispatch.run_pass(Collector(), now=SLOT + datetime.timedelta(hours=5))
    assert not ReminderDelivery.objects.exists()
    assert result.stale == 1
    due.refresh_from_db()
    assert due.next_due_at == SLOT + DAY


def test_the_database_refuses_a_second_delivery_for_one_slot(due):
    ReminderDelivery.objects.create(schedule=due, slot=SLOT)
    with pytest.raises(IntegrityError):
        ReminderDelivery.objects.create(schedule=due, slot=SLOT)


def test_a_slot_that_already_has_its_delivery_is_not_duplicated(due):
    ReminderDelivery.objects.create(schedule=due, slot=SLOT)
    result = dispatch.run_pass(Collector(), now=SLOT + datetime.timedelta(seconds=5))
    assert result.created == 0
    assert ReminderDelivery.objects.count() == 1


def test_stopped_and_turned_off_reminders_are_not_due(due, person):
    preferences.stop_all(person)
    assert dispatch.run_pass(Collector(), now=SLOT + DAY).schedules == 0


def test_with_the_broker_down_deliveries_wait_and_a_later_pass_queues_them(due):
    down = Collector(fail=True)
    result = dispatch.run_pass(down, now=SLOT)
    delivery = ReminderDelivery.objects.get()
    assert delivery.queued_at is None and result.queue_failed == 1
    due.refresh_from_db()
    assert due.next_due_at == SLOT + DAY  # the slot is taken; the row waits for the broker

    back = Collector()
    result = dispatch.run_pass(back, now=SLOT + datetime.timedelta(minutes=2))
    assert back.ids == [delivery.pk] and result.requeued == 1
    delivery.refresh_from_db()
    assert delivery.queued_at is not None


def test_a_delivery_the_broker_lost_is_queued_again_but_not_when_stale(due):
    dispatch.run_pass(Collector(), now=SLOT)
    delivery = ReminderDelivery.objects.get()
    ReminderDelivery.objects.update(queued_at=SLOT)
    soon = Collector()
    dispatch.run_pass(soon, now=SLOT + datetime.timedelta(minutes=5))
    assert soon.ids == []
    later = Collector()
    dispatch.run_pass(later, now=SLOT + datetime.timedelta(minutes=20))
    assert later.ids == [delivery.pk]
    ReminderDelivery.objects.update(queued_at=SLOT)
    stale = Collector()
    dispatch.run_pass(stale, now=SLOT + datetime.timedelta(hours=4))
    assert stale.ids == []


def test_a_batch_costs_the_same_queries_for_one_schedule_or_many():
    people = [make_person(f"p{n}@example.com") for n in range(6)]
    with time_machine.travel(EARLY, tick=False):
        rows = [make_schedule(p, at=datetime.time(9, 0)) for p in people]
    ReminderSchedule.objects.exclude(pk=rows[0].pk).update(next_due_at=SLOT + DAY)
    with CaptureQueriesContext(connection) as one:
        dispatch.run_pass(Collector(), now=SLOT)
    with CaptureQueriesContext(connection) as many:
        dispatch.run_pass(Collector(), now=SLOT + DAY)
    assert ReminderDelivery.objects.count() == 1 + 6
    assert len(many) == len(one)


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_racing_share_the_work_without_duplicates():
    with time_machine.travel(EARLY, tick=False):
        people = [make_person(f"race{n}@example.com") for n in range(120)]
        for person in people:
            make_schedule(person, at=datetime.time(9, 0))
    barrier = threading.Barrier(2)
    queues = [Collector(), Collector()]
    errors = []

    def run(queue):
        try:
            barrier.wait()
            dispatch.run_pass(queue, now=SLOT + datetime.timedelta(seconds=1), batch_size=10)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(queue,)) for queue in queues]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    first, second = set(queues[0].ids), set(queues[1].ids)
    assert not first & second
    assert len(first | second) == 120
    assert ReminderDelivery.objects.count() == 120
    assert ReminderSchedule.objects.filter(next_due_at=SLOT + DAY).count() == 120


def test_with_a_backlog_in_the_broker_old_pending_deliveries_are_left_to_wait(due):
    dispatch.run_pass(Collector(), now=SLOT)
    ReminderDelivery.objects.update(queued_at=SLOT)
    busy = Collector()
    dispatch.run_pass(busy, now=SLOT + datetime.timedelta(minutes=20), broker_idle=False)
    assert busy.ids == []
