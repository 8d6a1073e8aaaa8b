"""The plan's and the joy list's models moved into their own apps without moving a row.

Migrates back to the state before the move, writes rows through the models as they were then
(encrypted fields included), migrates forward, and reads them through today's models.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from exercises.joy.models import JoyActivity, JoyRecord
from exercises.plan.models import Enrollment, TaskDone, TherapyTopic
from tests.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("exercises", "0003_joy"), ("plan", None), ("joy", None)]
TABLES: tuple[str, ...] = ("exercises_enrollment", "exercises_taskdone", "exercises_therapytopic")
TABLES += ("exercises_joyactivity", "exercises_joyrecord")


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _to_the_end() -> None:
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())


def _raw(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY id")  # noqa: S608 - our names
        return cursor.fetchall()


def _write_rows_the_old_way(owner_pk: int) -> None:
    old = MigrationExecutor(connection).loader.project_state([("exercises", "0003_joy")]).apps
    week = old.get_model("exercises", "Enrollment").objects.create(
        owner_id=owner_pk, content_version=1, start_date=datetime.date(2026, 11, 2), level="deeper"
    )
    done = old.get_model("exercises", "TaskDone")
    done.objects.create(enrollment=week, owner_id=owner_pk, day=1, task="mindfulness", report="Sat by the window")
    done.objects.create(enrollment=week, owner_id=owner_pk, day=2, task="share", report="Told Ana I was tired")
    topic = old.get_model("exercises", "TherapyTopic")
    topic.objects.create(owner_id=owner_pk, enrollment=week, text="Why Sundays feel flat")
    topic.objects.create(owner_id=owner_pk, text="The numb weeks after the move")
    activity = old.get_model("exercises", "JoyActivity")
    walk = activity.objects.create(owner_id=owner_pk, name="A walk by the river", position=0)
    activity.objects.create(owner_id=owner_pk, name="Baking bread", position=1, archived_at=timezone.now())
    record = old.get_model("exercises", "JoyRecord")
    record.objects.create(activity=walk, owner_id=owner_pk, expected=3, actual=6, note="Ducks", done_at=timezone.now())
    record.objects.create(activity=walk, owner_id=owner_pk, expected=4)


def test_the_move_keeps_every_row_and_every_decrypted_value():
    person = make_person()
    content_type = ContentType.objects.get_for_model(Enrollment).pk
    try:
        _migrate(BEFORE_THE_MOVE)
        applied = MigrationRecorder(connection).applied_migrations()
        assert ("exercises", "0003_joy") in applied and ("plan", "0001_initial") not in applied
        assert ContentType.objects.get(app_label="exercises", model="enrollment").pk == content_type
        _write_rows_the_old_way(person.pk)
        raw_before = {table: _raw(table) for table in TABLES}
        _to_the_end()
    finally:
        _to_the_end()  # whatever happened, later tests find today's schema

    assert {table: _raw(table) for table in TABLES} == raw_before  # not a byte moved
    assert [len(rows) for rows in raw_before.values()] == [1, 2, 2, 2, 2]

    week = Enrollment.objects.get(owner=person)
    assert (week.level, week.start_date) == ("deeper", datetime.date(2026, 11, 2))
    assert sorted(TaskDone.objects.filter(enrollment=week).values_list("report", flat=True)) == [
        "Sat by the window",
        "Told Ana I was tired",
    ]
    assert [topic.text for topic in TherapyTopic.objects.filter(owner=person).order_by("id")] == [
        "Why Sundays feel flat",
        "The numb weeks after the move",
    ]
    assert [item.name for item in JoyActivity.objects.filter(owner=person)] == ["A walk by the river", "Baking bread"]
    assert sorted(record.note for record in JoyRecord.objects.filter(owner=person)) == ["", "Ducks"]
    assert JoyRecord.objects.filter(owner=person).done().get().actual == 6
    # The content type (and the permissions on it) went over and back with the models.
    assert ContentType.objects.get(app_label="plan", model="enrollment").pk == content_type
    assert not ContentType.objects.filter(app_label="exercises", model="enrollment").exists()
