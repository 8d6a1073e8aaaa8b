"""The shared page, its preview and the list of links cost the same number of queries for 3 or 30 rows.

The N+1 each guards: one query per journal entry (practice session), per plan week (ticked
steps), or per link (its openings).
"""

import datetime

import pytest
from django.utils import timezone

from exercises.plan.models import Enrollment, TherapyTopic
from journal.models import JournalEntry
from selfcare.checkins.models import CheckIn
from selfcare.sharing.models import ShareLink, ShareView
from tests.sharing.conftest import make_entry, make_link

# The link and its owner; entries (with practice sessions); plan weeks; ticked steps; topics;
# check-ins; questionnaire results.
SHARED_PAGE_QUERIES = 7


def fill(person, count: int) -> None:
    kinds = list(JournalEntry.Kind.values)
    today = person.local_today()
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=person,
            date=today - datetime.timedelta(days=n),
            numbness=n % 11,
            connection=(n * 3) % 11,
            impact_work=n % 3,
            impact_relationships=0,
            impact_selfcare=1,
        )
        for n in range(min(count, 29))
    )
    for n in range(count):
        make_entry(person, days_ago=n % 20, kind=kinds[n % len(kinds)], text=f"Entry {n}", feelings=["calm"])
    for week in range(min(count, 3)):
        enrollment = Enrollment.objects.create(
            owner=person,
            week_number=week + 1,
            content_version=1,
            start_date=person.local_today() - datetime.timedelta(days=7 * week),
            finished_at=timezone.now() if week else None,
        )
        TherapyTopic.objects.create(owner=person, enrollment=enrollment, text=f"Topic {week}")


@pytest.mark.parametrize("count", [3, 30])
def test_the_shared_page_queries_do_not_grow(client, person, count, django_assert_max_num_queries):
    fill(person, count)
    _, token = make_link(person, journal=ShareLink.Journal.ALL)
    client.get(f"/s/{token}")
    with django_assert_max_num_queries(SHARED_PAGE_QUERIES):
        response = client.get("/shared/")
    html = response.content.decode()
    assert html.count('class="card entry"') == count
    assert "Daily check-ins: numbness and connection" in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_of_links_queries_do_not_grow(person_client, person, count, django_assert_max_num_queries):
    for n in range(count):
        link, _ = make_link(person, label=f"Therapist {n}")
        ShareView.objects.bulk_create([ShareView(link=link, device="Firefox on Windows") for _ in range(3)])
    with django_assert_max_num_queries(6):
        response = person_client.get("/settings/sharing/")
    assert response.content.decode().count('class="card link-card"') == count


def test_opening_a_link_is_two_queries(client, person, django_assert_num_queries):
    _, token = make_link(person)
    with django_assert_num_queries(2):  # find the link (with its owner), log the opening
        assert client.get(f"/s/{token}").status_code == 302


@pytest.mark.parametrize("count", [3, 30])
def test_the_preview_queries_do_not_grow(person_client, person, count, django_assert_max_num_queries):
    fill(person, count)
    today = person.local_today()
    data = {
        "label": "Dr. Rivera",
        "include_trends": "on",
        "include_plan": "on",
        "journal": "all",
        "start_date": (today - datetime.timedelta(days=29)).isoformat(),
        "end_date": today.isoformat(),
        "expires_in_days": "14",
        "action": "preview",
    }
    # Session and user, time zone, the entries to pick from, the shared content, the session saved.
    with django_assert_max_num_queries(12):
        response = person_client.post("/settings/sharing/new/", data)
    assert response.content.decode().count('class="card entry"') == count
