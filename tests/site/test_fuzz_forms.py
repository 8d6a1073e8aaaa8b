"""Every form and htmx endpoint, fed bodies no browser would send: never a 500, never someone else's data,
and a rejected request writes nothing.

Endpoints are discovered from the resolver (tests/urlmap.py). Bodies come from hypothesis: missing and
unknown fields, wrong types, unicode with NUL, control characters and lone surrogates, very long values, JSON, plain text and
broken multipart bodies,
and ids of another person's rows. Each example runs in a savepoint that is rolled back, so they are
independent; a checksum of both people's rows, taken in one query, shows what a request wrote.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import richdata
from tests.conftest import make_person
from tests.urlmap import NOT_OWNED, candidate_urls, routes

pytestmark = pytest.mark.django_db

MARK_MINE = "Wombat-51E0-owned-by-sam"
MARK_THEIRS = "Pangolin-2C9D-owned-by-alex"
# 15 bodies per endpoint keeps `make test` quick; THAW_FUZZ_EXAMPLES=200 for a deeper run.
FUZZ = settings(
    max_examples=int(os.environ.get("THAW_FUZZ_EXAMPLES", 15)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
POST_ROUTES = [route for route in routes() if "POST" in route.methods]
GET_PAGES = [route for route in routes() if "GET" in route.methods and not route.takes_id]
# Field names every form in the app uses, so bodies often hit a real field with a wrong value.
COMMON_FIELDS = [
    "client_id", "text", "event", "feelings", "needs", "intensity", "other_feelings", "body_location",
    "need_text", "body_sensations", "timer_seconds", "numbness", "impact_work", "impact_relationships",
    "impact_selfcare", "connection", "note", "answer", "question", "action", "feeling", "distress", "too_much",
    "value", "words", "minutes", "seconds", "sensations", "day", "task", "days", "level", "direction", "name",
    "expected", "actual", "tier", "choice", "next", "section", "time_zone", "country", "email_followups",
    "email", "username", "password", "new_password1", "new_password2", "old_password", "q", "kind", "range",
    "page", "start", "end",
]  # fmt: skip
REJECTED = {400, 401, 403, 404, 405, 413, 422}


def _checksum_sql() -> str:
    """One query: a digest of every row each person owns, per table."""
    parts = []
    for model in richdata.owned_models():
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(
            f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {table} t WHERE t.owner_id = %s)"  # noqa: S608 - table names come from the models
        )
    return "SELECT " + ", ".join(parts)


def checksum(user) -> tuple:
    sql = _checksum_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * sql.count("%s"))
        return cursor.fetchone()


@pytest.fixture
def people(db):
    sam = make_person("sam@example.com")
    alex = make_person("alex@example.com", time_zone="America/New_York")
    richdata.fill(sam, MARK_MINE)
    richdata.fill(alex, MARK_THEIRS)
    return sam, alex


def _own_url(route, sam, client) -> str:
    """The route built with one of the signed-in person's own rows (so the view goes past its lookup)."""
    if not route.takes_id:
        return route.url()
    if route.name in NOT_OWNED:
        return route.url(**NOT_OWNED[route.name][1])
    uuids, pks = richdata.ids_of(sam)
    for url in candidate_urls(route, uuids, pks):
        with transaction.atomic():
            response = client.get(url) if "GET" in route.methods else client.post(url)
            transaction.set_rollback(True)
        if response.status_code != 404:
            return url
    pytest.fail(f"no row of the person's reaches {route.name}")


def _field_names(client, url: str, route) -> list[str]:
    names = set(COMMON_FIELDS)
    if "GET" in route.methods:
        names |= set(re.findall(r'name="([^"]+)"', client.get(url).content.decode()))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


def _values(their_ids: list[str]):
    huge = [
        "x" * 20_001,  # one over the journal's limit
        "é" * 3_000,  # two bytes each
        "\U0001f9ca" * 5_000,  # four bytes each
        "9" * 400,
    ]
    return st.one_of(
        st.text(max_size=40),  # any unicode, NUL included
        st.text(alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Zl", "So"]), max_size=12),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["", " ", "0", "-1", "11", "10", "3", "1e9", "true", "null", "[]", "{}", "on", "yes", "no"]),
        st.sampled_from(["next", "back", "stop", "up", "down", "support", "contacted", "remind", "gentle", "note"]),
        st.sampled_from(["//evil.example/", "https://evil.example/", "/today/", "javascript:alert(1)"]),
        st.sampled_from(their_ids),  # another person's uuids and primary keys
        st.sampled_from(huge),
    )


ENCODINGS = ["form", "form", "form", "json", "multipart", "broken-multipart", "text"]


def _body(pairs: list[tuple[str, str]], encoding: str = "form") -> tuple[bytes, str]:
    """The body and its content type. Lone surrogates go through as the invalid UTF-8 a hostile client
    could send (surrogatepass)."""
    if encoding == "json":
        return json.dumps(dict(pairs)).encode("utf-8", "surrogatepass"), "application/json"
    if encoding == "multipart":
        parts = [f'--xyz\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in pairs]
        return ("".join(parts) + "--xyz--\r\n").encode("utf-8", "surrogatepass"), "multipart/form-data; boundary=xyz"
    if encoding == "broken-multipart":
        return b"--xyz\r\nContent-Disposition: form-data; name\r\n\r\n", "multipart/form-data; boundary=xyz"
    body = urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode("ascii")
    return body, "text/plain" if encoding == "text" else "application/x-www-form-urlencoded"


def _check_response(response, alex, problems: list[str]) -> None:
    if response.status_code >= 500:
        problems.append(f"status {response.status_code}")
    body = response.content.decode("utf-8", "replace")
    if MARK_THEIRS in body or alex.email in body:
        problems.append("shows another person's data")


def _fuzz_post(route, sam, alex, client, anonymous) -> None:
    url = _own_url(route, sam, client)
    names = _field_names(client, url, route)
    uuids, pks = richdata.ids_of(alex)
    their_ids = uuids + [str(pk) for pk in pks]
    alex_before = checksum(alex)
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    @FUZZ
    @given(
        pairs=st.lists(st.tuples(st.sampled_from(names) | st.text(max_size=8), _values(their_ids)), max_size=10),
        signed_in=st.booleans(),
        htmx=st.booleans(),
        encoding=st.sampled_from(ENCODINGS),
    )
    def post(pairs, signed_in, htmx, encoding) -> None:
        visitor = client if signed_in else anonymous
        with transaction.atomic():
            mine_before = checksum(sam)
            headers = {"HX-Request": "true"} if htmx else {}
            body, content_type = _body(pairs, encoding)
            response = visitor.post(url, body, content_type=content_type, headers=headers)
            problems: list[str] = []
            _check_response(response, alex, problems)
            rejected = response.status_code in REJECTED or (
                response.status_code == 200 and re.search(rb"field-error|has-error", response.content)
            )
            if rejected and checksum(sam) != mine_before:
                problems.append(f"rejected with {response.status_code} but wrote to the person's rows")
            if checksum(alex) != alex_before:
                problems.append("changed another person's rows")
            transaction.set_rollback(True)
        # The savepoint brought the session back; a logout or a password change may have dropped the cookie.
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session_key
        anonymous.cookies.clear()
        assert problems == [], (url, pairs)

    post()


def test_every_post_and_htmx_endpoint_survives_any_body(people):
    """One run per endpoint; every failing endpoint is reported, not only the first."""
    sam, alex = people
    client, anonymous = Client(), Client()
    client.force_login(sam)
    failures = []
    for route in POST_ROUTES:
        try:
            _fuzz_post(route, sam, alex, client, anonymous)
        except AssertionError as error:
            failures.append(f"{route.name}: {error}")
    assert failures == []


def test_every_page_survives_any_query(people):
    sam, alex = people
    client = Client()
    client.force_login(sam)
    uuids, pks = richdata.ids_of(alex)
    values = _values(uuids + [str(pk) for pk in pks])
    failures = []
    for route in GET_PAGES:
        try:
            _fuzz_get(client, route.url(), _field_names(client, route.url(), route), values, alex)
        except AssertionError as error:
            failures.append(f"{route.name}: {error}")
    assert failures == []


def _fuzz_get(client, url: str, names: list[str], values, alex) -> None:
    @settings(FUZZ, max_examples=5)
    @given(pairs=st.lists(st.tuples(st.sampled_from(names), values), max_size=6))
    def get(pairs) -> None:
        response = client.get(url + "?" + urlencode(pairs, errors="surrogatepass"))
        problems: list[str] = []
        _check_response(response, alex, problems)
        assert problems == [], (url, pairs)

    get()


def test_a_body_over_the_limit_is_a_kind_413_and_writes_nothing(people):
    sam, _ = people
    client = Client()
    client.force_login(sam)
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    problems = []
    for route in POST_ROUTES:
        url = _own_url(route, sam, client)
        before = richdata.counts(), checksum(sam)
        over = client.post(url, "text=" + "x" * limit, content_type="application/x-www-form-urlencoded")
        if over.status_code != 413 or b"too much to send at once" not in over.content:
            problems.append(f"{url}: {over.status_code} for a body over the limit")
        if (richdata.counts(), checksum(sam)) != before:
            problems.append(f"{url}: a body over the limit wrote something")
        # Just under the limit reaches the view, which refuses it as too long (or ignores it);
        # more fields than Django accepts is a 400 where the body is read. Never a 500.
        near = client.post(url, "text=" + "x" * (limit - 100), content_type="application/x-www-form-urlencoded")
        many = client.post(
            url, "&".join(f"f{n}=1" for n in range(1_100)), content_type="application/x-www-form-urlencoded"
        )
        for what, response in (("near the limit", near), ("1,100 fields", many)):
            if response.status_code >= 500:
                problems.append(f"{url}: {response.status_code} for {what}")
    assert problems == []
