"""A form posted to Thaw from another origin never becomes a one-click submission; a form of Thaw's own
whose token expired keeps what was typed. Real Chromium, a real second origin served by the test."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from selfcare.checkins.models import SupportPlan
from tests.conftest import PASSWORD
from tests.e2e.conftest import DEVICES, Journey

pytestmark = pytest.mark.django_db(transaction=True)

PLANTED = "Call 0900-555-PLANTED, they understand you best"


class OtherSite:
    """A page on another origin that posts a form to Thaw as soon as it loads."""

    def __init__(self, host: str, target: str):
        page = (
            "<!doctype html><title>Free quiz</title>"
            f'<form method="post" action="{target}">'
            f'<input name="warning_signs" value="{PLANTED}"></form>'
            "<script>document.forms[0].submit()</script>"
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(**DEVICES["phone"], base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def log_in(page, person, then: str) -> None:
    page.goto(f"/accounts/login/?next={then}")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}")


# 127.0.0.1 is another site than the live server's localhost (its cookies stay home); localhost on another
# port is the same site but another origin, so the person's cookies do go along with the post.
@pytest.mark.parametrize("other_host", ["127.0.0.1", "localhost"])
def test_a_form_posted_from_another_origin_offers_nothing_to_send(phone, live_server, person, other_host):
    live_host = urlsplit(live_server.url).hostname
    log_in(phone, person, "/today/")
    other = OtherSite(other_host, f"{live_server.url}/help/my-plan/edit/")
    try:
        assert urlsplit(other.url)[:2] != urlsplit(live_server.url)[:2]
        with phone.expect_response(lambda r: r.request.method == "POST" and "/help/my-plan/edit/" in r.url) as sent:
            phone.goto(other.url)
        assert sent.value.status == 403
        assert sent.value.request.header_value("Origin") == other.url.rstrip("/")
        phone.wait_for_url(f"http://{live_host}:*/help/my-plan/edit/")
        expect(phone.get_by_role("heading", name="That form wasn't sent")).to_be_visible()
        Journey(phone, f"csrf-from-{other_host.replace('.', '-')}", "phone").check("foreign")

        html = phone.content()
        assert "PLANTED" not in html
        assert phone.locator("form").count() == 0
        assert phone.locator("input, button").count() == 0
        assert "X-CSRFToken" not in html
        expect(phone.get_by_role("link", name="Get help now").first).to_be_visible()
        phone.get_by_role("link", name="Go to Thaw").click()
        phone.wait_for_url("**/today/")
    finally:
        other.close()
    assert not SupportPlan.objects.filter(owner=person).exists()


def test_a_form_whose_token_expired_comes_back_with_the_words_and_sends_once_pressed(phone, person):
    log_in(phone, person, "/help/my-plan/edit/")
    phone.get_by_label("My warning signs").fill("Staying in bed past noon")
    # The page was open a long time: the token it holds is no longer the one the browser's cookie matches.
    phone.locator('input[name="csrfmiddlewaretoken"]').evaluate("input => { input.value = 'x'.repeat(64); }")
    phone.get_by_role("button", name="Save my plan").click()
    expect(phone.get_by_role("heading", name="Please send that again")).to_be_visible()
    Journey(phone, "csrf-same-origin", "phone").check("expired")
    assert phone.locator('input[name="warning_signs"]').get_attribute("value") == "Staying in bed past noon"

    phone.get_by_role("button", name="Send again").click()
    expect(phone.get_by_text("Your support plan is saved.")).to_be_visible()
    assert SupportPlan.objects.get(owner=person).warning_signs == "Staying in bed past noon"
