"""The therapist's side: /s/<token> → cookie → /shared/, headers, methods, uniform 404, expiry, logs."""

import datetime
import logging
import re

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from selfcare.sharing import links
from selfcare.sharing.models import ShareLink, ShareView
from tests.sharing.conftest import make_entry, make_link, open_link

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0"


def pdf_text(content: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def assert_share_headers(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    cache = response["Cache-Control"]
    assert "no-store" in cache and "private" in cache
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_it_opens_logs_and_moves_to_a_token_free_address(client, person, therapist_link):
    make_entry(person, text="The light in the kitchen felt warm.")
    link, token = therapist_link
    first = client.get(f"/s/{token}", HTTP_USER_AGENT=FIREFOX)
    assert first.status_code == 302 and first["Location"] == "/shared/"
    assert_share_headers(first)
    cookie = first.cookies["thaw_share"]
    assert cookie["httponly"] and cookie["path"] == "/shared/" and int(cookie["max-age"]) <= 30 * 60
    assert token not in cookie.value and link.token_hash not in cookie.value
    view = ShareView.objects.get(link=link)
    assert view.device == "Firefox on Windows"

    page = client.get("/shared/")
    assert page.status_code == 200
    assert_share_headers(page)
    html = page.content.decode()
    assert "The light in the kitchen felt warm." in html
    assert token not in html
    assert '<meta name="robots" content="noindex' in html
    assert "Not monitored." in html and "The app does not notify you of changes or of any answer" in html
    assert ShareView.objects.count() == 1  # reading the page again is the same opening


def test_the_shared_page_has_no_forms_and_no_links_into_an_account(client, person, therapist_link):
    make_entry(person, text="A quiet walk.")
    html = open_link(client, therapist_link[1]).content.decode()
    assert "<form" not in html
    assert re.search(r"<a [^>]*href=\"/help/now/\"[^>]*>Get help now</a>", html)
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    allowed = re.compile(
        r"^(/help/|/help/now/|/shared/summary\.pdf|/static/.+|#main|tel:\d+|https://findahelpline\.com)$"
    )
    assert all(allowed.match(href) for href in hrefs), hrefs
    assert "<script" not in html and "style=" not in html


@pytest.mark.parametrize("path", ["/shared/", "/shared/summary.pdf", "/s/{token}"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_it_answers_only_get_and_head(client, therapist_link, path, method):
    link, token = therapist_link
    open_link(client, token)
    response = getattr(client, method)(path.format(token=token))
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert_share_headers(response)
    assert client.head("/shared/").status_code == 200


def test_wrong_expired_and_revoked_links_look_the_same(client, person):
    _, good = make_link(person)
    expired, expired_token = make_link(person, days=1)
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    revoked, revoked_token = make_link(person)
    links.revoke(revoked)
    wrong = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    answers = [client.get(f"/s/{token}") for token in (wrong, expired_token, revoked_token, "short", "")]
    first = answers[0]
    assert first.status_code == 404
    assert "This link is no longer active" in first.content.decode()
    for answer in answers:
        assert answer.status_code == 404
        assert answer.content == first.content
        assert sorted(answer.headers) == sorted(first.headers)
        assert_share_headers(answer)
    assert ShareView.objects.count() == 0
    # Without a visit cookie the token-free pages give the same answer.
    assert client.get("/shared/").content == first.content
    assert client.get("/shared/summary.pdf").status_code == 404


def test_it_ends_at_expiry_even_mid_visit(client, person):
    make_entry(person, text="Before the end.")
    link, token = make_link(person, days=1, journal=ShareLink.Journal.ALL)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23, minutes=50)):
        assert "Before the end." in open_link(client, token).content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        gone = client.get("/shared/")
        assert gone.status_code == 404 and "Before the end." not in gone.content.decode()
        assert client.get(f"/s/{token}").status_code == 404


def test_the_visit_cookie_lasts_thirty_minutes(client, person, therapist_link):
    open_link(client, therapist_link[1])
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert client.get("/shared/").status_code == 404


def test_revoking_ends_a_visit_already_open(client, person, therapist_link):
    link, token = therapist_link
    assert open_link(client, token).status_code == 200
    links.revoke(link)
    assert client.get("/shared/").status_code == 404
    assert client.get(f"/s/{token}").status_code == 404


def test_the_pdf_is_the_same_page(client, person):
    make_entry(person, text="Sharing this one.")
    link, token = make_link(person, journal=ShareLink.Journal.ALL)
    open_link(client, token)
    response = client.get("/shared/summary.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert_share_headers(response)
    text = pdf_text(response.content)
    assert "Shared with Dr. Rivera" in text and "Sharing this one." in text
    assert "Not monitored." in text and "Get help now" in text


def test_tokens_never_reach_the_logs(client, person, therapist_link, caplog):
    link, token = therapist_link
    with caplog.at_level(logging.DEBUG):
        open_link(client, token)
        client.post(f"/s/{token}")
        client.get(f"/s/{token}x")
        links.revoke(link)
        client.get(f"/s/{token}")
    assert token not in caplog.text
    assert link.token_hash not in caplog.text
