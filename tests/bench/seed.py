"""Seed the benchmark database with realistic data.

One heavy user with a year of daily use: a check-in every day, a few journal entries a day, a practice
every other day, questionnaires every two weeks, plan weeks. Plus 1,000 other users with a month each.
Run through `python -m tests.bench.seed` with DATABASE_URL pointing at the benchmark database. Prints
one JSON line: the heavy user's session cookie and the ids the benchmark pages need.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from exercises import content, runner  # noqa: E402
from exercises.models import PracticeSession  # noqa: E402
from exercises.plan import weeks  # noqa: E402
from journal.feelings import vocabulary  # noqa: E402
from journal.models import JournalEntry  # noqa: E402
from journal.needs import NEEDS  # noqa: E402
from selfcare.accounts.models import User  # noqa: E402
from selfcare.accounts.sessions import SessionStore  # noqa: E402
from selfcare.checkins import instruments  # noqa: E402
from selfcare.checkins.models import CheckIn, ScreenerResult  # noqa: E402

HEAVY_DAYS = int(os.environ.get("BENCH_HEAVY_DAYS", 365))
HEAVY_ENTRIES = int(os.environ.get("BENCH_HEAVY_ENTRIES", 1500))  # about four a day
OTHER_USERS = int(os.environ.get("BENCH_OTHER_USERS", 1000))
OTHER_DAYS = int(os.environ.get("BENCH_OTHER_DAYS", 30))
OTHER_ENTRIES = int(os.environ.get("BENCH_OTHER_ENTRIES", 60))
SENTENCES = [
    "Walked to the shop and noticed the cold air on my face.",
    "Work meeting ran long; I went quiet and couldn't say why.",
    "Called my brother. Felt far away during most of it.",
    "Cooked dinner slowly and actually tasted it.",
    "Couldn't sleep, the day kept replaying.",
    "Sat in the park and listened to the birds for a while.",
]


def make_user(email: str) -> User:
    now = timezone.now()
    user, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "time_zone": "Europe/London",
            "consent_version": "bench",
            "consented_at": now,
            "age_attested_at": now,
        },
    )
    user.set_password("bench-password-123")
    user.save()
    return user


def seed_entries(user: User, count: int, rng: random.Random) -> None:
    words = [f.word for f in vocabulary().all()] + ["can't tell", "numb"]
    now = timezone.now()
    kinds = ["event-feeling-need", "note", "expressive"]
    batch = []
    for n in range(count):
        kind = kinds[n % 3]
        created = now - datetime.timedelta(hours=n * 365 * 24 / max(count, 1) + rng.random())
        batch.append(
            JournalEntry(
                owner=user,
                kind=kind,
                created_at=created,
                feelings=rng.sample(words, k=rng.randint(0, 3)) if kind == "event-feeling-need" else [],
                needs=rng.sample(NEEDS, k=rng.randint(0, 2)) if kind == "event-feeling-need" else [],
                intensity=rng.randint(0, 10) if kind == "event-feeling-need" else None,
                event=rng.choice(SENTENCES) if kind == "event-feeling-need" else "",
                text=rng.choice(SENTENCES) if kind != "event-feeling-need" else "",
            )
        )
        if len(batch) == 1000:
            JournalEntry.objects.bulk_create(batch)
            batch = []
    JournalEntry.objects.bulk_create(batch)


def session_for(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key


def seed_checkins(user: User, days: int, rng: random.Random) -> None:
    today = user.local_today()
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=user,
            date=today - datetime.timedelta(days=n),
            numbness=rng.randint(2, 9),
            impact_work=rng.randint(0, 2),
            impact_relationships=rng.randint(0, 2),
            impact_selfcare=rng.randint(0, 1),
            connection=rng.randint(1, 8),
            note=rng.choice(["", "", "tired", "a bit better"]),
        )
        for n in range(days)
    )


def seed_questionnaires(user: User, days: int, rng: random.Random) -> ScreenerResult:
    now = timezone.now()
    rows = []
    for slug in ("phq9", "gad7", "who5"):
        instrument = instruments.instruments()[slug]
        for n in range(0, days, instrument.interval_days):
            answers = {q.key: rng.randint(0, 2) for q in instrument.items}
            if slug == "phq9":
                answers["9"] = 0
            score = instrument.score(answers)
            band = instrument.band(score)
            assert band is not None
            rows.append(
                ScreenerResult(
                    owner=user,
                    instrument=slug,
                    status="complete",
                    answers=answers,
                    score=score,
                    band=band.key,
                    completed_at=now - datetime.timedelta(days=n, hours=rng.random()),
                )
            )
    ScreenerResult.objects.bulk_create(rows)
    return ScreenerResult.objects.filter(owner=user, instrument="phq9").latest("completed_at")


def seed_practices(user: User, days: int) -> PracticeSession:
    """A finished practice every other day, and one waiting at its first step (the step page benchmarked)."""
    exercise = content.catalogue()["grounding"]
    now = timezone.now()
    for n in range(0, days, 2):
        session = runner.start(user, exercise)
        runner.finish(session)
        PracticeSession.objects.filter(pk=session.pk).update(
            started_at=now - datetime.timedelta(days=n), finished_at=now - datetime.timedelta(days=n, minutes=-8)
        )
    waiting = runner.start(user, exercise)
    PracticeSession.objects.filter(pk=waiting.pk).update(step=1, furthest_step=1)
    return waiting


def main() -> None:
    rng = random.Random(42)
    heavy = make_user("heavy@bench.thaw")
    if not CheckIn.objects.filter(owner=heavy).exists():
        seed_entries(heavy, HEAVY_ENTRIES, rng)
        seed_checkins(heavy, HEAVY_DAYS, rng)
        seed_questionnaires(heavy, HEAVY_DAYS, rng)
        seed_practices(heavy, HEAVY_DAYS)
        weeks.start_week(heavy)
        for number in range(OTHER_USERS):
            other = make_user(f"other{number}@bench.thaw")
            seed_entries(other, OTHER_ENTRIES, rng)
            seed_checkins(other, OTHER_DAYS, rng)
            if number % 100 == 99:
                print(f"seeded {number + 1}/{OTHER_USERS} other users", file=sys.stderr)
        # Fresh planner statistics, as autovacuum would have by the time real data had grown this big.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    waiting = PracticeSession.objects.filter(owner=heavy, finished_at__isnull=True).order_by("-pk").first()
    result = ScreenerResult.objects.filter(owner=heavy, instrument="phq9").order_by("-completed_at").first()
    assert waiting is not None and result is not None, "the heavy user is seeded with both"
    print(
        json.dumps(
            {
                "cookie": session_for(heavy),
                "step": f"/exercises/s/{waiting.code}/1/",
                "result": f"/checkin/results/{result.pk}/",
            }
        )
    )


if __name__ == "__main__":
    main()
