"""Downloading everything: the JSON holds it all decrypted, the CSV one safe row per journal entry."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exercises import content, runner
from journal.models import JournalEntry
from selfcare.home.export import CSV_HEADER, export_csv, export_json, neutralise

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")
NOW = datetime.datetime(2026, 2, 20, 23, 30, tzinfo=NY)  # already the 21st in UTC


@pytest.fixture
def written(person, other_person):
    person.time_zone = "America/New_York"
    person.save()
    JournalEntry.objects.create(
        owner=person,
        kind=JournalEntry.Kind.EVENT_FEELING_NEED,
        feelings=["calm", "can't tell"],
        needs=["rest", "quiet"],
        intensity=4,
        body_location="chest",
        event="A walk by the river, café and all.",
        body_sensations="Warm hands",
        other_feelings="a bit wobbly",
        need_text="an early night",
        text="Line one\nline two, with a comma",
        created_at=datetime.datetime(2026, 2, 1, 23, 30, tzinfo=NY),
    )
    JournalEntry.objects.create(
        owner=person,
        kind=JournalEntry.Kind.NOTE,
        text='=HYPERLINK("http://evil.example","click")',
        event="+SUM(A1:A9)",
        body_sensations="-2+3",
        other_feelings="@cmd",
        need_text="\tcmd",
        created_at=datetime.datetime(2026, 2, 2, 9, 0, tzinfo=NY),
    )
    JournalEntry.objects.create(
        owner=person, kind=JournalEntry.Kind.EXPRESSIVE, text="Half a thought, still a draft", is_draft=True
    )
    JournalEntry.objects.create(
        owner=person,
        kind=JournalEntry.Kind.NOTE,
        text="Put in the bin",
        deleted_at=datetime.datetime(2026, 2, 3, tzinfo=NY),
    )
    with time_machine.travel(datetime.datetime(2026, 2, 3, 19, 0, tzinfo=NY), tick=False):
        session = runner.start(person, content.get("grounding"))
        session.answers = {"see": ["a blue mug", "the window"]}
        session.feeling_before, session.feeling_after = 2, 5
        session.distress_before, session.distress_after = 6, 3
        runner.finish(session)
    JournalEntry.objects.create(owner=other_person, kind=JournalEntry.Kind.NOTE, text="Someone else's secret")
    runner.start(other_person, content.get("body-scan"))
    return person


def test_it_exports_everything_decrypted(written):
    data = export_json(written)
    assert data["format"] == "thaw-export" and data["version"] == 1
    account = data["account"]
    assert account["email"] == "sam@example.com" and account["time_zone"] == "America/New_York"
    assert account["consent_version"] == written.consent_version
    assert account["joined"] and account["consented_at"] == written.consented_at.astimezone(NY).isoformat()
    entries = data["journal_entries"]
    # Saved and drafts, never the deleted one; oldest first (the grounding entry came on 3 Feb, the draft now).
    texts = [entry["text"] for entry in entries]
    assert "Put in the bin" not in texts and "Someone else's secret" not in texts
    assert len(entries) == 4
    first = entries[0]
    assert first["created_at"] == "2026-02-01T23:30:00-05:00"
    assert first["event"] == "A walk by the river, café and all."
    assert (first["body_sensations"], first["other_feelings"], first["need_text"]) == (
        "Warm hands",
        "a bit wobbly",
        "an early night",
    )
    assert first["text"] == "Line one\nline two, with a comma"
    assert (first["feelings"], first["needs"], first["intensity"], first["body_location"]) == (
        ["calm", "can't tell"],
        ["rest", "quiet"],
        4,
        "chest",
    )
    assert first["kind"] == "event-feeling-need" and first["draft"] is False
    assert any(entry["draft"] and entry["text"] == "Half a thought, still a draft" for entry in entries)
    [session] = data["practice_sessions"]
    assert session["exercise"] == "grounding" and session["title"] == "Grounding: back to the room"
    assert session["answers"] == {"see": ["a blue mug", "the window"]}
    assert (session["feeling_before"], session["feeling_after"]) == (2, 5)
    assert (session["distress_before"], session["distress_after"]) == (6, 3)
    assert session["started_at"] == session["finished_at"] == "2026-02-03T19:00:00-05:00"
    assert session["journal_entry"] == entries[2]["id"]
    json.dumps(data)  # plain JSON all the way down


def test_the_csv_has_a_header_and_one_safe_row_per_entry(written):
    rows = list(csv.reader(io.StringIO(export_csv(written))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 1 + 4  # two written, the grounding session's entry, the draft; not the deleted one
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["created (local time)"] == "2026-02-01 23:30"
    assert first["kind"] == "Event, feeling, need"
    assert first["feelings"] == "calm; can't tell" and first["needs"] == "rest; quiet"
    assert (first["intensity"], first["body location"]) == ("4", "chest")
    assert first["event"] == "A walk by the river, café and all."
    assert first["text"] == "Line one\nline two, with a comma"
    assert first["draft"] == ""
    risky = dict(zip(rows[0], rows[2], strict=True))
    assert risky["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert risky["event"] == "'+SUM(A1:A9)"
    assert risky["body sensations"] == "'-2+3"
    assert risky["other feelings"] == "'@cmd"
    assert risky["need text"] == "'\tcmd"
    assert rows[-1][-1] == "yes" and rows[-1][-2] == "Half a thought, still a draft"
    assert all("Someone else" not in cell for row in rows for cell in row)


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("calm") == "calm"
    assert neutralise("") == ""
    assert neutralise("a = b") == "a = b"
    assert [neutralise(c + "x")[0] for c in "=+-@\t\r"] == ["'"] * 6


def test_the_downloads_are_attachments_never_cached(written, person_client):
    with time_machine.travel(NOW, tick=False):
        as_json = person_client.get("/export/thaw.json")
        as_csv = person_client.get("/export/thaw.csv")
    assert as_json.status_code == as_csv.status_code == 200
    # The date is the person's own: 23:30 on the 20th in New York.
    assert as_json["Content-Disposition"] == 'attachment; filename="thaw-export-2026-02-20.json"'
    assert as_csv["Content-Disposition"] == 'attachment; filename="thaw-export-2026-02-20.csv"'
    assert as_json["Cache-Control"] == as_csv["Cache-Control"] == "no-store, private"
    assert as_json["Content-Type"] == "application/json; charset=utf-8"
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    data = json.loads(as_json.content)
    assert data["journal_entries"][0]["event"] == "A walk by the river, café and all."
    assert "Someone else" not in as_json.content.decode()
    text = as_csv.content.decode("utf-8-sig")
    assert text.startswith("created (local time),kind,feelings")
    assert "Someone else" not in text


def test_another_person_gets_only_their_own(written, other_person):
    client = Client()
    client.force_login(other_person)
    data = json.loads(client.get("/export/thaw.json").content)
    assert [entry["text"] for entry in data["journal_entries"]] == ["Someone else's secret"]
    assert [session["exercise"] for session in data["practice_sessions"]] == ["body-scan"]
    assert data["practice_sessions"][0]["finished_at"] is None
    assert data["account"]["email"] == "alex@example.com"
    rows = list(csv.reader(io.StringIO(client.get("/export/thaw.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][-2] == "Someone else's secret"


def test_the_downloads_need_a_login_and_only_read(person_client):
    for url in ("/export/thaw.json", "/export/thaw.csv"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert person_client.post(url).status_code == 405


@pytest.mark.parametrize("count", [3, 60])
def test_the_downloads_take_the_same_queries_for_3_or_60_entries(person, person_client, count):
    """Guards an N+1 per entry or per session (the session's journal entry is joined, not fetched)."""
    JournalEntry.objects.bulk_create(
        JournalEntry(owner=person, kind=JournalEntry.Kind.NOTE, text=f"entry {i}") for i in range(count)
    )
    for _ in range(count // 10):
        runner.finish(runner.start(person, content.get("grounding-quick")))
    for url in ("/export/thaw.json", "/export/thaw.csv"):
        with CaptureQueriesContext(connection) as queries:
            assert person_client.get(url).status_code == 200
        # The session and the user, then the entries; JSON adds sessions, plan weeks, ticked tasks,
        # therapy topics, joy items, joy records, the support plan, check-ins, questionnaires, help
        # shown and share links (their openings too, when there are links): one query each, whatever
        # the counts.
        assert len(queries) == (14 if url.endswith("json") else 3), url


def test_the_settings_page_offers_both_downloads(person_client):
    html = person_client.get("/accounts/settings/").content.decode()
    assert "Your data" in html
    assert 'href="/export/thaw.json"' in html and 'href="/export/thaw.csv"' in html
    assert "everything you wrote" in html and "somewhere safe" in html


@pytest.mark.django_db
def test_the_export_includes_the_plan_topics_and_joy_list(person, other_person):
    from exercises.joy import rules as joy
    from exercises.plan import weeks

    week = weeks.start_week(person)
    weeks.tick(week, 1, "share", person.local_today(), report="told my sister")
    weeks.save_topic(week, "why evenings are hard")
    item, _ = joy.add(person, "baking bread")
    joy.record_actual(joy.plan(item, 3), 7, "it smelled wonderful")
    joy.add(other_person, "someone else's hobby")
    data = export_json(person)
    assert data["plan_weeks"][0]["tasks_done"][0]["note"] == "told my sister"
    assert data["therapy_topics"][0]["text"] == "why evenings are hard"
    assert data["joy_list"] == [
        {"name": "baking bread", "archived": False, "records": [data["joy_list"][0]["records"][0]]}
    ]
    assert data["joy_list"][0]["records"][0]["actual"] == 7
    assert "someone else" not in str(data)


@pytest.mark.django_db
def test_the_export_includes_the_support_plan(person):
    from selfcare.checkins.models import SupportPlan

    assert export_json(person)["support_plan"] is None
    SupportPlan.objects.create(owner=person, people="Ana")
    assert export_json(person)["support_plan"]["people"] == "Ana"


def test_the_export_includes_check_ins_questionnaires_and_help_shown(person, other_person):
    from selfcare.checkins.models import CheckIn, EscalationEvent, ScreenerResult

    CheckIn.objects.create(
        owner=person, date=datetime.date(2026, 5, 1), numbness=7, impact_work=1, impact_relationships=0,
        impact_selfcare=2, connection=4, note="flat day",
    )  # fmt: skip
    ScreenerResult.objects.create(owner=person, instrument="who5", status="complete", answers={"1": 3}, score=60)
    EscalationEvent.objects.create(owner=person, rule="R5", tier=2, source="screener:1")
    ScreenerResult.objects.create(owner=other_person, instrument="phq9", answers={"9": 3})
    data = export_json(person)
    assert data["checkins"] == [
        {
            "date": "2026-05-01",
            "numbness": 7,
            "impact_work": 1,
            "impact_relationships": 0,
            "impact_selfcare": 2,
            "connection": 4,
            "note": "flat day",
        }
    ]
    assert [(q["instrument"], q["score"], q["answers"]) for q in data["questionnaires"]] == [("who5", 60, {"1": 3})]
    assert [(e["rule"], e["tier"]) for e in data["help_shown"]] == [("R5", 2)]
