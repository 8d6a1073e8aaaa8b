"""Choosing reminders on a phone and a desktop, and the unsubscribe link without logging in."""

import re

import pytest
from playwright.sync_api import expect

from selfcare.reminders import preferences, tokens
from selfcare.reminders.models import ReminderPreferences, ReminderSchedule
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_choosing_pausing_and_stopping_reminders(page, journey, person):
    log_in(page, person, "/accounts/settings/")
    page.get_by_role("link", name="Choose your reminders").click()
    expect(page.get_by_role("heading", name="Reminders are off")).to_be_visible()
    journey.check("reminders-off")

    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_text("Reminders are on. Choose the ones you'd like below.")).to_be_visible()

    card = page.locator("section", has=page.get_by_role("heading", name="Daily check-in"))
    card.get_by_label("Send me this reminder").check()
    for day in ("Saturday", "Sunday"):
        card.get_by_role("checkbox", name=day, exact=True).uncheck()  # not at weekends
    card.get_by_label("At this time").fill("08:30")
    card.get_by_role("button", name="Save daily check-in").click()
    expect(page.get_by_text(re.compile(r"Saved\. The next one arrives \w+day \d+ \w+ at 08:30\."))).to_be_visible()
    card = page.locator("section", has=page.get_by_role("heading", name="Daily check-in"))
    expect(card.get_by_text(re.compile(r"Next one: \w+day \d+ \w+ at 08:30"))).to_be_visible()
    journey.check("reminders-saved")
    row = ReminderSchedule.objects.get(owner=person, kind="checkin")
    assert row.weekday_set == {0, 1, 2, 3, 4} and row.next_due_at is not None

    # A mistake is explained next to the field, and nothing is lost.
    card = page.locator("section", has=page.get_by_role("heading", name="A moment to write"))
    card.get_by_label("Send me this reminder").check()
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        card.get_by_role("checkbox", name=day, exact=True).uncheck()
    card.get_by_role("button", name="Save a moment to write").click()
    expect(page.get_by_text("Choose at least one day, or untick “Send me this reminder”.").first).to_be_visible()
    journey.check("reminders-error")

    page.get_by_role("button", name="Stop all reminders").click()
    expect(page.get_by_text("Reminders are off. We won't email you any more reminders.")).to_be_visible()
    assert not ReminderPreferences.objects.get(owner=person).opted_in


def test_unsubscribing_from_an_email_link_without_logging_in(page, journey, person):
    preferences.opt_in(person)
    token = tokens.make(preferences.for_user(person))
    page.goto(f"/reminders/unsubscribe/{token}/")
    expect(page.get_by_role("heading", name="Stop reminder emails?")).to_be_visible()
    journey.check("unsubscribe-confirm")
    page.get_by_role("button", name="Stop reminder emails").click()
    expect(page.get_by_role("heading", name="You won't get reminder emails")).to_be_visible()
    journey.check("unsubscribe-done")
    assert not ReminderPreferences.objects.get(owner=person).opted_in
