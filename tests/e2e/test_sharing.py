"""The therapist share link in Chromium: create with a preview, copy, open logged out, end it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.plan.models import Enrollment, TaskDone, TherapyTopic
from journal.models import JournalEntry
from selfcare.checkins.models import CheckIn, ScreenerResult
from tests.e2e.conftest import DEVICES, Journey
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def some_weeks_of_thaw(person) -> None:
    today = person.local_today()
    now = timezone.now()
    for ago in range(13, -1, -1):
        CheckIn.objects.create(
            owner=person,
            date=today - datetime.timedelta(days=ago),
            numbness=max(2, 8 - ago // 3),
            connection=min(7, 2 + ago // 4),
            impact_work=1,
            impact_relationships=1,
            impact_selfcare=0,
        )
    for ago, score in ((12, 14), (1, 9)):
        ScreenerResult.objects.create(
            owner=person,
            instrument="phq9",
            status=ScreenerResult.Status.COMPLETE,
            score=score,
            completed_at=now - datetime.timedelta(days=ago),
        )
    week = Enrollment.objects.create(owner=person, content_version=1, start_date=today - datetime.timedelta(days=4))
    for day, task in ((1, "mindfulness"), (1, "journal"), (2, "mindfulness")):
        TaskDone.objects.create(enrollment=week, owner=person, day=day, task=task)
    TherapyTopic.objects.create(owner=person, enrollment=week, text="Why the weekends feel flat.")
    JournalEntry.objects.create(
        owner=person,
        kind=JournalEntry.Kind.EVENT_FEELING_NEED,
        event="My friend cancelled our walk.",
        feelings=["disappointed"],
        needs=["connection"],
        intensity=6,
        created_at=now - datetime.timedelta(days=3),
    )
    JournalEntry.objects.create(
        owner=person, kind=JournalEntry.Kind.NOTE, text="Private note, not for sharing.", created_at=now
    )
    JournalEntry.objects.create(
        owner=person, kind=JournalEntry.Kind.NOTE, text="A draft.", is_draft=True, created_at=now
    )


def test_a_share_link_from_creation_to_its_end(page, journey, person, browser, device, live_server):
    some_weeks_of_thaw(person)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, person, "/accounts/settings/")
    page.get_by_role("link", name="Share with your therapist").click()
    journey.check("list-empty")
    page.get_by_role("link", name="Create a share link").click()
    page.get_by_label("Who is this link for?").fill("Dr. Rivera")
    page.get_by_label("Your name on the page (optional)").fill("Sam")
    page.get_by_label("Only some kinds of entry").check()
    page.get_by_label("Event, feeling, need", exact=True).check()
    journey.check("create-form")
    page.get_by_role("button", name="Preview what they'll see").click()

    expect(page.get_by_role("heading", name="This is what Dr. Rivera will see")).to_be_visible()
    expect(page.get_by_text("My friend cancelled our walk.")).to_be_visible()
    expect(page.get_by_text("Private note, not for sharing.")).to_have_count(0)
    journey.check("preview")
    page.get_by_role("button", name="Create the link").first.click()

    expect(page.get_by_role("heading", name="Your link for Dr. Rivera is ready")).to_be_visible()
    url = page.get_by_label("The link").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/s/[A-Za-z0-9_-]{{43}}", url)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url
    journey.check("created")

    # The therapist: a fresh browser, no account, nothing shared with the person's browser.
    context = browser.new_context(**DEVICES[device], base_url=live_server.url, locale="en-US")
    therapist = context.new_page()
    seen = Journey(therapist, "test_a_share_link_therapist", device)
    therapist.goto(url)
    therapist.wait_for_url("**/shared/")
    expect(therapist.get_by_role("heading", name="Shared with Dr. Rivera", level=1)).to_be_visible()
    expect(therapist.get_by_text("Not monitored.", exact=True)).to_be_visible()
    expect(therapist.get_by_text("My friend cancelled our walk.")).to_be_visible()
    expect(therapist.get_by_text("Why the weekends feel flat.")).to_be_visible()
    expect(therapist.get_by_role("heading", name=re.compile("Daily check-ins"))).to_be_visible()
    expect(therapist.get_by_text("Private note, not for sharing.")).to_have_count(0)
    expect(therapist.locator("form")).to_have_count(0)
    seen.check("shared-page")
    with therapist.expect_download() as download:
        therapist.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "thaw-shared-summary.pdf"

    # Back with the person: the opening is listed; end the link.
    page.goto("/settings/sharing/")
    expect(page.get_by_text(re.compile("Last opened"))).to_be_visible()
    journey.check("list-opened")
    page.get_by_role("link", name="End this link for Dr. Rivera").click()
    journey.check("revoke-confirm")
    page.get_by_role("button", name="End the link").click()
    expect(page.get_by_text("The link for Dr. Rivera no longer works.")).to_be_visible()

    therapist.reload()
    expect(therapist.get_by_role("heading", name="This link is no longer active")).to_be_visible()
    expect(therapist.get_by_text("My friend cancelled our walk.")).to_have_count(0)
    therapist.goto(url)
    expect(therapist.get_by_role("heading", name="This link is no longer active")).to_be_visible()
    seen.check("no-longer-active")
    context.close()
