"""The "we've sent one recently" page, as a person meets it after asking for too many reset emails."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_too_many_reset_requests_meet_a_calm_page(page, journey, settings, worker_sends_at_once):
    settings.ACCOUNT_MAIL_PER_ADDRESS = 1
    for _ in range(2):
        page.goto("/accounts/password/reset/")
        page.get_by_label("Email address").fill("someone@example.com")
        page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="We've sent one recently")).to_be_visible()
    expect(page.get_by_text("ask again in about an hour")).to_be_visible()
    journey.check("mail-throttled")
