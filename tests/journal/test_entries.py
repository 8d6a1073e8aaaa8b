import datetime
import uuid
import zoneinfo

import pytest
import time_machine
from django.test import Client

from journal import entries
from journal.models import JournalEntry

pytestmark = pytest.mark.django_db


def _new(client, kind, **data):
    data.setdefault("client_id", str(uuid.uuid4()))
    return client.post(f"/journal/new/{kind}/", data), data["client_id"]


def test_a_feeling_can_be_named_later(person_client, person):
    response, _ = _new(person_client, "event-feeling-need", event="The meeting ran over", body_sensations="tight jaw")
    assert response["Location"] == "/journal/"
    entry = JournalEntry.objects.get()
    assert entry.awaits_feeling and not entry.is_draft
    html = person_client.get("/journal/").content.decode()
    assert "No name for the feeling yet" in html and f"/journal/{entry.code}/edit/" in html
    person_client.post(
        f"/journal/{entry.code}/edit/",
        {
            "client_id": str(entry.client_id),
            "event": "The meeting ran over",
            "feelings": ["frustrated"],
            "needs": ["rest"],
        },
    )
    entry.refresh_from_db()
    assert entry.feelings == ["frustrated"] and entry.needs == ["rest"]
    assert not entry.awaits_feeling


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("note", {"text": ""}, "Write a few words here first."),
        ("note", {"text": "x" * 2001}, "longer than one entry can hold"),
        ("event-feeling-need", {"body_sensations": "heavy arms"}, "Write a few words about what happened"),
        ("event-feeling-need", {"event": "x", "intensity": "11"}, "Please choose a number from 0 to 10."),
        ("event-feeling-need", {"event": "x", "feelings": ["bogus"]}, "Please choose feelings from the list."),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(person_client, kind, data, message):
    response, _ = _new(person_client, kind, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    for value in data.values():
        if isinstance(value, str) and value and len(value) < 500:
            assert value in html
    assert not JournalEntry.objects.exists()


def test_autosave_makes_one_draft_however_often_it_runs(person_client, person):
    client_id = str(uuid.uuid4())
    for words in ["I", "I felt", "I felt far away"]:
        response = person_client.post("/journal/autosave/note/", {"client_id": client_id, "text": words})
        assert response.status_code == 200 and b"Saved at" in response.content
    # the same request retried
    person_client.post("/journal/autosave/note/", {"client_id": client_id, "text": "I felt far away"})
    entry = JournalEntry.objects.get()
    assert entry.is_draft and entry.text == "I felt far away"
    _new(person_client, "note", client_id=client_id, text="I felt far away today")
    # a late autosave after the final save never makes it a draft again
    person_client.post("/journal/autosave/note/", {"client_id": client_id, "text": "I felt far away today"})
    entry = JournalEntry.objects.get()
    assert not entry.is_draft and entry.text == "I felt far away today"


def test_a_double_submit_saves_once(person_client):
    client_id = str(uuid.uuid4())
    _new(person_client, "note", client_id=client_id, text="once")
    _new(person_client, "note", client_id=client_id, text="once")
    assert JournalEntry.objects.count() == 1


def test_autosave_after_the_session_ended_says_so_and_keeps_nothing_server_side(client):
    response = client.post("/journal/autosave/note/", {"client_id": str(uuid.uuid4()), "text": "still here"})
    assert response.status_code == 401
    assert b"Your words are kept on this device" in response.content
    assert not JournalEntry.objects.exists()


def test_another_persons_entry_is_a_404_everywhere(person, other_person):
    theirs = JournalEntry.objects.create(owner=other_person, kind="note", text="private", client_id=uuid.uuid4())
    client = Client()
    client.force_login(person)
    assert client.get(f"/journal/{theirs.code}/edit/").status_code == 404
    assert (
        client.post(f"/journal/{theirs.code}/edit/", {"client_id": str(theirs.client_id), "text": "x"}).status_code
        == 404
    )
    assert client.get(f"/journal/{theirs.code}/delete/").status_code == 404
    assert client.post(f"/journal/{theirs.code}/delete/").status_code == 404
    assert client.post(f"/journal/{theirs.code}/undo/").status_code == 404
    response = client.post("/journal/autosave/note/", {"client_id": str(theirs.client_id), "text": "overwrite"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.text == "private" and theirs.deleted_at is None
    assert b"private" not in client.get("/journal/").content


def test_delete_asks_once_and_can_be_undone_for_a_while(person_client, person):
    entry = JournalEntry.objects.create(owner=person, kind="note", text="keep me maybe")
    assert b"Delete this entry?" in person_client.get(f"/journal/{entry.code}/delete/").content
    person_client.post(f"/journal/{entry.code}/delete/")
    html = person_client.get("/journal/").content.decode()
    assert "keep me maybe" not in html and f"/journal/{entry.code}/undo/" in html
    person_client.post(f"/journal/{entry.code}/undo/")
    assert "keep me maybe" in person_client.get("/journal/").content.decode()
    person_client.post(f"/journal/{entry.code}/delete/")
    later = datetime.datetime.now(datetime.UTC) + entries.UNDO_WINDOW + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        person_client.post(f"/journal/{entry.code}/undo/")
        entry.refresh_from_db()
        assert entry.deleted_at is not None
        assert entries.purge_deleted() == 1
    assert not JournalEntry.objects.exists()


def _at(person, local: str, **fields) -> JournalEntry:
    when = datetime.datetime.fromisoformat(local).replace(tzinfo=zoneinfo.ZoneInfo(person.time_zone))
    return JournalEntry.objects.create(owner=person, created_at=when, **fields)


def test_the_timeline_groups_by_the_persons_own_day_and_filters(person_client, person, other_person):
    person.time_zone = "America/New_York"
    person.save()
    _at(person, "2026-11-20 23:30", kind="note", text="late night thoughts")  # 04:30 UTC on the 21st
    _at(
        person,
        "2026-11-21 09:00",
        kind="event-feeling-need",
        event="coffee with Ana",
        feelings=["calm"],
        needs=["connection"],
    )
    _at(person, "2026-11-21 10:00", kind="expressive", text="the hard letter")
    JournalEntry.objects.create(owner=other_person, kind="note", text="someone else's words")
    html = person_client.get("/journal/").content.decode()
    assert "Friday 20 November 2026" in html and "Saturday 21 November 2026" in html
    assert html.index("the hard letter") < html.index("coffee with Ana") < html.index("late night thoughts")
    assert "someone else" not in html

    def shown(query):
        return person_client.get("/journal/", query).content.decode()

    assert "coffee with Ana" in shown({"kind": "event-feeling-need"}) and "hard letter" not in shown(
        {"kind": "event-feeling-need"}
    )
    assert "coffee" in shown({"feeling": "calm"}) and "letter" not in shown({"feeling": "calm"})
    assert "coffee" in shown({"need": "connection"}) and "late night" not in shown({"need": "connection"})
    only_20th = shown({"start": "2026-11-20", "end": "2026-11-20"})
    assert "late night thoughts" in only_20th and "coffee" not in only_20th
    assert "hard letter" in shown({"q": "LETTER"}) and "coffee" not in shown({"q": "letter"})
    assert "someone else" not in shown({"q": "words"})


@pytest.mark.parametrize(
    "query",
    [
        {"start": "banana"},
        {"start": "2026-13-40"},
        {"start": "2026-11-21", "end": "2026-11-01"},
        {"feeling": "zzz"},
        {"kind": "nope"},
    ],
)
def test_bad_filters_get_a_message_not_an_error(person_client, query):
    response = person_client.get("/journal/", query)
    assert response.status_code == 200
    assert b"Some filters need a second look" in response.content


@pytest.mark.parametrize("query", [{}, {"q": "more"}, {"feeling": "calm"}, {"kind": "note", "start": "2020-01-01"}])
def test_the_timeline_needs_constant_queries(person_client, person, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert person_client.get("/journal/", query).status_code == 200
        return len(captured.captured_queries)

    for n in range(3):
        JournalEntry.objects.create(owner=person, kind="note", text=f"more {n}", feelings=["calm"])
    few = count()
    for n in range(60):
        JournalEntry.objects.create(owner=person, kind="note", text=f"more {n}", feelings=["calm"])
    assert count() == few <= 8


def test_the_event_feeling_need_form_offers_the_wheel_over_the_checkboxes(person_client):
    html = person_client.get("/journal/new/event-feeling-need/").content.decode()
    assert 'data-feelings-wheel data-field="feelings"' in html
    assert html.count('role="checkbox"') >= 160
    assert 'name="feelings" value="calm"' in html


def test_the_timeline_reads_only_what_it_shows(person_client, person):
    """Two encrypted fields a row never shows are not read (nor decrypted), nor a practice's snapshot."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _new(person_client, "event-feeling-need", event="The bus was late", body_sensations="tight jaw", need_text="rest")
    with CaptureQueriesContext(connection) as queries:
        html = person_client.get("/journal/").content.decode()
    assert "The bus was late" in html and "tight jaw" not in html
    timeline_sql = [q["sql"] for q in queries.captured_queries if '"journal_journalentry"."event"' in q["sql"]]
    assert timeline_sql, "the timeline query reads the event"
    for sql in timeline_sql:
        assert '"body_sensations"' not in sql and '"need_text"' not in sql
        assert '"exercises_practicesession"."snapshot",' not in sql
