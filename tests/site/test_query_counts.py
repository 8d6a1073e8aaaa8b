"""Queries per page stay at a fixed maximum however much a person has written (DESIGN.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises import content, runner
from exercises.models import PracticeSession
from exercises.plan import weeks
from journal.models import JournalEntry
from selfcare.checkins.models import CheckIn, ScreenerResult

pytestmark = pytest.mark.django_db


def a_life(person, days: int, before: int = 0) -> dict:
    """`days` of daily use ending `before` days ago: check-ins, entries, practices, questionnaires, a plan week."""
    today = person.local_today() - datetime.timedelta(days=before)
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=person, date=today - datetime.timedelta(days=n), numbness=n % 11, impact_work=n % 3,
            impact_relationships=0, impact_selfcare=1, connection=5,
        )
        for n in range(days)
    )  # fmt: skip
    JournalEntry.objects.bulk_create(
        JournalEntry(owner=person, kind=JournalEntry.Kind.NOTE, text=f"day {n}", feelings=["calm"])
        for n in range(days * 2)
    )
    for _ in range(max(days // 10, 1)):
        runner.finish(runner.start(person, content.catalogue()["grounding-quick"]))
    waiting = runner.start(person, content.catalogue()["grounding"])
    PracticeSession.objects.filter(pk=waiting.pk).update(step=1, furthest_step=1)  # past the first ratings
    now = timezone.now()
    ScreenerResult.objects.bulk_create(
        ScreenerResult(
            owner=person, instrument=slug, status="complete", answers={}, score=5, band="mild",
            completed_at=now - datetime.timedelta(days=n),
        )
        for slug in ("phq9", "gad7", "who5")
        for n in range(0, days, 14)
    )  # fmt: skip
    weeks.start_week(person)
    result = ScreenerResult.objects.filter(owner=person).latest("completed_at")
    return {"step": f"/exercises/s/{waiting.code}/1/", "result": f"/checkin/results/{result.pk}/"}


def count(client, method: str, url: str, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


PAGES = [
    # (name, method, url or key of a_life(), form data, fixed maximum)
    ("Today", "get", "/today/", None, 8),
    ("exercise step", "get", "step", None, 3),
    ("journal timeline", "get", "/journal/", None, 6),
    ("Patterns", "get", "/patterns/?range=30", None, 5),
    ("check-in page", "get", "/checkin/", None, 6),
    (
        "check-in post",
        "post",
        "/checkin/",
        {"numbness": "5", "impact_work": "1", "impact_relationships": "0", "impact_selfcare": "0", "connection": "5"},
        18,
    ),
    ("questionnaire list", "get", "/checkin/questionnaires/", None, 3),
    ("questionnaire result", "get", "result", None, 7),
    ("trends", "get", "/checkin/trends/?days=365", None, 4),
    ("Get help", "get", "/help/", None, 3),
]


@pytest.mark.parametrize(("name", "method", "url", "data", "most"), PAGES, ids=[p[0] for p in PAGES])
def test_queries_do_not_grow_with_data(person_client, person, other_person, name, method, url, data, most):
    small = a_life(person, 3)
    a_life(other_person, 3)
    target = small.get(url, url)
    before = count(person_client, method, target, data)
    big = a_life(person, 60, before=3)
    target = big.get(url, url) if url in big else target
    after = count(person_client, method, target, data)
    assert after <= most, f"{name}: {after} queries"
    assert after <= before + 1, f"{name}: {before} queries with a little data, {after} with a lot"


def test_the_landing_page_signed_out(client):
    assert count(client, "get", "/") <= 2
