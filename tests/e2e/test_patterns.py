"""The Patterns page and the data download, in Chromium at phone and desktop sizes (axe on each view)."""

import datetime
import json
from pathlib import Path

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from exercises import content, runner
from journal.models import JournalEntry
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_exercises import log_in

pytestmark = pytest.mark.django_db(transaction=True)

FEELINGS = [
    ["numb"],
    ["can't tell"],
    ["calm"],
    ["sad", "lonely"],
    ["can't tell", "flat"],
    ["hopeful"],
    ["calm", "grateful"],
    ["far away"],
    ["anxious", "can't tell"],
    ["content"],
    ["calm", "tired"],
    ["proud"],
]
NEEDS = [["rest"], ["connection"], ["quiet", "rest"], ["to be heard"], ["rest"], ["comfort"]]


def _a_month_of_writing(person) -> None:
    now = timezone.now()
    for index, feelings in enumerate(FEELINGS):
        JournalEntry.objects.create(
            owner=person,
            kind=JournalEntry.Kind.EVENT_FEELING_NEED,
            feelings=feelings,
            needs=NEEDS[index % len(NEEDS)],
            text=f"Day {index}: a small ordinary thing.",
            created_at=now - datetime.timedelta(days=28 - index * 2, hours=index % 3),
        )
    ratings = [("grounding", 1, 4, 7, 4), ("breath-awareness", 2, 2, 5, 4), ("grounding", 3, 5, 6, 3)]
    for days_ago, (slug, before, after, distress_before, distress_after) in zip((20, 9, 2), ratings, strict=True):
        with time_machine.travel(now - datetime.timedelta(days=days_ago), tick=False):
            session = runner.start(person, content.catalogue()[slug])
            session.feeling_before, session.feeling_after = before, after
            session.distress_before, session.distress_after = distress_before, distress_after
            runner.finish(session)


def test_patterns_and_the_download(page, journey, device, person):
    _a_month_of_writing(person)
    log_in(page, person)

    page.goto("/patterns/")
    expect(page.get_by_role("heading", level=1, name="Your patterns")).to_be_visible()
    expect(page.get_by_role("radio", name="Last 30 days")).to_be_checked()
    expect(page.get_by_role("img", name="Days you wrote")).to_be_visible()
    expect(page.get_by_role("img", name="Feelings you named most")).to_be_visible()
    journey.check("patterns")

    # The table alternative opens in place.
    page.get_by_text("Show as a table").nth(1).click()
    expect(page.get_by_role("table", name="Feelings you named most, with how many entries named each")).to_be_visible()
    expect(page.get_by_role("row", name="calm 3")).to_be_visible()
    journey.check("patterns-table")
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"patterns-{device}-print.png"), full_page=True)
    page.emulate_media(media="screen", color_scheme="dark")
    page.screenshot(path=str(ARTIFACTS / f"patterns-{device}-dark.png"), full_page=True)
    dark = Axe().run(page)
    assert dark.violations_count == 0, dark.generate_report()
    page.emulate_media(media="screen", color_scheme="light")

    page.get_by_role("radio", name="Last 7 days").check()
    page.get_by_role("button", name="Show these days").click()
    page.wait_for_url("**/patterns/?range=7*")
    expect(page.get_by_role("radio", name="Last 7 days")).to_be_checked()
    expect(page.get_by_text("· 7 days")).to_be_visible()
    journey.check("patterns-7-days")

    # A year of one's own choosing is drawn a month to a row.
    today = person.local_now().date()
    page.get_by_role("radio", name="Choose dates").check()
    page.get_by_label("From", exact=True).fill((today - datetime.timedelta(days=365)).isoformat())
    page.get_by_label("To", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Show these days").click()
    expect(page.get_by_text("· 366 days")).to_be_visible()
    journey.check("patterns-year")

    # Tampered dates: a clear word, and the last 30 days.
    page.goto("/patterns/?range=custom&start=2026-13-40&end=banana")
    expect(page.get_by_role("alert")).to_contain_text("Showing the last 30 days instead")
    journey.check("patterns-bad-dates")

    page.goto("/accounts/settings/")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    journey.check("settings")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download everything (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == f"thaw-export-{today:%Y-%m-%d}.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == person.email
    assert "Day 3: a small ordinary thing." in [entry["text"] for entry in data["journal_entries"]]
    assert len(data["practice_sessions"]) == 3
