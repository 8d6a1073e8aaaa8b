"""Get help on a phone and a desktop: the numbers first, the rest calm and folded away."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_get_help_signed_out(page, journey):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Get help now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    journey.check("help")
    # The first numbers are on the first screen, with no scrolling.
    expect(page.locator(".emergency").get_by_role("link", name="911")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(page.get_by_role("link", name="Call 988")).to_be_in_viewport()
    regions = page.locator("main > .region h2")
    expect(regions).to_have_text(["United States", "United Kingdom", "Anywhere else"])
    # Everything past the lines is folded away until asked for.
    for name in ["Finding a therapist", "Kinds of therapy, in plain words", "If a medication might be part of it"]:
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_text("Do you work with people who feel numb")).to_be_hidden()

    page.get_by_text("Lines in other countries").click()
    expect(page.get_by_role("heading", name="Canada")).to_be_visible()
    expect(page.get_by_role("link", name="Text 686868")).to_have_attribute("href", "sms:686868")
    page.get_by_text("Kinds of therapy, in plain words").click()
    expect(page.get_by_role("heading", name="Dialectical behaviour therapy (DBT)")).to_be_visible()
    page.get_by_text("If a medication might be part of it").click()
    expect(page.get_by_text("don't stop or change a medicine on your own")).to_be_visible()
    journey.check("help-opened")


def test_get_help_follows_the_country_chosen_in_settings(page, journey, person):
    log_in(page, person, "/accounts/settings/")
    page.get_by_role("combobox", name="Show crisis lines for").select_option("GB")
    page.get_by_role("button", name="Save country").click()
    expect(page.get_by_text("shows the lines for United Kingdom first")).to_be_visible()
    page.get_by_label("Email me a short note when there's something for me in Thaw").check()
    page.get_by_role("button", name="Save email choice").click()
    expect(page.get_by_text("only asks you to log in")).to_be_visible()
    journey.check("settings")

    page.get_by_role("contentinfo").get_by_role("link", name="Get help now").click()
    regions = page.locator("main > .region h2")
    expect(regions).to_have_text(["United Kingdom", "Anywhere else"])
    expect(page.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(page.get_by_role("link", name="Call 116 123")).to_be_in_viewport()
    # No plan yet: the way to write one is right after the lines.
    expect(page.get_by_role("link", name="support plan", exact=True)).to_have_attribute("href", "/help/my-plan/")
    journey.check("help-uk")

    page.get_by_text("Lines in other countries").click()
    expect(page.get_by_role("link", name="Call 988")).to_be_visible()
    journey.check("help-uk-others")
    person.refresh_from_db()
    assert (person.country, person.email_followups) == ("GB", True)
