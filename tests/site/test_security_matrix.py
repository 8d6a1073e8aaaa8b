"""Security over every URL the resolver knows: ids of other people's rows are 404, POSTs need CSRF,
every response carries the headers of DESIGN.md.

URLs are discovered (tests/urlmap.py), so a URL added later is checked without being listed here. A new
URL that takes an id must either reach a row of the person's rich fixture (tests/richdata.py) or be on
NOT_OWNED in tests/urlmap.py with the reason (a share token, an unsubscribe token, content slugs);
otherwise test_every_url_with_an_id_is_404_for_everyone_else fails and says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils.csp import CSP

from tests import richdata
from tests.conftest import make_person
from tests.urlmap import (
    CSRF_EXEMPT_POSTS,
    NOT_MERGED_YET,
    NOT_OWNED,
    PARAM_HINTS,
    Route,
    candidate_urls,
    is_owned_param,
    routes,
)

pytestmark = pytest.mark.django_db

MARK_A = "Quokka-7F3A-owned-by-sam"
MARK_B = "Pangolin-2C9D-owned-by-alex"


@dataclass
class Visit:
    route: Route
    url: str
    method: str  # the method that reached the owner's row


def _csrf_client(user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get("/accounts/login/" if user is None else "/accounts/settings/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def _id_routes() -> list[Route]:
    return [route for route in routes() if route.takes_id and route.name not in NOT_OWNED]


def _owner_visits(owner) -> tuple[list[Visit], list[str]]:
    """For every id-taking URL, the URLs that reach a row of `owner` (the owner gets no 404).

    Without this control a URL that 404s for everyone would pass the matrix. POST-only URLs are
    tried inside a rolled-back savepoint, so the owner's rows stay as they were.
    """
    client, token = _csrf_client(owner)
    uuids, pks = richdata.ids_of(owner)
    visits, unreached = [], []
    for route in _id_routes():
        found = False
        for url in candidate_urls(route, uuids, pks):
            method = "GET" if "GET" in route.methods else "POST"
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, headers={"X-CSRFToken": token})
                transaction.set_rollback(True)
            if response.status_code != 404:
                assert response.status_code < 500, (url, response.status_code)
                visits.append(Visit(route, url, method))
                found = True
                break  # one of the owner's rows per URL is enough
        if not found:
            unreached.append(route.name)
    return visits, unreached


@pytest.fixture
def sam_and_alex(db):
    sam = make_person("sam@example.com")
    alex = make_person("alex@example.com", time_zone="America/New_York")
    richdata.fill(sam, MARK_A)
    richdata.fill(alex, MARK_B)
    return sam, alex


def test_every_url_with_an_id_is_404_for_everyone_else(sam_and_alex):
    sam, alex = sam_and_alex
    problems = []
    for route in routes():
        for name, converter in route.params:
            if route.name not in NOT_OWNED and not is_owned_param(name, converter) and name not in PARAM_HINTS:
                problems.append(f"{route.name}: <{converter}:{name}> is neither an owned id nor in NOT_OWNED")
    visits, unreached = _owner_visits(sam)
    problems += [
        f"{name}: no row of the person's reaches it; add one to tests/richdata.fill() or explain it in NOT_OWNED"
        for name in unreached
    ]
    stale = set(NOT_OWNED) - NOT_MERGED_YET - {route.name for route in routes()}
    assert not stale, f"NOT_OWNED names URLs that no longer exist: {stale}"
    assert len(visits) >= 20

    before = richdata.snapshot(sam)
    someone_else, token = _csrf_client(alex)
    signed_out, anonymous_token = _csrf_client()
    for visit in visits:
        for method in ("GET", "POST"):
            # Someone else, signed in: not found (or the method is wrong), whatever the id.
            if method == "GET":
                response = someone_else.get(visit.url)
            else:
                response = someone_else.post(visit.url, {"text": "x", "day": "1"}, headers={"X-CSRFToken": token})
            expected = 404 if method in visit.route.methods else 405
            if response.status_code != expected:
                problems.append(f"{method} {visit.url} ({visit.route.name}): {response.status_code}, not {expected}")
            body = response.content.decode(errors="replace")
            if MARK_A in body or sam.email in body:
                problems.append(f"{method} {visit.url}: shows the owner's data to someone else")
            # Signed out: the login page, or not found.
            if method == "GET":
                response = signed_out.get(visit.url)
            else:
                response = signed_out.post(visit.url, headers={"X-CSRFToken": anonymous_token})
            status = response.status_code
            to_login = status == 302 and response["Location"].startswith("/accounts/login/")
            if not (to_login or status in {401, 404, 405}):
                problems.append(f"{method} {visit.url} signed out: {status}")
            if MARK_A in response.content.decode(errors="replace"):
                problems.append(f"{method} {visit.url}: shows the owner's data signed out")
    assert problems == []
    assert richdata.snapshot(sam) == before, "someone else's POST changed the owner's rows"


def test_ids_in_the_body_are_404_too(sam_and_alex):
    """The journal autosave and edit take the entry's client_id in the body: someone else's is not found."""
    from journal.models import JournalEntry

    sam, alex = sam_and_alex
    theirs = JournalEntry.objects.filter(owner=sam).exclude(client_id=None).first()
    mine = JournalEntry.objects.filter(owner=alex, kind="note").first()
    before = richdata.snapshot(sam)
    client, token = _csrf_client(alex)
    headers = {"X-CSRFToken": token}
    body = {"client_id": str(theirs.client_id), "text": "overwritten"}
    assert client.post("/journal/autosave/note/", body, headers=headers).status_code == 404
    assert client.post(f"/journal/{mine.code}/edit/", body, headers=headers).status_code == 404
    assert richdata.snapshot(sam) == before


def _exempt(route: Route) -> bool:
    return getattr(route.callback, "csrf_exempt", False)


def test_views_exempt_from_csrf_take_no_post(client):
    """The therapist's read-only pages skip CSRF (no session, no form); none of them may accept a POST,
    except the few on CSRF_EXEMPT_POSTS with their reason."""
    for route in filter(_exempt, routes()):
        if route.name in CSRF_EXEMPT_POSTS:
            continue
        url = route.url(**NOT_OWNED[route.name][1]) if route.takes_id else route.url()
        # 429 when earlier tests used up this address's rate limit on the share pages: refused all the same.
        assert client.post(url, {"text": "x"}).status_code in {405, 429}, route.name


def test_every_post_needs_a_csrf_token_and_writes_nothing_without_one(sam_and_alex):
    sam, _ = sam_and_alex
    visits, _ = _owner_visits(sam)
    targets = [v.url for v in visits if "POST" in v.route.methods]
    targets += [
        route.url(**NOT_OWNED[route.name][1]) if route.takes_id else route.url()
        for route in routes()
        if "POST" in route.methods and (not route.takes_id or route.name in NOT_OWNED) and not _exempt(route)
    ]
    assert len(targets) >= 30
    before, totals = richdata.snapshot(sam), richdata.counts()
    problems = []
    for signed_in in (True, False):
        client = Client(enforce_csrf_checks=True)
        if signed_in:
            client.force_login(sam)
        for url in targets:
            response = client.post(url, {"text": "x", "day": "1", "client_id": "5e0c3b7e-0d6c-4d0b-9a57-8c3ad3c39d4f"})
            if response.status_code != 403:
                problems.append(
                    f"POST {url} without a token ({'signed in' if signed_in else 'signed out'}): {response.status_code}"
                )
    assert problems == []
    assert richdata.snapshot(sam) == before and richdata.counts() == totals


def _expected_csp() -> str:
    from django.utils.csp import build_policy

    return build_policy(settings.SECURE_CSP)


def _check_headers(url: str, response, problems: list[str], signed_in: bool = False) -> None:
    if signed_in and not {"private", "no-store"} <= _directives(response):
        problems.append(f"{url} ({response.status_code}) signed in: Cache-Control is {response.get('Cache-Control')!r}")
    expected = {
        "Content-Security-Policy": _expected_csp(),
        "X-Frame-Options": "DENY",
        # The shared pages send the stricter no-referrer (SAFETY.md §4.5); nothing may be looser.
        "Referrer-Policy": {settings.SECURE_REFERRER_POLICY, "no-referrer"},
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
    }
    for header, value in expected.items():
        if response.get(header) not in (value if isinstance(value, set) else {value}):
            problems.append(f"{url} ({response.status_code}): {header} is {response.get(header)!r}")


def _directives(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_the_configured_policy_is_the_one_design_md_asks_for():
    csp = settings.SECURE_CSP
    assert csp["default-src"] == [CSP.SELF]
    assert csp["script-src"] == [CSP.SELF] and csp["style-src"] == [CSP.SELF]
    assert csp["frame-ancestors"] == [CSP.NONE] and csp["object-src"] == [CSP.NONE]
    policy = _expected_csp()
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_REFERRER_POLICY == "same-origin"
    assert settings.SECURE_CROSS_ORIGIN_OPENER_POLICY == "same-origin"


def test_every_response_carries_the_security_headers(sam_and_alex) -> None:
    sam, _ = sam_and_alex
    visits, _ = _owner_visits(sam)
    urls = [v.url for v in visits if "GET" in v.route.methods]
    for route in routes():
        if "GET" not in route.methods:
            continue
        if not route.takes_id:
            urls.append(route.url())
        elif route.name in NOT_OWNED:
            urls.append(route.url(**NOT_OWNED[route.name][1]))
    urls += ["/no-such-page/", "/journal/00000000-0000-0000-0000-000000000000/edit/"]
    problems: list[str] = []
    signed_in = Client()
    signed_in.force_login(sam)
    for client in (Client(), signed_in):
        is_sam = client is signed_in
        for url in urls:
            _check_headers(url, client.get(url), problems, signed_in=is_sam)
        # Error pages and answers to POSTs carry them too.
        _check_headers("POST without a token", Client(enforce_csrf_checks=True).post("/accounts/login/"), problems)
        _check_headers("wrong method", client.post("/today/"), problems, signed_in=is_sam)
    assert len(urls) >= 40
    assert problems == []


@pytest.fixture
def sam(db):
    return make_person("sam@example.com")


def _error_responses(client, monkeypatch) -> dict:
    """One of every error page, and how each is reached."""
    from selfcare.checkins import views

    answers = {
        "404": client.get("/no-such-page/"),
        "405": client.post("/today/"),
        "400 bad host": client.get("/today/", headers={"Host": "evil.example"}),
        "413": client.post("/journal/new/note/", "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "text/plain"),
        "slash redirect": client.get("/today"),
    }
    csrf = Client(enforce_csrf_checks=True)
    csrf.cookies = client.cookies
    answers["403 csrf"] = csrf.post("/help/my-plan/edit/", {"warning_signs": "x"})

    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "crisis_resources", broken)
    client.raise_request_exception = False
    answers["500"] = client.get("/help/")
    return answers


@pytest.mark.parametrize("who", ["signed in", "signed out"])
def test_error_pages_carry_the_headers_too(sam, monkeypatch, who) -> None:
    client = Client()
    if who == "signed in":
        client.force_login(sam)
    answers = _error_responses(client, monkeypatch)
    statuses = {name: response.status_code for name, response in answers.items()}
    assert statuses == {
        "404": 404,
        "405": 405,
        "400 bad host": 400,
        "413": 413,
        "slash redirect": 301,
        "403 csrf": 403,
        "500": 500,
    }
    problems: list[str] = []
    for name, response in answers.items():
        if response.get("X-Frame-Options") != "DENY":
            problems.append(f"{name}: X-Frame-Options is {response.get('X-Frame-Options')!r}")
        if who == "signed in" and not {"private", "no-store"} <= _directives(response):
            problems.append(f"{name}: Cache-Control is {response.get('Cache-Control')!r}")
    assert problems == []


def test_static_files_and_the_shared_page_keep_their_own_cache_headers(sam):
    client = Client()
    client.force_login(sam)
    static = client.get("/static/css/thaw.css")
    assert static.status_code == 200
    assert "no-store" not in _directives(static)
    shared = client.get("/shared/")
    assert shared["Cache-Control"] == "no-store, no-cache, max-age=0, must-revalidate, private"
