"""The daily check-in on a phone, and the help card when two weeks have been hard."""

import datetime

import pytest
from playwright.sync_api import expect

from selfcare.checkins.models import CheckIn
from tests.e2e.test_journal import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_check_in_from_today_and_the_help_card(page, journey, person):
    today = person.local_now().date()
    for ago in range(1, 14):
        CheckIn.objects.create(
            owner=person,
            date=today - datetime.timedelta(days=ago),
            numbness=8,
            impact_work=2,
            impact_relationships=1,
            impact_selfcare=0,
            connection=2,
        )
    log_in(page, person, "/today/")
    page.get_by_role("link", name="Check in").click()
    journey.check("checkin")
    page.locator('label[for="id_numbness_8"]').click()
    page.locator('label[for="id_impact_work_2"]').click()
    page.locator('label[for="id_impact_relationships_1"]').click()
    page.locator('label[for="id_impact_selfcare_0"]').click()
    page.locator('label[for="id_connection_3"]').click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_role("heading", name="Talking to a professional could help")).to_be_visible()
    journey.check("checkin-saved")
    page.get_by_role("button", name="Remind me in 7 days").click()
    expect(page.get_by_text("We'll mention it again in a week")).to_be_visible()
    expect(page.get_by_role("heading", name="Talking to a professional could help")).to_have_count(0)
    expect(page.get_by_role("heading", name="You checked in today")).to_be_visible()
    journey.check("today-after-checkin")
    assert CheckIn.objects.get(owner=person, date=today).numbness == 8
