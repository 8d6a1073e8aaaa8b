"""A value in the cache that cannot be read is a miss, never an error page (DESIGN.md: "a cache value that
cannot be read is a miss"). Every key the pages and the share rate limit wrote is overwritten in Redis
itself with junk of several kinds, then every page is loaded again."""

from __future__ import annotations

import pickle

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import richdata
from tests.sharing.conftest import make_link, open_link
from tests.urlmap import routes

pytestmark = pytest.mark.django_db

JUNK = {
    "not a pickle": b"\x80\x05\x95junk",
    "plain text": b"hello there",
    "a number": b"7",  # Django stores integers bare: this reads back as 7
    "a pickled string": pickle.dumps("not what was kept"),
    "a pickled list": pickle.dumps(["a", "list"]),
    "another redis type": None,  # a Redis list where a string was
}


@pytest.fixture(autouse=True)
def _redis(redis_url):
    """The cache under test is Redis itself."""


def _pages() -> list[str]:
    return [r.url() for r in routes() if "GET" in r.methods and not r.takes_id and not r.name.startswith("sharing:")]


def _spoil_every_key(junk: bytes | None) -> set[str]:
    """Overwrite every key of the cache; the kinds of key there were (data, rl, ...)."""
    store = redis.Redis.from_url(django_settings.CACHES["default"]["LOCATION"])
    keys = list(store.scan_iter("thaw:*"))
    for key in keys:
        if junk is None:
            store.delete(key)
            store.rpush(key, b"x")
        else:
            store.set(key, junk, keepttl=True)
    return {key.decode().split(":")[2] for key in keys}


@pytest.mark.parametrize("junk", list(JUNK.values()), ids=list(JUNK))
def test_junk_in_the_cache_is_a_miss_on_every_page(person, junk):
    richdata.fill(person, "Kestrel-88B1-owned-by-sam")
    _, token = make_link(person, journal="all")
    sam, therapist = Client(), Client()
    sam.force_login(person)
    pages = _pages()
    assert len(pages) >= 20
    first = {url: sam.get(url).status_code for url in pages}
    assert open_link(therapist, token).status_code == 200
    assert any(code == 200 for code in first.values())

    # Computed aggregates (core/datacache.py) and the share rate limit, at least.
    assert {"data", "rl"} <= _spoil_every_key(junk)

    again = {url: sam.get(url).status_code for url in pages}
    assert again == first
    assert therapist.get("/shared/").status_code == 200
    assert therapist.get(f"/s/{token}").status_code == 302
    # The junk was replaced: the next read of Patterns finds its data kept again.
    assert sam.get("/patterns/").status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert sam.get("/patterns/").status_code == 200
    assert not any("journal_journalentry" in query["sql"] for query in kept.captured_queries)
