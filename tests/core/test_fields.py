"""Journal text and exercise answers are unreadable in the database, and keys rotate."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from exercises import content, runner
from journal.models import JournalEntry
from selfcare.core import fields as crypto

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto.reset_keys()
    yield
    crypto.reset_keys()


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_a_database_dump_shows_no_journal_text(person):
    entry = JournalEntry.objects.create(
        owner=person, kind="note", text="I cried at the bus stop", event="my sister called", need_text="rest"
    )
    for column in ("text", "event", "need_text"):
        raw = _raw("journal_journalentry", column, entry.pk)
        assert raw.startswith("gAAAAA")
        assert "bus stop" not in raw and "sister" not in raw and "rest" not in raw
    entry.refresh_from_db()
    assert entry.text == "I cried at the bus stop"


def test_exercise_answers_are_encrypted_too(person):
    session = runner.start(person, content.get("thought-check"))
    runner.save_answer(session, 1, "thought", "nobody would notice if I left", move_to=2)
    raw = _raw("exercises_practicesession", "answers", session.pk)
    assert "notice" not in raw
    session.refresh_from_db()
    assert session.answers == {"thought": "nobody would notice if I left"}


def test_keys_rotate_newest_first_and_reencrypt_moves_old_rows(person, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    entry = JournalEntry.objects.create(owner=person, kind="note", text="quiet morning")
    before = _raw("journal_journalentry", "text", entry.pk)

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    crypto.reset_keys()
    entry.refresh_from_db()
    assert entry.text == "quiet morning"  # old rows still read
    call_command("reencrypt", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = _raw("journal_journalentry", "text", entry.pk)
    assert after != before
    assert Fernet(new_key.encode()).decrypt(after.encode()) == b"quiet morning"

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key can go now
    crypto.reset_keys()
    entry.refresh_from_db()
    assert entry.text == "quiet morning"
