"""Site-wide guards: every page has one h1, the help link, and the strict headers."""

import re

import pytest
from django.test import Client

from selfcare.checkins.models import SupportPlan

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/help/",
    "/accounts/signup/",
    "/accounts/signup/sent/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/complete/",
    "/no-such-page/",
]
PRIVATE_PAGES = [
    "/today/",
    "/accounts/settings/",
    "/accounts/password/",
    "/accounts/password/done/",
    "/accounts/delete/",
    "/settings/sharing/",
    "/settings/sharing/new/",
]


def _pages(client, person_client):
    for url in PUBLIC_PAGES:
        yield url, client.get(url)
    for url in PRIVATE_PAGES:
        yield url, person_client.get(url)


def test_every_page_has_one_h1_and_the_help_link(person):
    client, person_client = Client(), Client()
    person_client.force_login(person)
    for url, response in _pages(client, person_client):
        html = response.content.decode()
        assert response.status_code in {200, 404}, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert 'href="/help/"' in html and "Get help now" in html, url
        assert "Not for emergencies." in html, url


def test_every_page_sends_the_strict_headers(client):
    for url in PUBLIC_PAGES:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp and "style-src 'self';" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_inline_script_or_style_or_third_party_assets(client):
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, url
        assert "<style" not in html and " style=" not in html, url
        assert re.search(r'(src|href)="https?://(?!findahelpline\.com|988lifeline\.org)', html) is None, url


def test_htmx_is_configured_for_the_strict_csp(client):
    html = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html
    assert '<script src="/static/js/htmx.min.js" defer></script>' in html


def test_the_help_page_lists_crisis_lines_signed_out(client):
    html = client.get("/help/").content.decode()
    for expected in [
        'href="tel:988"',
        'href="sms:741741?body=HOME"',
        'href="tel:116123"',
        "findahelpline.com",
        'href="tel:112"',
    ]:
        assert expected in html
    assert "last checked on 21 November 2026" in html
    assert "Not yet confirmed from a primary source" in html


def test_the_landing_page_says_what_thaw_is_not(client):
    html = client.get("/").content.decode()
    for phrase in ["Not a diagnosis.", "Not a therapist.", "Not for emergencies.", "How your data is kept"]:
        assert phrase in html


@pytest.mark.parametrize(
    "sent_from", [{"Origin": "http://testserver"}, {"Referer": "http://testserver/accounts/login/"}]
)
def test_a_tampered_csrf_token_keeps_what_was_typed_except_passwords(person, sent_from):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        {"username": "sam@example.com", "password": "secret-words", "csrfmiddlewaretoken": "tampered"},
        headers=sent_from,
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Please send that again" in html
    assert 'name="username" value="sam@example.com"' in html
    assert "secret-words" not in html
    assert "tampered" not in html
    # The retry form carries a fresh token, so sending again works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    retry = client.post("/accounts/login/", {"username": "sam@example.com", "csrfmiddlewaretoken": token})
    assert retry.status_code == 200
    assert b"This field is required" in retry.content


@pytest.mark.parametrize(
    "sent_from",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://testserver.evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {},  # a browser that says nothing about where the form came from
    ],
)
def test_a_form_posted_from_elsewhere_comes_back_with_nothing_to_send(person, sent_from):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    client.get("/help/my-plan/edit/")  # the person has a CSRF cookie, as they would in the browser
    response = client.post("/help/my-plan/edit/", {"warning_signs": "Words-from-elsewhere-7Q"}, headers=sent_from)
    html = response.content.decode()
    assert response.status_code == 403
    assert "That form wasn't sent" in html
    assert "Words-from-elsewhere-7Q" not in html
    assert "<form" not in html and "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert "Get help now" in html
    assert not SupportPlan.objects.filter(owner=person).exists()


def test_csrf_works_with_the_htmx_header(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    html = client.get("/accounts/settings/").content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    response = client.post(
        "/accounts/settings/", {"time_zone": "Asia/Tokyo"}, headers={"X-CSRFToken": token, "HX-Request": "true"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "Asia/Tokyo"


def test_an_oversized_body_gets_a_kind_page_and_is_not_read(client, settings):
    body = "email=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/accounts/signup/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert b"too much to send at once" in response.content
    assert b"Back" in response.content


def test_healthz_reports_database_and_broker(client, redis_url):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_missing_page_is_a_kind_404(client):
    response = client.get("/journal/99999/")
    assert response.status_code == 404
    assert b"We can't find that page" in response.content


def test_livez_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200 and response.content == b"ok"
