"""Seed the benchmark database: one heavy user with 5,000 entries, 100 others with 1,000 each.

Run through `python -m tests.bench.seed_journal` with DATABASE_URL pointing at the benchmark database.
Prints the heavy user's session cookie value on the last line.
"""

from __future__ import annotations

import datetime
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfcare.settings")
django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from journal.feelings import vocabulary  # noqa: E402
from journal.models import JournalEntry  # noqa: E402
from journal.needs import NEEDS  # noqa: E402
from selfcare.accounts.models import User  # noqa: E402

HEAVY_ENTRIES = int(os.environ.get("BENCH_HEAVY_ENTRIES", 5000))
OTHER_USERS = int(os.environ.get("BENCH_OTHER_USERS", 100))
OTHER_ENTRIES = int(os.environ.get("BENCH_OTHER_ENTRIES", 1000))
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
    return store.session_key


def main() -> None:
    rng = random.Random(42)
    heavy = make_user("heavy@bench.thaw")
    if not JournalEntry.objects.filter(owner=heavy).exists():
        seed_entries(heavy, HEAVY_ENTRIES, rng)
        for number in range(OTHER_USERS):
            seed_entries(make_user(f"other{number}@bench.thaw"), OTHER_ENTRIES, rng)
            print(f"seeded {number + 1}/{OTHER_USERS} other users", file=sys.stderr)
    print(session_for(heavy))


if __name__ == "__main__":
    main()
