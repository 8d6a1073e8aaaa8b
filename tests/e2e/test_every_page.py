"""Every page passes axe in light and dark mode, and fits a 360-pixel phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_OUT = [
    "/",
    "/help/",
    "/help/now/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/missing/",
]
SIGNED_IN = [
    "/today/",
    "/checkin/",
    "/journal/",
    "/journal/new/event-feeling-need/",
    "/exercises/",
    "/exercises/plan/",
    "/joy/",
    "/patterns/",
    "/accounts/settings/",
    "/accounts/password/",
    "/accounts/delete/",
    "/settings/sharing/",
    "/settings/sharing/new/",
    "/help/",
    "/help/my-plan/",
    "/help/my-plan/edit/",
    "/checkin/questionnaires/",
    "/checkin/questionnaires/who5/",
    "/checkin/questionnaires/pcptsd5/",
    "/checkin/trends/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_accessible_at_360_pixels(browser, live_server, person, scheme):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, color_scheme=scheme, base_url=live_server.url, is_mobile=True
    )
    page = context.new_page()
    axe = Axe()
    ARTIFACTS.mkdir(exist_ok=True)

    def check(url: str, signed_in: bool) -> None:
        page.goto(url)
        result = axe.run(page)
        assert result.violations_count == 0, f"{url} ({scheme}): {result.generate_report()}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{url} scrolls sideways"
        nav = page.get_by_role("navigation", name="Main")
        for link in nav.get_by_role("link").all() + nav.get_by_role("button").all():
            box = link.bounding_box()
            assert box["height"] >= 44, f"{url}: a navigation target is smaller than 44 px"
        name = url.strip("/").replace("/", "-") or "landing"
        page.screenshot(path=str(ARTIFACTS / f"every-page-360-{scheme}-{'in' if signed_in else 'out'}-{name}.png"))

    for url in SIGNED_OUT:
        check(url, signed_in=False)
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/today/")
    for url in SIGNED_IN:
        check(url, signed_in=True)
    context.close()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2000)
def test_the_error_pages_are_accessible_too(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    axe = Axe()
    page.goto("/accounts/login/")
    # A stale form: the CSRF cookie is gone by the time it is sent.
    context.clear_cookies()
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Please send that again")).to_be_visible()
    assert axe.run(page).violations_count == 0
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").evaluate("input => input.removeAttribute('maxlength')")
    page.get_by_label("Email address").fill("x" * 3000 + "@example.com")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="That was too much to send at once")).to_be_visible()
    assert axe.run(page).violations_count == 0
    context.close()
