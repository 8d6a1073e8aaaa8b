"""Writing in the journal in Chromium: autosave, an expired session mid-typing, the timeline."""

import re

import pytest
from playwright.sync_api import expect

from journal.models import JournalEntry
from selfcare.accounts.models import BrowserSession as Session
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, person, then: str = "/today/"):
    page.goto(f"/accounts/login/?next={then}")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}")


def test_words_survive_an_expired_session_and_are_saved_once(page, journey, person):
    log_in(page, person, "/journal/new/note/")
    note = page.get_by_label("Your note")
    note.press_sequentially("The light in the kitchen")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    journey.check("note-autosaved")

    Session.objects.all().delete()  # the session ends while they are still typing
    note.press_sequentially(" felt kind of warm.")
    expect(page.get_by_text(re.compile("You've been logged out"))).to_be_visible()
    journey.check("note-logged-out")

    log_in(page, person, "/journal/new/note/")
    expect(page.get_by_text("We brought back what you were writing")).to_be_visible()
    expect(page.get_by_label("Your note")).to_have_value("The light in the kitchen felt kind of warm.")
    expect(page.get_by_text(re.compile("Saved at"))).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved in your journal.")).to_be_visible()
    entry = JournalEntry.objects.get()
    assert entry.text == "The light in the kitchen felt kind of warm." and not entry.is_draft
    expect(page.get_by_text("The light in the kitchen felt kind of warm.")).to_be_visible()
    journey.check("timeline")

    # Once saved, the copy on the device is gone: a new note starts empty.
    page.goto("/journal/new/note/")
    expect(page.get_by_label("Your note")).to_have_value("")


def test_an_event_feeling_need_entry_from_start_to_timeline(page, journey, person):
    log_in(page, person, "/journal/")
    journey.check("empty-journal")
    page.get_by_role("link", name="Write something").click()
    journey.check("choose")
    page.get_by_role("link", name="Event, feeling, need").click()
    page.get_by_label("What happened?").fill("My friend cancelled our walk.")
    page.locator("summary", has_text=re.compile(r"^\s*Sad\s*$")).click()
    page.locator('input[name="feelings"][value="disappointed"]').check()
    page.get_by_text("connection", exact=True).click()
    journey.check("efn-form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".chip", has_text="disappointed")).to_be_visible()
    journey.check("efn-timeline")
    entry = JournalEntry.objects.get()
    assert entry.feelings == ["disappointed"] and entry.needs == ["connection"]
