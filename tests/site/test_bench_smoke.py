"""A small smoke version of `make bench`: every page the benchmark drives answers 200 on its kind of data.

The benchmark itself (tests/bench/, wrk against gunicorn) needs minutes and a quiet machine; this keeps
its seed and its list of pages working in `make test`.
"""

import datetime
import random

import pytest
from django.test import Client
from django.utils import timezone

from exercises.plan import weeks
from selfcare.sharing import links
from selfcare.sharing.scope import Scope
from tests.bench import run_pages, seed

pytestmark = pytest.mark.django_db


def test_every_benchmarked_page_answers_on_seeded_data(client):
    rng = random.Random(1)
    heavy = seed.make_user("heavy@bench.thaw")
    seed.seed_entries(heavy, 40, rng)
    seed.seed_checkins(heavy, 30, rng)
    seed.seed_questionnaires(heavy, 30, rng)
    waiting = seed.seed_practices(heavy, 6)
    weeks.start_week(heavy)
    result = heavy.screener_results.filter(instrument="phq9").latest("completed_at")
    seeded = {"step": f"/exercises/s/{waiting.code}/1/", "result": f"/checkin/results/{result.pk}/"}
    today = heavy.local_today()
    _, token = links.create(
        Scope(owner=heavy, start_date=today - datetime.timedelta(days=29), end_date=today, journal="all"),
        "Bench therapist",
        "Sam",
        timezone.now() + datetime.timedelta(days=14),
    )
    signed_in = Client()
    signed_in.force_login(heavy)
    therapist = Client()
    assert therapist.get(f"/s/{token}").status_code == 302

    for label, path, how in run_pages.targets(seeded):
        if how == "anon":
            response = client.get(path)
        elif how == "share":
            response = therapist.get(path)
        elif how == "post":
            body = dict(pair.split("=") for pair in run_pages.CHECKIN.split("&"))
            response = signed_in.post(path, body)
        else:
            response = signed_in.get(path)
        assert response.status_code == 200, (label, path, response.status_code)
