"""Property: whatever the people, entries and scope, the shared page and its PDF show exactly what the
scope allows: the owner's saved entries inside the dates and the chosen kinds or picks, the owner's
topics and check-ins inside the dates when those parts are chosen, and nothing else (no drafts, no
deleted entries, nothing of anyone else's)."""

from __future__ import annotations

import datetime
import io

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exercises.plan.models import TherapyTopic
from journal.models import JournalEntry
from selfcare.checkins.models import CheckIn
from selfcare.checkins.trends import _day
from selfcare.sharing import links
from selfcare.sharing.models import ShareLink
from selfcare.sharing.scope import Scope

KINDS = list(JournalEntry.Kind.values)
MODES = list(ShareLink.Journal.values)

entry_specs = st.lists(
    st.fixed_dictionaries(
        {
            "owner": st.sampled_from([0, 0, 1]),  # mostly the link's owner, sometimes someone else
            "kind": st.sampled_from(KINDS),
            "days_ago": st.integers(min_value=-1, max_value=25),
            "hours": st.integers(min_value=0, max_value=23),
            "draft": st.booleans(),
            "deleted": st.booleans(),
            "field": st.sampled_from(["text", "event", "need_text", "body_sensations", "other_feelings"]),
        }
    ),
    max_size=10,
)
topic_specs = st.lists(
    st.fixed_dictionaries({"owner": st.sampled_from([0, 1]), "days_ago": st.integers(min_value=0, max_value=25)}),
    max_size=4,
)
checkin_specs = st.lists(
    st.fixed_dictionaries({"owner": st.sampled_from([0, 1]), "days_ago": st.integers(min_value=0, max_value=12)}),
    max_size=5,
    unique_by=lambda spec: spec["days_ago"],  # one day, one person: a day's row then tells them apart
)
scope_specs = st.fixed_dictionaries(
    {
        "journal": st.sampled_from(MODES),
        "kinds": st.sets(st.sampled_from(KINDS), min_size=1),
        "picks": st.sets(st.integers(min_value=0, max_value=9)),
        "start_ago": st.integers(min_value=0, max_value=20),
        "length": st.integers(min_value=0, max_value=20),
        "trends": st.booleans(),
        "plan": st.booleans(),
    }
)


def marker(n: int) -> str:
    return f"zqx{n:03d}q"


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=entry_specs, topics=topic_specs, checkins=checkin_specs, spec=scope_specs)
def test_only_what_the_scope_allows_ever_renders(person, other_person, entries, topics, checkins, spec):
    people = [person, other_person]
    now = timezone.now()
    today = person.local_today()
    with transaction.atomic():
        made = []
        for n, item in enumerate(entries):
            when = now - datetime.timedelta(days=item["days_ago"], hours=item["hours"])
            made.append(
                JournalEntry.objects.create(
                    owner=people[item["owner"]],
                    kind=item["kind"],
                    is_draft=item["draft"],
                    deleted_at=now if item["deleted"] else None,
                    created_at=when,
                    **{item["field"]: marker(n)},
                )
            )
        made_topics = []
        for n, item in enumerate(topics):
            topic = TherapyTopic.objects.create(owner=people[item["owner"]], text=marker(100 + n))
            TherapyTopic.objects.filter(pk=topic.pk).update(created_at=now - datetime.timedelta(days=item["days_ago"]))
            topic.refresh_from_db()
            made_topics.append(topic)
        for item in checkins:
            CheckIn.objects.create(
                owner=people[item["owner"]],
                date=today - datetime.timedelta(days=item["days_ago"]),
                numbness=5,
                connection=5,
                impact_work=0,
                impact_relationships=0,
                impact_selfcare=0,
            )

        start = today - datetime.timedelta(days=spec["start_ago"])
        end = start + datetime.timedelta(days=spec["length"])
        picked = tuple(made[i].pk for i in spec["picks"] if i < len(made))
        scope = Scope(
            owner=person,
            start_date=start,
            end_date=end,
            include_trends=spec["trends"],
            include_plan=spec["plan"],
            journal=spec["journal"],
            journal_kinds=tuple(spec["kinds"]),
            picked_entry_ids=picked,
        )
        _, token = links.create(scope, "Dr. Rivera", "", now + datetime.timedelta(days=3))

        def in_dates(moment: datetime.datetime) -> bool:
            return start <= moment.astimezone(person.zone).date() <= end

        def entry_shown(entry: JournalEntry) -> bool:
            if entry.owner_id != person.pk or entry.is_draft or entry.deleted_at or not in_dates(entry.created_at):
                return False
            mode = spec["journal"]
            return (
                mode == "all"
                or (mode == "kinds" and entry.kind in spec["kinds"])
                or (mode == "picked" and entry.pk in picked)
            )

        expected = {marker(n): entry_shown(entry) for n, entry in enumerate(made)}
        expected |= {
            marker(100 + n): spec["plan"] and topic.owner_id == person.pk and in_dates(topic.created_at)
            for n, topic in enumerate(made_topics)
        }
        checkin_rows = {
            _day(today - datetime.timedelta(days=item["days_ago"])): spec["trends"]
            and item["owner"] == 0
            and start <= today - datetime.timedelta(days=item["days_ago"]) <= end
            for item in checkins
        }

        cache.clear()  # many examples from one address: keep the rate limit out of this property
        browser = Client()
        assert browser.get(f"/s/{token}").status_code == 302
        html = browser.get("/shared/").content.decode()
        text = pdf_text(browser.get("/shared/summary.pdf").content)
        for word, shown in expected.items():
            assert (word in html) == shown, (word, shown, "HTML")
            assert (word in text) == shown, (word, shown, "PDF")
        for day, shown in checkin_rows.items():
            assert (f'<th scope="row">{day}</th>' in html) == shown, (day, shown)
        transaction.set_rollback(True)
