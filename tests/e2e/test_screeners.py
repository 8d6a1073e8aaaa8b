"""Questionnaires in Chromium: the crisis panel the moment item 9 is endorsed, a help card for a moderate result."""

import pytest
from playwright.sync_api import expect

from selfcare.checkins.models import EscalationEvent, ScreenerResult
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def answer(page, label: str, button: str = "Next") -> None:
    page.get_by_role("radio", name=label, exact=True).check()
    page.get_by_role("button", name=button).click()


def test_phq9_with_the_self_harm_item_shows_the_crisis_panel_at_once(page, journey, person, device):
    log_in(page, person, "/checkin/questionnaires/")
    journey.check("list")
    page.get_by_role("link", name="Start PHQ-9").click()
    journey.check("start")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Question 1 of 9")).to_be_visible()
    journey.check("question")
    for _ in range(8):
        answer(page, "Not at all")
    answer(page, "Several days")
    # The response that saved item 9 carries the panel, before anything else.
    panel = page.locator("#crisis-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_text("You said you've had thoughts of being better off dead")).to_be_visible()
    expect(panel.get_by_role("link", name="Call 988 Suicide & Crisis Lifeline, 988")).to_have_attribute(
        "href", "tel:988"
    )
    journey.check("crisis-panel")
    assert EscalationEvent.objects.filter(owner=person, rule="R2", tier=3).count() == 1
    answer(page, "Somewhat difficult", button="See my result")
    expect(page.locator("#crisis-panel")).to_be_visible()
    panel_box = page.locator("#crisis-panel").bounding_box()
    score_box = page.get_by_role("heading", name="Your result").bounding_box()
    assert panel_box["y"] < score_box["y"], "the crisis panel comes before the score"
    journey.check("result-with-panel")
    # R4: the crisis bar stays for the rest of the session.
    page.goto("/today/")
    expect(page.get_by_role("region", name="Support")).to_be_visible()
    journey.check("today-crisis-bar")
    assert EscalationEvent.objects.filter(owner=person, rule="R2").count() == 1


def test_a_moderate_phq9_shows_the_professional_help_card(page, journey, person):
    log_in(page, person, "/checkin/questionnaires/phq9/")
    page.get_by_role("button", name="Start").click()
    for label in ["Nearly every day", "Nearly every day", "More than half the days", "More than half the days"]:
        answer(page, label)
    for _ in range(4):
        answer(page, "Not at all")
    answer(page, "Not at all")  # item 9
    answer(page, "Somewhat difficult", button="See my result")
    expect(page.get_by_role("heading", name="Talking to a professional could help")).to_be_visible()
    expect(page.locator("#crisis-panel")).to_have_count(0)
    expect(page.get_by_text("10 out of 27")).to_be_visible()
    journey.check("moderate-result")
    result = ScreenerResult.objects.get(owner=person)
    assert (result.score, result.band, result.status) == (10, "moderate", "complete")
    page.get_by_role("link", name="See your results over time").click()
    expect(page.get_by_role("heading", name="Over time")).to_be_visible()
    journey.check("trends")


def test_pc_ptsd5_explains_itself_before_asking(page, journey, person):
    log_in(page, person, "/checkin/questionnaires/")
    page.get_by_role("link", name="Read about it first PC-PTSD-5").click()
    expect(page.get_by_role("heading", name="Before you choose")).to_be_visible()
    journey.check("pcptsd5-intro")
    page.get_by_role("button", name="I'd like to answer these").click()
    answer(page, "NO")
    expect(page.get_by_text("there were no more questions")).to_be_visible()
    journey.check("pcptsd5-result")
